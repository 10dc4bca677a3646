import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { callTyped } from '../../db/api';
import { open } from '../../db/open';
import { importFile } from '../../db/signals/import';
import { computeReport } from '../../db/signals/metrics';
import { scriptFlags } from './args';
import { describeFirstFigure, timeToFirstFigure } from './first-figure';
import { monthsBetween, pulseCsv, usageCsv, writeDecisions } from './generate';
import { describeMachine } from './machine';

/*
 * Benchmarks (figures, not pass/fail): `npm run bench [-- --rows N --rounds R]`.
 * - the decisions import as a user runs it, `uptake import decisions FILE` (scripts/uptake.mjs, what
 *   `npx uptake` and `npm run uptake` start: one process, start-up included), into a fresh copy of a workspace that has its teams,
 *   initiatives, usage and pulse; then the same file again (all duplicates). Against the sqlite3
 *   shell's `.import` of the same file into a plain table. Two N-row files (default 1,000,000):
 *   the bench's own (5,000 users, a short reason on some overrides) and a realistic one (20,000
 *   users, a quoted free-text reason on about a third of the rows). Each of R rounds (default 3)
 *   runs, per file, the three one after the other, so each ratio is taken on the same machine
 *   state; medians are quoted. Peak memory is the import process's own maximum RSS (from
 *   /usr/bin/time: GNU -v on Linux, BSD -l on macOS);
 * - the report over the bench file's workspace (100 teams, 24 months, 3 initiatives): median of 20
 *   warm runs, whole workspace and one team;
 * - the write path: creating teams through the API;
 * - time to the first figure: the demo's report in Chromium, cold context (first-figure.ts), on a
 *   renderer built from the current source.
 */
