import { formatSessionTime, intlLocaleOf, type Locale } from '@serambi/shared';
import { type MessageKey, translate } from '@serambi/shared/i18n';
import type QRCodeModule from 'qrcode';
import type { CertificateFonts } from './fonts.ts';
import { createTextWriter, type TextWriter } from './pdf-text.ts';

/** Everything printed on one certificate; the PDF is made from this alone. */
export interface CertificatePdfInput {
  /** The certificate's language (the program's). */
  locale: Locale;
  number: string;
  holderName: string;
  /** The program's title; null: "Sertifikat Kehadiran" / "Certificate of Attendance". */
  title: string | null;
  community: string;
  /** A PNG or JPEG data URL; without one the community's name heads the page. */
  logo: string | null;
  about:
    | { scope: 'session'; title: string; startsAt: Date; durationMinutes: number; timeZone: string }
    | { scope: 'series'; title: string; attended: number; total: number };
  speakers: string[];
  /** Who signs; when empty, the speakers by name. */
  signatories: Array<{ name: string; title: string; signature: string | null }>;
  /** `${PUBLIC_URL}/verify/${number}`, in the QR code and printed beside it. */
  verifyUrl: string;
  /** A preview: marked as a sample that is not valid. */
  sample?: boolean;
  /** When it was issued (a preview: when it was asked for): the PDF's creation date, which pdfkit would take from the machine's clock. */
  issuedAt: Date;
}

// A4 landscape, in points.
const WIDTH = 841.89;
const HEIGHT = 595.28;
const INK = '#1f2937';
const MUTED = '#6b7280';
// The web app's accent (web/src/styles.css --color-accent), as in the mails.
const ACCENT = '#b4532a';
const ACCENT_SOFT = '#e7cfc1';
const PAPER = '#fffdf9';
const CONTENT_WIDTH = WIDTH - 2 * 96;

/**
 * Draws a certificate: A4 landscape, one page, calm: the community's logo or name, the title,
 * the holder's name large, what it is for and when, who spoke and who signs, and in the corner
 * the number with a QR code to the public verification page. Text in any script (see
 * pdf-text.ts); pictures that cannot be read are left out rather than failing the certificate.
 */
export async function renderCertificatePdf(input: CertificatePdfInput, fonts: CertificateFonts): Promise<Buffer> {
  // Loaded with the first certificate: pdfkit, its fonts' shaping tables and the QR encoder are
  // tens of megabytes a server that issues none never needs.
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import('pdfkit'), import('qrcode')]);
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(input.locale, key, params);
  const title = input.title ?? t('certificates.pdf.defaultTitle');
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: true,
    info: {
      Title: `${title} · ${input.holderName}`,
      Author: input.community,
      Subject: t('certificates.pdf.subject', { title, name: input.holderName, about: input.about.title }),
      Keywords: input.number,
      Creator: 'Serambi',
      CreationDate: input.issuedAt,
    },
    lang: input.locale,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = createTextWriter(doc, fonts);

  drawFrame(doc);
  drawHeader(doc, text, input);
  let y = drawTitleAndName(doc, text, title, input, t);
  y = drawWhatFor(text, input, t, y);
  drawSignatories(doc, text, input, t);
  drawVerification(doc, text, input, t, QRCode);
  if (input.sample) text.line(t('certificates.pdf.sample'), WIDTH / 2, 52, sampleStyle, 'center');
  doc.end();
  return done;
}

const sampleStyle = { role: 'semibold', size: 9, color: ACCENT, characterSpacing: 2 } as const;

function drawFrame(doc: PDFKit.PDFDocument) {
  doc.rect(0, 0, WIDTH, HEIGHT).fill(PAPER);
  doc
    .lineWidth(1.2)
    .strokeColor(ACCENT)
    .rect(24, 24, WIDTH - 48, HEIGHT - 48)
    .stroke();
  doc
    .lineWidth(0.5)
    .strokeColor(ACCENT_SOFT)
    .rect(31, 31, WIDTH - 62, HEIGHT - 62)
    .stroke();
  // A band of colour along the top edge: the one strong stroke of the page.
  doc.rect(24, 24, WIDTH - 48, 6).fill(ACCENT);
}

function drawHeader(doc: PDFKit.PDFDocument, text: TextWriter, input: CertificatePdfInput) {
  const logo = input.logo ? imageBytes(input.logo) : null;
  if (logo && tryImage(doc, logo, WIDTH / 2 - 110, 66, { fit: [220, 54], align: 'center', valign: 'center' })) return;
  const style = { role: 'semibold', size: 12, color: MUTED, characterSpacing: 2.4 } as const;
  const size = text.fittedSize(input.community.toUpperCase(), style, CONTENT_WIDTH, 8);
  text.line(input.community.toUpperCase(), WIDTH / 2, 100, { ...style, size }, 'center');
}

