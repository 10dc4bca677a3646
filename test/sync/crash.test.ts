import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../db/demo';
import { exportWorkspace } from '../../db/export';
import { type Engine, open } from '../../db/open';
import { computeReport } from '../../db/signals/metrics';
import { CHANGE_FILE, readChangeFile } from '../../db/sync/files';
import { syncFolder } from '../../db/sync/sync';
import { currentWorkspace } from '../../db/workspace/workspace';
import { outputOf } from '../cli-path';
import { tempDir } from '../helpers';

/*
 * Crashes: a sync in a real process, killed with SIGKILL at points spread over its work, while it
 * publishes (change files and the rows of imported files) and while it applies another device's.
 * After each kill the database passes integrity_check, every file under a real name in the share is
 * whole, and the next sync completes; in the end both devices hold the same data.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const tmp = tempDir('uptake-sync-crash-');
afterAll(() => tmp.cleanup());
/** Milliseconds after the child has opened its database: early, middle and late in its work. */
const KILL_AFTER = [0, 15, 60, 150, 400];

function killedSync(db: string, folder: string, delay: number, workspace?: string): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'test', 'sync', 'crash-child.ts'), db, folder, ...(workspace ? [workspace] : [])],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let killing = false;
    const output = outputOf(child, (out) => {
      if (out.startsWith('ready\n') && !killing) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    output.catch(reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('done');
      else void output.then(({ err }) => reject(new Error(`the sync process failed (${code}): ${err}`)));
    });
  });
}

function checkAfterCrash(db: string, folder: string): void {
  const engine = open(db);
  try {
    expect(engine.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    engine.close();
  }
  // Every file under a real name is whole: a half-written one only ever exists under a temp name.
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of walk(folder)) {
    const name = path.basename(file);
    const seq = CHANGE_FILE.exec(name)?.[1];
    if (seq && file.includes(`${path.sep}changes${path.sep}`)) {
      const device = path.basename(path.dirname(path.dirname(file)));
      const workspace = path.basename(path.dirname(path.dirname(path.dirname(path.dirname(file)))));
      const read = readChangeFile(file, { workspace, device, seq: Number(seq) });
      expect(read.ok, `${file}: ${read.ok ? '' : read.problem.reason}`).toBe(true);
    } else if (/^\d{6}\.json$/.test(name)) {
      const [head, body] = fs.readFileSync(file, 'utf8').split('\n');
      expect(head && body !== undefined && JSON.parse(head).count === JSON.parse(body ?? '').rows.length).toBe(true);
    }
  }
}

const exported = (e: Engine) => JSON.stringify(exportWorkspace(e));
const report = (e: Engine) => JSON.stringify({ ...computeReport(e), generatedAt: null });

describe('a sync killed part way', () => {
  it('while publishing and while applying: integrity_check ok, no half-written file under a real name, and the next sync completes', async () => {
    const folder = path.join(tmp.dir, 'share');
    fs.mkdirSync(folder);
    const aFile = path.join(tmp.dir, 'a.db');
    const bFile = path.join(tmp.dir, 'b.db');
    const a0 = open(aFile);
    await createDemo(a0, 11);
    const workspace = currentWorkspace(a0)?.id ?? '';
    a0.close();

    const outcomes: string[] = [];
    for (const delay of KILL_AFTER) {
      outcomes.push(await killedSync(aFile, folder, delay));
      checkAfterCrash(aFile, folder);
    }
    const a = open(aFile);
    const finished = syncFolder(a, folder);
    expect(finished.problems).toEqual([]);
    a.close();

    for (const delay of KILL_AFTER) {
      outcomes.push(await killedSync(bFile, folder, delay, workspace));
      checkAfterCrash(bFile, folder);
    }
    // Kills landed while there was work left in both phases (the earliest ones always do).
    expect(outcomes.slice(0, KILL_AFTER.length)).toContain('killed');
    expect(outcomes.slice(KILL_AFTER.length)).toContain('killed');
    const b = open(bFile);
    const a2 = open(aFile);
    try {
      const last = syncFolder(b, folder, currentWorkspace(b) ? {} : { workspace });
      expect(last.problems).toEqual([]);
      expect(exported(b)).toBe(exported(a2));
      expect(report(b)).toBe(report(a2));
    } finally {
      b.close();
      a2.close();
    }
  }, 240_000);
});
