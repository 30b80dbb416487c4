import type { timeMessages as reference } from './time.id.ts';
import type { Translation } from './translation.ts';

/** English messages of time zones and session times; the same keys as time.id.ts. */
export const timeMessages: Translation<typeof reference> = {
  timeZones: {
    jakarta: 'WIB (UTC+7) — Java, Sumatra',
    pontianak: 'WIB (UTC+7) — West and Central Kalimantan',
    makassar: 'WITA (UTC+8) — Bali, Nusa Tenggara, Sulawesi, South, East and North Kalimantan',
    jayapura: 'WIT (UTC+9) — Maluku, Papua',
  },
  time: {
    indonesia: 'Indonesia',
    otherZones: 'Other zones',
    inYourZone: 'In your zone ({zone}):',
    startsIn: 'Starts in',
    startsInDays: 'Starts in {days} days {hours} h',
    startsInOneDay: 'Starts in 1 day {hours} h',
    liveNow: 'Live now',
    ended: 'This session has ended',
    cancelled: 'This session was cancelled',
  },
};
