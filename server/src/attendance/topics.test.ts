import { describe, expect, it } from 'vitest';
import { termsOf, topicsOf } from './topics.ts';

const asked = (...texts: Array<string | [string, number]>) =>
  texts.map((t) => (typeof t === 'string' ? { text: t, votes: 0 } : { text: t[0], votes: t[1] }));

describe('the words of a question', () => {
  it('drops question words, function words, numbers and short words in Indonesian and English', () => {
    expect(termsOf('Bagaimana cara memulai usaha di 2025, kak?')).toEqual(
      new Set(['memulai', 'usaha', 'memulai usaha']),
    );
    expect(termsOf('What is the best way to price handmade goods?')).toEqual(
      new Set(['price', 'handmade', 'goods', 'price handmade', 'handmade goods']),
    );
    // Capitals make a two-letter word an acronym worth keeping.
    expect(termsOf('Gimana kalo pakai AI buat UX? ya')).toEqual(new Set(['pakai', 'ai', 'pakai ai', 'ux']));
  });

  it('reads letters of any script and keeps doubled Indonesian words whole', () => {
    expect(termsOf('Kenapa usaha-usaha kecil pakai QRIS?')).toEqual(
      new Set(['usaha-usaha', 'kecil', 'pakai', 'qris', 'usaha-usaha kecil', 'kecil pakai', 'pakai qris']),
    );
    expect([...termsOf('Café Ñandú über Straße')]).toContain('café ñandú');
  });
});

describe('the most-asked topics', () => {
  it('lists a phrase that two questions share instead of its words, with questions and summed votes', () => {
    const topics = topicsOf(
      asked(
        ['Bagaimana strategi pemasaran digital untuk UMKM?', 3],
        ['Apa tools pemasaran digital yang murah?', 2],
        'Kapan jadwal sesi berikutnya?',
      ),
    );
    expect(topics).toEqual([{ topic: 'pemasaran digital', questions: 2, votes: 5 }]);
  });

  it('keeps a word listed when it comes up beyond its phrase, and ranks by questions then votes', () => {
    const topics = topicsOf(
      asked(
        ['Pemasaran digital itu mahal?', 1],
        ['Pemasaran digital untuk warung?', 1],
        ['Pemasaran lewat WhatsApp?', 0],
        ['Harga paket WhatsApp Business?', 7],
        ['WhatsApp Business gratis?', 0],
      ),
    );
    expect(topics).toEqual([
      { topic: 'whatsapp', questions: 3, votes: 7 },
      { topic: 'pemasaran', questions: 3, votes: 2 },
      { topic: 'whatsapp business', questions: 2, votes: 7 },
      { topic: 'pemasaran digital', questions: 2, votes: 2 },
    ]);
  });

  it('counts a word once per question however often it is repeated, and returns at most ten', () => {
    expect(topicsOf(asked('modal modal modal?', 'modal usaha?'))).toEqual([{ topic: 'modal', questions: 2, votes: 0 }]);
    const words = [
      'modal',
      'pajak',
      'ekspor',
      'gudang',
      'kurir',
      'promosi',
      'desain',
      'kemasan',
      'harga',
      'merek',
      'konten',
    ];
    expect(topicsOf(asked(...words, ...words))).toHaveLength(10);
  });

  it('is empty without questions, or when no two questions share anything', () => {
    expect(topicsOf([])).toEqual([]);
    expect(topicsOf(asked('Bagaimana memulai?', 'Apa itu NIB?'))).toEqual([]);
  });
});
