import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureCliBundle } from '../scripts/cli-bundle.mjs';
import { UPTAKE } from './cli-path';
import { tempDir } from './helpers';

/* scripts/uptake.mjs runs a bundle of the CLI's sources, made again whenever a source is newer. */
const root = path.resolve(import.meta.dirname, '..');
const manifest = path.join(root, '.cache', 'cli', 'inputs.json');
const read = () => JSON.parse(fs.readFileSync(manifest, 'utf8')) as { builtAt: number; inputs: string[] };
const uptake = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [UPTAKE, ...args], { encoding: 'utf8', env: { ...process.env, UPTAKE_DB: '', ...env } });

describe('the CLI bundle', { timeout: 120_000 }, () => {
  it('is made from the sources and answers as the sources do', async () => {
    await ensureCliBundle();
    expect(read().inputs).toEqual(expect.arrayContaining(['scripts/uptake.ts', 'db/open.ts', 'db/paths.ts', 'db/api/contract.ts']));
    const bundled = uptake(['--help']);
    const source = uptake(['--help'], { UPTAKE_CLI_FROM_SOURCE: '1' });
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toContain('Usage: uptake');
    expect(bundled.stdout).toBe(source.stdout);
  });

  it('finds the migrations and the import worker next to their sources, as from source', () => {
    const tmp = tempDir('uptake-bundle-');
    try {
      const db = path.join(tmp.dir, 'demo.db');
      const demo = uptake(['--db', db, 'demo']);
      expect(demo.stderr).toBe('');
      expect(demo.status).toBe(0);
      const report = uptake(['--db', db, 'report', '--format', 'json']);
      expect(JSON.parse(report.stdout).workspace).toBe('Acme Insurance');
    } finally {
      tmp.cleanup();
    }
  });

  it('is made again when a source is newer than it', async () => {
    await ensureCliBundle();
    const before = read().builtAt;
    // A save of db/paths.ts (same content, so git sees nothing), after the bundle was made.
    const source = path.join(root, 'db', 'paths.ts');
    const now = new Date(Math.max(Date.now(), before + 10));
    fs.utimesSync(source, now, now);
    const r = uptake(['--help']);
    expect(r.status).toBe(0);
    expect(read().builtAt).toBeGreaterThan(before);
    expect(read().builtAt).toBeGreaterThanOrEqual(fs.statSync(source).mtimeMs);
  });

  it('stops quietly when its reader closes the pipe early (`uptake ops | head`), with no stack trace', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${UPTAKE}" ops | head -c 20; echo " status \${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
    });
    expect(r.stdout).toMatch(/^\[\n {2}\{\n/);
    expect(r.stdout).toMatch(/ status 0\n$/);
    expect(r.stderr).toBe('');
  });
});
