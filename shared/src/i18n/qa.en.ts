import type { qaMessages as reference } from './qa.id.ts';
import type { Translation } from './translation.ts';

/**
 * English messages of Q&A outside the room: asking ahead, and the interaction report (questions,
 * polls, reactions and chat) after the session; the same keys as qa.id.ts.
 */
export const qaMessages: Translation<typeof reference> = {
  characterCounter: {
    left: '{left} characters left',
  },
  askQuestion: {
    label: 'Your question',
    placeholder: 'Ask the speakers something…',
    submit: 'Ask',
    sending: 'Sending…',
    anonymous: 'Ask anonymously',
    anonymousHidden: 'Nobody, moderators included, will see your name.',
    anonymousModerators: 'Other participants won’t see your name; moderators will.',
    reviewed: 'Questions are reviewed by a moderator before they appear.',
    sent: 'Your question is on the list.',
    sentForReview: 'Sent. It appears once a moderator approves it.',
  },
  askAhead: {
    heading: 'Ask a question ahead',
    hint: 'It goes into the session’s Q&A; the speakers see it when the session starts.',
    open: 'Write a question',
    preparing: 'Getting ready…',
    mine: 'Questions you sent',
    status: {
      pending: 'Waiting for review',
      open: 'On the list',
      answered: 'Answered',
      dismissed: 'Dismissed by a moderator',
      merged: 'Merged with a similar question',
      withdrawn: 'Withdrawn',
    },
  },
  interactionReport: {
    heading: 'Q&A and polls',
    lead: 'What happened in the session room: questions, polls, reactions and chat.',
    questions: 'Questions ({count})',
    questionsEmpty: 'No questions were asked in this session.',
    question: 'Question',
    askedBy: 'Asked by',
    votes: 'Votes',
    status: 'Status',
    answeredAt: 'Answered',
    statuses: {
      pending: 'Never approved',
      open: 'Not answered',
      answered: 'Answered',
      dismissed: 'Dismissed',
      merged: 'Merged',
      withdrawn: 'Withdrawn',
    },
    anonymous: 'Anonymous',
    polls: 'Polls ({count})',
    pollsEmpty: 'No polls were run in this session.',
    voters: '{count} voted',
    optionVotes: '{votes} votes ({percent}%)',
    optionVoteOne: '1 vote ({percent}%)',
    notLaunched: 'Not launched',
    reactions: 'Reactions',
    reactionsNone: 'No reactions.',
    chatMessages: '{count} chat messages',
    downloadQuestions: 'Download questions (CSV)',
    downloadPolls: 'Download polls (CSV)',
    reactionKinds: {
      clap: 'applause',
      heart: 'love',
      laugh: 'laughter',
      wow: 'wow',
      thumbs_up: 'thumbs up',
      party: 'celebrate',
    },
  },
};
