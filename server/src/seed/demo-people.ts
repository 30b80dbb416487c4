import type { AddSessionPersonInput, Locale, RegistrationQuestion } from '@serambi/shared';
import type { RegisterInput } from '../registrations/service.ts';

/**
 * The made-up people and names of the demo. Everyone but the organizer has an address under
 * .example (RFC 2606), which no mail server accepts, so a demo seeded where SMTP_URL is set
 * mails nobody real.
 */

const BUSINESSES = ['Kuliner', 'Kerajinan', 'Pariwisata', 'Fesyen', 'Lainnya'];

const question: RegistrationQuestion = {
  id: 'bidang-usaha',
  kind: 'choice',
  label: 'Bidang usaha Anda',
  required: true,
  options: BUSINESSES,
};

export const DEMO = {
  organizer: { name: 'Made Wirawan', email: 'demo@serambi.local' },
  timeZone: 'Asia/Makassar',
  community: {
    slug: 'bisnis-bali',
    name: 'Komunitas Bisnis Bali',
    description:
      'Komunitas pelaku UMKM di Bali yang saling berbagi pengalaman: pemasaran, keuangan, dan cara melayani tamu dari seluruh dunia.',
    timeZone: 'Asia/Makassar',
    logoUrl: null,
  },
  seriesTitle: 'Sharing Online',
  seriesDescription:
    'Setiap Minggu malam, satu pelaku usaha berbagi cerita dan kiatnya selama 45 menit, lalu tanya jawab bersama peserta.',
  question,
  moderator: {
    role: 'moderator',
    name: 'Kadek Ayu Pratiwi',
    email: 'kadek.ayu@bisnis-bali.example',
    title: 'Pengurus Komunitas Bisnis Bali',
    bio: '',
    photoUrl: null,
  },
} as const satisfies Record<string, unknown> & { moderator: AddSessionPersonInput };

/** One speaker per session, in series order. */
export const DEMO_SPEAKERS: readonly AddSessionPersonInput[] = [
  ['Ni Luh Putu Sari', 'Pemilik Warung Sari Organik, Ubud', 'Memasarkan warung lewat WhatsApp Business'],
  ['I Gede Arya Wiguna', 'Perajin perak, Celuk', 'Dari bengkel keluarga ke pembeli luar negeri'],
  ['Komang Dewi Lestari', 'Pengelola homestay, Sidemen', 'Ulasan tamu sebagai alat pemasaran'],
  ['Wayan Suardana', 'Konsultan keuangan UMKM', 'Memisahkan uang usaha dan uang rumah tangga'],
  ['Putu Eka Juliantari', 'Desainer busana, Denpasar', 'Menentukan harga produk buatan tangan'],
  ['Nyoman Adi Saputra', 'Pemandu wisata dan pendiri agen tur', 'Bekerja sama dengan sesama pelaku usaha'],
].map(([name, title, topic], index) => ({
  role: 'speaker' as const,
  name: name ?? '',
  email: `pembicara${index + 1}@bisnis-bali.example`,
  title: title ?? '',
  bio: `Berbagi tentang: ${topic}.`,
  photoUrl: null,
}));

const FIRST_NAMES = ['Ayu', 'Bagus', 'Citra', 'Dewa', 'Eka', 'Fitri', 'Gusti', 'Hendra', 'Indah', 'Joko'];
const LAST_NAMES = ['Pratama', 'Wulandari', 'Santoso', 'Maharani'];

/** Forty people for the first session (30 seats): the last ten end on the waitlist. */
export function demoRegistrants(): Array<RegisterInput & { locale: Locale }> {
  return LAST_NAMES.flatMap((last, l) =>
    FIRST_NAMES.map((first, f) => {
      const n = l * FIRST_NAMES.length + f;
      return {
        name: `${first} ${last}`,
        email: `${first}.${last}@peserta.example`.toLowerCase(),
        // A few read English: their mails come in English.
        locale: n % 7 === 3 ? ('en' as const) : ('id' as const),
        answers: { [question.id]: BUSINESSES[n % BUSINESSES.length] ?? 'Lainnya' },
      };
    }),
  );
}
