/** Indonesian messages of time zones and session times; the reference for time.en.ts. */
export const timeMessages = {
  timeZones: {
    jakarta: 'WIB (UTC+7) — Jawa, Sumatra',
    pontianak: 'WIB (UTC+7) — Kalimantan Barat dan Tengah',
    makassar: 'WITA (UTC+8) — Bali, Nusa Tenggara, Sulawesi, Kalimantan Selatan, Timur, dan Utara',
    jayapura: 'WIT (UTC+9) — Maluku, Papua',
  },
  time: {
    indonesia: 'Indonesia',
    otherZones: 'Zona lain',
    inYourZone: 'Di zona Anda ({zone}):',
    startsIn: 'Mulai dalam',
    startsInDays: 'Mulai dalam {days} hari {hours} jam',
    startsInOneDay: 'Mulai dalam 1 hari {hours} jam',
    liveNow: 'Sedang berlangsung',
    ended: 'Sesi sudah selesai',
    cancelled: 'Sesi dibatalkan',
  },
} as const;
