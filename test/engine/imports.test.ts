import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callTyped } from '../../db/api';
import type { HostContext } from '../../db/api/context';
import { checkDatabase } from '../../db/check';
import { UserError } from '../../db/errors';
import { exportWorkspace } from '../../db/export';
import { type Engine, open } from '../../db/open';
import { generalTimestampMs, PairNumbers, timestampMs, utcMonth } from '../../db/signals/decisions-read';
import { hashUser, IMPORT_COLUMNS, importFile, importTemplate, userHashKey } from '../../db/signals/import';
import { IMPORT_KINDS, type ImportErrorData } from '../../db/signals/model';
import { closestName, editDistance } from '../../db/signals/names';
import { decisionAggregates, type TestWorkspace, withWorkspace } from '../helpers';

let t: TestWorkspace;
let host: HostContext;
beforeEach(async () => {
  t = await withWorkspace();
  host = t.host;
  await callTyped(host, 'teams.create', { name: 'Claims North' });
  await callTyped(host, 'initiatives.create', { name: 'Triage' });
});
afterEach(() => t.cleanup());

const USAGE = 'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed';
const DECISIONS = 'timestamp,initiative,team,user,recommendation_id,action,reason';
const PULSE = 'month,team,initiative,respondents,trust_mean,manual_backup';
const SHADOW = 'name,team,initiative,kind,owner,users_involved,reason,failure_pattern,first_seen,retired_on';

function file(name: string, content: string | Buffer) {
  const f = path.join(t.dir, name);
  fs.writeFileSync(f, content);
  return f;
}
const run = (kind: string, content: string | Buffer, extra: Record<string, unknown> = {}) =>
  call(host, 'imports.run', { kind, path: file(`${kind}.csv`, content), ...extra });

