import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A_PNG, A_WINDOWS_PROGRAM, aDocx, aPdf, aPptx, aZip } from '../../../test/support/materials.ts';
import { detectMaterialKind } from './detect.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'serambi-detect-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const kindOf = async (bytes: Buffer) => {
  const file = path.join(folder, `f-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, bytes);
  return detectMaterialKind(file);
};

describe('what a file is, from its bytes', () => {
  it('knows a PDF, a PowerPoint deck and the three kinds of picture', async () => {
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    expect(await Promise.all([aPdf(), aPptx(), A_PNG, jpeg, webp].map(kindOf))).toEqual([
      'pdf',
      'pptx',
      'png',
      'jpeg',
      'webp',
    ]);
  });

  it('refuses a program, a Word document, a ZIP with slides but no content types, a cut-off ZIP and an empty file', async () => {
    const slidesOnly = aZip({ 'ppt/presentation.xml': '<p/>' });
    const cutOff = aPptx().subarray(0, 200);
    const riffNotWebp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE')]);
    expect(
      await Promise.all([A_WINDOWS_PROGRAM, aDocx(), slidesOnly, cutOff, riffNotWebp, Buffer.alloc(0)].map(kindOf)),
    ).toEqual([null, null, null, null, null, null]);
  });
});
