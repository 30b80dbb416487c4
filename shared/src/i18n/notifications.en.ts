import type { notificationsMessages as reference } from './notifications.id.ts';
import type { Translation } from './translation.ts';

/**
 * English messages of the mails Serambi sends and the development outbox that shows them; the same
 * keys as notifications.id.ts.
 */
export const notificationsMessages: Translation<typeof reference> = {
  mail: {
    greeting: 'Hello {name},',
    footerCommunity: 'This mail was sent by Serambi on behalf of {community}.',
    footerAccount: 'This mail was sent by Serambi because of a request for the account {email}.',
    whenLine: 'When: {time}',
    verify: {
      subject: 'Confirm your email address for Serambi',
      heading: 'Confirm your email address',
      body: 'Click the button below to confirm this address is yours. The link works for 1 hour.',
      action: 'Confirm email',
      ignore: 'If you did not sign up for Serambi, ignore this mail.',
    },
    reset: {
      subject: 'Reset your Serambi password',
      heading: 'Reset your password',
      body: 'Someone asked to reset the password of this account. The link works for 1 hour.',
      action: 'Choose a new password',
      ignore: 'If it was not you, ignore this mail: your password stays as it is.',
    },
    registered: {
      subject: 'You are registered: {title}',
      heading: 'You are registered for {title}',
      body: 'Your seat is saved. The attached calendar file puts the session in your calendar.',
      linkNote: 'The button below is your personal link to join. Do not share it: whoever has it joins as you.',
      action: 'Open your join link',
      cancel: 'Can’t make it? Cancel so someone else can have your seat: {url}',
      again: 'You had registered already; this is the same link.',
    },
    waitlisted: {
      subject: 'Waitlist: {title}',
      heading: 'You are on the waitlist for {title}',
      body: 'All seats are taken, so you are number {position} on the waitlist. If someone cancels, you get their seat automatically and we will mail you.',
    },
    promoted: {
      subject: 'A seat for you: {title}',
      heading: 'There is a seat for you at {title}',
      body: 'Someone cancelled, so you are now registered. The calendar file is attached.',
    },
    cancelledByYou: {
      subject: 'Registration cancelled: {title}',
      heading: 'Your registration is cancelled',
      body: 'Your registration for {title} is cancelled. Changed your mind? Register again on the session page.',
      action: 'Session page',
    },
    rescheduled: {
      subject: 'New time: {title}',
      heading: '{title} has a new time',
      body: 'The organizer changed the time of the session. The new time:',
      calendar: 'The attached calendar file updates the entry in your calendar.',
    },
    sessionCancelled: {
      subject: 'Cancelled: {title}',
      heading: '{title} is cancelled',
      body: 'The organizer cancelled this session. Sorry for the inconvenience. The attached calendar file removes it from your calendar.',
    },
    reminder: {
      subject: 'Reminder: {title} {when}',
      heading: '{title} starts {when}',
      dayBefore: 'tomorrow',
      hourBefore: 'soon',
      soon: 'in {minutes} minutes',
      body: 'See you there. Use your personal link to join:',
      action: 'Join',
    },
    speakerInvite: {
      subject: 'Invitation as {role}: {title}',
      heading: 'You are invited as {role}',
      body: '{community} invites you as {role} at {title}.',
      action: 'Accept the invitation',
      speaker: 'speaker',
      moderator: 'moderator',
    },
    organizerInvite: {
      subject: '{inviter} invites you to run {community} on Serambi',
      heading: 'Run {community} together',
      body: '{inviter} invites you as {role} of {community}. Sign in or sign up with this email address to accept.',
      action: 'Accept the invitation',
      owner: 'owner',
      organizer: 'organizer',
    },
    seriesRegistered: {
      subject: 'Registered for the series {title}',
      heading: 'You are registered for {count} sessions of {title}',
      body: 'Each session has its own personal join link. Do not share them. The attached calendar file holds every session.',
      line: '#{number} · {time} · {status}: {url}',
      registered: 'registered',
      waitlisted: 'waitlist (number {position})',
    },
    actionFallback: 'If the button does not work, copy this address into your browser:',
  },
  outbox: {
    title: 'Development outbox',
    notice: 'SMTP_URL is not set, so mail is not sent: it appears here instead.',
    newest: 'The {count} newest messages at most.',
    empty: 'No mail yet.',
    subject: 'Subject',
    from: 'From',
    to: 'To',
    time: 'Time',
    back: 'Back to the outbox',
    textVersion: 'Text version',
    htmlVersion: 'HTML version',
    htmlFrameTitle: 'Preview of the mail’s HTML (scripts disabled)',
    attachments: 'Attachments',
    notFound: 'This message is not in the outbox.',
  },
};
