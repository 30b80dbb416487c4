/**
 * A live session whose host is on the stage with a camera and a tone, published from rtc-node:
 * what the browser benchmarks enter, so the browser side is the participant alone.
 */
import type { TestApp } from '../test/support/app.ts';
import { aRoomSetup, asBot, connect, joinRoom } from '../test/support/room.ts';
import { publishSyntheticMedia } from '../test/support/synthetic-media.ts';

/** The speaker's camera: one layer (no simulcast), so every viewer receives the same frames. */
export const CAMERA = { width: 640, height: 360, fps: 15 };

/** The <video> of a stage tile: the speaker's picture in the room. */
export const SPEAKER_VIDEO = '[data-testid="stage-tile"] video';

export async function aLiveStage(app: TestApp) {
  const setup = await aRoomSetup(app);
  const backstage = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  if ((await backstage.call('/live')).status !== 204) throw new Error('the session did not go live');
  const host = await joinRoom(app, setup.session.slug, { caller: setup.owner });
  const stage = await connect(host.join);
  const media = await publishSyntheticMedia(asBot(stage, host.join.snapshot.me.identity), {
    video: { ...CAMERA, pattern: 'moving-bar' },
    audio: { frequencyHz: 440, sampleRate: 48_000 },
  });
  return { ...setup, stage, media };
}
