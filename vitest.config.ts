import { defineConfig } from 'vitest/config';

/**
 * Files that measure timing against real media (A/V sync of the recorder): they run alone after
 * everything else, because two cores shared with LiveKit, Chromium and another test's recorder
 * make WebRTC's receive path late by hundreds of milliseconds, which says nothing of the code.
 */
const SOLO = ['test/integration/recorder.test.ts'];

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
