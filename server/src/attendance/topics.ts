import type { QuestionTopic } from '@serambi/shared';

/**
 * What people asked about across a series: words and two-word phrases that at least two
 * questions share, ranked by how many questions mention them, then by those questions' votes.
 * Plain keyword counting, no model: Indonesian and English function words and question words
 * ("apa", "bagaimana", "gimana", "how", "what") are dropped, as are numbers and words under
 * three letters (except acronyms written in capitals, such as "AI" or "UX"). A phrase is
 * preferred to its words: a word that only ever appears inside a listed phrase is not listed
 * again.
 */
export function topicsOf(questions: Array<{ text: string; votes: number }>, limit = 10): QuestionTopic[] {
  const found = new Map<string, { words: string[]; questions: Set<number>; votes: number }>();
  questions.forEach((question, index) => {
    for (const term of termsOf(question.text)) {
      let entry = found.get(term);
      if (!entry) {
        entry = { words: term.split(' '), questions: new Set(), votes: 0 };
        found.set(term, entry);
      }
      entry.questions.add(index);
      entry.votes += Math.max(0, question.votes);
    }
  });
  const ranked = [...found.entries()]
    .filter(([, entry]) => entry.questions.size >= 2)
    .sort(
      ([termA, a], [termB, b]) =>
        b.questions.size - a.questions.size ||
        b.votes - a.votes ||
        b.words.length - a.words.length ||
        termA.localeCompare(termB),
    );
  const chosen: Array<{ words: string[]; questions: Set<number> }> = [];
  const topics: QuestionTopic[] = [];
  for (const [term, entry] of ranked) {
    if (topics.length >= limit) break;
    if (chosen.some((other) => covers(other, entry))) continue;
    chosen.push(entry);
    topics.push({ topic: term, questions: entry.questions.size, votes: entry.votes });
  }
  return topics;
}

/**
 * A listed term makes another redundant when it shares a word with it, is at least as long, and
 * every question mentioning the other mentions it too.
 */
function covers(
  listed: { words: string[]; questions: Set<number> },
  other: { words: string[]; questions: Set<number> },
): boolean {
  return (
    listed.words.length >= other.words.length &&
    other.words.some((word) => listed.words.includes(word)) &&
    [...other.questions].every((question) => listed.questions.has(question))
  );
}

/** The distinct words and adjacent word pairs of a question worth counting (a dropped word breaks a pair). */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  let previous: string | null = null;
  for (const match of text.normalize('NFKC').matchAll(WORD)) {
    const word = keptWord(match[0]);
    if (word) {
      terms.add(word);
      if (previous) terms.add(`${previous} ${word}`);
    }
    previous = word;
  }
  return terms;
}

// Letters, marks and digits of any script; hyphens inside a word stay (Indonesian doubles words: "usaha-usaha").
const WORD = /[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*/gu;
const NUMBER = /^[\p{N}-]+$/u;
const ACRONYM = /^\p{Lu}{2}$/u;

function keptWord(raw: string): string | null {
  const word = raw.toLowerCase();
  if (NUMBER.test(word)) return null;
  if ([...word].length < 3 && !ACRONYM.test(raw)) return null;
  if (STOP_WORDS.has(word)) return null;
  return word;
}

const STOP_WORDS: ReadonlySet<string> = new Set(
  `
  ada adakah adalah agak agar akan aku aja amat anda antara apa apakah apalagi atas atau
  bagaimana bagaimanakah bagi bahkan bahwa baik bang banyak bapak bapak2 barusan begini begitu
  belum berapa berikan bisa bisakah boleh bu buat bukan bukankah cara caranya contoh dalam dan
  dapat dari daripada deh dengan di dia dimana dong dulu gak gimana gitu gmn gue guna gw hal
  hanya harus ibu ingin ini itu jadi jangan jelaskan jika juga kak kakak kalau kalian kalo kami
  kamu kan kapan karena karna kasih katanya kayak ke kemudian kenapa kepada ketika kita lagi
  kok lah lain lalu maaf mau masih mas mbak melalui menjadi mengapa menurut mereka min minta
  mohon mungkin nah namun narasumber nggak ngga nih nya oleh pada padahal paling pak para pernah
  perlu pula pun punya saat saja sama sampai sangat saya sebagai sebaiknya sebelum sebenarnya
  sedang sehingga sekarang seperti sering setelah siapa sih silakan soal supaya sudah tadi tahu
  tanya tapi tentang terhadap terima terimakasih tersebut tetapi tidak tolong tuh udah untuk wah
  yaitu yakni yang tanpa perlukah haruskah bolehkah dapatkah apakah mengapakah sebaiknyakah
  lebih kurang cukup selain semua setiap tiap
  blm dgn gak jgn krn sdh tdk trus utk yg
  about above after again all also and any are aren as at be because been before being best
  between both but by can could couldn did didn do does doesn doing don during each few for from
  get gets getting got had has have having her here hers him his how however if in into is isn
  its just let like many may might more most much must need nor not now of off on once only or
  other our out over own please really same she should shouldn since so some such than thank
  thanks that the their them then there these they this those through thru to too under until
  up use using very want was wasn way ways we well were what whats when where whether which
  while who whom whose why will with won would wouldn yes yet you your yours
  `
    .split(/\s+/)
    .filter(Boolean),
);
