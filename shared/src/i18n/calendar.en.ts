import type { calendarMessages as reference } from './calendar.id.ts';
import type { Translation } from './translation.ts';

/** English messages of calendar files and subscriptions; the same keys as calendar.id.ts. */
export const calendarMessages: Translation<typeof reference> = {
  calendar: {
    subscribe: 'Subscribe to all sessions in your calendar',
    calendarApp: 'Calendar app (Apple, Outlook)',
    add: 'Add to calendar',
    google: 'Google Calendar',
    ics: 'Apple / Outlook (.ics)',
  },
};
