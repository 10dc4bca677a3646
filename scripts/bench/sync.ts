import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Engine, open } from '../../db/open';
import { runSync } from '../../db/sync/status';
import { syncFolder } from '../../db/sync/sync';
import { updateTeam } from '../../db/teams/teams';
import { currentWorkspace, initWorkspace } from '../../db/workspace/workspace';
import { deviceId, setLocal } from '../../db/write';
import { refuse, scriptFlags } from './args';
import { describeMachine } from './machine';
import { FIELDS_PER_TEAM, generateTeams, insertDirect, type LogRow, type TeamRow } from './sync-data';

/*
 * Sync benchmarks (figures, not pass/fail): `npm run bench:sync [-- --changes N --big M --rounds R]`.
 * (a) publishing N field changes (default 100,000: 20,000 teams × 5 fields) into a shared folder and
 *     importing them on a new device, against one transaction inserting the same change-log records
 *     and team rows into an empty database (the least any import must write);
 * (b) one new change (a team renamed through the domain function) synced into a database that
 *     already holds M changes (default 1,000,000; also at a tenth of it to show the cost does not
 *     grow): the receiving device's whole sync, as the app runs it (runSync), median of R × 5.
 * The databases are made by direct SQL inserts (change log first, then the rows, as the write
 * path's guards require), not through the API: the write path's cost is `npm run bench`'s.
 */
const USAGE =
  'Usage: npm run bench:sync [-- --changes N (default 100000) --big M (default 1000000) --rounds R (default 3) --only a|b --verbose]';
const flags = scriptFlags({
  usage: USAGE,
  numbers: { changes: 100_000, big: 1_000_000, rounds: 3 },
  texts: ['only'],
  switches: ['verbose'],
});
const { changes, big } = flags;
const rounds = Math.max(1, flags.rounds);
const only = flags.only ?? null;
if (only !== null && only !== 'a' && only !== 'b')
  refuse(`--only takes a (publish and import) or b (one change into many), not "${only}".\n${USAGE}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-bench-sync-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(x < 100 ? 1 : 0)} ms`;
const timed = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
};

console.log(describeMachine());

// A migrated empty database, copied for every device (migrations are not what is measured).
const template = path.join(dir, 'empty.db');
open(template).close();
let made = 0;
const fresh = (): Engine => {
  const file = path.join(dir, `db-${++made}.db`);
  fs.copyFileSync(template, file);
  return open(file);
};

/** A change manager's device with a workspace. */
function workspaceDevice(): { engine: Engine; author: string; workspace: string } {
  const engine = fresh();
  const me = initWorkspace(engine, 'Bench', 'Dana Lee');
  return { engine, author: me.id, workspace: currentWorkspace(engine)?.id ?? '' };
}

// (a) 100,000 field changes: publish on one device, import on a new one; against a direct insert.
const teamsA = Math.ceil(changes / FIELDS_PER_TEAM);
const resultsA: { publish: number; import: number; direct: number; join: number }[] = [];
for (let round = 1; round <= (only === 'b' ? 0 : rounds); round++) {
  const folder = path.join(dir, `share-a${round}`);
  fs.mkdirSync(folder);
  // B is a device of the workspace already: it receives the changes as change files.
  const a = workspaceDevice();
  syncFolder(a.engine, folder);
  const b = fresh();
  syncFolder(b, folder, { workspace: a.workspace });
  const { log, teams } = generateTeams(a.engine, a.author, teamsA, 'a');
  insertDirect(a.engine, log, teams);
  // Publishing includes the snapshot the device writes after 10,000 changes.
  const [published, publishMs] = timed(() => syncFolder(a.engine, folder));
  const [imported, importMs] = timed(() => syncFolder(b, folder));
  if (imported.imported.changes !== published.published.changes || !published.snapshotWritten)
    throw new Error(
      `The import applied ${imported.imported.changes} of ${published.published.changes} changes: ${JSON.stringify(imported.problems.slice(0, 2))}`,
    );
  // A new device starts from that snapshot instead.
  const d = fresh();
  const [joined, joinMs] = timed(() => syncFolder(d, folder, { workspace: a.workspace }));
  if (!joined.startedFrom) throw new Error('The new device did not start from the snapshot.');
  // The same records as the receiving device holds them, in one transaction into an empty database.
  const received = b.sqlite
    .prepare('SELECT hlc, device_id, author_id, tbl, row_id, col, value FROM change_log ORDER BY seq')
    .all() as LogRow[];
  const rows = b.sqlite.prepare('SELECT * FROM teams ORDER BY id').all() as TeamRow[];
  const c = fresh();
  const [, directMs] = timed(() => insertDirect(c, received, rows));
  resultsA.push({ publish: publishMs, import: importMs, direct: directMs, join: joinMs });
  console.log(
    `round ${round}: ${published.published.changes.toLocaleString('en-US')} field changes in ${published.published.files} files; publish ${ms(publishMs)}, import ${ms(importMs)}, direct insert ${ms(directMs)}: ${((publishMs + importMs) / directMs).toFixed(2)}× (publish ${(publishMs / directMs).toFixed(2)}×, import ${(importMs / directMs).toFixed(2)}×)`,
  );
  for (const e of [a.engine, b, c, d]) e.close();
  fs.rmSync(folder, { recursive: true, force: true });
}
if (resultsA.length > 0) {
  const pick = (fn: (r: (typeof resultsA)[number]) => number) => median(resultsA.map(fn));
  console.log(
    `(a) ${changes.toLocaleString('en-US')} field changes, median of ${rounds}: publish ${ms(pick((r) => r.publish))} + import ${ms(pick((r) => r.import))} against a direct transactional insert of ${ms(pick((r) => r.direct))} = ${pick((r) => (r.publish + r.import) / r.direct).toFixed(2)}× (target at most 3×); a new device starting from the snapshot: ${ms(pick((r) => r.join))}`,
  );
}

