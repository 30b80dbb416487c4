/** Indonesian messages: the reference dictionary; `en` must have exactly the same keys. */
export const id = {
  app: {
    name: 'Serambi',
    tagline: 'Sesi berbagi online yang tertata untuk komunitas',
    skipToContent: 'Lewati ke konten',
  },
  nav: {
    home: 'Beranda',
    language: 'Bahasa',
    apiDocs: 'Dokumentasi API',
  },
  home: {
    title: 'Sesi berbagi komunitas, dari pendaftaran sampai sertifikat',
    lead: 'Jadwalkan seri sesi, terima pendaftaran, ingatkan peserta, pandu sesi langsung dengan antrean tanya jawab, lalu bagikan rekaman, laporan kehadiran, dan e-sertifikat — semuanya di satu tempat.',
    features: {
      schedule: 'Seri dan jadwal dalam WIB, WITA, dan WIT',
      live: 'Panggung langsung dengan moderator dan antrean tanya jawab',
      after: 'Rekaman, laporan kehadiran, dan e-sertifikat',
    },
  },
  status: {
    heading: 'Status sistem',
    checking: 'Memeriksa…',
    ok: 'Berfungsi',
    down: 'Tidak tersedia',
    unreachable: 'Server tidak dapat dihubungi',
    database: 'Basis data',
    livekit: 'Server media (LiveKit)',
    overall: 'Keseluruhan',
  },
  language: {
    id: 'Bahasa Indonesia',
    en: 'English',
  },
  notFound: {
    title: 'Halaman tidak ditemukan',
    body: 'Alamat ini tidak ada atau sudah dipindahkan.',
    back: 'Kembali ke beranda',
  },
  problems: {
    validation: 'Permintaan tidak valid. Periksa kolom yang disebutkan lalu coba lagi.',
    malformedJson: 'Isi permintaan bukan JSON yang valid.',
    notFound: 'Yang Anda cari tidak ditemukan.',
    routeNotFound: 'Alamat API ini tidak ada. Lihat /api/docs untuk daftar alamat.',
    slugTaken: 'Alamat "{slug}" sudah dipakai komunitas lain. Pilih alamat lain.',
    conflict: 'Data ini bertabrakan dengan data yang sudah ada.',
    unauthorized: 'Anda perlu masuk untuk melakukan ini.',
    forbidden: 'Anda tidak berhak melakukan ini.',
    webhookSignature: 'Tanda tangan webhook tidak valid.',
    payloadTooLarge: 'Permintaan terlalu besar.',
    unavailable: 'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.',
    internal: 'Terjadi kesalahan di server. Kami sudah mencatatnya; coba lagi nanti.',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof id>;
