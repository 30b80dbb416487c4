import { defineConfig } from 'vitest/config';

/**
 * Files that measure timing against real media (A/V sync of the recorder) or wait on live video
 * in several browsers: they run alone after everything else, because two cores shared with
 * LiveKit, Chromium and another test's bots, recorder or PDFs make WebRTC's receive path late by
 * seconds, which says nothing of the code (CI once saw a stage tile take over 20 s to show video
 * while the attendance bots and certificate PDFs ran beside it).
 */
const SOLO = [
  'test/integration/recorder.test.ts',
  'test/integration/faults-recorder.test.ts',
  // A streamer and a recorder at once, with nginx-rtmp and ffprobe reading the stream back.
  'test/integration/live-stream.test.ts',
  'test/journeys/live-room.test.ts',
  'test/journeys/live-media.test.ts',
  // Waits on live video before and after the phone's network goes away and comes back.
  'test/journeys/network-switch.test.ts',
  'test/journeys/recording.test.ts',
  // Chromium on stage and in the console while a streamer pushes to nginx-rtmp.
  'test/journeys/live-stream.test.ts',
  // Blocks UDP for Chromium with a machine-wide policy file while a case runs.
  'test/journeys/public-deployment.test.ts',
  // Three loopback deployments, each with eight rtc-node participants on every media path.
  'test/integration/doctor.test.ts',
  // Two LiveKit nodes, two instances and Chromium; kills a node and waits for the stage to come back.
  'test/journeys/livekit-cluster.test.ts',
  // A Chromium WHIP publisher (H.264) and an rtc-node viewer decoding it.
  'test/integration/whip.test.ts',
  'test/journeys/whip.test.ts',
  // Three browsers at breakout tables, each hearing the others' fake microphones through LiveKit.
  'test/journeys/breakouts.test.ts',
  // Sixty rtc-node participants (in child processes) moving to tables and back; tables across a restart.
  'test/integration/breakouts-scale.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only fight over the CPU LiveKit and Chromium need.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['{shared,server,web,test}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', ...SOLO],
        },
      },
      {
        extends: true,
        test: { name: 'solo', include: SOLO, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
