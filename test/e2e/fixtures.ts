import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test as base } from '@playwright/test';
import { open } from '../../db/open';
import { write } from '../../db/write';
import { UPTAKE } from '../cli-path';
import { UptakeApp } from './pages';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** The CLI as users start it, in one Node process (no wrapper process to reap). */
const uptakeArgs = (...args: string[]) => [UPTAKE, ...args];

export interface Served {
  /** The URL the host printed, with its token. */
  url: string;
  database: string;
  dir: string;
}

/** Spawn `uptake serve` on a free port and wait for the JSON it prints. */
async function serve(database: string): Promise<{ served: Omit<Served, 'dir'>; child: ChildProcess }> {
  const child = spawn(process.execPath, uptakeArgs('--db', database, 'serve', '--port', '0'), {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const served = await new Promise<Omit<Served, 'dir'>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`uptake serve printed no URL within 30s.\nstderr:\n${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      try {
        const parsed = JSON.parse(stdout) as { url?: unknown; database?: unknown };
        if (typeof parsed.url === 'string' && typeof parsed.database === 'string') {
          clearTimeout(timer);
          resolve({ url: parsed.url, database: parsed.database });
        }
      } catch {
        // The pretty-printed JSON arrives over several chunks; wait for the rest.
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`uptake serve exited with code ${code} before printing its URL.\nstderr:\n${stderr}`));
    });
  });
  return { served, child };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Moves feedback items, by case reference, to the moments given (ISO), through the engine's write
 * path on the served database (so their history shows the change): no screen sets when an item
 * was reported, and a test in another time zone needs moments near midnight UTC.
 */
export function setReportedAt(database: string, moments: Record<string, string>): void {
  const engine = open(database);
  try {
    const find = engine.sqlite.prepare('SELECT id FROM feedback WHERE case_ref = ?').pluck();
    for (const [caseRef, iso] of Object.entries(moments)) {
      const id = find.get(caseRef);
      if (typeof id !== 'string') throw new Error(`No feedback with case reference ${caseRef}`);
      write(engine, null, 'feedback', id, { reportedAt: iso }, 'update');
    }
  } finally {
    engine.close();
  }
}

export interface Options {
  /** 'empty': a fresh database (first run). 'demo': pre-filled with `uptake demo`. */
  workspace: 'empty' | 'demo';
}

/** A second device: its own empty database and web host, in its own browser context. */
export interface SecondDevice extends Served {
  app: UptakeApp;
}

export const test = base.extend<Options & { served: Served; app: UptakeApp; share: string; second: SecondDevice }>({
  workspace: ['empty', { option: true }],

  served: async ({ workspace }, use) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'uptake-e2e-'));
    const database = path.join(dir, 'uptake.db');
    if (workspace === 'demo') await run(process.execPath, uptakeArgs('--db', database, 'demo'), { cwd: root });
    const { served, child } = await serve(database);
    try {
      await use({ ...served, dir });
    } finally {
      await stop(child);
      await fs.rm(dir, { recursive: true, force: true });
    }
  },

  app: async ({ page, served }, use) => {
    const app = new UptakeApp(page, served.url);
    await app.open();
    await use(app);
  },

  /** A shared folder for sync, empty. */
  share: async ({ served }, use) => {
    const share = path.join(served.dir, 'share');
    await fs.mkdir(share);
    await use(share);
  },

  second: async ({ browser }, use) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'uptake-e2e-second-'));
    const { served, child } = await serve(path.join(dir, 'uptake.db'));
    const context = await browser.newContext();
    try {
      const app = new UptakeApp(await context.newPage(), served.url);
      await app.open();
      await use({ ...served, dir, app });
    } finally {
      await context.close();
      await stop(child);
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
