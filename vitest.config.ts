import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['db/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'test/electron/**', 'node_modules/**'],
    testTimeout: 30_000,
    pool: 'forks',
    // The CLI's bundle, made once before test files start CLI processes.
    globalSetup: ['./test/cli-setup.ts'],
  },
});
