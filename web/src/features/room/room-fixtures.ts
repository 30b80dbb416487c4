import type { Question, RoomSnapshot } from '@serambi/shared';

/** Small rooms for the tests of the room's state: a participant's snapshot and a question. */

const at = '2026-11-23T12:00:00.000Z';

export function aSnapshot(): RoomSnapshot {
  return {
    view: 'room',
    version: 4,
    session: {
      id: 's1',
      slug: 'bincang',
      title: 'Bincang',
      status: 'scheduled',
      visibility: 'public',
      startsAt: at,
      endsAt: at,
      timeZone: 'Asia/Makassar',
      liveAt: null,
      endedAt: null,
      community: { slug: 'bali', name: 'Bali' },
    },
    settings: {
      doorsOpenAt: at,
      locked: false,
      stageGuestLimit: 3,
      qaMode: 'open',
      anonymousQuestions: 'moderators',
      chatClosed: false,
      chatSlowModeSeconds: 0,
    },
    me: {
      identity: 'r_me',
      name: 'Budi',
      role: 'participant',
      stage: 'none',
      handRaisedAt: null,
      admission: 'admitted',
    },
    presence: { connected: 2 },
    hands: [],
    guests: [],
    lobby: [],
    qa: { questions: [], answeringId: null, mine: [], myVotes: [] },
    chat: { messages: [] },
    polls: { polls: [], myVotes: {} },
    recording: null,
    recordingNotice: false,
    pinnedMaterial: null,
    liveStream: null,
    breakouts: null,
  };
}

export function aQuestion(overrides: Partial<Question> = {}): Question {
  return {
    id: 'q1',
    text: 'Berapa modal awalnya?',
    status: 'open',
    anonymous: false,
    author: { identity: 'r_ani', name: 'Ani' },
    votes: 0,
    createdAt: at,
    editedAt: null,
    editedByModerator: false,
    answeredAt: null,
    mergedInto: null,
    fromChat: false,
    rev: 1,
    ...overrides,
  };
}