function drawTitleAndName(
  doc: PDFKit.PDFDocument,
  text: TextWriter,
  title: string,
  input: CertificatePdfInput,
  t: (key: MessageKey) => string,
): number {
  const titleStyle = { role: 'semibold', size: 24, color: ACCENT, characterSpacing: 4 } as const;
  const upper = title.toLocaleUpperCase(input.locale);
  const titleSize = text.fittedSize(upper, titleStyle, CONTENT_WIDTH, 12);
  text.line(upper, WIDTH / 2, 168, { ...titleStyle, size: titleSize, characterSpacing: titleSize / 6 }, 'center');
  drawOrnament(doc, 188);
  text.line(t('certificates.pdf.awardedTo'), WIDTH / 2, 226, { role: 'regular', size: 13, color: MUTED }, 'center');
  const nameStyle = { role: 'display', size: 46, color: INK } as const;
  const oneLine = text.fittedSize(input.holderName, nameStyle, CONTENT_WIDTH, 30);
  // A long name reads better on two lines than on one in small type.
  const name =
    text.width(input.holderName, { ...nameStyle, size: oneLine }) <= CONTENT_WIDTH
      ? { lines: [input.holderName], size: oneLine }
      : text.wrap(input.holderName, { ...nameStyle, size: 36 }, CONTENT_WIDTH, { maxLines: 2, minSize: 14 });
  let baseline = name.lines.length === 1 ? 288 : 270;
  name.lines.forEach((line, index) => {
    if (index > 0) baseline += name.size * 1.2;
    text.line(line, WIDTH / 2, baseline, { ...nameStyle, size: name.size }, 'center');
  });
  const rule = baseline + 26;
  doc
    .lineWidth(0.75)
    .strokeColor(ACCENT_SOFT)
    .moveTo(WIDTH / 2 - 190, rule)
    .lineTo(WIDTH / 2 + 190, rule)
    .stroke();
  return rule;
}

/** Two short rules with a small diamond between them, under the title. */
function drawOrnament(doc: PDFKit.PDFDocument, y: number) {
  const cx = WIDTH / 2;
  doc.lineWidth(0.75).strokeColor(ACCENT_SOFT);
  doc
    .moveTo(cx - 70, y)
    .lineTo(cx - 10, y)
    .stroke();
  doc
    .moveTo(cx + 10, y)
    .lineTo(cx + 70, y)
    .stroke();
  doc
    .moveTo(cx, y - 4)
    .lineTo(cx + 4, y)
    .lineTo(cx, y + 4)
    .lineTo(cx - 4, y)
    .closePath()
    .fill(ACCENT);
}

function drawWhatFor(
  text: TextWriter,
  input: CertificatePdfInput,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  top: number,
): number {
  const { about } = input;
  let y = top + 26;
  const lead = about.scope === 'session' ? t('certificates.pdf.forSession') : t('certificates.pdf.forSeries');
  text.line(lead, WIDTH / 2, y, { role: 'regular', size: 12, color: MUTED }, 'center');
  const aboutStyle = { role: 'semibold', size: 18, color: INK } as const;
  const wrapped = text.wrap(about.title, aboutStyle, CONTENT_WIDTH - 40, { maxLines: 2, minSize: 12 });
  for (const line of wrapped.lines) {
    y += wrapped.size * 1.35;
    text.line(line, WIDTH / 2, y, { ...aboutStyle, size: wrapped.size }, 'center');
  }
  const when =
    about.scope === 'session'
      ? formatSessionTime({ ...about, locale: input.locale }).session.date
      : t('certificates.pdf.sessionsAttended', { attended: about.attended, total: about.total });
  const speakers = input.speakers.length > 0 ? t('certificates.pdf.speakers', { names: listOf(input) }) : null;
  const detailStyle = { role: 'regular', size: 12, color: MUTED } as const;
  y += 24;
  text.line(when, WIDTH / 2, y, detailStyle, 'center');
  if (speakers) {
    y += 18;
    const size = text.fittedSize(speakers, detailStyle, CONTENT_WIDTH, 8);
    text.line(speakers, WIDTH / 2, y, { ...detailStyle, size }, 'center');
  }
  return y;
}

function listOf(input: CertificatePdfInput): string {
  return new Intl.ListFormat(intlLocaleOf(input.locale), { type: 'conjunction' }).format(input.speakers);
}

