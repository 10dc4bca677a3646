import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Engine, open } from '../db/open';

/** A fresh folder under the OS temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'uptake-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A real SQLite file with the real migrations applied. */
export function tempEngine(): { engine: Engine; file: string; dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'uptake.db');
  const engine = open(file);
  return {
    engine,
    file,
    dir,
    cleanup: () => {
      if (engine.sqlite.open) engine.close();
      cleanup();
    },
  };
}
