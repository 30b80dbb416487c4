import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const run = promisify(execFile);

/**
 * PDFs read back the way a person would meet them: the text poppler extracts (pdftotext,
 * as laid out on the page), the fonts it embeds (pdffonts), its document information
 * (pdfinfo), the first page as a picture (pdftoppm), and what a phone would read from the QR
 * codes on it (jsQR). poppler-utils is a system package (.ci/run installs it).
 */

/** The text of a PDF, laid out as on the page. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return withPdfFile(pdf, async (file) => (await run('pdftotext', ['-layout', file, '-'])).stdout);
}

/** The fonts embedded in a PDF, as `pdffonts` lists them (subset prefixes such as `ABCDEF+` removed). */
export async function pdfFonts(pdf: Buffer): Promise<string[]> {
  const { stdout } = await withPdfFile(pdf, (file) => run('pdffonts', [file]));
  return stdout
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, '') ?? '')
    .filter(Boolean);
}

/**
 * What `pdfinfo` reads from a PDF's header and trailer (Title, Author, Pages, Page size…), by
 * field name, with dates in ISO 8601; it fails on a file that is not a readable PDF.
 */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  const { stdout } = await withPdfFile(pdf, (file) => run('pdfinfo', ['-isodates', file]));
  return Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => line.match(/^([^:]+):\s*(.*)$/))
      .filter((match) => match !== null)
      .map((match) => [match[1] ?? '', match[2] ?? '']),
  );
}

/** The PDF's first page as a PNG, at `dpi` (150 by default: enough for a QR code to be read). */
export async function pdfPageImage(pdf: Buffer, dpi = 150): Promise<Buffer> {
  return withPdfFile(pdf, async (file) => {
    const out = path.join(path.dirname(file), 'page');
    await run('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', '-f', '1', '-l', '1', file, out]);
    return readFile(`${out}.png`);
  });
}

/** The texts of the QR codes jsQR finds in a PNG (it finds one per call: each found one is blanked out and it looks again). */
export function qrCodesIn(png: Buffer): string[] {
  const image = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.data);
  const found: string[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    const code = jsQR(pixels, image.width, image.height);
    if (!code) break;
    found.push(code.data);
    blank(pixels, image.width, code.location);
  }
  return found;
}

type Corners = NonNullable<ReturnType<typeof jsQR>>['location'];

/** Paints the bounding box of a found code white, so the next search finds another. */
function blank(pixels: Uint8ClampedArray, width: number, at: Corners) {
  const xs = [at.topLeftCorner.x, at.topRightCorner.x, at.bottomLeftCorner.x, at.bottomRightCorner.x];
  const ys = [at.topLeftCorner.y, at.topRightCorner.y, at.bottomLeftCorner.y, at.bottomRightCorner.y];
  const height = pixels.length / 4 / width;
  for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.min(height - 1, Math.ceil(Math.max(...ys))); y++) {
    for (let x = Math.max(0, Math.floor(Math.min(...xs))); x <= Math.min(width - 1, Math.ceil(Math.max(...xs))); x++) {
      pixels.fill(255, (y * width + x) * 4, (y * width + x) * 4 + 4);
    }
  }
}

async function withPdfFile<T>(pdf: Buffer, work: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'serambi-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await work(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
