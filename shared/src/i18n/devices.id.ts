/** Indonesian messages of the camera and microphone check; the reference for devices.en.ts. */
export const devicesMessages = {
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
} as const;
