import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from './scripts/find-chromium';

/*
 * End-to-end tests in Chromium against the loopback web host: every test gets its own temp
 * database and server (test/e2e/fixtures.ts). The renderer is built once in globalSetup so the
 * tests exercise the current source.
 */
const chromium = await findChromium();
if (!chromium) {
  // Fail loudly: a suite that silently skips its browser tests proves nothing.
  throw new Error(HOW_TO_GET_CHROMIUM);
}

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: 'list',
  // The accessibility sweep visits a dozen screens and dialogs; on a loaded 2-core machine it needs more than a minute.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: chromium.path, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
  },
});