// (b) One new change into a database that already holds `size` changes.
function oneChange(size: number): number[] {
  const folder = path.join(dir, `share-b${size}`);
  fs.mkdirSync(folder);
  const a = workspaceDevice();
  const { log, teams } = generateTeams(a.engine, a.author, Math.ceil(size / FIELDS_PER_TEAM), 'b');
  insertDirect(a.engine, log, teams);
  const setup = performance.now();
  syncFolder(a.engine, folder);
  console.log(`  setup at ${size.toLocaleString('en-US')}: published in ${ms(performance.now() - setup)}`);
  // The receiving device: a new device that has applied every file so far (its own copy, made by
  // joining, would take as long as (a) says; copying the file is the quick way to the same state).
  a.engine.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const bFile = path.join(dir, `b-${size}.db`);
  fs.copyFileSync(a.engine.file, bFile);
  const b = open(bFile);
  const notes = Object.fromEntries(
    (b.sqlite.prepare("SELECT key, value FROM local_state WHERE key LIKE 'sync_%'").all() as { key: string; value: string }[]).map((r) => [
      r.key,
      r.value,
    ]),
  );
  const aDevice = deviceId(a.engine);
  b.sqlite.prepare("DELETE FROM local_state WHERE key LIKE 'sync_%' OR key = 'device_id'").run();
  setLocal(b, `sync_applied:${aDevice}`, notes.sync_file_seq ?? '0');
  setLocal(b, `sync_applied_hash:${aDevice}`, notes.sync_prev_hash ?? '');
  setLocal(b, `sync_applied_hlc:${aDevice}`, log[log.length - 1]?.hlc ?? '');
  const [, firstMs] = timed(() => runSync(b, folder));
  console.log(`  setup at ${size.toLocaleString('en-US')}: the receiving device's first sync ${ms(firstMs)}`);
  const held = b.sqlite.prepare('SELECT COUNT(*) FROM change_log').pluck().get() as number;
  const team = teams[Math.floor(teams.length / 2)]?.id ?? '';
  const times: number[] = [];
  for (let i = 0; i < rounds * 5; i++) {
    updateTeam({ engine: a.engine, authorId: a.author }, { id: team, name: `Renamed ${size} ${i}` });
    runSync(a.engine, folder);
    const [summary, t] = timed(() => runSync(b, folder));
    if (flags.verbose) console.log(`  ${ms(t)}`);
    if (summary.imported.changes !== 1) throw new Error(`Expected one change, got ${summary.imported.changes}.`);
    times.push(t);
  }
  console.log(
    `(b) one new change into a database holding ${held.toLocaleString('en-US')} changes: ${ms(median(times))} (median of ${times.length}; ${ms(Math.min(...times))}–${ms(Math.max(...times))}; target under 50 ms)`,
  );
  a.engine.close();
  b.close();
  fs.rmSync(folder, { recursive: true, force: true });
  return times;
}
if (only !== 'a') {
  oneChange(Math.round(big / 10));
  oneChange(big);
}
fs.rmSync(dir, { recursive: true, force: true });
