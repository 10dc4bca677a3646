import { type ChildProcess, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The CLI as users start it (`npx uptake`, `npm run uptake`): scripts/uptake.mjs, which runs the
 * bundle of the sources that scripts/cli-bundle.mjs keeps up to date. Run as
 * `spawn(process.execPath, [UPTAKE, ...args])`.
 */
export const UPTAKE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'uptake.mjs');

/** What a child process printed, and how it ended. */
export interface Exit {
  code: number | null;
  out: string;
  err: string;
}

/** Collects a child's stdout and stderr until it closes; `onOut` sees stdout as it grows. */
export function outputOf(child: ChildProcess, onOut?: (out: string) => void): Promise<Exit> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    onOut?.(out);
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/**
 * Runs the CLI to the end, as a user at a shell would (no UPTAKE_DB from the test's environment;
 * `input` on stdin). The buffer holds a demo workspace's export, which is several MiB.
 */
export function runUptake(args: string[], input?: string): Exit {
  const r = spawnSync(process.execPath, [UPTAKE, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, UPTAKE_DB: '' },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
