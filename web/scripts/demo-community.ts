/**
 * A community with a week of sessions, speakers, questions and registrants, made through the
 * public API as an organizer would, for screenshots and trying the app by hand.
 */
import type {
  AddSessionPersonRequest,
  CreateSeriesRequest,
  CreateSessionRequest,
  RegisterRequest,
  Session,
} from '@serambi/shared';

export interface DemoCommunity {
  /** The organizer's session cookie, "name=value; …". */
  cookie: string;
  cookieValues: Array<{ name: string; value: string }>;
  slug: string;
  session: Session;
  seriesId: string;
  /** The first personal join link found in the dev outbox, if mail goes there. */
  joinPath: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function createDemoCommunity(baseUrl: string): Promise<DemoCommunity> {
  const tail = Math.random().toString(36).slice(2, 7);
  const call = async (path: string, body?: unknown, cookie?: string) => {
    const response = await fetch(new URL(path, baseUrl), {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Origin: new URL(baseUrl).origin,
        'Content-Type': 'application/json',
        'Accept-Language': 'id',
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response;
  };

  const signUp = await call('/api/auth/sign-up/email', {
    name: 'Ayu Lestari',
    email: `ayu-${tail}@example.id`,
    password: 'kata-sandi-rahasia',
    locale: 'id',
  });
  const cookieValues = signUp.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .filter((pair) => pair.startsWith('serambi.'))
    .map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1) }));
  const cookie = cookieValues.map(({ name, value }) => `${name}=${value}`).join('; ');

  const slug = `komunitas-bisnis-bali-${tail}`;
  await call(
    '/api/communities',
    {
      name: 'Komunitas Bisnis Bali',
      slug,
      description:
        'Pelaku UMKM se-Bali berbagi pengalaman tiap minggu: pemasaran, keuangan, dan jualan online. Gratis dan terbuka untuk umum.',
      timeZone: 'Asia/Makassar',
      logoUrl: 'https://images.example.com/komunitas-bisnis-bali.png',
    },
    cookie,
  );

  const inFiveDays = new Date(Date.now() + 5 * DAY_MS);
  const startsAt = `${inFiveDays.toISOString().slice(0, 10)}T11:30:00Z`; // 19.30 WITA
  const sessionRequest: CreateSessionRequest = {
    title: 'Sharing Online #3: Jualan lewat WhatsApp Business',
    description: [
      'Banyak pembeli di Bali memesan lewat WhatsApp. Di sesi ini kita bahas:',
      '',
      '- **Katalog** dan balasan cepat yang menghemat waktu',
      '- Label pelanggan supaya pesanan tidak tercecer',
      '- Contoh nyata dari *Kopi Kintamani*',
      '',
      'Bawa pertanyaan Anda! Lihat juga [panduan resmi](https://business.whatsapp.com/).',
      '',
      '<script>alert("ini tidak boleh jalan")</script>',
    ].join('\n'),
    startsAt,
    durationMinutes: 90,
    timeZone: 'Asia/Makassar',
    capacity: 50,
    visibility: 'public',
    status: 'scheduled',
    questions: [
      { id: 'usaha', kind: 'short-text', label: 'Nama usaha Anda', required: true },
      {
        id: 'wa-business',
        kind: 'choice',
        label: 'Sudah memakai WhatsApp Business?',
        required: true,
        options: ['Sudah', 'Belum', 'Baru coba'],
      },
      { id: 'rekaman', kind: 'checkbox', label: 'Kirimi saya rekaman sesi', required: false },
    ],
  };
  const session = (await (await call(`/api/communities/${slug}/sessions`, sessionRequest, cookie)).json()) as Session;

  const people: AddSessionPersonRequest[] = [
    {
      role: 'speaker',
      name: 'Made Wirawan',
      email: `made-${tail}@example.id`,
      title: 'Pendiri Kopi Kintamani',
      bio: 'Menjual kopi dari kebun keluarga ke seluruh Indonesia lewat WhatsApp sejak 2019.',
      // Blocked or unreachable, as an outside image may be: the page must fall back to initials.
      photoUrl: 'https://images.example.com/made-wirawan.jpg',
    },
    {
      role: 'moderator',
      name: 'Ayu Lestari',
      email: `ayu-${tail}@example.id`,
      title: 'Komunitas Bisnis Bali',
      bio: '',
      photoUrl: null,
    },
  ];
  for (const person of people) await call(`/api/sessions/${session.slug}/people`, person, cookie);

  const registrants: RegisterRequest[] = [
    {
      name: 'Komang Sari',
      email: `komang-${tail}@example.id`,
      answers: { usaha: 'Warung Sari', 'wa-business': 'Sudah', rekaman: true },
      locale: 'id',
    },
    {
      name: 'Putu Adi',
      email: `putu-${tail}@example.id`,
      answers: { usaha: 'Adi Tour', 'wa-business': 'Belum' },
      locale: 'id',
    },
    {
      name: 'Jane Miller',
      email: `jane-${tail}@example.com`,
      answers: { usaha: 'Ubud Yoga', 'wa-business': 'Baru coba' },
      locale: 'en',
    },
  ];
  for (const registrant of registrants) await call(`/api/sessions/${session.slug}/registrations`, registrant);

  const series: CreateSeriesRequest = {
    title: 'Kelas UMKM Naik Kelas',
    description: 'Enam minggu, satu topik tiap minggu.',
    schedule: {
      firstDate: new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10),
      startTime: '20:00',
      timeZone: 'Asia/Makassar',
      rule: { kind: 'weekly' },
      end: { kind: 'count', count: 6 },
    },
    durationMinutes: 60,
    capacity: 100,
  };
  const createdSeries = (await (await call(`/api/communities/${slug}/series`, series, cookie)).json()) as {
    id: string;
  };

  const refreshed = (await (await call(`/api/sessions/${session.slug}`)).json()) as Session;
  return {
    cookie,
    cookieValues,
    slug,
    session: refreshed,
    seriesId: createdSeries.id,
    joinPath: await findJoinPath(baseUrl),
  };
}

/**
 * A /j/… link from the newest mails of the dev outbox, once the mail job has run; null when mail
 * goes out by SMTP.
 */
async function findJoinPath(baseUrl: string, attempts = 20): Promise<string | null> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const list = await fetch(new URL('/dev/outbox', baseUrl));
    if (!list.ok) return null;
    const ids = [...(await list.text()).matchAll(/\/dev\/outbox\/([0-9a-f-]{36})/g)].map((match) => match[1]);
    for (const id of ids) {
      const message = await (await fetch(new URL(`/dev/outbox/${id}`, baseUrl))).text();
      const join = /\/j\/([A-Za-z0-9_-]{32,64})/.exec(message);
      if (join) return join[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}
