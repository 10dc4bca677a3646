import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callTyped } from '../../db/api';
import type { HostContext } from '../../db/api/context';
import { exportWorkspace } from '../../db/export';
import { tempEngine } from '../helpers';

let t: ReturnType<typeof tempEngine>;
let host: HostContext;
beforeEach(async () => {
  t = tempEngine();
  host = { engine: t.engine };
  await callTyped(host, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
  await callTyped(host, 'teams.create', { name: 'Claims North' });
  await callTyped(host, 'initiatives.create', { name: 'Triage' });
});
afterEach(() => t.cleanup());

const USAGE = 'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed';
const DECISIONS = 'timestamp,initiative,team,user,recommendation_id,action,reason';
const PULSE = 'month,team,initiative,respondents,trust_mean,manual_backup';

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
      /unknown teams: "Claims Nroth" \(rows 2, 3\).*--create-missing/,
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

  it.each(cases)('%s', async (_name, kind, content, message) => {
    const before = JSON.stringify(exportWorkspace(t.engine));
    await expect(run(kind, content)).rejects.toThrow(message);
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
    expect(await callTyped(host, 'imports.run', { kind: 'decisions', path: file('a.csv', a) })).toMatchObject({
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