// The bottom band: signatures on the left two thirds, the number and QR code at the right.
const SIGNATURE_LINE_Y = 508;
const QR_SIZE = 76;
const QR_X = WIDTH - 60 - QR_SIZE;
const QR_Y = HEIGHT - 58 - QR_SIZE;
const SIGNATURE_AREA = { left: 70, right: QR_X - 200 };

function drawSignatories(
  doc: PDFKit.PDFDocument,
  text: TextWriter,
  input: CertificatePdfInput,
  t: (key: MessageKey) => string,
) {
  const signers =
    input.signatories.length > 0
      ? input.signatories.slice(0, 3)
      : input.speakers.slice(0, 3).map((name) => ({ name, title: t('certificates.pdf.speaker'), signature: null }));
  if (signers.length === 0) return;
  const span = SIGNATURE_AREA.right - SIGNATURE_AREA.left;
  const column = span / signers.length;
  const lineWidth = Math.min(170, column - 24);
  signers.forEach((signer, index) => {
    const cx = SIGNATURE_AREA.left + column * (index + 0.5);
    const picture = signer.signature ? imageBytes(signer.signature) : null;
    if (picture) {
      tryImage(doc, picture, cx - lineWidth / 2, SIGNATURE_LINE_Y - 50, {
        fit: [lineWidth, 46],
        align: 'center',
        valign: 'bottom',
      });
    }
    doc
      .lineWidth(0.6)
      .strokeColor(MUTED)
      .moveTo(cx - lineWidth / 2, SIGNATURE_LINE_Y)
      .lineTo(cx + lineWidth / 2, SIGNATURE_LINE_Y)
      .stroke();
    const nameStyle = { role: 'semibold', size: 11, color: INK } as const;
    const nameSize = text.fittedSize(signer.name, nameStyle, lineWidth + 16, 7);
    text.line(signer.name, cx, SIGNATURE_LINE_Y + 16, { ...nameStyle, size: nameSize }, 'center');
    if (signer.title) {
      const titleStyle = { role: 'regular', size: 9, color: MUTED } as const;
      const titleSize = text.fittedSize(signer.title, titleStyle, lineWidth + 16, 6);
      text.line(signer.title, cx, SIGNATURE_LINE_Y + 29, { ...titleStyle, size: titleSize }, 'center');
    }
  });
}

/** The QR code (vector squares, quiet zone included) and, beside it, the number and the address it encodes. */
function drawVerification(
  doc: PDFKit.PDFDocument,
  text: TextWriter,
  input: CertificatePdfInput,
  t: (key: MessageKey) => string,
  QRCode: typeof QRCodeModule,
) {
  const qr = QRCode.create(input.verifyUrl, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const modules = qr.modules.size + 2 * quiet;
  const unit = QR_SIZE / modules;
  doc.rect(QR_X, QR_Y, QR_SIZE, QR_SIZE).fill('#ffffff');
  for (let row = 0; row < qr.modules.size; row++) {
    for (let col = 0; col < qr.modules.size; col++) {
      // A hair of overlap, so viewers that antialias each square draw no seams between them.
      if (qr.modules.get(row, col))
        doc.rect(QR_X + (col + quiet) * unit, QR_Y + (row + quiet) * unit, unit + 0.05, unit + 0.05);
    }
  }
  doc.fill(INK);
  const right = QR_X - 10;
  const bottom = QR_Y + QR_SIZE - 6;
  const small = { role: 'regular', size: 7.5, color: MUTED } as const;
  const urlSize = text.fittedSize(input.verifyUrl, small, 230, 5);
  text.line(input.verifyUrl, right, bottom, { ...small, size: urlSize }, 'right');
  text.line(t('certificates.pdf.verifyAt'), right, bottom - 11, small, 'right');
  text.line(
    input.number,
    right,
    bottom - 30,
    { role: 'semibold', size: 10.5, color: INK, characterSpacing: 0.6 },
    'right',
  );
  text.line(t('certificates.pdf.number'), right, bottom - 44, small, 'right');
}

function imageBytes(dataUrl: string): Buffer | null {
  const match = /^data:image\/(?:png|jpeg);base64,(.+)$/.exec(dataUrl);
  return match?.[1] ? Buffer.from(match[1], 'base64') : null;
}

/** Draws a picture, or nothing when its bytes are not a PNG or JPEG pdfkit can read; says whether it drew. */
function tryImage(
  doc: PDFKit.PDFDocument,
  bytes: Buffer,
  x: number,
  y: number,
  options: PDFKit.Mixins.ImageOption,
): boolean {
  try {
    doc.image(bytes, x, y, options);
    return true;
  } catch {
    // An organizer's picture that passed the data-URL check but is not a readable image.
    return false;
  }
}
