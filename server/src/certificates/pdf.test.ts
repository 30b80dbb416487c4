import { describe, expect, it } from 'vitest';
import { aCertificateInput, aSessionHeldAt } from '../../../test/support/certificate-input.ts';
import { pdfFonts, pdfInfo, pdfPageImage, pdfText, qrCodesIn } from '../../../test/support/pdf.ts';
import { createLogger } from '../logger.ts';
import { loadCertificateFonts } from './fonts.ts';
import { renderCertificatePdf } from './pdf.ts';

const silent = createLogger({ level: 'silent', pretty: false });
const fonts = loadCertificateFonts(silent);

describe('the certificate PDF', () => {
  it('says, in Indonesian, who it is for, for what, when, who spoke, and its number', async () => {
    const about = aSessionHeldAt(new Date('2026-12-06T12:00:00Z'));
    const text = await pdfText(await renderCertificatePdf(aCertificateInput({ about }), fonts));
    for (const words of [
      'KOMUNITAS BISNIS BALI',
      'SERTIFIKAT KEHADIRAN',
      'diberikan kepada',
      'Nguyễn Thị Ánh',
      'atas kehadirannya dalam sesi',
      'Bincang Usaha: Menjual Kerajinan Lewat Marketplace',
      'Minggu, 6 Desember 2026',
      'Narasumber: Made Wirawan dan Sari Dewi',
      'SRB-7KQ2-M9XD-4HTA-PW3E',
      'https://serambi.example.id/verify/SRB-7KQ2-M9XD-4HTA-PW3E',
    ])
      expect(text).toContain(words);
  });

  it('speaks English when the program does, with the date in the session’s zone', async () => {
    // 23.30 in Jakarta on 5 December is already the 6th in Jayapura (WIT).
    const about = {
      ...aCertificateInput().about,
      startsAt: new Date('2026-12-05T16:30:00Z'),
      timeZone: 'Asia/Jayapura',
    };
    const text = await pdfText(
      await renderCertificatePdf(
        aCertificateInput({ locale: 'en', about, title: 'Certificate of Participation' }),
        fonts,
      ),
    );
    expect(text).toContain('CERTIFICATE OF PARTICIPATION');
    expect(text).toContain('is awarded to');
    expect(text).toContain('Sunday, 6 December 2026');
    expect(text).toContain('Speakers: Made Wirawan and Sari Dewi');
  });

  it('tells a series certificate by its sessions: N of M', async () => {
    const about = { scope: 'series' as const, title: 'Sharing Online', attended: 4, total: 6 };
    const text = await pdfText(await renderCertificatePdf(aCertificateInput({ about }), fonts));
    expect(text).toContain('atas kehadirannya dalam seri');
    expect(text).toContain('hadir dalam 4 dari 6 sesi');
  });

  it('carries a QR code that a phone reads as the verification address', async () => {
    const png = await pdfPageImage(await renderCertificatePdf(aCertificateInput(), fonts));
    expect(qrCodesIn(png)).toEqual(['https://serambi.example.id/verify/SRB-7KQ2-M9XD-4HTA-PW3E']);
  });

  it('renders a name stacked with combining marks whose anchors the font leaves empty', async () => {
    // U+0334 on a Latin letter made fontkit throw while positioning the mark (a 500 for the preview).
    const name = 'Z̴̡̛̙̺̹͇͈̟̳̗͎̯̦͍̰͒̊̐͆̊̒̀͑̅̈́̂̓̉̂͂̊̽̚͝algo';
    const pdf = await renderCertificatePdf(aCertificateInput({ holderName: name, title: name }), fonts);
    expect(await pdfText(pdf)).toContain('algo');
  });

  it('sets its title, author, subject and, as its creation date, when it was issued', async () => {
    const pdf = await renderCertificatePdf(aCertificateInput({ issuedAt: new Date('2026-12-06T14:00:00Z') }), fonts);
    const info = await pdfInfo(pdf);
    expect(info.Title).toBe('Sertifikat Kehadiran · Nguyễn Thị Ánh');
    expect(info.Author).toBe('Komunitas Bisnis Bali');
    expect(info.Subject).toMatch(/^Sertifikat Kehadiran untuk Nguyễn Thị Ánh: Bincang Usaha/);
    expect(info.CreationDate).toMatch(/^2026-12-06T14:00:00(Z|\+00)/);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
  });

  it.each([
    ['Polish', 'Zdzisław Łukasz Żółkiewski', 'NotoSerifDisplay'],
    ['Greek', 'Αλέξανδρος Παπαδόπουλος', 'NotoSerifDisplay'],
    ['Cyrillic', 'Анастасия Кузнецова', 'NotoSerifDisplay'],
    ['Chinese', '王小明', 'DroidSansFallback'],
    ['Japanese', '山田 さくら', 'DroidSansFallback'],
    ['Korean', '김민준', 'NanumMyeongjo'],
    ['Thai', 'สมชาย ใจดี', 'NotoSerifThai'],
  ])('prints a %s name as text, in a font that has it', async (_script, name, font) => {
    const pdf = await renderCertificatePdf(aCertificateInput({ holderName: name }), fonts);
    expect(await pdfText(pdf)).toContain(name);
    expect((await pdfFonts(pdf)).some((embedded) => embedded.startsWith(font))).toBe(true);
  });

  it.each([
    ['Arabic', 'محمد بن عبد الله', 'NotoNaskhArabic'],
    ['Devanagari', 'अर्जुन शर्मा', 'NotoSansDevanagari'],
  ])('shapes a %s name with its own font', async (_script, name, font) => {
    const pdf = await renderCertificatePdf(aCertificateInput({ holderName: name }), fonts);
    expect((await pdfFonts(pdf)).some((embedded) => embedded.startsWith(font))).toBe(true);
  });

  it('still renders, in Inter alone, on a machine without the system fonts', async () => {
    const warnings: unknown[] = [];
    const log = createLogger({ level: 'warn', pretty: false });
    log.warn = ((...args: unknown[]) => void warnings.push(args)) as typeof log.warn;
    const bare = loadCertificateFonts(log, []);
    const pdf = await renderCertificatePdf(aCertificateInput({ holderName: 'Budi 王小明' }), bare);
    expect(await pdfText(pdf)).toContain('Budi');
    expect(await pdfFonts(pdf)).toEqual(expect.arrayContaining([expect.stringMatching(/^Inter/)]));
    expect(warnings).toHaveLength(1);
  });

  it('leaves out a picture that is not one, and prints the rest', async () => {
    const broken = 'data:image/png;base64,bm90IGEgcGljdHVyZQ==';
    const pdf = await renderCertificatePdf(
      aCertificateInput({ logo: broken, signatories: [{ name: 'I Gede Artha', title: 'Ketua', signature: broken }] }),
      fonts,
    );
    const text = await pdfText(pdf);
    expect(text).toContain('KOMUNITAS BISNIS BALI');
    expect(text).toContain('I Gede Artha');
  });
});
