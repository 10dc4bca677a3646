import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { type Engine, open } from '../../db/open';
import { tempDir } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Two empty database files (two devices) and a shared folder, closed and removed after the test. */
export function twoDatabases(prefix: string): { dir: string; folder: string; a: Engine; b: Engine } {
  const { dir, cleanup } = tempDir(prefix);
  const folder = path.join(dir, 'share');
  fs.mkdirSync(folder);
  const a = open(path.join(dir, 'a.db'));
  const b = open(path.join(dir, 'b.db'));
  cleanups.push(() => {
    a.close();
    b.close();
    cleanup();
  });
  return { dir, folder, a, b };
}
