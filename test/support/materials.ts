import { request } from 'node:http';
import { crc32 } from 'node:zlib';
import type { Caller } from './accounts.ts';

/**
 * Small real files for the materials tests, made here rather than checked in: a PDF that
 * poppler opens (with its cross-reference table), a PowerPoint deck's ZIP skeleton, a Word
 * document's (a ZIP too, but no deck), a 1×1 PNG, and a Windows program.
 */

/** A one-page PDF; `padTo` bytes long at least (a comment in a content stream pads it). */
export function aPdf(padTo = 0): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>',
  ];
  const base = 400;
  const padding = '%'.repeat(Math.max(0, padTo - base));
  const stream = `${padding}\nBT /F1 12 Tf 20 100 Td (Materi) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A ZIP of these entries, stored (not compressed), as office files are laid out. */
export function aZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="${main}"/></Types>`;

/** The skeleton of a PowerPoint deck: `[Content_Types].xml` and the `ppt/` part. */
export function aPptx(): Buffer {
  return aZip({
    '[Content_Types].xml': CONTENT_TYPES('/ppt/presentation.xml'),
    '_rels/.rels': '<?xml version="1.0"?><Relationships/>',
    'ppt/presentation.xml': '<?xml version="1.0"?><p:presentation/>',
    'ppt/slides/slide1.xml': '<?xml version="1.0"?><p:sld/>',
  });
}

/** The skeleton of a Word document: an office ZIP, but no deck. */
export function aDocx(): Buffer {
  return aZip({
    '[Content_Types].xml': CONTENT_TYPES('/word/document.xml'),
    'word/document.xml': '<?xml version="1.0"?><w:document/>',
  });
}

/** A 1×1 PNG. */
export const A_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cfc0f01f0005000201ad6f6c' +
    '490000000049454e44ae426082',
  'hex',
);

/** The start of a Windows program (MZ, then the DOS stub's message). */
export const A_WINDOWS_PROGRAM = Buffer.concat([
  Buffer.from('4d5a90000300000004000000ffff0000', 'hex'),
  Buffer.from('This program cannot be run in DOS mode.\r\r\n$'.padEnd(400, '\0')),
]);

/** Uploads `bytes` as `name` with the caller's cookie, claiming `contentType` (the server trusts neither). */
export function uploadMaterial(
  baseUrl: string,
  caller: Pick<Caller, 'cookie'>,
  sessionRef: string,
  name: string,
  bytes: Buffer,
  contentType = 'application/octet-stream',
): Promise<Response> {
  return fetch(`${baseUrl}/api/sessions/${sessionRef}/materials?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: {
      Origin: baseUrl,
      'Content-Type': contentType,
      ...(caller.cookie ? { Cookie: caller.cookie } : {}),
    },
    body: new Uint8Array(bytes),
  });
}

/**
 * Uploads a body sent in chunks with no Content-Length (as a browser streaming a file may),
 * `chunks` of `chunkBytes` after `head`, stopping as soon as the server answers: its status and
 * problem. The server may answer before taking the whole body and close the connection.
 */
export function streamMaterial(
  baseUrl: string,
  caller: Pick<Caller, 'cookie'>,
  sessionRef: string,
  name: string,
  head: Buffer,
  chunks: number,
  chunkBytes = 1024 * 1024,
): Promise<{ status: number; body: { code?: string; detail?: string } }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      `${baseUrl}/api/sessions/${sessionRef}/materials?name=${encodeURIComponent(name)}`,
      {
        method: 'POST',
        headers: {
          Origin: baseUrl,
          'Content-Type': 'application/octet-stream',
          'Transfer-Encoding': 'chunked',
          ...(caller.cookie ? { Cookie: caller.cookie } : {}),
        },
      },
      (response) => {
        answered = true;
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString() || '{}') }),
        );
        response.on('error', reject);
      },
    );
    // Writing after the server closed the connection fails; the answer it gave is what counts.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(chunkBytes, 0x25);
    let sent = 0;
    const writeMore = () => {
      while (!answered && sent < chunks) {
        sent++;
        if (!req.write(chunk)) {
          req.once('drain', writeMore);
          return;
        }
      }
      if (!answered) req.end();
    };
    req.write(head);
    writeMore();
  });
}
