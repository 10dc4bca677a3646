import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Finds a Chromium for the end-to-end tests. Playwright's own browser download is not relied on
 * (offline machines, CI images with Debian's chromium): UPTAKE_CHROMIUM wins, then a browser on
 * PATH, then a browser Playwright installed earlier. `tsx scripts/find-chromium.ts` prints the
 * path, or how to get a browser and exits 1.
 */

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const HOW_TO_GET_CHROMIUM = [
  'No Chromium found for the end-to-end tests. Either:',
  '  - install one: sudo apt-get install -y chromium   (Debian/Ubuntu; or your OS package of chromium / google-chrome), or',
  '  - point UPTAKE_CHROMIUM at a Chromium or Chrome binary: UPTAKE_CHROMIUM=/path/to/chrome npm run test:e2e, or',
  '  - if this machine can download it: npx playwright install chromium',
].join('\n');

const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

function onPath(names: readonly string[]): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const file = path.join(dir, name + ext);
        if (isExecutable(file)) return file;
      }
    }
  }
  return null;
}

async function playwrightsOwn(): Promise<string | null> {
  try {
    const { chromium } = await import('playwright-core');
    const file = chromium.executablePath();
    return file && isExecutable(file) ? file : null;
  } catch {
    return null;
  }
}

export interface ChromiumFound {
  path: string;
  source: 'UPTAKE_CHROMIUM' | 'PATH' | 'playwright';
}

/** The Chromium to test with, or null (then print HOW_TO_GET_CHROMIUM). */
export async function findChromium(): Promise<ChromiumFound | null> {
  const fromEnv = process.env.UPTAKE_CHROMIUM;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`UPTAKE_CHROMIUM is set to ${fromEnv}, which is not an executable file.`);
    return { path: fromEnv, source: 'UPTAKE_CHROMIUM' };
  }
  const found = onPath(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome']);
  if (found) return { path: found, source: 'PATH' };
  const own = await playwrightsOwn();
  return own ? { path: own, source: 'playwright' } : null;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const found = await findChromium().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
  if (!found) {
    process.stderr.write(`${HOW_TO_GET_CHROMIUM}\n`);
    process.exit(1);
  }
  process.stdout.write(`${found.path}\n`);
}
