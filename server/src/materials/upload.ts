/**
 * Attaching a file to a session: the body streams to a scratch file (never whole in memory), its
 * kind is read from its bytes, and only then does it get a row and its place in the store, in one
 * transaction that holds the community's total under its limit. Whatever is refused leaves
 * nothing behind: no row, no file, the same total.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Material } from '@serambi/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { SessionUser } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import type { SessionViewer } from '../sessions/rules.ts';
import type { SessionRow } from '../sessions/schema.ts';
import type { MaterialDeps } from './deps.ts';
import { detectMaterialKind } from './detect.ts';
import { materialFileName } from './names.ts';
import { authorizeManaging } from './rules.ts';
import { materials } from './schema.ts';
import { communityUsage, toMaterial } from './service.ts';

export interface Upload {
  /** What the uploader's device called the file. */
  name: string;
  body: ReadableStream<Uint8Array> | null;
  /** The request's Content-Length, when it gave one. */
  declaredBytes: number | null;
}

/** Stores a file for the session; its caller is an organizer, speaker or moderator of it. */
export async function attachMaterial(
  deps: MaterialDeps,
  session: SessionRow,
  viewer: SessionViewer,
  uploader: SessionUser,
  upload: Upload,
): Promise<Material> {
  authorizeManaging(viewer);
  if (session.status === 'cancelled') throw new AppError(409, 'session_cancelled', 'problems.materialSessionCancelled');
  const { maxFileBytes, communityQuotaBytes } = deps.config;
  if (upload.declaredBytes !== null && upload.declaredBytes > maxFileBytes) throw tooLarge(maxFileBytes);
  if (upload.declaredBytes !== null) {
    const used = await communityUsage(deps.db, session.communityId);
    if (used + upload.declaredBytes > communityQuotaBytes) throw overQuota(used, communityQuotaBytes);
  }
  if (!upload.body) throw emptyFile();
  const id = randomUUID();
  const scratch = await deps.store.scratchPath(`incoming/${id}`);
  try {
    const size = await receive(upload.body, scratch, maxFileBytes);
    if (size === 0) throw emptyFile();
    const kind = await detectMaterialKind(scratch);
    if (!kind) throw new AppError(415, 'material_type', 'problems.materialType');
    const key = `${session.communityId}/${session.id}/${id}`;
    const at = deps.now();
    try {
      const row = await deps.db.transaction(async (tx) => {
        await lockCommunityMaterials(tx, session.communityId);
        const used = await communityUsage(tx, session.communityId);
        if (used + size > communityQuotaBytes) throw overQuota(used, communityQuotaBytes);
        const [inserted] = await tx
          .insert(materials)
          .values({
            id,
            sessionId: session.id,
            communityId: session.communityId,
            name: materialFileName(upload.name, kind),
            kind,
            sizeBytes: size,
            storageKey: key,
            uploadedByUserId: uploader.id,
            uploadedByName: uploader.name,
            createdAt: at,
          })
          .returning();
        if (!inserted) throw new Error('material insert returned no row');
        // Last in the transaction: if it fails, the row goes with it.
        await deps.store.put(key, scratch);
        return inserted;
      });
      return toMaterial(deps, row, at);
    } catch (error) {
      // The file may be in place while the commit failed: it goes too (the key is this upload's alone).
      await deps.store.remove(key);
      throw error;
    }
  } finally {
    await rm(scratch, { force: true });
  }
}

/** One upload at a time per community past this point, so two cannot both fit under the limit. */
async function lockCommunityMaterials(tx: Tx, communityId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`materials:${communityId}`}))`);
}

/** Writes the body to `file`, refusing it once it passes `maxBytes`; its size. */
async function receive(body: ReadableStream<Uint8Array>, file: string, maxBytes: number): Promise<number> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) done(tooLarge(maxBytes));
      else done(null, chunk);
    },
  });
  await pipeline(
    Readable.fromWeb(body as WebReadableStream<Uint8Array>),
    counter,
    createWriteStream(file, { flags: 'wx' }),
  );
  return size;
}

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

function tooLarge(maxBytes: number): AppError {
  return new AppError(413, 'material_too_large', 'problems.materialTooLarge', { params: { max: megabytes(maxBytes) } });
}

function overQuota(usedBytes: number, limitBytes: number): AppError {
  return new AppError(413, 'materials_quota_exceeded', 'problems.materialsQuotaExceeded', {
    params: { used: megabytes(usedBytes), limit: megabytes(limitBytes) },
  });
}

function emptyFile(): AppError {
  return new AppError(422, 'material_empty', 'problems.materialEmpty');
}
