import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import type { RecordingDeps } from './deps.ts';
import type { MediaPurpose } from './links.ts';
import { recordingFile } from './replay.ts';
import type { ByteRange } from './store.ts';

/**
 * Parses a `Range: bytes=…` header against a file of `size` bytes. Only the first range of a
 * list is served (RFC 9110 lets a server do so; players ask for one). Returns null when there is
 * no usable header (the whole file is sent), 'unsatisfiable' when it points past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)(?:,.*)?$/.exec(header.trim());
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    // "bytes=-500": the last 500 bytes.
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  if (start >= size) return 'unsatisfiable';
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (end < start) return null;
  return { start, end };
}

/** Sends a recording's video or poster to the holder of a valid signed address, with Range support. */
export async function serveRecordingFile(
  deps: RecordingDeps,
  c: Context<AppEnv>,
  recordingId: string,
  purpose: MediaPurpose,
  token: string | undefined,
) {
  if (!deps.links.check(recordingId, purpose, token, deps.now())) {
    throw new AppError(403, 'media_link', 'problems.mediaLink');
  }
  const found = await recordingFile(deps.db, recordingId, purpose === 'poster' ? 'poster' : 'media');
  const size = found ? await deps.store.size(found.key) : null;
  if (!found || size === null) throw new AppError(404, 'recording_not_found', 'problems.recordingNotFound');
  const headers: Record<string, string> = {
    'Content-Type': purpose === 'poster' ? 'image/jpeg' : 'video/mp4',
    'Accept-Ranges': 'bytes',
    // The address is personal and expires; nothing shared may keep a copy.
    'Cache-Control': 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
  };
  if (purpose === 'download') {
    headers['Content-Disposition'] = `attachment; filename="${found.slug}-part-${found.row.part}.mp4"`;
  }
  const range = parseRange(c.req.header('Range'), size);
  if (range === 'unsatisfiable') {
    c.header('Content-Range', `bytes */${size}`);
    throw new AppError(416, 'range_not_satisfiable', 'problems.rangeNotSatisfiable');
  }
  if (c.req.method === 'HEAD') {
    return c.body(null, 200, { ...headers, 'Content-Length': String(size) });
  }
  if (!range) {
    return c.body(deps.store.read(found.key), 200, { ...headers, 'Content-Length': String(size) });
  }
  return c.body(deps.store.read(found.key, range), 206, {
    ...headers,
    'Content-Length': String(range.end - range.start + 1),
    'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
  });
}
