import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import type { HostContext } from '../../db/api/context';
import { checkDatabase } from '../../db/check';
import { exportWorkspace } from '../../db/export';
import { searchIndexSql } from '../../db/feedback/search-index';
import { enumColumns, valueChecks } from '../../db/guards';
import type { Engine } from '../../db/open';
import { syncedTables } from '../../db/schema';
import { SignalKeys } from '../../db/signals/keys';
import { write } from '../../db/write';
import { type TestWorkspace, withWorkspace } from '../helpers';

let t: TestWorkspace;
let engine: Engine;
let host: HostContext;
beforeEach(async () => {
  t = await withWorkspace();
  engine = t.engine;
  host = t.host;
});
afterEach(() => t.cleanup());

const logCount = () => (engine.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

describe('the write path', () => {
  it('logs one record per changed field, all stamped with one HLC, this device and the author', async () => {
    const before = logCount();
    const team = await callTyped(host, 'teams.create', { name: 'Claims North', region: 'UK North', headcount: 64 });
    const records = engine.sqlite.prepare('SELECT * FROM change_log WHERE row_id = ? ORDER BY col').all(team.id) as {
      col: string;
      value: string;
      hlc: string;
      device_id: string;
      author_id: string;
    }[];
    expect(logCount() - before).toBe(records.length);
    expect(records.map((r) => r.col)).toEqual(['business_unit', 'deleted', 'headcount', 'name', 'parent_id', 'region']);
    expect(new Set(records.map((r) => r.hlc)).size).toBe(1);
    const info = await callTyped(host, 'workspace.get', {});
    expect(records.every((r) => r.device_id === info.deviceId && r.author_id === info.me?.id)).toBe(true);
    expect(records.find((r) => r.col === 'headcount')?.value).toBe('64');

    // Changing one field logs one record; writing the same value again logs nothing.
    await callTyped(host, 'teams.update', { id: team.id, headcount: 70, region: 'UK North' });
    expect(logCount() - before).toBe(records.length + 1);
    await callTyped(host, 'teams.update', { id: team.id, headcount: 70 });
    expect(logCount() - before).toBe(records.length + 1);
  });

  it('makes device ids (UUIDv7) and never integer ids', async () => {
    const team = await callTyped(host, 'teams.create', { name: 'Claims North' });
    expect(team.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('deletes by tombstone, and restore brings the row back, both in history', async () => {
    const team = await callTyped(host, 'teams.create', { name: 'Claims North' });
    await callTyped(host, 'teams.delete', { id: team.id });
    expect((await callTyped(host, 'teams.list', {})).map((x) => x.id)).not.toContain(team.id);
    expect(engine.sqlite.prepare('SELECT deleted FROM teams WHERE id = ?').get(team.id)).toEqual({ deleted: 1 });
    await callTyped(host, 'teams.restore', { id: team.id });
    expect((await callTyped(host, 'teams.list', {})).map((x) => x.id)).toContain(team.id);
    const history = await callTyped(host, 'history.get', { table: 'teams', id: team.id });
    expect(history.map((h) => h.changes.map((c) => `${c.field}:${JSON.stringify(c.from)}->${JSON.stringify(c.to)}`))).toEqual([
      ['deleted:true->false'],
      ['deleted:false->true'],
      expect.arrayContaining(['name:null->"Claims North"', 'deleted:null->false']),
    ]);
    expect(history[2]?.created).toBe(true);
    expect(history[0]?.author?.name).toBe('Dana Lee');
  });

  it('shows who changed which field, when, from what to what', async () => {
    const team = await callTyped(host, 'teams.create', { name: 'Claims North' });
    await callTyped(host, 'teams.update', { id: team.id, name: 'Claims North & Scotland', headcount: 12 });
    const [latest] = await callTyped(host, 'history.get', { table: 'teams', id: team.id });
    expect(latest?.created).toBe(false);
    expect(latest?.author).toEqual({ id: expect.any(String), name: 'Dana Lee' });
    expect(Date.parse(latest?.at ?? '')).not.toBeNaN();
    expect(latest?.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', from: 'Claims North', to: 'Claims North & Scotland' },
        { field: 'headcount', from: null, to: 12 },
      ]),
    );
  });

  it('rolls back the row and its log together when a write fails', () => {
    const before = logCount();
    expect(() =>
      engine.sqlite.transaction(() => {
        write(engine, null, 'teams', 'team-1', { name: 'A', parentId: null, region: null, businessUnit: null, headcount: null }, 'create');
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(logCount()).toBe(before);
    expect(engine.sqlite.prepare("SELECT count(*) AS n FROM teams WHERE id = 'team-1'").get()).toEqual({ n: 0 });
  });

  it('replays: the change log gives exactly the rows (check passes)', async () => {
    const team = await callTyped(host, 'teams.create', { name: 'Claims North' });
    await callTyped(host, 'teams.update', { id: team.id, region: 'North' });
    expect(checkDatabase(engine).changeLog.mismatches).toEqual([]);
    expect(checkDatabase(engine).ok).toBe(true);
  });
});

describe('no synced table changes without a change-log record', () => {
  const tables = Object.keys(syncedTables);

  it.each(tables)('%s: a raw insert, update or delete is refused', async (table) => {
    await callTyped(host, 'teams.create', { name: 'Claims North' });
    await callTyped(host, 'initiatives.create', { name: 'Triage' });
    const seeds: Record<string, Record<string, unknown>> = {
      settings: { value: '{}' },
      import_batches: { kind: 'usage', fileName: 'usage.csv', sha256: 'x', counts: '{}', open: false },
      shadow_processes: {
        name: 'Claims tracker',
        teamId: 't',
        initiativeId: null,
        kind: 'spreadsheet',
        owner: null,
        usersInvolved: 3,
        reason: null,
        failurePattern: null,
        firstSeen: '2026-01-01',
        retiredOn: null,
      },
      override_reviews: {
        initiativeId: 'i',
        recommendationId: 'r',
        userHash: 'u',
        verdict: 'appropriate',
        reasonCode: 'model_wrong',
        note: null,
      },
      stakeholders: { name: 'Ravi Kumar', teamId: 't', influence: 3, interest: 3, support: 'neutral', tags: '[]' },
      stakeholder_concerns: { stakeholderId: 's', kind: 'loss of control', label: null, status: 'raised', note: null },
      stakeholder_sessions: {
        at: '2026-02-03T10:00',
        kind: 'workshop',
        initiativeId: null,
        facilitatorMemberId: 'm',
        notes: null,
        decisions: null,
      },
      session_attendees: { sessionId: 's', stakeholderId: 'p', sentiment: null },
      stakeholder_actions: {
        what: 'Follow up',
        ownerMemberId: 'm',
        due: '2026-02-10',
        status: 'open',
        sessionId: null,
        stakeholderId: null,
      },
      champion_programs: { name: 'Claims champions', initiativeId: 'i', coverageTarget: 0.05 },
      champions: { programId: 'p', memberId: 'm', teamId: 't', since: '2026-01-01', status: 'active' },
      champion_activities: { programId: 'p', championId: 'c', kind: 'demo', date: '2026-01-02', attendance: 5, notes: null },
      feedback: {
        initiativeId: 'i',
        teamId: 't',
        aiSaid: 'Approve',
        whatWasRight: 'Refer',
        category: 'other',
        severity: 'low',
        caught: 'review',
        reportedAt: '2026-01-02T00:00:00.000Z',
        status: 'new',
      },
      failure_patterns: { name: 'Scanned forms', category: 'format variation', description: null, status: 'open' },
      plan_touchpoints: {
        message: 'Override figures',
        channel: 'meeting',
        teamId: 't',
        tag: null,
        everyDays: 14,
        ownerMemberId: 'm',
        startOn: '2026-03-01',
        lastDeliveredOn: null,
        lastSessionId: null,
      },
      feedback_comments: { feedbackId: 'f', authorId: 'm', body: 'Seen again in Leeds', createdAt: '2026-01-03T00:00:00.000Z' },
      stakeholder_fields: { name: 'Region', type: 'choice', choices: '["North","South"]', position: 1 },
      stakeholder_field_values: { stakeholderId: 's', fieldId: 'f', value: 'North' },
    };
    const seed = seeds[table];
    if (seed) write(engine, null, table as keyof typeof syncedTables, 'seed-row', seed, 'create');
    const row = engine.sqlite.prepare(`SELECT * FROM ${table} LIMIT 1`).get() as Record<string, unknown>;
    expect(row).toBeDefined();
    const exported = JSON.stringify(exportWorkspace(engine));
    const copy = { ...row, id: 'forged-id' };
    const cols = Object.keys(copy);
    expect(() =>
      engine.sqlite
        .prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`)
        .run(...Object.values(copy)),
    ).toThrow(/without a change-log record/);
    expect(() => engine.sqlite.prepare(`UPDATE ${table} SET deleted = 1 WHERE id = ?`).run(row.id)).toThrow(/without a change-log record/);
    expect(() => engine.sqlite.prepare(`UPDATE ${table} SET deleted = 1, last_hlc = 'forged' WHERE id = ?`).run(row.id)).toThrow(
      /without a change-log record/,
    );
    expect(() => engine.sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`).run(row.id)).toThrow(/never deleted/);
    expect(JSON.stringify(exportWorkspace(engine))).toBe(exported);
  });

  it('covers every table that has a last_hlc column', () => {
    const withHlc = (engine.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[])
      .map((r) => r.name)
      .filter((name) =>
        (engine.sqlite.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).some((c) => c.name === 'last_hlc'),
      );
    expect(withHlc.sort()).toEqual([...tables].sort());
    for (const name of withHlc) {
      const triggers = (
        engine.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?").all(name) as { name: string }[]
      ).map((r) => r.name);
      // Besides its guards, import_batches keeps open_batch_keys (migration 0004), and feedback and
      // failure patterns keep the search index (db/feedback/search-index.ts): no table has others.
      const keepers =
        name === 'import_batches'
          ? ['open_batch_keys_on_batch_insert', 'open_batch_keys_on_batch_update']
          : searchIndexSql()
              .map((t) => t.name)
              .filter((t) => t.startsWith(`${name}_search_`));
      const checks = enumColumns()
        .filter((c) => c.table === name)
        .flatMap((c) => valueChecks(c.table, c.column, c.values).map((t) => t.name));
      expect(triggers.sort()).toEqual(
        [`${name}_guard_delete`, `${name}_guard_insert`, `${name}_guard_update`, ...keepers, ...checks].sort(),
      );
    }
  });

  it('signal rows are written only inside an open import batch, and never deleted', async () => {
    const closed = 'closed-batch';
    write(engine, null, 'import_batches', closed, { kind: 'usage', fileName: 'u.csv', sha256: 'x', counts: '{}', open: false }, 'create');
    expect(() => engine.sqlite.prepare("INSERT INTO usage VALUES ('2026-01', 't', 'i', 1, 1, 1, 1, ?)").run(closed)).toThrow(
      /written only by an import/,
    );
    expect(() => engine.sqlite.prepare("INSERT INTO pulse VALUES ('2026-01', 't', 'i', 1, 3, 0, ?)").run(closed)).toThrow(
      /written only by an import/,
    );
    engine.sqlite.prepare("INSERT INTO signal_keys (kind, value) VALUES ('batch', ?)").run(closed);
    const key = engine.sqlite.prepare("SELECT id FROM signal_keys WHERE kind = 'batch' AND value = ?").pluck().get(closed);
    expect(() => engine.sqlite.prepare("INSERT INTO decisions VALUES (1, 'r', 1, 0, 202601, 1, 0, NULL, ?, NULL, NULL)").run(key)).toThrow(
      /written only by an import/,
    );
  });

  it('decisions rows follow their batch: writable while it is open, refused once it is closed', () => {
    const openKeys = () => engine.sqlite.prepare('SELECT key FROM open_batch_keys').pluck().all();
    const insert = engine.sqlite.prepare('INSERT INTO decisions VALUES (1, ?, 1, 0, 202601, 1, 0, NULL, ?, NULL, NULL)');
    const update = engine.sqlite.prepare("UPDATE decisions SET action = 2 WHERE recommendation_id = 'r1'");
    /** Creates an open decisions batch and returns its signal key. */
    const openBatch = (id: string, fileName: string) => {
      write(engine, null, 'import_batches', id, { kind: 'decisions', fileName, sha256: '', counts: '{}', open: true }, 'create');
      return new SignalKeys(engine).get('batch', id);
    };
    engine.sqlite.exec('BEGIN IMMEDIATE');
    const key = openBatch('batch-1', 'd.csv');
    expect(openKeys()).toEqual([key]);
    insert.run('r1', key);
    update.run();
    write(engine, null, 'import_batches', 'batch-1', { open: false }, 'update');
    expect(openKeys()).toEqual([]);
    expect(() => insert.run('r2', key)).toThrow(/written only by an import/);
    expect(() => update.run()).toThrow(/written only by an import/);
    // The open keys cannot be forged or edited.
    expect(() => engine.sqlite.prepare('INSERT INTO open_batch_keys VALUES (?)').run(key)).toThrow(/only the key of an open import batch/);
    engine.sqlite.exec('COMMIT');
    expect(engine.sqlite.prepare('SELECT recommendation_id, action FROM decisions').raw().all()).toEqual([['r1', 2]]);

    // Reopening a batch (as sync may) makes its key writable again; an open batch's key can be made later too.
    engine.sqlite.exec('BEGIN IMMEDIATE');
    write(engine, null, 'import_batches', 'batch-1', { open: true }, 'update');
    expect(openKeys()).toEqual([key]);
    expect(() => engine.sqlite.prepare('UPDATE open_batch_keys SET key = key + 1').run()).toThrow(/never changed/);
    const key2 = openBatch('batch-2', 'e.csv');
    expect(openKeys()).toEqual([key, key2]);
    engine.sqlite.exec('ROLLBACK');
    expect(openKeys()).toEqual([]);
  });

  it('the change log itself is append-only', () => {
    expect(() => engine.sqlite.prepare('UPDATE change_log SET value = \'"x"\'').run()).toThrow(/append-only/);
    expect(() => engine.sqlite.prepare('DELETE FROM change_log').run()).toThrow(/append-only/);
  });
});