const flags = scriptFlags({
  usage: 'Usage: npm run bench [-- --rows N (default 1000000) --rounds R (default 3)]',
  numbers: { rows: 1_000_000, rounds: 3 },
});
const rows = flags.rows;
const rounds = Math.max(1, flags.rounds);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-bench-'));
const teams = Array.from({ length: 100 }, (_, i) => `Team ${String(i).padStart(3, '0')}`);
const initiatives = ['Claims triage assistant', 'Underwriting risk scorer', 'Customer email drafter'];
const months = monthsBetween('2025-01', 24);
const spec = { teams, initiatives, months, usersPerTeam: 50 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mib = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(0)} MiB`);
const removeDb = (file: string) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
};

console.log(describeMachine());
const files = [
  { label: 'bench file (5,000 users, short reasons on some overrides)', csv: path.join(dir, 'decisions.csv'), spec },
  {
    label: 'realistic file (20,000 users, quoted free text on a third of the rows)',
    csv: path.join(dir, 'decisions-realistic.csv'),
    spec: { ...spec, usersPerTeam: 200, freeTextShare: 1 / 3 },
  },
];
for (const f of files) {
  await writeDecisions(f.csv, rows, f.spec);
  console.log(
    `${path.basename(f.csv)}: ${rows.toLocaleString('en-US')} rows, ${(fs.statSync(f.csv).size / 2 ** 20).toFixed(0)} MiB, the ${f.label}`,
  );
}
fs.writeFileSync(path.join(dir, 'usage.csv'), usageCsv(spec));
fs.writeFileSync(path.join(dir, 'pulse.csv'), pulseCsv(spec));

// The workspace every round starts from: teams and initiatives made by the usage import.
const template = path.join(dir, 'template.db');
{
  const engine = open(template);
  const info = await callTyped({ engine }, 'workspace.init', { workspace: 'Bench', me: 'Dana Lee' });
  const me = info.me?.id ?? null;
  await importFile(engine, me, 'usage', path.join(dir, 'usage.csv'), { createMissing: true });
  await importFile(engine, me, 'pulse', path.join(dir, 'pulse.csv'));
  engine.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  engine.close();
}

/** How to read a child's peak RSS here: GNU time (Linux), BSD time (macOS), or not at all. */
const timeTool = (() => {
  for (const [flag, pattern, unit] of [
    ['-v', /Maximum resident set size \(kbytes\): (\d+)/, 1024],
    ['-l', /(\d+)\s+maximum resident set size/, 1],
  ] as const) {
    const probe = spawnSync('/usr/bin/time', [flag, 'true'], { encoding: 'utf8' });
    if (probe.status === 0 && pattern.test(probe.stderr)) return { flag, pattern, unit };
  }
  return null;
})();
if (!timeTool) console.log('/usr/bin/time with -v (GNU) or -l (BSD) not found: no peak memory figures');

interface Run {
  ms: number;
  peakMiB: number | null;
  stdout: string;
}
/** Runs a command to its end: wall time and the peak RSS of its largest process. */
function run(command: string, args: string[]): Run {
  const [file, argv] = timeTool ? ['/usr/bin/time', [timeTool.flag, command, ...args]] : [command, args];
  const t0 = performance.now();
  const r = spawnSync(file, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const elapsed = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const peak = timeTool?.pattern.exec(r.stderr);
  return { ms: elapsed, peakMiB: peak && timeTool ? (Number(peak[1]) * timeTool.unit) / 2 ** 20 : null, stdout: r.stdout };
}
const cliImport = (db: string, csv: string, again = false) =>
  run(process.execPath, [path.join(root, 'scripts', 'uptake.mjs'), '--db', db, 'import', 'decisions', csv, ...(again ? ['--again'] : [])]);

const hasShell = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;
if (!hasShell) console.log('sqlite3 shell not found (apt-get install sqlite3): no baseline ratio');

type Round = { shell: Run | null; first: Run; again: Run };
const results: Round[][] = files.map(() => []);
const db = path.join(dir, 'bench.db');
for (let round = 1; round <= rounds; round++) {
  files.forEach((f, i) => {
    let shell: Run | null = null;
    if (hasShell) {
      const shellDb = path.join(dir, 'shell.db');
      removeDb(shellDb);
      shell = run('sqlite3', [shellDb, '.mode csv', `.import ${f.csv} d`]);
    }
    // The report and the write path below run on the bench file's database.
    const target = i === 0 ? db : path.join(dir, 'realistic.db');
    removeDb(target);
    fs.copyFileSync(template, target);
    const first = cliImport(target, f.csv);
    // The same file once more (the import asks for --again before it reads a file it has seen).
    const again = cliImport(target, f.csv, true);
    const summary = (r: Run) => JSON.parse(r.stdout) as { new: number; unchanged: number };
    if (summary(first).new !== rows || summary(again).unchanged !== rows) throw new Error('The import did not import every row once.');
    results[i]?.push({ shell, first, again });
    const ratio = (r: Run) => (shell ? `, ${(r.ms / shell.ms).toFixed(2)}× the shell` : '');
    console.log(
      `round ${round}, ${path.basename(f.csv)}: shell .import ${shell ? ms(shell.ms) : 'n/a'}; uptake import ${ms(first.ms)}${ratio(first)}, peak ${mib(first.peakMiB)}; re-import ${ms(again.ms)}${ratio(again)}, peak ${mib(again.peakMiB)}`,
    );
  });
}

console.log(`medians of ${rounds} round${rounds > 1 ? 's' : ''} (ratios taken round by round):`);
files.forEach((f, i) => {
  const rs = results[i] ?? [];
  const pick = (fn: (r: Round) => number | null) => {
    const xs = rs.map(fn).filter((x): x is number => x !== null);
    return xs.length > 0 ? median(xs) : null;
  };
  const shellMs = pick((r) => r.shell?.ms ?? null);
  const ratioOf = (fn: (r: Round) => Run) => pick((r) => (r.shell ? fn(r).ms / r.shell.ms : null));
  const firstRatio = ratioOf((r) => r.first);
  const againRatio = ratioOf((r) => r.again);
  console.log(`  ${f.label}:`);
  console.log(`    sqlite3 shell .import into a plain table: ${shellMs === null ? 'n/a' : ms(shellMs)}`);
  console.log(
    `    uptake import decisions (CLI process, start-up included): ${ms(pick((r) => r.first.ms) ?? 0)}${firstRatio === null ? '' : `, ${firstRatio.toFixed(2)}× the shell`}, peak RSS ${mib(pick((r) => r.first.peakMiB))}`,
  );
  console.log(
    `    re-import, all duplicates: ${ms(pick((r) => r.again.ms) ?? 0)}${againRatio === null ? '' : `, ${againRatio.toFixed(2)}× the shell`}, peak RSS ${mib(pick((r) => r.again.peakMiB))}`,
  );
});

const engine = open(db);
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

const t0 = performance.now();
for (let i = 0; i < 500; i++) await callTyped({ engine }, 'teams.create', { name: `Bench team ${i}` });
const writeMs = performance.now() - t0;
console.log(`write path: 500 teams.create through the API in ${ms(writeMs)} (${(writeMs / 500).toFixed(2)} ms each, fsync per commit)`);
engine.close();
fs.rmSync(dir, { recursive: true, force: true });

// The renderer as the current source builds it (vite.config.ts: into dist/renderer).
await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'error' });
console.log(describeFirstFigure(await timeToFirstFigure(Math.max(5, rounds))));
