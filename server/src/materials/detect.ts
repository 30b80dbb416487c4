import { open } from 'node:fs/promises';
import type { MaterialKind } from '@serambi/shared';

/**
 * What a stored upload is, from its bytes alone (never its name or the client's Content-Type):
 * a PDF, a PowerPoint deck (PPTX), or a PNG, JPEG or WebP image; null for anything else. A PPTX
 * is a ZIP, but so are a Word document, a JAR and a renamed archive: it counts only when its
 * central directory lists `[Content_Types].xml` and entries under `ppt/`, as every deck
 * PowerPoint, Keynote, Google Slides or LibreOffice writes has.
 */
export async function detectMaterialKind(file: string): Promise<MaterialKind | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(16, size));
    await handle.read(head, 0, head.length, 0);
    const kind = kindOfHead(head);
    if (kind !== 'zip') return kind;
    const names = await zipEntryNames(handle, size);
    const isDeck = names?.includes('[Content_Types].xml') && names.some((name) => name.startsWith('ppt/'));
    return isDeck ? 'pptx' : null;
  } finally {
    await handle.close();
  }
}

const startsWith = (head: Buffer, bytes: number[], at = 0) => bytes.every((byte, i) => head[at + i] === byte);

/** The kind its first bytes say, 'zip' when only the central directory can tell. */
function kindOfHead(head: Buffer): MaterialKind | 'zip' | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'; // RIFF….WEBP
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip'; // PK\3\4: a local file header
  return null;
}

type Handle = Awaited<ReturnType<typeof open>>;

/** The largest end-of-central-directory record: 22 bytes and a comment of up to 64 KiB. */
const EOCD_SEARCH = 22 + 0xffff;
/** More entries than a deck has; the directory is not read past this. */
const MAX_ENTRIES = 10_000;

/** The names in a ZIP's central directory, or null when it has none that holds together. */
async function zipEntryNames(handle: Handle, size: number): Promise<string[] | null> {
  const tailLength = Math.min(size, EOCD_SEARCH);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = Math.min(tail.readUInt16LE(eocd + 10), MAX_ENTRIES);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directoryOffset + directorySize > size || directorySize > 16 * 1024 * 1024) return null;
  const directory = Buffer.alloc(directorySize);
  await handle.read(directory, 0, directorySize, directoryOffset);
  const names: string[] = [];
  let at = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    if (at + 46 + nameLength > directory.length) return null;
    names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