describe('imports: bad input is a clear error and changes nothing', () => {
  const cases: [string, string, string | Buffer, RegExp][] = [
    [
      'wrong header',
      'usage',
      `month,team,initiative,licensed,active_users,workflows_started,workflows_completed\n`,
      /header row is wrong \(missing "licensed_users"; unexpected "licensed"\)/,
    ],
    [
      'bad month',
      'usage',
      `${USAGE}\n2026-13,Claims North,Triage,10,5,10,5\n`,
      /row 2, column "month", value "2026-13": a month as YYYY-MM/,
    ],
    [
      'negative count',
      'usage',
      `${USAGE}\n2026-01,Claims North,Triage,-3,0,10,5\n`,
      /row 2, column "licensed_users", value "-3": a whole number, 0 or more/,
    ],
    [
      'fractional count',
      'usage',
      `${USAGE}\n2026-01,Claims North,Triage,10,2.5,10,5\n`,
      /column "active_users", value "2.5": a whole number/,
    ],
    [
      'active above licensed',
      'usage',
      `${USAGE}\n2026-01,Claims North,Triage,10,11,10,5\n`,
      /column "active_users", value "11": at most licensed_users \(10\)/,
    ],
    [
      'completed above started',
      'usage',
      `${USAGE}\n2026-01,Claims North,Triage,10,5,10,12\n`,
      /workflows_completed", value "12": at most workflows_started \(10\)/,
    ],
    [
      'same key twice (usage)',
      'usage',
      `${USAGE}\n2026-01,Claims North,Triage,10,5,10,5\n2026-01,claims north ,Triage,10,6,10,5\n`,
      /row 3: a different \(month, team, initiative\): row 2 has the same key/,
    ],
    [
      'same key twice (pulse)',
      'pulse',
      `${PULSE}\n2026-01,Claims North,Triage,10,3.5,2\n2026-01,Claims North,Triage,8,3.5,2\n`,
      /row 3: .*row 2 has the same key/,
    ],
    [
      'unknown team',
      'usage',
      `${USAGE}\n2026-01,Claims Nroth,Triage,10,5,10,5\n2026-02,Claims Nroth,Triage,10,5,10,5\n`,
      /unknown teams: "Claims Nroth" \(rows 2, 3\)\. Nothing was imported\. Did you mean "Claims North" for "Claims Nroth"\? Check the spelling/,
    ],
    ['unknown initiative', 'pulse', `${PULSE}\n2026-01,Claims North,Triaje,10,3.5,2\n`, /unknown initiatives: "Triaje" \(row 2\)/],
    [
      'unknown action',
      'decisions',
      `${DECISIONS}\n2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,rejected,\n`,
      /column "action", value "rejected": one of accepted, edited, overridden, ignored/,
    ],
    [
      'bad timestamp',
      'decisions',
      `${DECISIONS}\n10/01/2026 09:00,Triage,Claims North,u1,r1,accepted,\n`,
      /column "timestamp", value "10\/01\/2026 09:00": an ISO 8601 timestamp/,
    ],
    [
      'timestamp without zone',
      'decisions',
      `${DECISIONS}\n2026-01-10T09:00:00,Triage,Claims North,u1,r1,accepted,\n`,
      /column "timestamp".*with Z or an offset/,
    ],
    [
      'impossible date',
      'decisions',
      `${DECISIONS}\n2026-02-30T09:00:00Z,Triage,Claims North,u1,r1,accepted,\n`,
      /column "timestamp", value "2026-02-30T09:00:00Z"/,
    ],
    [
      'empty user',
      'decisions',
      `${DECISIONS}\n2026-01-10T09:00:00Z,Triage,Claims North,,r1,accepted,\n`,
      /column "user", value "": a user id/,
    ],
    [
      'trust out of range',
      'pulse',
      `${PULSE}\n2026-01,Claims North,Triage,10,5.5,2\n`,
      /column "trust_mean", value "5.5": a number from 1 to 5/,
    ],
    [
      'manual backup above respondents',
      'pulse',
      `${PULSE}\n2026-01,Claims North,Triage,10,3,11\n`,
      /column "manual_backup", value "11": at most respondents \(10\)/,
    ],
    ['too few fields', 'usage', `${USAGE}\n2026-01,Claims North,Triage,10,5\n`, /row 2: 7 fields, found 5/],
    ['empty file', 'usage', '', /usage\.csv is empty/],
    ['header only', 'usage', `${USAGE}\n`, /has a header but no data rows/],
    [
      'not UTF-8',
      'usage',
      Buffer.concat([Buffer.from(`${USAGE}\n2026-01,Claims `), Buffer.from([0xe9, 0x2c]), Buffer.from('Triage,10,5,10,5\n')]),
      /is not valid UTF-8/,
    ],
    [
      'one bad row among good ones',
      'usage',
      `${USAGE}\n2026-01,Claims North,Triage,10,5,10,5\n2026-02,Claims North,Triage,10,50,10,5\n`,
      /1 problem/,
    ],
    [
      'unknown shadow kind',
      'shadow-processes',
      'name,team,initiative,kind,owner,users_involved,reason,failure_pattern,first_seen,retired_on\nTracker,Claims North,,napkin,,3,,,2026-01-01,\n',
      /column "kind", value "napkin": one of spreadsheet/,
    ],
  ];

  const good = (n: number) => Array.from({ length: n }, (_, i) => `2026-01-10T09:00:00Z,Triage,Claims North,u${i},r${i},accepted,`);
  cases.push(
    [
      'a quote never closed, 1,000 good rows after it (decisions)',
      'decisions',
      `${DECISIONS}\n2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,overridden,"never closed\n${good(1000).join('\n')}\n`,
      /1 problem;.*\n {2}row 2, column "reason", value "never closed": a closing quote/,
    ],
    [
      'a quote never closed (usage)',
      'usage',
      `${USAGE}\n2026-01,"Claims North,Triage,10,5,10,5\n2026-02,Claims North,Triage,10,5,10,5\n`,
      /1 problem;.*\n {2}row 2, column "team", value "Claims North,Triage,10,5,10,5": a closing quote/,
    ],
    [
      'text after a closing quote (pulse)',
      'pulse',
      `${PULSE}\n2026-01,"Claims" North,Triage,10,3.5,2\n`,
      /row 2, column "team", value "Claims\\" North,Triage,10,3.5,2": a comma or the end of the line after a closing quote/,
    ],
    [
      'a quote not doubled (shadow processes)',
      'shadow-processes',
      `${SHADOW}\nTracker,Claims North,,spreadsheet,,3,"they say "just in case"",,2026-01-01,\n`,
      /row 2, column "reason".*a comma or the end of the line after a closing quote/,
    ],
  );

  it.each(cases)('%s', async (_name, kind, content, message) => {
    const before = JSON.stringify(exportWorkspace(t.engine));
    await expect(run(kind, content)).rejects.toThrow(message);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });

  it('a broken quote is one row error; the rows after it are checked with their own row numbers, worker or not', async () => {
    const lines = [
      DECISIONS,
      '2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,overridden,"never closed',
      ...good(1000).map((line, i) => (i === 497 ? line.replace('accepted', 'rejected') : i === 700 ? `${line}"the "odd" one"` : line)),
    ];
    const f = file('broken.csv', `${lines.join('\n')}\n`);
    const before = JSON.stringify(exportWorkspace(t.engine));
    const failure = async (worker: boolean) =>
      ((await importFile(t.engine, null, 'decisions', f, { worker }).catch((e: unknown) => e)) as UserError).message;
    const [inThread, viaWorker] = [await failure(false), await failure(true)];
    expect(viaWorker).toBe(inThread);
    expect(inThread).toMatch(/^broken\.csv: 3 problems in 3 rows; nothing was imported/);
    // Closed, as far as any reader can tell, by the quote that opens row 703's reason.
    expect(inThread).toMatch(/\n {2}row 2, column "reason", value "never closed": a comma or .* or no closing quote at all/);
    expect(inThread).toMatch(/\n {2}row 500, column "action", value "rejected"/);
    expect(inThread).toMatch(/\n {2}row 703, column "reason", value "the \\"odd\\" one\\"": a comma or the end of the line/);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });

  it('lists every bad row, not only the first', async () => {
    const rows = Array.from(
      { length: 150 },
      (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},Claims North,Triage,10,${i % 2 === 0 ? 20 : 5},10,5`,
    );
    const error = await run('usage', `${USAGE}\n${rows.join('\n')}\n`).catch((e: Error) => e);
    expect(String(error)).toMatch(/75 problems/);
    expect(String(error)).toMatch(/row 2, column "active_users"/);
    expect(String(error)).toMatch(/row 4, column "active_users"/);
    expect(String(error)).toMatch(/problems in \d+\+? rows/);
  });
});

describe('imports: error lists are capped, and one run lists every kind of problem', () => {
  const size = (e: UserError) => ({ message: e.message.length, details: JSON.stringify(e.details ?? {}).length });

  it('120,000 unknown team names: the first 100 are listed, then how many more, in the message and the details', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => `2026-01-10T09:00:00Z,Triage,Team ${i},u${i},r${i},accepted,`);
    const f = file('names.csv', `${DECISIONS}\n${rows.join('\n')}\n`);
    const e = (await importFile(t.engine, null, 'decisions', f).catch((x: unknown) => x)) as UserError;
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(
      /^names\.csv: unknown teams: "Team 0" \(row 2\), "Team 1" \(row 3\), .*"Team 99" \(row 101\), and 119,900 more\. Nothing was imported/,
    );
    expect(e.message).not.toContain('"Team 100"');
    expect(size(e).message).toBeLessThan(5_000);
    // 100 names, each with its rows and suggestion: bounded, however many names the file has.
    expect(size(e).details).toBeLessThan(10_000);
    expect(e.details).toMatchObject({ unknownTeamsCount: 120_000, nameCount: 120_000 });
    expect((e.details as unknown as ImportErrorData).names).toHaveLength(100);
  });

  it('a name in many rows lists its first 8 rows and counts the rest', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `2026-01-10T09:00:00Z,Triage,Claims Nroth,u${i},r${i},accepted,`);
    const e = (await run('decisions', `${DECISIONS}\n${rows.join('\n')}\n`).catch((x: unknown) => x)) as UserError;
    expect(e.message).toMatch(/unknown teams: "Claims Nroth" \(rows 2, 3, 4, 5, 6, 7, 8, 9 and 4992 more\)\. Nothing/);
    expect(e.details).toMatchObject({
      names: [{ name: 'Claims Nroth', rows: [2, 3, 4, 5, 6, 7, 8, 9], count: 5000 }],
      unknownTeamsCount: 1,
    });
  });

  it.each([
    [
      'usage',
      `${USAGE}\n2026-13,Claims North,Triage,10,5,10,5\n2026-01,Claims Nroth,Triage,10,5,10,5\n2026-02,Claims North,Triaje,10,5,10,5\n`,
    ],
    [
      'decisions',
      `${DECISIONS}\n2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,rejected,\n2026-01-10T09:00:00Z,Triage,Claims Nroth,u2,r2,accepted,\n2026-01-10T09:00:00Z,Triaje,Claims North,u3,r3,accepted,\n`,
    ],
  ])('row errors and unknown names in the same run (%s)', async (kind, content) => {
    const before = JSON.stringify(exportWorkspace(t.engine));
    const e = (await run(kind, content).catch((x: unknown) => x)) as UserError;
    expect(e.message).toMatch(/: 1 problem; nothing was imported\. Fix the file and import it again\.\n {2}row 2, column "(month|action)"/);
    expect(e.message).toMatch(
      /\nAlso unknown teams: "Claims Nroth" \(row 3\); unknown initiatives: "Triaje" \(row 4\)\. Did you mean "Claims North" for "Claims Nroth", "Triage" for "Triaje"\? Check the spelling/,
    );
    expect(e.details).toMatchObject({
      errorCount: 1,
      names: [
        { kind: 'team', name: 'Claims Nroth', rows: [3] },
        { kind: 'initiative', name: 'Triaje', rows: [4] },
      ],
    });
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });

  it('a value of half a million characters is cut short in the listed error', async () => {
    const e = (await run('usage', `${USAGE}\n${'9'.repeat(500_000)},Claims North,Triage,10,5,10,5\n`).catch(
      (x: unknown) => x,
    )) as UserError;
    expect(e.message).toMatch(/row 2, column "month", value "9{60}…": a month as YYYY-MM/);
    expect(size(e).details).toBeLessThan(1_000);
  });

  it('a header of 5,000 unknown columns lists the first 100', async () => {
    const header = Array.from({ length: 5000 }, (_, i) => `col${i}`).join(',');
    const e = (await run('pulse', `${header}\n`).catch((x: unknown) => x)) as UserError;
    expect(e.message).toMatch(/unexpected "col0", "col1", .*"col99", and 4,900 more\)/);
    expect(size(e).message).toBeLessThan(3_000);
  });

  it('an API input with 10,000 unknown fields names the first 20, and the details stay short', async () => {
    const input = Object.fromEntries([['name', 'Claims'], ...Array.from({ length: 10_000 }, (_, i) => [`field${i}`, i])]);
    const e = (await call(host, 'teams.create', input).catch((x: unknown) => x)) as UserError;
    expect(e.message).toMatch(/unknown field "field0", "field1", .*"field19", and 9980 more/);
    expect(size(e).message).toBeLessThan(1_000);
    expect(size(e).details).toBeLessThan(5_000);
  });
});

describe('imports: what is accepted', () => {
  it('BOM, CRLF, quoted commas and case-insensitive names', async () => {
    const text = `\uFEFF${DECISIONS}\r\n2026-01-10T09:00:00+02:00, triage ,CLAIMS NORTH,u1,r1,overridden,"local knowledge, checked by hand"\r\n`;
    const s = await callTyped(host, 'imports.run', { kind: 'decisions', path: file('d.csv', text) });
    expect(s).toMatchObject({ rows: 1, new: 1, changed: 0, unchanged: 0 });
    const exported = exportWorkspace(t.engine);
    expect(exported.tables.decisions?.[0]).toMatchObject({
      action: 'overridden',
      reason: 'local knowledge, checked by hand',
      ts: Date.parse('2026-01-10T07:00:00Z'),
    });
    // No user id is stored, only the keyed hash.
    expect(JSON.stringify(exported)).not.toContain('"u1"');
  });

  it('usage upserts by key: new, changed, unchanged', async () => {
    const first = await callTyped(host, 'imports.run', {
      kind: 'usage',
      path: file('u1.csv', `${USAGE}\n2026-01,Claims North,Triage,10,5,10,5\n2026-02,Claims North,Triage,10,5,10,5\n`),
    });
    expect(first).toMatchObject({ new: 2, changed: 0, unchanged: 0 });
    const second = await callTyped(host, 'imports.run', {
      kind: 'usage',
      path: file(
        'u2.csv',
        `${USAGE}\n2026-01,Claims North,Triage,10,5,10,5\n2026-02,Claims North,Triage,10,7,10,5\n2026-03,Claims North,Triage,10,5,10,5\n`,
      ),
    });
    expect(second).toMatchObject({ new: 1, changed: 1, unchanged: 1 });
    expect(exportWorkspace(t.engine).tables.usage?.find((r) => r.month === '2026-02')?.activeUsers).toBe(7);
  });

  it('decisions: an identical row is a no-op, a later timestamp replaces, an older one is ignored', async () => {
    const a = `${DECISIONS}\n2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,overridden,\n2026-01-10T09:00:00Z,Triage,Claims North,u2,r1,accepted,\n`;
    expect(await callTyped(host, 'imports.run', { kind: 'decisions', path: file('a.csv', a) })).toMatchObject({
      new: 2,
      changed: 0,
      unchanged: 0,
    });
    // The same file again (asked for: an identical file is otherwise refused before anything is read twice).
    expect(await callTyped(host, 'imports.run', { kind: 'decisions', path: file('a.csv', a), again: true })).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 2,
    });
    const b = `${DECISIONS}\n2026-02-01T09:00:00Z,Triage,Claims North,u1,r1,accepted,\n2025-12-01T09:00:00Z,Triage,Claims North,u2,r1,ignored,\n`;
    expect(await callTyped(host, 'imports.run', { kind: 'decisions', path: file('b.csv', b) })).toMatchObject({
      new: 0,
      changed: 1,
      unchanged: 1,
    });
    const report = await callTyped(host, 'reports.get', {});
    expect(report.overall.decisions).toBe(2);
    expect(report.overall.overrideRate).toBe(0);
    expect(report.rows[0]?.series.map((s) => s.month)).toEqual(['2026-01', '2026-02']);
  });

  it('--create-missing creates unknown teams and initiatives in the same transaction', async () => {
    const s = await callTyped(host, 'imports.run', {
      kind: 'usage',
      path: file('u.csv', `${USAGE}\n2026-01,Claims South,Drafts,10,5,10,5\n`),
      createMissing: true,
    });
    expect(s.created).toEqual({ teams: ['Claims South'], initiatives: ['Drafts'] });
    expect((await callTyped(host, 'teams.list', {})).map((x) => x.name)).toContain('Claims South');
  });

  it('a dry run validates and counts but writes nothing', async () => {
    const before = JSON.stringify(exportWorkspace(t.engine));
    const s = await callTyped(host, 'imports.run', {
      kind: 'usage',
      path: file('u.csv', `${USAGE}\n2026-01,Claims North,Triage,10,5,10,5\n`),
      dryRun: true,
    });
    expect(s).toMatchObject({ dryRun: true, new: 1, batchId: null });
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });

  it('records the batch: who imported which file, its SHA-256 and counts', async () => {
    const content = `${USAGE}\n2026-01,Claims North,Triage,10,5,10,5\n`;
    await callTyped(host, 'imports.run', { kind: 'usage', path: file('usage-jan.csv', content) });
    const [batch] = await callTyped(host, 'imports.list', {});
    expect(batch).toMatchObject({ kind: 'usage', fileName: 'usage-jan.csv', importedBy: 'Dana Lee', counts: { rows: 1, new: 1 } });
    const { createHash } = await import('node:crypto');
    expect(batch?.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });
});

/* ---------- decisions: the reader on a worker thread, chunked writes, exact aggregates ---------- */

/**
 * A decisions file with name variants, quoted reasons, offsets, and keys that repeat (older, newer,
 * equal): `repeats` of the rows repeat an earlier key. Few repeats leave most chunks of rows free of
 * them (written many rows per statement); many make most chunks meet one (written row by row).
 */
function decisionsFile(rows: number, seed: number, shift = 0, repeats = 0.2): string {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const teams = ['Claims North', ' claims north ', 'CLAIMS NORTH', 'Claims South'];
  const initiatives = ['Triage', 'triage', 'Drafts'];
  const actions = ['accepted', 'edited', 'overridden', 'ignored'];
  const reasons = ['', '', 'local knowledge', '"checked by hand, twice"', '"the ""usual"" exception"'];
  const lines = [DECISIONS];
  const keys: [string, string, string][] = [];
  for (let i = 0; i < rows; i++) {
    const repeat = rand() < repeats && i > 0 ? keys[Math.floor(rand() * i)] : undefined;
    const [initiative, rec, user] = repeat ?? [pick(initiatives), `r${i}`, `u${Math.floor(rand() * 40)}@acme.example`];
    keys.push([initiative, rec, user]);
    const day = 1 + Math.floor(rand() * 28);
    const month = 1 + Math.floor(rand() * 12);
    const second = shift + Math.floor(rand() * 3) * 3600;
    const date = new Date(Date.UTC(2026, month - 1, day, 9, 0, second));
    const iso = date.toISOString().replace('.000', '');
    const ts = rand() < 0.1 ? iso.replace('Z', '+00:00') : rand() < 0.05 ? iso.replace('Z', '.250Z') : iso;
    const spelt = repeat && initiative.toLowerCase() === 'triage' ? pick(['Triage', 'triage', ' TRIAGE ']) : initiative;
    lines.push(`${ts},${spelt},${pick(teams)},${user},${rec},${pick(actions)},${pick(reasons)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What importing `texts` one after the other must do, row by row: key (initiative, recommendation,
 * user); a later timestamp replaces. The state at the end, and each file's counts.
 */
function expectedDecisions(texts: string[], known: { teams: Map<string, string>; initiatives: Map<string, string> }) {
  const state = new Map<string, { ts: number; action: string; teamId: string; reason: string | null }>();
  const perFile = texts.map((text) => {
    const counts = { new: 0, changed: 0, unchanged: 0 };
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1);
    for (const row of rows) apply(row, counts);
    return counts;
  });
  return { state, counts: perFile[0] as (typeof perFile)[number], perFile };
  function apply([ts, initiative, team, user, rec, action, reason]: string[], counts: { new: number; changed: number; unchanged: number }) {
    const key = `${known.initiatives.get((initiative ?? '').trim().toLowerCase())}|${rec}|${user}`;
    const next = {
      ts: Date.parse(ts ?? ''),
      action: action ?? '',
      teamId: known.teams.get((team ?? '').trim().toLowerCase()) ?? '',
      reason: reason ? reason : null,
    };
    const old = state.get(key);
    if (!old) counts.new++;
    else if (next.ts > old.ts) counts.changed++;
    else {
      counts.unchanged++;
      return;
    }
    state.set(key, next);
  }
}

describe('imports: decisions at scale (worker thread, chunked writes)', () => {
  const setup = async () => {
    await callTyped(host, 'teams.create', { name: 'Claims South' });
    await callTyped(host, 'initiatives.create', { name: 'Drafts' });
    const teams = new Map((await callTyped(host, 'teams.list', {})).map((x) => [x.name.toLowerCase(), x.id]));
    const initiatives = new Map((await callTyped(host, 'initiatives.list', {})).map((x) => [x.name.toLowerCase(), x.id]));
    return { teams, initiatives };
  };
  /** The same workspace (its user-hash key made first) in a second file, to import the same file a second way. */
  const twin = () => {
    userHashKey(t.engine, null);
    t.engine.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const copy = path.join(t.dir, 'twin.db');
    fs.copyFileSync(t.file, copy);
    return open(copy);
  };
  const decisionsOf = (engine: Engine) => {
    const data = exportWorkspace(engine);
    return JSON.stringify({ decisions: data.tables.decisions, teams: data.tables.teams, initiatives: data.tables.initiatives });
  };

  it.each([
    ['many repeated keys', 0.2, false],
    ['few repeated keys', 0.002, false],
    ['a BOM and CRLF', 0.2, true],
  ])('imports exactly what the rows say, row by row, with exact aggregates (%s)', async (_name, repeats, windows) => {
    const known = await setup();
    const text = decisionsFile(6000, 1, 0, repeats);
    const content = windows ? `\uFEFF${text.replaceAll('\n', '\r\n')}` : text;
    const where: string[] = [];
    const s = await importFile(t.engine, null, 'decisions', file('d.csv', content), { worker: true, onParsed: (w) => where.push(w) });
    expect(where).toEqual(['worker']);
    const laterText = decisionsFile(6000, 1, 86_400 * 40, repeats);
    const { counts, perFile } = expectedDecisions([text, text, laterText], known);
    const { state } = expectedDecisions([text], known);
    expect(s).toMatchObject({ rows: 6000, ...counts });
    expect(counts.changed + counts.unchanged).toBeGreaterThan(repeats > 0.1 ? 500 : 3);
    const secret = userHashKey(t.engine, null);
    const stored = exportWorkspace(t.engine).tables.decisions ?? [];
    expect(stored).toHaveLength(state.size);
    const byHash = new Map([...Array(40).keys()].map((u) => [hashUser(secret, `u${u}@acme.example`), `u${u}@acme.example`]));
    for (const d of stored) {
      const want = state.get(`${d.initiativeId}|${d.recommendationId}|${byHash.get(String(d.userHash))}`);
      expect({ ts: d.ts, action: d.action, teamId: d.teamId, reason: d.reason }).toEqual(want);
    }
    expect(checkDatabase(t.engine).changeLog.mismatches).toEqual([]);

    // Again: all duplicates. Then the same rows 40 days later: what replaces, row by row.
    expect(perFile[1]).toEqual({ new: 0, changed: 0, unchanged: 6000 });
    expect(await importFile(t.engine, null, 'decisions', file('d.csv', content), { worker: true, again: true })).toMatchObject(
      perFile[1] ?? {},
    );
    const later = await importFile(t.engine, null, 'decisions', file('later.csv', laterText), { worker: true });
    expect(later).toMatchObject(perFile[2] ?? {});
    expect(perFile[2]?.changed).toBeGreaterThan(500);
    expect(checkDatabase(t.engine).ok).toBe(true);
  });

  it('the worker thread and the in-thread fallback give the same database', async () => {
    await setup();
    const other = twin();
    try {
      const text = decisionsFile(5000, 2, 0, 0.01);
      const where: string[] = [];
      const onParsed = (w: string) => where.push(w);
      // Small aggregate windows: the totals are written several times, with cells met again later.
      const a = await importFile(t.engine, null, 'decisions', file('a.csv', text), { worker: true, onParsed, totalsEntries: 300 });
      const b = await importFile(other, null, 'decisions', file('a.csv', text), { onParsed, worker: false });
      expect(where).toEqual(['worker', 'thread']);
      expect({ ...a, batchId: null }).toEqual({ ...b, batchId: null });
      expect(decisionsOf(t.engine).replaceAll(a.batchId ?? '', 'B')).toBe(decisionsOf(other).replaceAll(b.batchId ?? '', 'B'));
      expect(decisionAggregates(t.engine).replaceAll(a.batchId ?? '', 'B')).toBe(
        decisionAggregates(other).replaceAll(b.batchId ?? '', 'B'),
      );
      // A second file that replaces some rows and repeats others, the same both ways.
      const next = decisionsFile(3000, 3, 3600);
      const c = await importFile(t.engine, null, 'decisions', file('b.csv', next), { worker: true, totalsEntries: 50 });
      const d = await importFile(other, null, 'decisions', file('b.csv', next), { worker: false });
      expect({ ...c, batchId: null }).toEqual({ ...d, batchId: null });
      expect(c.changed + c.unchanged).toBeGreaterThan(0);
      const ids = [a.batchId, b.batchId, c.batchId, d.batchId] as string[];
      const norm = (s: string) => ids.reduce((x, id, i) => x.replaceAll(id, `B${i % 2 === 0 ? i : i - 1}`), s);
      expect(norm(decisionsOf(t.engine))).toBe(norm(decisionsOf(other)));
      expect(norm(decisionAggregates(t.engine))).toBe(norm(decisionAggregates(other)));
      expect(checkDatabase(t.engine).ok).toBe(true);
      expect(checkDatabase(other).ok).toBe(true);
    } finally {
      other.close();
    }
  });

  it('the worker thread and the in-thread fallback list the same problems', async () => {
    await setup();
    const good = decisionsFile(3000, 4).split('\n');
    // Bad rows throughout: more than the 100 listed, plus unknown names and a stray field.
    const lines = good.map((line, i) =>
      i === 0 || !line
        ? line
        : i % 20 === 0
          ? line.replace(/,(accepted|edited|overridden|ignored),/, ',rejected,')
          : i % 45 === 0
            ? line.replace('Claims South', 'Claims Sooth')
            : i % 77 === 0
              ? `${line},extra`
              : i % 91 === 0
                ? line.replace(/^[^,]+/, '2026-02-30T09:00:00Z')
                : line,
    );
    const content = lines.join('\n');
    const before = JSON.stringify(exportWorkspace(t.engine));
    const failure = async (worker: boolean) => {
      const e = (await importFile(t.engine, null, 'decisions', file('bad.csv', content), { worker }).catch((x: unknown) => x)) as UserError;
      expect(e).toBeInstanceOf(UserError);
      return { message: e.message, details: e.details };
    };
    const viaWorker = await failure(true);
    const inThread = await failure(false);
    expect(viaWorker).toEqual(inThread);
    expect(viaWorker.message).toMatch(/problems in 100\+ rows; nothing was imported/);
    expect(viaWorker.message).toMatch(/row 21, column "action", value "rejected": one of accepted/);
    expect((viaWorker.details as { errorCount: number }).errorCount).toBeGreaterThan(150);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);

    // Only unknown names: the names error, with every row, the same both ways.
    const unknown = good.map((line, i) =>
      i > 0 && i % 45 === 0 ? line.replace(/Claims (North|South)|claims north|CLAIMS NORTH/, 'Claims Sooth') : line,
    );
    const names = async (worker: boolean) =>
      (
        (await importFile(t.engine, null, 'decisions', file('names.csv', unknown.join('\n')), { worker }).catch(
          (x: unknown) => x,
        )) as UserError
      ).message;
    const [n1, n2] = [await names(true), await names(false)];
    expect(n1).toBe(n2);
    expect(n1).toMatch(/unknown teams: "Claims Sooth" \(rows 46, 91, 136, .* and \d+ more\)/);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });

  it('a big file checked in two halves at once finds exactly what reading it whole finds', async () => {
    const known = await setup();
    const checked: string[] = [];
    const onChecked = (how: string) => checked.push(how);
    const outcome = async (name: string, content: string | Buffer, checkInParts: boolean) => {
      const f = file(name, content);
      return importFile(t.engine, null, 'decisions', f, { worker: true, checkInParts, onChecked, dryRun: true }).then(
        (s) => ({ rows: s.rows, new: s.new, sha256: s.sha256 }),
        (e: UserError) => ({ message: e.message, details: e.details }),
      );
    };
    const both = async (name: string, content: string | Buffer) => {
      checked.length = 0;
      const halves = await outcome(name, content, true);
      const whole = await outcome(name, content, false);
      expect(halves).toEqual(whole);
      return { result: halves, how: [...checked] };
    };

    // A good file: the same rows, counts and SHA-256.
    const good = decisionsFile(4000, 11);
    const fine = await both('good.csv', good);
    expect(fine.how).toEqual(['halves', 'whole']);
    expect(fine.result).toMatchObject({ rows: 4000 });
    expect(expectedDecisions([good], known).counts.new).toBe((fine.result as { new: number }).new);

    // Problems and unknown names in both halves: every one, numbered as in the file, in file order.
    const lines = good.split('\n');
    const bad = lines
      .map((line, i) =>
        i === 0 || !line
          ? line
          : i % 97 === 0
            ? line.replace(/,(accepted|edited|overridden|ignored),/, ',rejected,')
            : i % 201 === 0
              ? line.replace(/Claims (North|South)|claims north|CLAIMS NORTH/, i > 2000 ? 'Claims East' : 'Claims Sooth')
              : line,
      )
      .join('\n');
    const problems = await both('bad.csv', bad);
    expect(problems.how).toEqual(['halves', 'whole']);
    const message = (problems.result as { message: string }).message;
    expect(message).toMatch(/row 98, column "action", value "rejected"/);
    expect(message).toMatch(/row 3881, column "action", value "rejected"/);
    expect(message).toMatch(/"Claims Sooth" \(rows 202, 403, 604/);
    expect(message).toMatch(/"Claims East" \(rows 2011, 2212/);

    // A value in quotes with line breaks across the middle: the halves do not meet at a row, so it is read whole.
    const middle = Math.floor(lines.length / 2);
    const spanning = [
      ...lines.slice(0, middle),
      `2026-03-01T09:00:00Z,Triage,Claims North,u1@acme.example,span-1,overridden,"${'a note over many lines\n'.repeat(4000)}end"`,
      ...lines.slice(middle),
    ].join('\n');
    const across = await both('across.csv', spanning);
    expect(across.how).toEqual(['whole', 'whole']);
    expect(across.result).toMatchObject({ rows: 4001 });

    // Bytes that are not UTF-8 in the second half: read whole again, so the error names the same offset.
    const cut = Buffer.from(good).length - 200;
    const latin = Buffer.concat([Buffer.from(good).subarray(0, cut), Buffer.from([0xe9]), Buffer.from(good).subarray(cut + 1)]);
    const encoding = await both('latin1.csv', latin);
    expect(encoding.how).toEqual(['whole', 'whole']);
    expect((encoding.result as { message: string }).message).toMatch(
      new RegExp(`not valid UTF-8 \\(a byte near offset ${cut - (cut % 65536)}`),
    );
  });

  it('a file that cannot be read is the same error from the worker thread as in-thread, and small files stay in-thread', async () => {
    await setup();
    const cases: [string, string | Buffer][] = [
      [
        'header.csv',
        'timestamp,initiative,team,user,recommendation,action,reason\n2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,accepted,\n',
      ],
      [
        'latin1.csv',
        Buffer.concat([
          Buffer.from(`${DECISIONS}\n2026-01-10T09:00:00Z,Triage,Claims `),
          Buffer.from([0xe9]),
          Buffer.from('t,u1,r1,accepted,\n'),
        ]),
      ],
      ['empty.csv', ''],
      ['header-only.csv', `${DECISIONS}\n`],
    ];
    const before = JSON.stringify(exportWorkspace(t.engine));
    const message = async (f: string, worker?: boolean) =>
      String(await importFile(t.engine, null, 'decisions', f, worker === undefined ? {} : { worker }).catch((e: Error) => e.message));
    for (const [name, content] of [...cases, ['missing.csv', null] as const]) {
      const f = content === null ? path.join(t.dir, name) : file(name, content);
      expect(await message(f, true)).toBe(await message(f, false));
    }
    expect(await message(path.join(t.dir, 'missing.csv'), true)).toMatch(/no such file/);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
    const where: string[] = [];
    await importFile(t.engine, null, 'decisions', file('small.csv', decisionsFile(50, 7)), { onParsed: (w) => where.push(w) });
    expect(where).toEqual(['thread']);
  });

  it('a dry run of a big file counts like the real import and writes nothing', async () => {
    await setup();
    const text = decisionsFile(4000, 5);
    const before = JSON.stringify(exportWorkspace(t.engine));
    const dry = await importFile(t.engine, null, 'decisions', file('d.csv', text), { dryRun: true });
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
    expect(t.engine.sqlite.prepare('SELECT count(*) FROM decision_user_counts').pluck().get()).toBe(0);
    const real = await importFile(t.engine, null, 'decisions', file('d.csv', text));
    expect({ ...dry, dryRun: false, batchId: null }).toEqual({ ...real, batchId: null });
  });

  it('the row guard lifted for an import is back, unchanged, after a real, a dry and a failed run', async () => {
    await setup();
    const guard = () =>
      t.engine.sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'decisions_guard_insert'").pluck().get();
    const before = guard();
    expect(before).toMatch(/open_batch_keys/);
    await importFile(t.engine, null, 'decisions', file('d.csv', decisionsFile(3000, 3)), { dryRun: true });
    expect(guard()).toBe(before);
    await importFile(t.engine, null, 'decisions', file('d.csv', decisionsFile(3000, 3)));
    expect(guard()).toBe(before);
    // A run that fails while writing (here: its progress callback throws) is rolled back with the guard.
    await expect(
      importFile(t.engine, null, 'decisions', file('e.csv', decisionsFile(3000, 4)), {
        onProgress: () => {
          throw new Error('stop here');
        },
      }),
    ).rejects.toThrow('stop here');
    expect(guard()).toBe(before);
    // And it still refuses a row written outside an import.
    const key = t.engine.sqlite.prepare('SELECT batch FROM decisions LIMIT 1').pluck().get();
    expect(() =>
      t.engine.sqlite.prepare("INSERT INTO decisions VALUES (1, 'outside', 1, 0, 202601, 1, 0, NULL, ?, NULL, NULL)").run(key),
    ).toThrow(/written only by an import/);
  });

  it('progress is reported as each pass reads: checking every row, then writing (counting in a dry run)', async () => {
    await setup();
    for (const kind of ['decisions', 'usage'] as const) {
      const content =
        kind === 'decisions'
          ? decisionsFile(4000, 6)
          : [
              USAGE,
              ...Array.from(
                { length: 1200 },
                (_, i) => `${2000 + Math.floor(i / 12)}-${String(1 + (i % 12)).padStart(2, '0')},Claims North,Triage,10,5,10,5`,
              ),
            ].join('\n');
      // A dry run's second pass writes nothing: it says it counts (what would change), never that it writes.
      for (const dryRun of [true, false]) {
        const seen: { phase: string; rows: number }[] = [];
        const second = dryRun ? 'counting' : 'writing';
        await importFile(t.engine, null, kind, file(`${kind}.csv`, content), {
          worker: true,
          dryRun,
          onProgress: (p) => seen.push({ ...p }),
        });
        const checking = seen.filter((p) => p.phase === 'checking').map((p) => p.rows);
        const writing = seen.filter((p) => p.phase === second).map((p) => p.rows);
        // Every check comes before any write, each pass counts up to every row of the file.
        expect(seen.map((p) => p.phase)).toEqual([...checking.map(() => 'checking'), ...writing.map(() => second)]);
        for (const pass of [checking, writing]) {
          expect(pass.length).toBeGreaterThan(kind === 'decisions' ? 1 : 0);
          expect(pass).toEqual([...pass].sort((x, y) => x - y));
          expect(pass.at(-1)).toBe(kind === 'decisions' ? 4000 : 1200);
        }
      }
    }
  });
});

describe('decisions reader: shortcuts equal the general way', () => {
  it('the usual timestamp shape is read exactly as Date.parse and the calendar check read it', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        (y, mo, d, h, mi, s) => {
          const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}Z`;
          expect(Object.is(timestampMs(text), generalTimestampMs(text))).toBe(true);
        },
      ),
      { numRuns: 20_000 },
    );
    for (const text of [
      '2024-02-29T23:59:59Z',
      '2100-02-29T00:00:00Z',
      '2000-02-29T00:00:00Z',
      '2026-1-01T00:00:00Z',
      '2026-01-01 00:00:00Z',
    ]) {
      expect(Object.is(timestampMs(text), generalTimestampMs(text))).toBe(true);
    }
  });

  it('the UTC month of an instant is the one Date gives', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        const d = new Date(ms);
        expect(utcMonth(ms)).toBe(d.getUTCFullYear() * 100 + d.getUTCMonth() + 1);
      }),
      { numRuns: 20_000 },
    );
  });

  it('pairs are numbered in order of first sight, however many', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5000), fc.nat(70_000)), { maxLength: 20_000 }), (pairs) => {
        const numbers = new PairNumbers();
        const reference = new Map<string, number>();
        for (const [x, y] of pairs) {
          const k = `${x},${y}`;
          if (!reference.has(k)) reference.set(k, reference.size);
          expect(numbers.number(x, y)).toBe(reference.get(k));
        }
        expect(numbers.size).toBe(reference.size);
      }),
      { numRuns: 30 },
    );
  });
});

describe('imports: one pass, "did you mean", identical files, templates', () => {
  it('edit distance counts a swap of neighbours as one edit; suggestions ignore case, spaces and accents', () => {
    expect(editDistance('claims nroth', 'claims north')).toBe(1);
    expect(editDistance('claims nrth', 'claims north')).toBe(1);
    expect(editDistance('triaje', 'triage')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    const known = ['Claims North', 'Claims South', 'Ops', 'Team B', 'Team C'];
    expect(closestName('Claims Nrth', known)).toBe('Claims North');
    expect(closestName('  claims   NORTH ', known)).toBe('Claims North');
    expect(closestName('Cläims Nörth', known)).toBe('Claims North');
    expect(closestName('Claims Sotuh', known)).toBe('Claims South');
    expect(closestName('Underwriting', known)).toBeNull();
    // Short names: one edit at most; two equally close names: no guess.
    expect(closestName('Opz', known)).toBe('Ops');
    expect(closestName('Oxz', known)).toBeNull();
    expect(closestName('Team D', known)).toBeNull();
  });

  it('format, range and cross-field errors and unknown names come back together, as rows and columns', async () => {
    const content = `${USAGE}\n2026-13,Claims North,Triage,10,5,10,5\n2026-01,Claims North,Triage,10,11,10,5\n2026-02,Claims Nrth,Triage,10,5,10,5\n2026-03,Underwriting,Triage,10,5,10,5\n`;
    const before = JSON.stringify(exportWorkspace(t.engine));
    const e = (await run('usage', content).catch((x: unknown) => x)) as UserError;
    const data = e.details as unknown as ImportErrorData;
    expect(data.problems).toEqual([
      { row: 2, column: 'month', value: '2026-13', message: 'a month as YYYY-MM, e.g. 2026-03' },
      { row: 3, column: 'active_users', value: '11', message: 'at most licensed_users (10)' },
    ]);
    expect(data.problemCount).toBe(2);
    expect(data.names).toEqual([
      { kind: 'team', name: 'Claims Nrth', rows: [4], count: 1, suggestion: 'Claims North', ambiguous: false },
      { kind: 'team', name: 'Underwriting', rows: [5], count: 1, suggestion: null, ambiguous: false },
    ]);
    // The app words the fixes itself: the engine's message names no option of the CLI.
    expect(e.message).not.toMatch(/--/);
    expect(e.message).toMatch(/Did you mean "Claims North" for "Claims Nrth"\?/);
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
  });

  it('a wrong header is a problem of row 1', async () => {
    const e = (await run('pulse', 'month,team\n2026-01,Claims North\n').catch((x: unknown) => x)) as UserError;
    expect((e.details as unknown as ImportErrorData).problems).toEqual([
      {
        row: 1,
        column: null,
        value: null,
        message: expect.stringMatching(
          /^exactly the columns month,team,initiative,respondents,trust_mean,manual_backup, in any order \(missing "initiative"/,
        ),
      },
    ]);
  });

  it.each([false, true])('a map of names fixes a misspelt team and initiative in every row (decisions, worker %s)', async (worker) => {
    const content = `${DECISIONS}\n2026-01-10T09:00:00Z,Triaje,Claims Nrth,u1,r1,accepted,\n2026-01-11T09:00:00Z,Triage,claims nrth,u2,r2,overridden,x\n`;
    const f = file('d.csv', content);
    const refused = (await importFile(t.engine, null, 'decisions', f, { worker }).catch((x: unknown) => x)) as UserError;
    expect((refused.details as unknown as ImportErrorData).names.map((n) => [n.name, n.rows, n.suggestion])).toEqual([
      ['Claims Nrth', [2], 'Claims North'],
      ['claims nrth', [3], 'Claims North'],
      ['Triaje', [2], 'Triage'],
    ]);
    const s = await importFile(t.engine, null, 'decisions', f, { worker, aliases: { 'Claims Nrth': 'Claims North', Triaje: 'Triage' } });
    expect(s).toMatchObject({ rows: 2, new: 2, created: { teams: [], initiatives: [] } });
    const team = (await callTyped(host, 'teams.list', {})).find((x) => x.name === 'Claims North')?.id;
    const teams = t.engine.sqlite
      .prepare("SELECT DISTINCT k.value FROM decisions d JOIN signal_keys k ON k.kind = 'team' AND k.id = d.team")
      .pluck()
      .all();
    expect(teams).toEqual([team]);
  });

  it('a map of names for usage, and a map to a name the workspace lacks is refused', async () => {
    const content = `${USAGE}\n2026-01,Claims Nrth,Triage,10,5,10,5\n`;
    const s = await callTyped(host, 'imports.run', {
      kind: 'usage',
      path: file('u.csv', content),
      aliases: { 'Claims Nrth': 'Claims North' },
    });
    expect(s).toMatchObject({ rows: 1, new: 1 });
    const team = (await callTyped(host, 'teams.list', {})).find((x) => x.name === 'Claims North')?.id;
    expect(exportWorkspace(t.engine).tables.usage?.map((r) => r.teamId)).toEqual([team]);
    const e = (await call(host, 'imports.run', {
      kind: 'usage',
      path: file('u2.csv', `${USAGE}\n2026-02,Claims Nrth,Triage,10,5,10,5\n`),
      aliases: { 'Claims Nrth': 'Claims Nort' },
    }).catch((x: unknown) => x)) as UserError;
    expect(e.message).toBe(
      '"Claims Nrth" is mapped to "Claims Nort", which is not a team or initiative of this workspace. Map it to an existing name.',
    );
  });

  it('a file imported before is refused before anything is written, unless asked to go again', async () => {
    const f = file('p.csv', `${PULSE}\n2026-01,Claims North,Triage,10,3.5,2\n`);
    const first = await callTyped(host, 'imports.run', { kind: 'pulse', path: f });
    const before = JSON.stringify(exportWorkspace(t.engine));
    const e = (await call(host, 'imports.run', { kind: 'pulse', path: f }).catch((x: unknown) => x)) as UserError;
    expect(e.code).toBe('CONFLICT');
    const day = new Date().toISOString().slice(0, 10).split('-').map(Number) as [number, number, number];
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][day[1] - 1];
    expect(e.message).toBe(
      `p.csv was already imported on ${day[2]} ${month} ${day[0]} by Dana Lee (batch ${first.batchId?.slice(0, 8)}, "p.csv"): the same pulse file, byte for byte. Nothing was written.`,
    );
    expect((e.details as unknown as ImportErrorData).alreadyImported).toMatchObject({ id: first.batchId, importedBy: 'Dana Lee' });
    expect(JSON.stringify(exportWorkspace(t.engine))).toBe(before);
    // A dry run says so and still checks; the same rows in another kind of file are not the same file.
    const dry = await callTyped(host, 'imports.run', { kind: 'pulse', path: f, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, unchanged: 1, alreadyImported: { id: first.batchId } });
    const again = await callTyped(host, 'imports.run', { kind: 'pulse', path: f, again: true });
    expect(again).toMatchObject({ rows: 1, unchanged: 1 });
    expect((await callTyped(host, 'imports.list', {})).length).toBe(2);
  });

  it.each(IMPORT_KINDS)('the template of %s is its header and two example rows that import', async (kind) => {
    const { fileName, csv } = importTemplate(kind);
    expect(fileName).toBe(`${kind}-template.csv`);
    const parsed = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual([...IMPORT_COLUMNS[kind]]);
    expect(parsed.length).toBe(3);
    const s = await callTyped(host, 'imports.run', { kind, path: file(fileName, csv), createMissing: true });
    expect(s).toMatchObject({ rows: 2, new: 2 });
  });
});

describe('decisions: the optional recommended and final columns', () => {
  const WITH_TEXTS = `${DECISIONS},recommended,final`;
  const stored = () =>
    t.engine.sqlite.prepare('SELECT recommendation_id, recommended, final FROM decisions ORDER BY recommendation_id').raw().all();

  it.each([true, false])(
    'are stored as written, in any column order, and shown in the queue and the drill-down (worker: %s)',
    async (worker) => {
      const content = [
        `final,${DECISIONS},recommended`,
        'Refer to adjuster,2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,overridden,flood, Fast track: pay 1200 ',
        ',2026-01-10T09:00:00Z,Triage,Claims North,u2,r2,accepted,,',
      ].join('\n');
      await importFile(t.engine, null, 'decisions', file('d.csv', content), { worker });
      expect(stored()).toEqual([
        ['r1', 'Fast track: pay 1200', 'Refer to adjuster'],
        ['r2', null, null],
      ]);
      const queue = await callTyped(host, 'reviews.queue', {});
      expect(queue.map((q) => [q.recommendationId, q.recommended, q.final])).toEqual([['r1', 'Fast track: pay 1200', 'Refer to adjuster']]);
      const rows = await callTyped(host, 'reports.rows', { source: 'decisions', action: 'overridden' });
      const at = (key: string) => rows.columns.findIndex((c) => c.key === key);
      expect(rows.rows.map((r) => [r[at('recommendation_id')], r[at('recommended')], r[at('final')]])).toEqual([
        ['r1', 'Fast track: pay 1200', 'Refer to adjuster'],
      ]);
    },
  );

  it('a file without them stores none, and a later row without them replaces the texts', async () => {
    await run('decisions', `${WITH_TEXTS}\n2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,overridden,,Approve,Decline\n`);
    expect(stored()).toEqual([['r1', 'Approve', 'Decline']]);
    await run('decisions', `${DECISIONS}\n2026-02-10T09:00:00Z,Triage,Claims North,u1,r1,overridden,\n`);
    expect(stored()).toEqual([['r1', null, null]]);
    await run('decisions', `${WITH_TEXTS}\n2026-03-10T09:00:00Z,Triage,Claims North,u1,r1,overridden,,Approve,Refer\n`);
    expect(stored()).toEqual([['r1', 'Approve', 'Refer']]);
  });

  it('a text longer than 500 characters is a row error naming the column, and nothing is written', async () => {
    const long = 'x'.repeat(501);
    const content = `${WITH_TEXTS}\n2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,overridden,,${'y'.repeat(500)},ok\n2026-01-10T09:00:00Z,Triage,Claims North,u2,r2,overridden,,Approve,${long}\n`;
    await expect(run('decisions', content)).rejects.toThrow(
      /row 3, column "final", value "x{40}…": at most 500 characters \(found 501\); shorten it to a summary/,
    );
    expect(stored()).toEqual([]);
  });

  it('a row with fewer fields than the header is an error that counts the header’s columns', async () => {
    const content = `${WITH_TEXTS}\n2026-01-10T09:00:00Z,Triage,Claims North,u1,r1,overridden,\n`;
    await expect(run('decisions', content)).rejects.toThrow(/row 2: 9 fields, found 7/);
  });
});
