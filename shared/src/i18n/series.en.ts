import type { seriesMessages as reference } from './series.id.ts';
import type { Translation } from './translation.ts';

/** English messages of series of sessions; the same keys as series.id.ts. */
export const seriesMessages: Translation<typeof reference> = {
  series: {
    pageTitle: 'Series',
    notFound: 'Series not found',
    numbered: '#{number} of the series {title}',
    numberOnly: 'Session #{number}',
    sessionCount: '{count} sessions',
    noUpcoming: 'All sessions of this series are over.',
    newTitle: 'New series',
    newLead:
      'One title and one schedule: Serambi creates numbered sessions (#1, #2, …), each of which you can still change on its own.',
    whatHeading: 'About the series',
    title: 'Series title',
    titleHint: 'Each session gets a number: "Sharing Online #1", "#2", …',
    whenHeading: 'Schedule',
    firstDate: 'First date',
    repeat: 'Repeats',
    rules: {
      weekly: 'Every week',
      biweekly: 'Every two weeks',
      'monthly-nth-weekday': 'Monthly, on a given weekday',
    },
    nth: 'Which one',
    nths: {
      '1': 'First',
      '2': 'Second',
      '3': 'Third',
      '4': 'Fourth',
      last: 'Last',
    },
    weekday: 'Weekday',
    ends: 'Ends',
    endAfterCount: 'After a number of sessions',
    count: 'Number of sessions',
    endOnDate: 'On a date',
    until: 'Last date',
    previewHeading: 'Sessions to be created',
    previewEmpty: 'Choose the first date, the time and the end to see the schedule.',
    previewCount: '{count} sessions:',
    previewMore: 'and {count} more.',
    tooMany: 'A series has at most {max} sessions. Choose an earlier last date.',
    publish: 'Publish series',
    saveDrafts: 'Save all as drafts',
    creating: 'Creating sessions…',
    aboutHeading: 'About this series',
    registerAll: 'Join the whole series',
    registerAllHint:
      'Register once for the {count} sessions still open. You get one email with all your personal links.',
    registerAllAction: 'Register for {count} sessions',
    registeredAllBody: 'We sent all your personal links in one email to {email}.',
  },
};
