import type { chatMessages as reference } from './chat.id.ts';
import type { Translation } from './translation.ts';

/** English messages of the room’s chat; the same keys as chat.id.ts. */
export const chatMessages: Translation<typeof reference> = {
  chat: {
    heading: 'Chat',
    listLabel: 'Chat messages',
    empty: 'No messages yet. Say hello!',
    label: 'Message',
    placeholder: 'Write a message…',
    send: 'Send',
    sending: 'Sending…',
    enterHint: 'Enter sends, Shift+Enter starts a new line.',
    announcement: 'Send as an announcement',
    announcementLabel: 'Announcement',
    closed: 'Chat is closed.',
    closedModerator: 'Chat is closed for participants. Moderators can still write.',
    slowMode: 'Slow mode: one message every {seconds} s.',
    slowModeWait: 'You can send again in {seconds} s.',
    newMessages: 'New messages',
    delete: 'Delete',
    deleteLabel: 'Delete the message from {name}',
    makeQuestion: 'Make it a question',
    makeQuestionLabel: 'Make the message from {name} a question',
    madeQuestion: 'Made into a question',
    roles: {
      participant: 'Participant',
      speaker: 'Speaker',
      moderator: 'Moderator',
    },
    banner: {
      label: 'Announcement from {name}',
      dismiss: 'Close the announcement',
    },
  },
};
