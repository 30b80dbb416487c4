/** Indonesian messages of calendar files and subscriptions; the reference for calendar.en.ts. */
export const calendarMessages = {
  calendar: {
    subscribe: 'Langganan semua sesi di kalender',
    calendarApp: 'Aplikasi kalender (Apple, Outlook)',
    add: 'Masukkan ke kalender',
    google: 'Google Kalender',
    ics: 'Apple / Outlook (.ics)',
  },
} as const;
