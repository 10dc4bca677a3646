import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

/**
 * Where the end-to-end specs save their screenshots: an ignored folder, so running the tests
 * never changes a tracked file. `npm run screenshots` runs the specs that use it and copies the
 * pictures into docs/screenshots/, which the README shows.
 */
export const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');

/** The two window sizes the specs look at each screen in: a laptop's full screen and a small window. */
export const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/**
 * The page as it is, whole, at each of SIZES (`NAME-1440.png`, `NAME-1024.png`), the pointer parked
 * where it hovers nothing; the window is left at the first size.
 */
export async function shootAtSizes(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.mouse.move(2, 2);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${size.width}.png`), animations: 'disabled', fullPage: true });
  }
  await page.setViewportSize(SIZES[0]);
}
