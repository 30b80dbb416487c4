import { MATERIAL_TYPES, MAX_MATERIAL_NAME_LENGTH, type MaterialKind } from '@serambi/shared';

/** Extensions a name loses before it gets its kind's own (`slides.PPTX` is `slides.pptx`; `deck.pdf` of a PNG is `deck.png`). */
const REPLACED_EXTENSIONS = new Set(['pdf', 'pptx', 'ppt', 'png', 'jpg', 'jpeg', 'jpe', 'webp']);

/**
 * The name a material is stored and downloaded as: the last segment of what the uploader's
 * device called it, without control or direction-changing characters, or characters a file
 * system or a header would read otherwise, and ending in the detected kind's extension (so a
 * renamed file never downloads as what it is not).
 */
export function materialFileName(given: string, kind: MaterialKind): string {
  const extension = MATERIAL_TYPES[kind].extension;
  let base = (given.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  const dot = base.lastIndexOf('.');
  if (dot >= 0 && REPLACED_EXTENSIONS.has(base.slice(dot + 1).toLowerCase())) base = base.slice(0, dot);
  base = base.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (base === '') base = 'materi';
  const room = MAX_MATERIAL_NAME_LENGTH - extension.length - 1;
  return `${[...base].slice(0, room).join('').trim()}.${extension}`;
}

/**
 * `Content-Disposition: attachment` naming the file (RFC 6266): an ASCII `filename` for old
 * clients and the exact UTF-8 name in `filename*` (RFC 8187), which every current browser prefers.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
