import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

/**
 * Where the end-to-end specs save their screenshots: an ignored folder, so running the tests
 * never changes a tracked file. `npm run screenshots` runs the specs that use it and copies the
 * pictures into docs/screenshots/, which the README shows.
 */
export const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');

/** The two window sizes screens are looked at in: a roomy desktop and a 1024 px laptop. */
export const SHOT_SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/** `<name>-<width>.png` at each of SHOT_SIZES (the pointer parked in a corner), then back to the first size. */
export async function shootAtSizes(page: Page, name: string) {
  for (const size of SHOT_SIZES) {
    await page.setViewportSize(size);
    await page.mouse.move(2, 2);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${size.width}.png`), animations: 'disabled', fullPage: true });
  }
  await page.setViewportSize(SHOT_SIZES[0]);
}
