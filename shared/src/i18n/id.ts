/** Indonesian messages: the reference dictionary; `en` must have exactly the same keys. */
export const id = {
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
  language: {
    id: 'Bahasa Indonesia',
    en: 'English',
  },
  check: {
    title: 'Periksa kamera dan mikrofon',
    lead: 'Sebelum tampil sebagai pembicara atau moderator, pastikan peserta dapat melihat dan mendengar Anda. Pratinjau hanya ada di peramban ini: tidak ada yang direkam atau dikirim.',
    starting: 'Menunggu izin untuk kamera dan mikrofon…',
    retry: 'Coba lagi',
    camera: {
      heading: 'Kamera',
      choose: 'Kamera yang dipakai',
      preview: 'Pratinjau kamera Anda',
      denied: 'Peramban memblokir kamera. Izinkan kamera untuk situs ini (ikon di kiri bilah alamat), lalu coba lagi.',
      notFound: 'Tidak ada kamera yang ditemukan. Sambungkan kamera, lalu coba lagi.',
      inUse: 'Kamera sedang dipakai aplikasi lain. Tutup aplikasi itu, lalu coba lagi.',
      failed: 'Kamera tidak dapat dinyalakan. Coba lagi atau pilih kamera lain.',
      unsupported: 'Halaman ini tidak dapat memakai kamera. Buka Serambi lewat alamat https di peramban versi terbaru.',
      unnamed: 'Kamera {number}',
    },
    microphone: {
      heading: 'Mikrofon',
      choose: 'Mikrofon yang dipakai',
      level: 'Level suara mikrofon',
      hint: 'Ucapkan sesuatu: bilah bergerak saat mikrofon menangkap suara Anda.',
      denied:
        'Peramban memblokir mikrofon. Izinkan mikrofon untuk situs ini (ikon di kiri bilah alamat), lalu coba lagi.',
      notFound: 'Tidak ada mikrofon yang ditemukan. Sambungkan mikrofon, lalu coba lagi.',
      inUse: 'Mikrofon sedang dipakai aplikasi lain. Tutup aplikasi itu, lalu coba lagi.',
      failed: 'Mikrofon tidak dapat dinyalakan. Coba lagi atau pilih mikrofon lain.',
      unsupported:
        'Halaman ini tidak dapat memakai mikrofon. Buka Serambi lewat alamat https di peramban versi terbaru.',
      unnamed: 'Mikrofon {number}',
    },
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
