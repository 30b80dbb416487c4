import type { feedbackMessages as reference } from './feedback.id.ts';
import type { Translation } from './translation.ts';

/** English messages of feedback; the same keys as feedback.id.ts. */
export const feedbackMessages: Translation<typeof reference> = {
  /** The attendee's form: after leaving the room, when the session ends, and on the join link. */
  form: {
    heading: 'How was the session?',
    lead: 'Your feedback helps the organizers make the next session better. It takes a minute.',
    label: 'Feedback on {title}',
    ratingLegend: 'Overall rating',
    ratings: {
      '1': 'Very poor',
      '2': 'Poor',
      '3': 'Fair',
      '4': 'Good',
      '5': 'Very good',
    },
    starLabel: '{n} of 5 stars: {label}',
    noRating: 'Choose a number of stars',
    comment: 'Comment',
    commentHint: 'What was most useful, and what could be better?',
    submit: 'Send feedback',
    sending: 'Sending…',
    update: 'Save changes',
    cancelEdit: 'Cancel',
    skip: 'Skip',
    thanks: 'Thank you for your feedback!',
    thanksBody: 'The organizers will read it. While the form is open you can change your answer.',
    yourRating: 'Your rating: {label}',
    edit: 'Edit my answer',
  },
  /** Leaving the room: the screen after, which offers the form. */
  leaving: {
    leave: 'Leave',
    leaveLabel: 'Leave the session’s room',
    left: 'You left the room',
    leftHint: 'You can come back in any time before the session ends.',
    rejoin: 'Enter again',
  },
  /** The organizer's editor of the form's questions. */
  editor: {
    heading: 'Feedback form',
    lead: 'Participants fill it in after leaving the room or when the session ends, and on their personal link: 1–5 stars, a comment, and your own questions.',
    enabled: 'Ask participants for feedback',
    enabledHint: 'When off, the form is not shown and takes no answers.',
    questionsHeading: 'Extra questions',
    questionsHint:
      'Besides the rating and the comment. For example: what they would like the next session to be about.',
    save: 'Save form',
  },
  /** The organizer's view of the answers. */
  results: {
    heading: 'Participants’ feedback',
    responses: 'Responses',
    average: 'Average rating',
    none: 'No feedback yet. Answers appear here as soon as participants send them.',
    distribution: 'Ratings',
    barLabel: '{n} stars: {count} responses ({percent}%)',
    questions: 'Extra questions',
    answerCount: '{count} responses ({percent}%)',
    yes: 'Yes',
    no: 'No',
    noTexts: 'No answers yet.',
    showAll: 'Show all ({count})',
    showFewer: 'Show fewer',
    comments: 'Comments',
    noComments: 'No comments yet.',
    ratingOf: '{n} of 5 stars',
  },
  problems: {
    notYet: 'Feedback opens when the session starts. Come back later.',
    disabled: 'The organizer has closed feedback for this session.',
    sessionCancelled: 'This session was cancelled, so there is no feedback to give.',
    registrationCancelled: 'Your registration for this session was cancelled, so you cannot give feedback on it.',
    unknownQuestion: 'This question is not on the feedback form. Reload the page and try again.',
  },
};
