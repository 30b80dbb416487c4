/**
 * Indonesian messages of accounts: sign-up, sign-in, password reset and the account menu; the
 * reference for accounts.en.ts.
 */
export const accountsMessages = {
  auth: {
    signIn: 'Masuk',
    signUp: 'Daftar',
    name: 'Nama lengkap',
    email: 'Email',
    password: 'Kata sandi',
    newPassword: 'Kata sandi baru',
    passwordHint: 'Minimal {min} karakter.',
    signUpTitle: 'Buat akun Serambi',
    signUpLead: 'Gratis. Dengan akun ini Anda mengelola komunitas, menjadwalkan sesi, dan menerima pendaftaran.',
    stepAccount: 'Langkah 1 dari 2: akun Anda',
    signUpAction: 'Buat akun',
    signingUp: 'Membuat akun…',
    haveAccount: 'Sudah punya akun?',
    signInTitle: 'Masuk ke Serambi',
    signInLead: 'Masuk untuk mengelola komunitas dan sesi Anda.',
    signInAction: 'Masuk',
    signingIn: 'Masuk…',
    noAccount: 'Belum punya akun?',
    forgotPassword: 'Lupa kata sandi?',
    forgotTitle: 'Lupa kata sandi',
    forgotLead: 'Tulis email akun Anda. Kami kirimkan tautan untuk membuat kata sandi baru.',
    sendResetLink: 'Kirim tautan',
    resetSent:
      'Jika {email} terdaftar di Serambi, tautan untuk membuat kata sandi baru sudah dikirim ke sana. Periksa juga folder spam.',
    backToSignIn: 'Kembali ke halaman masuk',
    resetTitle: 'Buat kata sandi baru',
    saveNewPassword: 'Simpan kata sandi baru',
    resetDone: 'Kata sandi baru tersimpan. Silakan masuk dengan kata sandi itu.',
    requestNewLink: 'Minta tautan baru',
    confirm: {
      title: 'Konfirmasi alamat email Anda',
      resend: 'Kirim ulang tautannya',
      resending: 'Mengirim…',
      resent:
        'Tautan baru sedang dikirim ke {email}. Buka tautan itu, Anda akan kembali ke halaman ini. Periksa juga folder spam.',
      alreadyConfirmed: 'Alamat Anda sudah terkonfirmasi. Silakan coba lagi sekarang.',
      retry: 'Sudah saya konfirmasi, coba lagi',
    },
    needed: {
      title: 'Masuk dulu',
      body: 'Halaman ini untuk penyelenggara. Masuk atau buat akun untuk melanjutkan.',
    },
    errors: {
      wrongPassword: 'Email atau kata sandi salah.',
      passwordTooShort: 'Kata sandi minimal 10 karakter.',
      passwordTooLong: 'Kata sandi maksimal 128 karakter.',
      emailTaken: 'Email ini sudah punya akun. Masuk saja, atau pakai email lain.',
      resetLinkInvalid: 'Tautan ini sudah dipakai atau kedaluwarsa. Minta tautan baru.',
      emailNotVerified: 'Konfirmasi email Anda dulu lewat tautan yang kami kirim.',
      tooMany: 'Terlalu banyak percobaan. Tunggu sebentar, lalu coba lagi.',
      failed: 'Tidak berhasil. Coba lagi sebentar lagi.',
    },
  },
  account: {
    menu: 'Menu akun',
    myCommunities: 'Komunitas saya',
    newCommunity: 'Buat komunitas',
    signOut: 'Keluar',
  },
} as const;
