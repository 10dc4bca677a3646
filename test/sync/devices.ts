import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { type Engine, open } from '../../db/open';
import { tempDir } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** `count` empty database files (devices) and a shared folder, closed and removed after the test. */
export function databases(prefix: string, count: number): { dir: string; folder: string; engines: Engine[] } {
  const { dir, cleanup } = tempDir(prefix);
  const folder = path.join(dir, 'share');
  fs.mkdirSync(folder);
  const engines = Array.from({ length: count }, (_, i) => open(path.join(dir, `${String.fromCharCode(97 + i)}.db`)));
  cleanups.push(() => {
    for (const e of engines) if (e.sqlite.open) e.close();
    cleanup();
  });
  return { dir, folder, engines };
}

/** Two empty database files (two devices) and a shared folder, closed and removed after the test. */
export function twoDatabases(prefix: string): { dir: string; folder: string; a: Engine; b: Engine } {
  const { dir, folder, engines } = databases(prefix, 2);
  const [a, b] = engines as [Engine, Engine];
  return { dir, folder, a, b };
}
