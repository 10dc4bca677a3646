import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { ImportSummary } from '../api/signal-types';
import { badInput } from '../errors';
import type { Engine } from '../open';
import { settings } from '../schema';
import { newId, write } from '../write';
import { CsvErrors, columnIndex, formatCsvErrors, readCsv } from './csv';
import { SignalKeys } from './keys';
import { NameResolver } from './names';

export const IMPORT_KINDS = ['usage', 'decisions', 'pulse', 'shadow-processes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type { ImportSummary } from '../api/signal-types';

export interface ImportOptions {
  dryRun?: boolean;
  createMissing?: boolean;
  /** Shown in messages and stored with the batch (defaults to the file's name). */
  displayName?: string;
  onProgress?: (progress: { rows: number }) => void;
}

export const ACTIONS = ['accepted', 'edited', 'overridden', 'ignored'] as const;
const ACTION_CODE: Record<string, number> = { accepted: 0, edited: 1, overridden: 2, ignored: 3 };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const INTEGER = /^\d+$/;

/** The workspace's key for hashing user ids (made once, synced with the workspace). */
export function userHashKey(engine: Engine, authorId: string | null): string {
  const row = engine.orm.select().from(settings).where(eq(settings.id, 'user_hash_key')).get();
  if (row) return JSON.parse(row.value) as string;
  const made = randomBytes(32).toString('hex');
  write(engine, authorId, 'settings', 'user_hash_key', { value: JSON.stringify(made) }, 'create');
  return made;
}

/** HMAC-SHA-256 of a user id with the workspace key, 128 bits in hex: counts habits, stores no name. */
export function hashUser(key: string, user: string): string {
  return createHmac('sha256', key).update(user).digest('hex').slice(0, 32);
}

const realDates = new Map<string, boolean>();
/** True for a calendar date that exists (2026-02-30 does not). Cached: a file has few distinct days. */
function isRealDate(s: string): boolean {
  let ok = realDates.get(s);
  if (ok === undefined) {
    const d = new Date(`${s}T00:00:00Z`);
    ok = !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    if (realDates.size < 100_000) realDates.set(s, ok);
  }
  return ok;
}

/**
 * Imports one CSV file, all or nothing: one transaction, rolled back on the first problem found
 * (after reading the whole file, so every bad row is listed) and for a dry run.
 */
export async function importFile(
  engine: Engine,
  authorId: string | null,
  kind: ImportKind,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const name = options.displayName ?? path.basename(file);
  const errors = new CsvErrors();
  const names = new NameResolver(engine, authorId, options.createMissing ?? false);
  const summary: ImportSummary = {
    kind,
    file: name,
    sha256: '',
    batchId: null,
    dryRun: options.dryRun ?? false,
    rows: 0,
    new: 0,
    changed: 0,
    unchanged: 0,
    created: names.created,
  };
  if (engine.sqlite.inTransaction) throw new Error('importFile must not run inside another transaction');
  engine.sqlite.exec('BEGIN IMMEDIATE');
  try {
    const batchId = kind === 'shadow-processes' ? null : newId();
    if (batchId) {
      write(engine, authorId, 'import_batches', batchId, { kind, fileName: name, sha256: '', counts: '{}', open: true }, 'create');
    }
    const sink = makeSink(engine, authorId, kind, batchId, names, errors, summary);
    const read = await readCsv(
      file,
      (header) => sink.header(name, header),
      (rows, first) => {
        sink.rows(rows, first);
        summary.rows += rows.length;
        options.onProgress?.({ rows: summary.rows });
      },
    );
    if (read.rows === 0) throw badInput(`${name} has a header but no data rows; nothing was imported.`);
    summary.sha256 = read.sha256;
    if (errors.count > 0) throw badInput(formatCsvErrors(name, errors), { errors: errors.list, errorCount: errors.count });
    names.check(name);
    sink.finish();
    if (batchId) {
      summary.batchId = batchId;
      const counts = { rows: summary.rows, new: summary.new, changed: summary.changed, unchanged: summary.unchanged };
      write(engine, authorId, 'import_batches', batchId, { sha256: read.sha256, counts: JSON.stringify(counts), open: false }, 'update');
    }
    engine.sqlite.exec(options.dryRun ? 'ROLLBACK' : 'COMMIT');
    if (options.dryRun) summary.batchId = null;
    return summary;
  } catch (e) {
    if (engine.sqlite.inTransaction) engine.sqlite.exec('ROLLBACK');
    throw e;
  }
}

interface Sink {
  header(name: string, header: string[]): void;
  rows(rows: string[][], firstRow: number): void;
  finish(): void;
}

function makeSink(
  engine: Engine,
  authorId: string | null,
  kind: ImportKind,
  batchId: string | null,
  names: NameResolver,
  errors: CsvErrors,
  summary: ImportSummary,
): Sink {
  switch (kind) {
    case 'usage':
      return keyedSink(engine, 'usage', USAGE, batchId ?? '', names, errors, summary);
    case 'pulse':
      return keyedSink(engine, 'pulse', PULSE, batchId ?? '', names, errors, summary);
    case 'decisions':
      return decisionsSink(engine, authorId, batchId ?? '', names, errors, summary);
    case 'shadow-processes':
      return shadowSink(engine, authorId, names, errors, summary);
  }
}

/* ---------- usage and pulse: small files keyed by (month, team, initiative), upsert ---------- */

interface KeyedSpec {
  columns: readonly string[];
  /** Value columns, in table order, with their parsers. */
  values: { column: string; sql: string; parse: (v: string) => number | string }[];
  /** Cross-field checks: returns the problem, or null. */
  check: (v: Record<string, number>) => { column: string; expected: string } | null;
}

const count = (v: string): number | string =>
  INTEGER.test(v) && Number(v) <= Number.MAX_SAFE_INTEGER ? Number(v) : 'a whole number, 0 or more';

const USAGE: KeyedSpec = {
  columns: ['month', 'team', 'initiative', 'licensed_users', 'active_users', 'workflows_started', 'workflows_completed'],
  values: [
    { column: 'licensed_users', sql: 'licensed_users', parse: count },
    { column: 'active_users', sql: 'active_users', parse: count },
    { column: 'workflows_started', sql: 'workflows_started', parse: count },
    { column: 'workflows_completed', sql: 'workflows_completed', parse: count },
  ],
  check: (v) =>
    (v.active_users ?? 0) > (v.licensed_users ?? 0)
      ? { column: 'active_users', expected: `at most licensed_users (${v.licensed_users})` }
      : (v.workflows_completed ?? 0) > (v.workflows_started ?? 0)
        ? { column: 'workflows_completed', expected: `at most workflows_started (${v.workflows_started})` }
        : null,
};

const PULSE: KeyedSpec = {
  columns: ['month', 'team', 'initiative', 'respondents', 'trust_mean', 'manual_backup'],
  values: [
    { column: 'respondents', sql: 'respondents', parse: count },
    {
      column: 'trust_mean',
      sql: 'trust_mean',
      parse: (v) => {
        const n = Number(v);
        return v.trim() !== '' && Number.isFinite(n) && n >= 1 && n <= 5 ? n : 'a number from 1 to 5';
      },
    },
    { column: 'manual_backup', sql: 'manual_backup', parse: count },
  ],
  check: (v) =>
    (v.manual_backup ?? 0) > (v.respondents ?? 0) ? { column: 'manual_backup', expected: `at most respondents (${v.respondents})` } : null,
};

function keyedSink(
  engine: Engine,
  table: 'usage' | 'pulse',
  spec: KeyedSpec,
  batchId: string,
  names: NameResolver,
  errors: CsvErrors,
  summary: ImportSummary,
): Sink {
  let idx: Record<string, number> = {};
  const seen = new Map<string, number>();
  const cols = spec.values.map((v) => v.sql);
  const select = engine.sqlite
    .prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE month = ? AND team_id = ? AND initiative_id = ?`)
    .raw();
  const upsert = engine.sqlite.prepare(
    `INSERT INTO ${table} (month, team_id, initiative_id, ${cols.join(', ')}, batch_id) VALUES (?, ?, ?, ${cols.map(() => '?').join(', ')}, ?)
     ON CONFLICT (month, team_id, initiative_id) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, batch_id = excluded.batch_id`,
  );
  return {
    header: (name, header) => {
      idx = columnIndex(name, header, spec.columns);
    },
    rows: (rows, first) => {
      rows.forEach((r, i) => {
        const row = first + i;
        const cell = (c: string) => (r[idx[c] ?? -1] ?? '').trim();
        let ok = true;
        const bad = (column: string, expected: string) => {
          errors.add({ row, column, value: cell(column), expected });
          ok = false;
        };
        if (r.length !== spec.columns.length) {
          errors.add({
            row,
            column: null,
            value: null,
            expected: `${spec.columns.length} fields, found ${r.length} (check for a stray comma or quote)`,
          });
          return;
        }
        const month = cell('month');
        if (!MONTH.test(month)) bad('month', 'a month as YYYY-MM, e.g. 2026-03');
        if (!cell('team')) bad('team', 'a team name');
        if (!cell('initiative')) bad('initiative', 'an initiative name');
        const values: Record<string, number> = {};
        for (const v of spec.values) {
          const parsed = v.parse(cell(v.column));
          if (typeof parsed === 'string') bad(v.column, parsed);
          else values[v.column] = parsed;
        }
        if (ok) {
          const problem = spec.check(values);
          if (problem) bad(problem.column, problem.expected);
        }
        const teamId = cell('team') ? names.team(cell('team'), row) : null;
        const initiativeId = cell('initiative') ? names.initiative(cell('initiative'), row) : null;
        if (!ok || !teamId || !initiativeId) return;
        const key = `${month}\u0001${teamId}\u0001${initiativeId}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          errors.add({
            row,
            column: null,
            value: null,
            expected: `a different (month, team, initiative): row ${earlier} has the same key. Which of the two is meant? Keep one.`,
          });
          return;
        }
        seen.set(key, row);
        const next = spec.values.map((v) => values[v.column] ?? 0);
        const existing = select.get(month, teamId, initiativeId) as number[] | undefined;
        if (!existing) summary.new++;
        else if (existing.every((x, j) => x === next[j])) {
          summary.unchanged++;
          return;
        } else summary.changed++;
        if (errors.count === 0) upsert.run(month, teamId, initiativeId, ...next, batchId);
      });
    },
    finish: () => {},
  };
}

