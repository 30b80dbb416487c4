/** Indonesian messages of the system status panel; the reference for health.en.ts. */
export const healthMessages = {
  status: {
    heading: 'Status sistem',
    checking: 'Memeriksa…',
    ok: 'Berfungsi',
    down: 'Tidak tersedia',
    unreachable: 'Server tidak dapat dihubungi',
    unknown: 'Tidak diketahui',
    database: 'Basis data',
    livekit: 'Server media (LiveKit)',
    overall: 'Keseluruhan',
    recheck: 'Periksa lagi',
  },
} as const;
