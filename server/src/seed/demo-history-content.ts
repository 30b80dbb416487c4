import type { AddSessionPersonInput, RegistrationQuestion } from '@serambi/shared';

/**
 * The words of the demo's past series: what it was about, who spoke, what people asked and
 * what they wrote afterwards. Made up, in the voice of a small-business community in Bali.
 */

export const HISTORY = {
  seriesTitle: 'Kelas Digital UMKM',
  seriesDescription:
    'Lima kelas malam tentang berjualan secara daring: WhatsApp Business, foto produk, Instagram, marketplace, dan pembukuan sederhana. Setiap kelas 60 menit, termasuk tanya jawab.',
  sessions: 5,
  durationMinutes: 60,
  startTime: '19:30',
  capacity: 40,
} as const;

/** One speaker per session, in series order. */
export const HISTORY_SPEAKERS: readonly AddSessionPersonInput[] = [
  ['Ni Made Ayu Lestari', 'Pemilik toko daring Tenun Sidemen', 'WhatsApp Business untuk toko kecil'],
  ['I Putu Gede Ariawan', 'Fotografer produk, Denpasar', 'Foto produk dengan ponsel'],
  ['Luh Sri Widiantari', 'Pengelola akun Instagram UMKM', 'Instagram yang menjual'],
  ['Ketut Agus Wirawan', 'Penjual kopi Kintamani di marketplace', 'Mulai berjualan di marketplace'],
  ['Desak Putu Anggreni', 'Akuntan, pendamping UMKM', 'Pembukuan sederhana dari ponsel'],
].map(([name, title, topic], index) => ({
  role: 'speaker' as const,
  name: name ?? '',
  email: `narasumber${index + 1}@bisnis-bali.example`,
  title: title ?? '',
  bio: `Berbagi tentang: ${topic}.`,
  photoUrl: null,
}));

/** Questions asked in the room, per session: they share topics across sessions, as real ones do. */
export const HISTORY_QUESTIONS: readonly (readonly string[])[] = [
  [
    'Bagaimana cara membuat katalog di WhatsApp Business supaya pembeli bisa langsung pesan?',
    'Apakah balasan otomatis WhatsApp Business tidak terasa kaku untuk pelanggan lama?',
    'Bagaimana menghitung ongkos kirim ke luar Bali tanpa membuat pembeli kabur?',
    'Perlukah nomor WhatsApp Business terpisah dari nomor pribadi?',
    'Bagaimana membalas pertanyaan harga di malam hari tanpa begadang?',
    'Bolehkah mengirim katalog ke grup WhatsApp pelanggan?',
  ],
  [
    'Foto produk dengan ponsel sebaiknya pakai cahaya matahari atau lampu?',
    'Aplikasi apa yang bagus untuk mengedit foto produk dengan ponsel?',
    'Bagaimana foto produk kerajinan perak supaya tidak silau?',
    'Apakah foto produk perlu latar putih untuk marketplace?',
    'Berapa banyak foto produk yang ideal untuk satu barang di katalog WhatsApp?',
  ],
  [
    'Jam berapa sebaiknya mengunggah di Instagram untuk pembeli dari Jawa?',
    'Apakah Reels Instagram lebih menjual daripada foto produk biasa?',
    'Bagaimana menjawab komentar yang menanyakan harga di Instagram?',
    'Perlukah iklan berbayar Instagram untuk usaha kecil?',
    'Bagaimana menghubungkan Instagram ke katalog WhatsApp Business?',
    'Bagaimana membuat caption Instagram dalam bahasa Inggris untuk tamu asing?',
    'Apakah harga sebaiknya ditulis di Instagram atau lewat pesan saja?',
  ],
  [
    'Marketplace mana yang paling cocok untuk kopi dan makanan kering?',
    'Bagaimana menentukan harga jual di marketplace setelah potongan biaya admin?',
    'Bagaimana mengatur ongkos kirim gratis di marketplace tanpa rugi?',
    'Apakah foto produk di marketplace harus sama dengan di Instagram?',
    'Bagaimana mendapat ulasan pertama di marketplace?',
    'Perlukah stok terpisah untuk marketplace dan WhatsApp Business?',
    'Bagaimana membalas ulasan bintang satu di marketplace dengan sopan?',
    'Apakah harga jual di marketplace boleh lebih mahal daripada di toko?',
  ],
];

/** What people wrote in the feedback form, by the stars they gave. */
export const HISTORY_COMMENTS: Readonly<Record<number, readonly string[]>> = {
  5: [
    'Sangat praktis, langsung saya coba malam ini juga. Terima kasih!',
    'Contohnya dari usaha nyata di Bali, jadi mudah dibayangkan.',
    'Narasumbernya sabar menjawab satu per satu. Mantap.',
    'Materinya pas untuk pemula seperti saya.',
    'Great session, the examples were very clear even for a non-native speaker.',
    '',
    '',
  ],
  4: [
    'Bagus, tapi waktunya kurang panjang untuk tanya jawab.',
    'Materi berguna. Semoga slidenya dibagikan.',
    'Suara narasumber sempat putus-putus di awal, selebihnya lancar.',
    'Useful, would love a follow-up on pricing.',
    '',
    '',
  ],
  3: ['Cukup, tapi sebagian sudah saya tahu.', 'Terlalu cepat di bagian akhir.', ''],
  2: ['Kurang sesuai dengan usaha saya (jasa, bukan barang).'],
  1: [''],
};

/** The extra question on the latest session's feedback form. */
export const NEXT_TOPIC_QUESTION: RegistrationQuestion = {
  id: 'topik-berikutnya',
  kind: 'choice',
  label: 'Topik apa yang ingin Anda pelajari berikutnya?',
  required: false,
  options: ['Iklan berbayar', 'Pengiriman ke luar negeri', 'Pajak UMKM', 'Desain kemasan'],
};

/**
 * The same numbers on every run, so the demo looks the same wherever it is seeded
 * (mulberry32: small and good enough for made-up attendance).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
