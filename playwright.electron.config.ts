import { defineConfig } from '@playwright/test';

/*
 * The desktop shell's suite. app.spec.ts launches the built app with Playwright's _electron where
 * Electron's binary is installed, and skips with the reason where it is not (its download is
 * blocked on some machines). main-bundle.spec.ts loads the built shell against a stub of
 * Electron's API and runs everywhere.
 */
export default defineConfig({
  testDir: './test/electron',
  testMatch: '*.spec.ts',
  globalSetup: './test/electron/global-setup.ts',
  outputDir: './test-results/electron',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