/* ---------- decisions: millions of rows, hashed users, dedupe, exact aggregates ---------- */

const DECISION_COLUMNS = ['timestamp', 'initiative', 'team', 'user', 'recommendation_id', 'action', 'reason'] as const;

function decisionsSink(
  engine: Engine,
  authorId: string | null,
  batchId: string,
  names: NameResolver,
  errors: CsvErrors,
  summary: ImportSummary,
): Sink {
  let idx = {} as Record<(typeof DECISION_COLUMNS)[number], number>;
  const secret = userHashKey(engine, authorId);
  const keys = new SignalKeys(engine);
  const batch = keys.get('batch', batchId);
  const userKeys = new Map<string, number>();
  const teamCache = new Map<string, number | null>();
  const initiativeCache = new Map<string, number | null>();
  // Aggregates are accumulated here and added to the tables every FLUSH_EVERY rows and at the end,
  // so memory stays bounded however large the file.
  const FLUSH_EVERY = 250_000;
  let pending = 0;
  const counts = new Map<number, Map<number, [number, number, number, number]>>();
  const users = new Map<string, [number, number, number]>();
  const insert = engine.sqlite.prepare(
    `INSERT INTO decisions (initiative, recommendation_id, user, ts, month, team, action, reason, batch)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const select = engine.sqlite
    .prepare('SELECT ts, month, team, action FROM decisions WHERE initiative = ? AND recommendation_id = ? AND user = ?')
    .raw();
  const update = engine.sqlite.prepare(
    'UPDATE decisions SET ts = ?, month = ?, team = ?, action = ?, reason = ?, batch = ? WHERE initiative = ? AND recommendation_id = ? AND user = ?',
  );
  const upCounts = engine.sqlite.prepare(
    `INSERT INTO decision_counts (initiative, team, month, accepted, edited, overridden, ignored) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET accepted = accepted + excluded.accepted, edited = edited + excluded.edited,
       overridden = overridden + excluded.overridden, ignored = ignored + excluded.ignored`,
  );
  const upUsers = engine.sqlite.prepare(
    `INSERT INTO decision_user_counts (initiative, team, month, user, total, acted, overridden) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET total = total + excluded.total, acted = acted + excluded.acted, overridden = overridden + excluded.overridden`,
  );
  // (initiative, team, month) packed in one number: initiative and team keys < 2^20, month YYYYMM < 2^20.
  const cell = (initiative: number, team: number, month: number) => (initiative * 1_048_576 + team) * 1_048_576 + month;
  const add = (initiative: number, team: number, month: number, user: number, action: number, sign: 1 | -1) => {
    const k = cell(initiative, team, month);
    let byCell = counts.get(k);
    if (!byCell) {
      byCell = new Map();
      counts.set(k, byCell);
    }
    let c = byCell.get(-1);
    if (!c) {
      c = [0, 0, 0, 0];
      byCell.set(-1, c);
    }
    c[action as 0 | 1 | 2 | 3] += sign;
    const uk = `${k}:${user}`;
    let u = users.get(uk);
    if (!u) {
      u = [0, 0, 0];
      users.set(uk, u);
    }
    u[0] += sign;
    if (action !== 3) u[1] += sign;
    if (action === 2) u[2] += sign;
  };
  const unpack = (k: number): [number, number, number] => {
    const month = k % 1_048_576;
    const rest = (k - month) / 1_048_576;
    const team = rest % 1_048_576;
    return [(rest - team) / 1_048_576, team, month];
  };
  const flush = () => {
    for (const [k, byCell] of counts) {
      const c = byCell.get(-1);
      if (c?.some((x) => x !== 0)) upCounts.run(...unpack(k), ...c);
    }
    for (const [uk, u] of users) {
      if (u[0] === 0 && u[1] === 0 && u[2] === 0) continue;
      const [k, user] = uk.split(':');
      upUsers.run(...unpack(Number(k)), Number(user), ...u);
    }
    counts.clear();
    users.clear();
    pending = 0;
  };
  const monthCache = new Map<number, number>();
  const monthOf = (ms: number) => {
    // Cached per UTC hour: the month of a timestamp changes only at hour boundaries.
    const hour = Math.floor(ms / 3_600_000);
    let m = monthCache.get(hour);
    if (m === undefined) {
      const d = new Date(ms);
      m = d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
      monthCache.set(hour, m);
    }
    return m;
  };
  const resolve = (cache: Map<string, number | null>, kind: 'team' | 'initiative', name: string, row: number): number | null => {
    const cached = cache.get(name);
    if (cached !== undefined) {
      if (cached === null) kind === 'team' ? names.team(name, row) : names.initiative(name, row);
      return cached;
    }
    const id = name.trim() ? (kind === 'team' ? names.team(name, row) : names.initiative(name, row)) : null;
    const key = id ? keys.get(kind, id) : null;
    if (key !== null) cache.set(name, key);
    else if (name.trim()) cache.set(name, null);
    return key;
  };

  return {
    header: (name, header) => {
      idx = columnIndex(name, header, DECISION_COLUMNS);
    },
    rows: (rows, first) => {
      const n = rows.length;
      for (let i = 0; i < n; i++) {
        const r = rows[i] as string[];
        const row = first + i;
        if (r.length !== 7) {
          errors.add({ row, column: null, value: null, expected: `7 fields, found ${r.length} (check for a stray comma or quote)` });
          continue;
        }
        const tsText = (r[idx.timestamp] ?? '').trim();
        const initiativeName = r[idx.initiative] ?? '';
        const teamName = r[idx.team] ?? '';
        const user = (r[idx.user] ?? '').trim();
        const rec = (r[idx.recommendation_id] ?? '').trim();
        const actionText = (r[idx.action] ?? '').trim();
        const reasonText = (r[idx.reason] ?? '').trim();
        let ok = true;
        const ms = TIMESTAMP.test(tsText) ? Date.parse(tsText) : Number.NaN;
        if (Number.isNaN(ms) || !isRealDate(tsText.slice(0, 10))) {
          errors.add({
            row,
            column: 'timestamp',
            value: tsText,
            expected: 'an ISO 8601 timestamp with Z or an offset, e.g. 2026-03-14T09:30:00Z',
          });
          ok = false;
        }
        const action = ACTION_CODE[actionText];
        if (action === undefined) {
          errors.add({ row, column: 'action', value: actionText, expected: `one of ${ACTIONS.join(', ')}` });
          ok = false;
        }
        if (!user) {
          errors.add({ row, column: 'user', value: '', expected: 'a user id (it is stored only as a keyed hash)' });
          ok = false;
        }
        if (!rec) {
          errors.add({ row, column: 'recommendation_id', value: '', expected: 'the id of the AI recommendation' });
          ok = false;
        }
        if (!teamName.trim()) {
          errors.add({ row, column: 'team', value: '', expected: 'a team name' });
          ok = false;
        }
        if (!initiativeName.trim()) {
          errors.add({ row, column: 'initiative', value: '', expected: 'an initiative name' });
          ok = false;
        }
        const team = resolve(teamCache, 'team', teamName, row);
        const initiative = resolve(initiativeCache, 'initiative', initiativeName, row);
        if (!ok || team === null || initiative === null || errors.count > 0 || action === undefined) continue;

        let userKey = userKeys.get(user);
        if (userKey === undefined) {
          userKey = keys.get('user', hashUser(secret, user));
          userKeys.set(user, userKey);
        }
        const month = monthOf(ms);
        const reason = reasonText === '' ? null : reasonText;
        if (insert.run(initiative, rec, userKey, ms, month, team, action, reason, batch).changes === 1) {
          summary.new++;
          add(initiative, team, month, userKey, action, 1);
        } else {
          const old = select.get(initiative, rec, userKey) as [number, number, number, number];
          if (ms > old[0]) {
            update.run(ms, month, team, action, reason, batch, initiative, rec, userKey);
            add(initiative, old[2], old[1], userKey, old[3], -1);
            add(initiative, team, month, userKey, action, 1);
            summary.changed++;
          } else {
            summary.unchanged++;
          }
        }
        if (++pending >= FLUSH_EVERY) flush();
      }
    },
    finish: () => {
      flush();
      engine.sqlite.exec('DELETE FROM decision_counts WHERE accepted = 0 AND edited = 0 AND overridden = 0 AND ignored = 0');
      engine.sqlite.exec('DELETE FROM decision_user_counts WHERE total = 0');
    },
  };
}

/* ---------- the shadow-process register as CSV ---------- */

export const SHADOW_KINDS = ['spreadsheet', 'manual double-check', 'paper', 'legacy system', 'other'] as const;
const SHADOW_COLUMNS = [
  'name',
  'team',
  'initiative',
  'kind',
  'owner',
  'users_involved',
  'reason',
  'failure_pattern',
  'first_seen',
  'retired_on',
] as const;

function shadowSink(engine: Engine, authorId: string | null, names: NameResolver, errors: CsvErrors, summary: ImportSummary): Sink {
  let idx = {} as Record<(typeof SHADOW_COLUMNS)[number], number>;
  const existing = new Map(
    (
      engine.sqlite.prepare('SELECT id, name, team_id FROM shadow_processes WHERE deleted = 0').all() as {
        id: string;
        name: string;
        team_id: string;
      }[]
    ).map((p) => [`${p.name.toLocaleLowerCase()}\u0001${p.team_id}`, p.id]),
  );
  const seen = new Map<string, number>();
  return {
    header: (name, header) => {
      idx = columnIndex(name, header, SHADOW_COLUMNS);
    },
    rows: (rows, first) => {
      rows.forEach((r, i) => {
        const row = first + i;
        const cell = (c: (typeof SHADOW_COLUMNS)[number]) => (r[idx[c]] ?? '').trim();
        let ok = true;
        const bad = (column: string, value: string, expected: string) => {
          errors.add({ row, column, value, expected });
          ok = false;
        };
        if (r.length !== SHADOW_COLUMNS.length) {
          errors.add({ row, column: null, value: null, expected: `${SHADOW_COLUMNS.length} fields, found ${r.length}` });
          return;
        }
        if (!cell('name')) bad('name', '', 'a name for the process');
        const kind = cell('kind').toLowerCase();
        if (!(SHADOW_KINDS as readonly string[]).includes(kind)) bad('kind', cell('kind'), `one of ${SHADOW_KINDS.join(', ')}`);
        const users = cell('users_involved');
        if (!INTEGER.test(users)) bad('users_involved', users, 'a whole number, 0 or more');
        if (!DATE.test(cell('first_seen')) || !isRealDate(cell('first_seen')))
          bad('first_seen', cell('first_seen'), 'a date as YYYY-MM-DD');
        const retired = cell('retired_on');
        if (retired && (!DATE.test(retired) || !isRealDate(retired))) bad('retired_on', retired, 'a date as YYYY-MM-DD, or empty');
        if (retired && ok && retired < cell('first_seen'))
          bad('retired_on', retired, `a date on or after first_seen (${cell('first_seen')})`);
        if (!cell('team')) bad('team', '', 'a team name');
        const teamId = cell('team') ? names.team(cell('team'), row) : null;
        const initiativeId = cell('initiative') ? names.initiative(cell('initiative'), row) : null;
        if (!ok || !teamId || (cell('initiative') && !initiativeId) || errors.count > 0) return;
        const key = `${cell('name').toLocaleLowerCase()}\u0001${teamId}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          errors.add({ row, column: 'name', value: cell('name'), expected: `a process not already in row ${earlier} for the same team` });
          return;
        }
        seen.set(key, row);
        const fields = {
          name: cell('name'),
          teamId,
          initiativeId: initiativeId ?? null,
          kind,
          owner: cell('owner') || null,
          usersInvolved: Number(users),
          reason: cell('reason') || null,
          failurePattern: cell('failure_pattern') || null,
          firstSeen: cell('first_seen'),
          retiredOn: retired || null,
        };
        const id = existing.get(key);
        if (id) {
          const result = write(engine, authorId, 'shadow_processes', id, fields, 'update');
          if (result.changed.length > 0) summary.changed++;
          else summary.unchanged++;
        } else {
          write(engine, authorId, 'shadow_processes', newId(), fields, 'create');
          summary.new++;
        }
      });
    },
    finish: () => {},
  };
}
