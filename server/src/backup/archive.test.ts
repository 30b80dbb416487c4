import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArchive, extractArchive } from './archive.ts';
import { BackupError } from './backup-error.ts';

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('a backup archive', () => {
  let dir: string;
  let archive: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'serambi-archive-'));
    archive = path.join(dir, 'serambi.tar.gz');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const aFile = async (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  };

  it('gives back every file it holds, with the size and checksum it recorded while writing', async () => {
    const media = Buffer.alloc(200_000, 7);
    const writer = await createArchive(archive);
    const added = await writer.addFile('recordings/s1/r1/replay.mp4', await aFile('replay.mp4', media));
    const empty = await writer.addFile('data/empty.txt', await aFile('empty.txt', ''));
    await writer.addJson('manifest.json', { format: 'serambi-backup' });
    await writer.finish();

    expect(added).toEqual({ path: 'recordings/s1/r1/replay.mp4', size: 200_000, sha256: sha256(media) });
    expect(empty).toEqual({ path: 'data/empty.txt', size: 0, sha256: sha256('') });
    const out = path.join(dir, 'out');
    const extracted = await extractArchive(archive, out, () => true);
    expect([...extracted.keys()]).toEqual(['recordings/s1/r1/replay.mp4', 'data/empty.txt', 'manifest.json']);
    const replay = extracted.get('recordings/s1/r1/replay.mp4');
    expect(replay).toEqual({
      file: path.join(out, 'recordings', 's1', 'r1', 'replay.mp4'),
      size: 200_000,
      sha256: sha256(media),
    });
    expect(await readFile(replay?.file ?? '')).toEqual(media);
    expect(JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'))).toEqual({ format: 'serambi-backup' });
  });

  it('is readable by its owner only, as is every file it gives back: it holds secrets', async () => {
    const writer = await createArchive(archive);
    await writer.addFile('data/livekit-keys.json', await aFile('keys.json', '{"apiKey":"k"}'));
    await writer.finish();
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    const extracted = await extractArchive(archive, path.join(dir, 'out'), () => true);
    expect(statSync(extracted.get('data/livekit-keys.json')?.file ?? '').mode & 0o777).toBe(0o600);
  });

  it('has no name of its own until it is finished, and leaves nothing when aborted', async () => {
    const writer = await createArchive(archive);
    await writer.addJson('manifest.json', {});
    expect(existsSync(archive)).toBe(false);
    await writer.abort();
    expect(existsSync(`${archive}.partial`)).toBe(false);
    expect(existsSync(archive)).toBe(false);
  });

  it('passes over a file that is gone by the time it is added (a recording deleted meanwhile)', async () => {
    const writer = await createArchive(archive);
    expect(await writer.addFile('recordings/s1/gone.mp4', path.join(dir, 'gone.mp4'))).toBeNull();
    await writer.finish();
    expect((await extractArchive(archive, path.join(dir, 'out'), () => true)).size).toBe(0);
  });

  it('refuses to write over an archive that is already there', async () => {
    await writeFile(`${archive}.partial`, 'earlier');
    await expect(createArchive(archive).then((writer) => writer.finish())).rejects.toThrow(/EEXIST/);
  });

  it('is refused when it holds an entry the restore does not expect, naming the entry and what to do', async () => {
    const writer = await createArchive(archive);
    await writer.addJson('../../etc/cron.d/evil', {});
    await writer.finish();
    const refused = extractArchive(archive, path.join(dir, 'out'), (name) => name === 'manifest.json');
    await expect(refused).rejects.toThrow(BackupError);
    await expect(extractArchive(archive, path.join(dir, 'out2'), (name) => name === 'manifest.json')).rejects.toThrow(
      `${archive} is not a Serambi backup or is damaged: it holds an unexpected entry "../../etc/cron.d/evil". Use another copy of the backup.`,
    );
  });

  it('is refused as damaged when it is not a gzipped tar at all', async () => {
    await writeFile(archive, 'this is not an archive');
    await expect(extractArchive(archive, path.join(dir, 'out'), () => true)).rejects.toThrow(
      /is not a Serambi backup or is damaged: it cannot be read/,
    );
  });

  it('is refused as damaged when it was cut short', async () => {
    const writer = await createArchive(archive);
    await writer.addFile('recordings/big.mp4', await aFile('big.mp4', Buffer.alloc(300_000, 1)));
    await writer.finish();
    const whole = await readFile(archive);
    await writeFile(archive, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(extractArchive(archive, path.join(dir, 'out'), () => true)).rejects.toThrow(BackupError);
  });

  it('answers a missing archive as missing, not as damaged', async () => {
    await expect(extractArchive(path.join(dir, 'nowhere.tar.gz'), path.join(dir, 'out'), () => true)).rejects.toThrow(
      /ENOENT/,
    );
  });
});
