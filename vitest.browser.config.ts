import { defineConfig } from 'vitest/config';

/** Journeys in a real Chromium (Debian's), with axe checking every page visited. */
export default defineConfig({
  test: {
    include: ['browser/**/*.browser.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
