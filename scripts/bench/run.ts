import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callTyped } from '../../db/api';
import { open } from '../../db/open';
import { importFile } from '../../db/signals/import';
import { computeReport } from '../../db/signals/metrics';
import { monthsBetween, pulseCsv, usageCsv, writeDecisions } from './generate';

/*
 * Benchmarks (figures, not pass/fail): `npm run bench [-- --rows N]`.
 * - import of an N-row decisions CSV (default 1,000,000) against the sqlite3 shell's `.import` of
 *   the same file into a plain table, in the same run; then the same file again (all duplicates);
 * - the report over that workspace (100 teams, 24 months, 3 initiatives): median of 20 warm runs,
 *   whole workspace and one team;
 * - the write path: creating teams through the API.
 * Peak memory is the process's max RSS after the import.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const rows = arg('rows', 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-bench-'));
const teams = Array.from({ length: 100 }, (_, i) => `Team ${String(i).padStart(3, '0')}`);
const initiatives = ['Claims triage assistant', 'Underwriting risk scorer', 'Customer email drafter'];
const months = monthsBetween('2025-01', 24);
const spec = { teams, initiatives, months, usersPerTeam: 50 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(0)} ms`;

const csv = path.join(dir, 'decisions.csv');
await writeDecisions(csv, rows, spec);
fs.writeFileSync(path.join(dir, 'usage.csv'), usageCsv(spec));
fs.writeFileSync(path.join(dir, 'pulse.csv'), pulseCsv(spec));
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`decisions.csv: ${rows.toLocaleString('en-US')} rows, ${(fs.statSync(csv).size / 2 ** 20).toFixed(0)} MiB`);

let shell: number | null = null;
const probe = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
if (probe.status === 0) {
  const t0 = performance.now();
  const r = spawnSync('sqlite3', [path.join(dir, 'shell.db'), '.mode csv', `.import ${csv} d`], { encoding: 'utf8' });
  shell = performance.now() - t0;
  if (r.status !== 0) shell = null;
  console.log(`sqlite3 shell .import: ${shell === null ? 'failed' : ms(shell)}`);
} else console.log('sqlite3 shell not found (apt-get install sqlite3): no baseline ratio');

const engine = open(path.join(dir, 'bench.db'));
const info = await callTyped({ engine }, 'workspace.init', { workspace: 'Bench', me: 'Dana Lee' });
const me = info.me?.id ?? null;
await importFile(engine, me, 'usage', path.join(dir, 'usage.csv'), { createMissing: true });
await importFile(engine, me, 'pulse', path.join(dir, 'pulse.csv'));

let t0 = performance.now();
const first = await importFile(engine, me, 'decisions', csv);
const importMs = performance.now() - t0;
console.log(`uptake import: ${ms(importMs)} (${first.new} new)${shell ? `, ${(importMs / shell).toFixed(2)}× the shell` : ''}`);
t0 = performance.now();
const again = await importFile(engine, me, 'decisions', csv);
const againMs = performance.now() - t0;
console.log(
  `uptake re-import (all duplicates): ${ms(againMs)} (${again.unchanged} duplicate)${shell ? `, ${(againMs / shell).toFixed(2)}× the shell` : ''}`,
);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

const timeIt = (fn: () => unknown) => {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    fn();
    xs.push(performance.now() - s);
  }
  return median(xs);
};
console.log(`report, whole workspace (median of 20 warm): ${timeIt(() => computeReport(engine, {})).toFixed(1)} ms`);
console.log(`report, one team (median of 20 warm): ${timeIt(() => computeReport(engine, { team: 'Team 042' })).toFixed(1)} ms`);

t0 = performance.now();
for (let i = 0; i < 500; i++) await callTyped({ engine }, 'teams.create', { name: `Bench team ${i}` });
console.log(
  `write path: 500 teams.create through the API in ${ms(performance.now() - t0)} (${((performance.now() - t0) / 500).toFixed(2)} ms each, fsync per commit)`,
);
engine.close();
fs.rmSync(dir, { recursive: true, force: true });
