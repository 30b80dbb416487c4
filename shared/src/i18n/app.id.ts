/**
 * Indonesian messages of the site around every page: its name, navigation, home page, language switch,
 * not-found page and the link previews of shared pages; the reference for app.en.ts.
 */
export const appMessages = {
  app: {
    name: 'Serambi',
    tagline: 'Sesi berbagi online yang tertata untuk komunitas',
    skipToContent: 'Lewati ke konten',
    homeLink: 'Serambi, ke beranda',
  },
  nav: {
    home: 'Beranda',
    language: 'Bahasa',
    apiDocs: 'Dokumentasi API',
    check: 'Cek perangkat',
    main: 'Navigasi utama',
  },
  home: {
    createCommunity: 'Buat komunitas Anda',
    checkDevices: 'Periksa kamera dan mikrofon',
    featuresHeading: 'Yang Serambi tangani untuk Anda',
    title: 'Sesi berbagi komunitas, dari pendaftaran sampai sertifikat',
    lead: 'Jadwalkan seri sesi, terima pendaftaran, ingatkan peserta, pandu sesi langsung dengan antrean tanya jawab, lalu bagikan rekaman, laporan kehadiran, dan e-sertifikat — semuanya di satu tempat.',
    features: {
      schedule: 'Seri dan jadwal dalam WIB, WITA, dan WIT',
      live: 'Panggung langsung dengan moderator dan antrean tanya jawab',
      after: 'Rekaman, laporan kehadiran, dan e-sertifikat',
    },
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
  linkPreview: {
    sessionBy: 'Sesi online {community}',
    live: 'Sedang berlangsung',
    ended: 'Sudah selesai',
    cancelled: 'Dibatalkan',
    communityFallback: 'Sesi berbagi online {community} di Serambi.',
    nextSession: 'Sesi berikutnya: {title}, {time}.',
    seriesSessions: '{count} sesi oleh {community}.',
  },
} as const;
