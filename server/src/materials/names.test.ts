import { describe, expect, it } from 'vitest';
import { attachmentDisposition, materialFileName } from './names.ts';

describe('the name a material is stored as', () => {
  it.each([
    ['../../etc/Materi Sesi #1.PDF', 'pdf', 'Materi Sesi #1.pdf'],
    ['C:\\Users\\ayu\\slides.pptx', 'pptx', 'slides.pptx'],
    ['poster.jpg', 'png', 'poster.png'],
    ['foto.jpeg', 'jpeg', 'foto.jpg'],
    ['setup.exe', 'pdf', 'setup.exe.pdf'],
    ['evil\u202Efdp.exe', 'pdf', 'evilfdp.exe.pdf'],
    ['a<b>:c"d|e?f*g\u0000.pdf', 'pdf', 'a_b__c_d_e_f_g.pdf'],
    ['   .hidden.pdf  ', 'pdf', 'hidden.pdf'],
    ['.pdf', 'pdf', 'materi.pdf'],
    ['', 'webp', 'materi.webp'],
  ] as const)('%j of kind %s is %j', (given, kind, stored) => {
    expect(materialFileName(given, kind)).toBe(stored);
  });

  it('is cut before its extension when it is long', () => {
    const stored = materialFileName(`${'a'.repeat(300)}.pdf`, 'pdf');
    expect(stored).toHaveLength(120);
    expect(stored.endsWith('a.pdf')).toBe(true);
  });
});

describe('the Content-Disposition of a download', () => {
  it('is an attachment with an ASCII name for old clients and the exact name in filename*', () => {
    expect(attachmentDisposition('Salindia — Ayu "final".pdf')).toBe(
      `attachment; filename="Salindia _ Ayu _final_.pdf"; filename*=UTF-8''Salindia%20%E2%80%94%20Ayu%20%22final%22.pdf`,
    );
    expect(attachmentDisposition("it's (v2).pdf")).toBe(
      `attachment; filename="it's (v2).pdf"; filename*=UTF-8''it%27s%20%28v2%29.pdf`,
    );
  });
});
