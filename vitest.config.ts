import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: integration tests start crawlers, workers and browsers of their own.
    maxWorkers: 2,
    setupFiles: ['test/setup/no-external-network.ts'],
  },
});
