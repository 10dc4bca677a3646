import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { programCoverage } from '../../db/champions/champions';
import { UserError } from '../../db/errors';
import { hashUser, importFile, userHashKey } from '../../db/signals/import';
import {
  checkMapping,
  deleteMapping,
  getMapping,
  guessDateFormat,
  listMappings,
  PRESETS,
  proposeMapping,
  saveMapping,
} from '../../db/signals/mappings';
import { computeReport } from '../../db/signals/metrics';
import type { ImportMapping } from '../../db/signals/model';
import { teamsOn } from '../../db/signals/people';
import { examplePath } from '../examples';
import { idsByName, userError, workspaceForEachTest } from '../helpers';

const root = path.resolve(import.meta.dirname, '../..');

const t = workspaceForEachTest({
  teams: ['Claims North', 'Claims South'],
  initiatives: ['Claims triage assistant', 'Microsoft 365 Copilot'],
});

function file(name: string, content: string) {
  const f = path.join(t.dir, name);
  fs.writeFileSync(f, content);
  return f;
}
const count = (table: string) => t.engine.sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;

const LOG_HEADER = 'Event Time,Tool,Department,Employee ID,Suggestion ID,Outcome,Comment';

describe('presets and mappings are data', () => {
  it('ships every file in presets/ as a valid preset, and lists them', () => {
    const files = fs.readdirSync(path.join(root, 'presets')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const json = JSON.parse(fs.readFileSync(path.join(root, 'presets', f), 'utf8')) as ImportMapping;
      expect(json.id).toBe(f.replace(/\.json$/, ''));
      expect(PRESETS.map((p) => p.id)).toContain(json.id);
      expect(() => checkMapping(json)).not.toThrow();
    }
    expect(listMappings(t.engine).map((m) => m.id)).toEqual(['microsoft-365-copilot-usage', 'ai-decision-log']);
    // Each preset's id and name as in the preset itself (what `mappings show` prints).
    expect(listMappings(t.engine).map((m) => m.name)).toEqual(PRESETS.map((p) => p.name));
  });

  it('refuses a mapping with an unknown time zone, a column not in the header and no team, each named', () => {
    const bad = {
      name: 'Broken',
      kind: 'decisions',
      header: ['When', 'Who'],
      columns: { timestamp: 'When', user: 'Who', action: 'Verdict' },
      dates: { format: 'dd/MM/yyyy', timeZone: 'Europe/Atlantis' },
    };
    let e: unknown;
    try {
      checkMapping(bad);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(UserError);
    const message = (e as UserError).message;
    expect(message).toMatch(/dates\.timeZone: an IANA time zone/);
    expect(message).toMatch(/columns\.action: "Verdict" is not in the header/);
    expect(message).toMatch(/columns\.team: a source column/);
  });
});

describe('mapping proposals', () => {
  it('maps a decision log by normalised names and synonyms, guesses its date format and its action words', () => {
    const rows = fs
      .readFileSync(examplePath('decision-log.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const m = proposeMapping('decisions', LOG_HEADER.split(','), rows);
    expect(m.columns).toEqual({
      timestamp: 'Event Time',
      initiative: 'Tool',
      team: 'Department',
      user: 'Employee ID',
      recommendation_id: 'Suggestion ID',
      action: 'Outcome',
      reason: 'Comment',
    });
    expect(m.dates?.format).toBe('dd/MM/yyyy HH:mm');
    expect(m.actions).toEqual({
      approved: 'accepted',
      rejected: 'overridden',
      modified: 'edited',
      manual: 'overridden',
      timeout: 'ignored',
    });
  });

  it('proposes per-user columns for a Copilot-shaped header, and nothing for a column that fits no target', () => {
    const header = PRESETS[0]?.header ?? [];
    const m = proposeMapping('usage', header, [], true);
    expect(m.columns).toEqual({ user: 'User Principal Name', last_activity: 'Last Activity Date', report_date: 'Report Refresh Date' });
    expect(proposeMapping('people', ['Colour', 'mail', 'Department']).columns).toEqual({ user: 'mail', team: 'Department' });
  });

  it('guesses ISO timestamps and refuses to guess from values no format reads', () => {
    expect(guessDateFormat(['2026-01-03T08:00:00Z', '2026-01-04T08:00:00+01:00'])).toBe('iso');
    expect(guessDateFormat(['01/13/2026 10:00'])).toBe('MM/dd/yyyy HH:mm');
    expect(guessDateFormat(['yesterday'])).toBeNull();
  });
});

describe('importing through a mapping', () => {
  it('reads a decision log with the preset: Berlin local times stored as UTC, action words mapped', async () => {
    const summary = await importFile(t.engine, null, 'decisions', examplePath('decision-log.csv'), { mapping: 'ai-decision-log' });
    expect(summary).toMatchObject({ rows: 6, new: 6, mapping: 'ai-decision-log', file: 'decision-log.csv' });
    const rows = t.engine.sqlite
      .prepare('SELECT recommendation_id AS rec, ts, action, month FROM decisions ORDER BY recommendation_id')
      .all() as { rec: string; ts: number; action: number; month: number }[];
    const byRec = Object.fromEntries(rows.map((r) => [r.rec, r]));
    // 03/01/2026 08:00 in Berlin (CET, UTC+1) is 07:00 UTC.
    expect(new Date(byRec['sg-4100']?.ts ?? 0).toISOString()).toBe('2026-01-03T07:00:00.000Z');
    expect(byRec['sg-4100']?.action).toBe(0);
    expect(byRec['sg-4101']?.action).toBe(2); // rejected
    expect(byRec['sg-7201']?.action).toBe(1); // modified
    expect(byRec['sg-4102']?.action).toBe(2); // manual
    expect(byRec['sg-7202']?.action).toBe(3); // timeout
  });

  it('puts a local time just after midnight on the 1st in the month before, in UTC (summer time too)', async () => {
    const f = file(
      'log.csv',
      `${LOG_HEADER}\n01/02/2026 00:30,Claims triage assistant,Claims North,E1,r1,approved,\n01/07/2026 01:30,Claims triage assistant,Claims North,E1,r2,approved,\n`,
    );
    await importFile(t.engine, null, 'decisions', f, { mapping: 'ai-decision-log' });
    const got = t.engine.sqlite.prepare('SELECT recommendation_id, ts, month FROM decisions ORDER BY recommendation_id').raw().all();
    // 00:30 CET on 1 Feb is 23:30 UTC on 31 Jan; 01:30 CEST on 1 Jul is 23:30 UTC on 30 Jun.
    expect(got).toEqual([
      ['r1', Date.parse('2026-01-31T23:30:00Z'), 202601],
      ['r2', Date.parse('2026-06-30T23:30:00Z'), 202606],
    ]);
  });

  it('refuses a file that does not fit its mapping, row by row and in the source’s column names, writing nothing', async () => {
    const f = file(
      'log.csv',
      `${LOG_HEADER}\n2026-01-03 08:00,Claims triage assistant,Claims North,E1,r1,approved,\n03/01/2026 08:00,Claims triage assistant,Claims North,E1,r2,maybe,\n`,
    );
    const e = await userError(importFile(t.engine, null, 'decisions', f, { mapping: 'ai-decision-log' }));
    expect(e.message).toMatch(/row 2, column "Event Time", value "2026-01-03 08:00": a timestamp written as dd\/MM\/yyyy HH:mm/);
    expect(e.message).toMatch(/row 3, column "Outcome", value "maybe": one of the action words the mapping knows/);
    expect(e.message).toMatch(/nothing was imported/);
    expect(count('decisions')).toBe(0);
    expect(count('import_batches')).toBe(0);
  });

  it('names the source column in the import’s own row errors too (an empty user)', async () => {
    const f = file('log.csv', `${LOG_HEADER}\n03/01/2026 08:00,Claims triage assistant,Claims North,,r1,approved,\n`);
    const e = await userError(importFile(t.engine, null, 'decisions', f, { mapping: 'ai-decision-log' }));
    expect(e.message).toMatch(/row 2, column "Employee ID"/);
    expect(count('decisions')).toBe(0);
  });

  it('imports the next file whose header fits a saved mapping with it, without being asked', async () => {
    const header = 'When,Agent,Unit,App,Case,Verdict';
    const first = file('jan.csv', `${header}\n2026-01-05 10:00,E7,Claims North,Claims triage assistant,c1,yes\n`);
    const proposed = proposeMapping('decisions', header.split(','), [
      ['2026-01-05 10:00', 'E7', 'Claims North', 'Claims triage assistant', 'c1', 'yes'],
    ]);
    expect(proposed.columns).toMatchObject({ timestamp: 'When', user: 'Agent', team: 'Unit', initiative: 'App', action: 'Verdict' });
    // The user finishes what the proposal could not guess and saves it.
    const mapping = {
      ...proposed,
      name: 'Triage tool log',
      columns: { ...proposed.columns, recommendation_id: 'Case' },
      actions: { yes: 'accepted', no: 'overridden' },
      dates: { format: 'yyyy-MM-dd HH:mm', timeZone: 'America/New_York' },
    } as ImportMapping;
    saveMapping(t.engine, mapping);
    expect((await importFile(t.engine, null, 'decisions', first, { mapping: 'triage tool log' })).new).toBe(1);
    const next = file('feb.csv', `${header}\n2026-02-05 10:00,E7,Claims North,Claims triage assistant,c2,no\n`);
    const summary = await importFile(t.engine, null, 'decisions', next);
    expect(summary).toMatchObject({ new: 1, mapping: 'Triage tool log' });
    const ts = t.engine.sqlite.prepare("SELECT ts FROM decisions WHERE recommendation_id = 'c2'").pluck().get() as number;
    expect(new Date(ts).toISOString()).toBe('2026-02-05T15:00:00.000Z');
    expect(getMapping(t.engine, 'Triage tool log').name).toBe('Triage tool log');
    expect(listMappings(t.engine).find((m) => m.source === 'saved')).toMatchObject({
      id: null,
      name: 'Triage tool log',
      kind: 'decisions',
    });
    expect(deleteMapping(t.engine, 'Triage tool log')).toEqual({ deleted: 'Triage tool log' });
    const e = (() => {
      try {
        getMapping(t.engine, 'Triage tool log');
      } catch (x) {
        return x as UserError;
      }
      return null;
    })();
    expect(e?.message).toBe('No mapping is called "Triage tool log". Mappings: "microsoft-365-copilot-usage", "ai-decision-log".');
  });

  it('says how to map a file whose header neither Uptake nor any mapping knows', async () => {
    const f = file('odd.csv', 'Colour,Size\nred,1\n');
    const e = await userError(importFile(t.engine, null, 'decisions', f));
    expect(e.message).toMatch(/header row is wrong/);
    expect(e.message).toMatch(/no saved mapping or preset fits this header/);
  });
});

describe('the people directory', () => {
  const PEOPLE = 'user,team,region,manager,effective_date';

  it('gives champion coverage its denominator for a team with no usage: the people in it on the day, before its headcount', async () => {
    const id = await idsByName(t.host);
    await callTyped(t.host, 'teams.update', { id: id.team('Claims South'), headcount: 50 });
    const initiative = id.initiative('Claims triage assistant');
    const program = await callTyped(t.host, 'champions.createProgram', { name: 'Claims champions', initiativeId: initiative });
    const mei = (await callTyped(t.host, 'members.create', { name: 'Mei Chen', role: 'champion' })).id;
    for (const team of ['Claims North', 'Claims South'])
      await callTyped(t.host, 'champions.create', {
        programId: program.id,
        memberId: mei,
        teamId: id.team(team),
        since: '2026-01-01',
        status: 'active',
      });
    const south = (asOf: string) => programCoverage(t.engine, program.id, asOf).teams.find((r) => r.team === 'Claims South');
    const north = (asOf: string) => programCoverage(t.engine, program.id, asOf).teams.find((r) => r.team === 'Claims North');
    // No directory yet: South's headcount; North has neither.
    expect(south('2026-02-15')).toMatchObject({ activeUsers: 50, source: { kind: 'headcount' } });
    expect(north('2026-02-15')).toMatchObject({ activeUsers: null, source: { kind: 'none' } });
    await importFile(
      t.engine,
      null,
      'people',
      file(
        'jan.csv',
        `${PEOPLE}\nana@example.com,Claims North,,,2026-01-01\nbo@example.com,Claims South,,,2026-01-01\ncy@example.com,Claims South,,,2026-01-01\n`,
      ),
    );
    await importFile(t.engine, null, 'people', file('mar.csv', `${PEOPLE}\nana@example.com,Claims South,,,2026-03-01\n`));
    expect(south('2026-02-15')).toMatchObject({ activeUsers: 2, source: { kind: 'directory', asOf: '2026-02-15' } });
    expect(north('2026-02-15')).toMatchObject({ activeUsers: 1, source: { kind: 'directory' } });
    // Ana moved on 1 March: South counts her from then on, North has nobody left (so no data).
    expect(south('2026-03-01')).toMatchObject({ activeUsers: 3, source: { kind: 'directory' } });
    expect(north('2026-03-01')).toMatchObject({ activeUsers: null, source: { kind: 'none' } });
  });

  it('stores only keyed hashes of user ids, and moves people from the effective date on, keeping the history', async () => {
    const jan = await importFile(
      t.engine,
      null,
      'people',
      file(
        'jan.csv',
        `${PEOPLE}\nAna@Example.com,Claims North,North,sam@example.com,2026-01-01\nbo@example.com,Claims South,,,2026-01-01\n`,
      ),
    );
    expect(jan).toMatchObject({ new: 2, changed: 0, unchanged: 0 });
    const stored = JSON.stringify(t.engine.sqlite.prepare('SELECT * FROM people').all());
    expect(stored).not.toMatch(/example\.com|ana@/i);
    const key = userHashKey(t.engine, null);
    const ana = hashUser(key, 'ana@example.com');
    expect(t.engine.sqlite.prepare('SELECT manager FROM people WHERE user = ?').pluck().get(ana)).toBe(hashUser(key, 'sam@example.com'));

    // Ana moves on 1 March; Bo stays.
    const mar = await importFile(
      t.engine,
      null,
      'people',
      file('mar.csv', `user,team,region,manager\nana@example.com,Claims South,South,sam@example.com\nbo@example.com,Claims South,,\n`),
      { effectiveDate: '2026-03-01' },
    );
    expect(mar).toMatchObject({ new: 0, changed: 1, unchanged: 1 });
    const history = t.engine.sqlite.prepare('SELECT effective_from FROM people WHERE user = ? ORDER BY effective_from').pluck().all(ana);
    expect(history).toEqual(['2026-01-01', '2026-03-01']);
    const north = await callTyped(t.host, 'teams.list', {});
    const idOf = (n: string) => north.find((x) => x.name === n)?.id;
    expect(teamsOn(t.engine, '2026-02-28').get(ana)).toBe(idOf('Claims North'));
    expect(teamsOn(t.engine, '2026-03-01').get(ana)).toBe(idOf('Claims South'));
    expect(teamsOn(t.engine, '2025-12-31').get(ana)).toBeUndefined();
    const batches = await callTyped(t.host, 'imports.list', {});
    expect(batches.map((b) => [b.kind, b.fileName])).toEqual([
      ['people', 'mar.csv'],
      ['people', 'jan.csv'],
    ]);
  });

  it('refuses a directory with a person twice, no team or a bad date, writing nothing', async () => {
    const e = await userError(
      importFile(
        t.engine,
        null,
        'people',
        file('p.csv', `${PEOPLE}\nana@x.com,Claims North,,,2026-01-01\nANA@x.com,Claims South,,,2026-01-01\nbo@x.com,,,,2026-02-30\n`),
      ),
    );
    expect(e.message).toMatch(/row 3, column "user", value "ANA@x.com": a person not already in row 2/);
    expect(e.message).toMatch(/row 4, column "team"/);
    expect(e.message).toMatch(/row 4, column "effective_date", value "2026-02-30"/);
    expect(count('people')).toBe(0);
  });
});

describe('the Microsoft 365 Copilot usage report', () => {
  const HEADER = PRESETS[0]?.header.join(',') ?? '';
  const row = (refresh: string, upn: string, last: string, word = '') => `${refresh},${upn},${upn.split('@')[0]},${last},,,${word},,,,,,30`;

  beforeEach(async () => {
    await importFile(
      t.engine,
      null,
      'people',
      file(
        'people.csv',
        `user,team,effective_date\na@x.com,Claims North,2026-01-01\nb@x.com,Claims North,2026-01-01\nc@x.com,Claims North,2026-01-01\nd@x.com,Claims South,2026-01-01\ne@x.com,Claims South,2026-01-01\n`,
      ),
    );
  });

  const usage = () =>
    t.engine.sqlite
      .prepare(
        'SELECT u.month, t.name AS team, i.name AS initiative, licensed_users, active_users, workflows_started, workflows_completed FROM usage u JOIN teams t ON t.id = u.team_id JOIN initiatives i ON i.id = u.initiative_id ORDER BY u.month, t.name, i.name',
      )
      .raw()
      .all();

  it('counts licensed (rows) and active users (last activity inside the month) per team, at the month’s edges', async () => {
    const f = file(
      'copilot.csv',
      [
        HEADER,
        row('2026-03-31', 'a@x.com', '2026-03-01'), // first day: active
        row('2026-03-31', 'b@x.com', '2026-03-31'), // last day: active
        row('2026-03-31', 'c@x.com', '2026-02-28'), // the day before: licensed, not active
        row('2026-03-31', 'd@x.com', ''), // no activity at all
        row('2026-03-31', 'E@X.com', '2026-03-15'), // the directory's email in another case
        row('2026-03-31', 'z@x.com', '2026-03-10'), // not in the directory
      ].join('\n'),
    );
    const summary = await importFile(t.engine, null, 'usage', f);
    expect(summary).toMatchObject({
      mapping: 'microsoft-365-copilot-usage',
      month: '2026-03',
      notInDirectory: { users: ['z@x.com'], count: 1 },
    });
    expect(usage()).toEqual([
      ['2026-03', 'Claims North', 'Microsoft 365 Copilot', 3, 2, 0, 0],
      ['2026-03', 'Claims South', 'Microsoft 365 Copilot', 2, 1, 0, 0],
    ]);
  });

  it('adds a month with each monthly download, takes the month asked for, and counts apps when asked', async () => {
    await importFile(t.engine, null, 'usage', file('feb.csv', [HEADER, row('2026-02-28', 'a@x.com', '2026-02-01')].join('\n')));
    await importFile(
      t.engine,
      null,
      'usage',
      file(
        'mar.csv',
        [HEADER, row('2026-04-02', 'a@x.com', '2026-04-01', '2026-03-31'), row('2026-04-02', 'd@x.com', '2026-03-20', '2026-03-20')].join(
          '\n',
        ),
      ),
      { month: '2026-03', perApp: true, createMissing: true },
    );
    const rows = usage().filter((r) => (r as string[])[2] === 'Microsoft 365 Copilot' || (r as string[])[2]?.endsWith('Word'));
    expect(rows).toEqual([
      ['2026-02', 'Claims North', 'Microsoft 365 Copilot', 1, 1, 0, 0],
      // Last active on 1 April: not active in March overall, but Word on 31 March is.
      ['2026-03', 'Claims North', 'Microsoft 365 Copilot', 1, 0, 0, 0],
      ['2026-03', 'Claims North', 'Microsoft 365 Copilot: Word', 1, 1, 0, 0],
      ['2026-03', 'Claims South', 'Microsoft 365 Copilot', 1, 1, 0, 0],
      ['2026-03', 'Claims South', 'Microsoft 365 Copilot: Word', 1, 1, 0, 0],
    ]);
  });

  it('feeds the report’s formal adoption, with completion as no data (not zero)', async () => {
    await importFile(
      t.engine,
      null,
      'usage',
      file('c.csv', [HEADER, row('2026-03-31', 'a@x.com', '2026-03-05'), row('2026-03-31', 'b@x.com', '')].join('\n')),
    );
    const r = computeReport(t.engine, {});
    const north = r.rows.find((x) => x.initiative === 'Microsoft 365 Copilot' && x.team === 'Claims North');
    expect(north?.components.activation).toBe(0.5);
    expect(north?.components.completion).toBeNull();
    expect(north?.basis.formal.missing).toContain('completion');
    expect(north?.formal).toBe(0.5);
  });

  it('refuses a per-user report without a directory, and one whose users are all missing, writing nothing', async () => {
    t.engine.sqlite.exec('DELETE FROM people');
    const f = file('c.csv', [HEADER, row('2026-03-31', 'a@x.com', '2026-03-05')].join('\n'));
    expect((await userError(importFile(t.engine, null, 'usage', f))).message).toMatch(/import the people directory first/);
    await importFile(t.engine, null, 'people', file('p2.csv', 'user,team,effective_date\nq@x.com,Claims North,2026-01-01\n'));
    const e = await userError(importFile(t.engine, null, 'usage', f));
    expect(e.message).toMatch(/none of its 1 users is in the people directory on 2026-03-31/);
    expect(count('usage')).toBe(0);
  });
});
