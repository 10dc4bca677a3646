import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemo } from '../../db/demo';
import { exportWorkspace } from '../../db/export';
import { listInitiatives } from '../../db/initiatives/initiatives';
import type { Engine } from '../../db/open';
import { importFile } from '../../db/signals/import';
import { computeReport } from '../../db/signals/metrics';
import { batchDir } from '../../db/sync/batches';
import { syncFolder } from '../../db/sync/sync';
import { listTeams } from '../../db/teams/teams';
import { currentWorkspace } from '../../db/workspace/workspace';
import { decisionAggregates } from '../helpers';
import { twoDatabases } from './devices';

/*
 * Imported signal data travels: the rows of usage, pulse and decisions imports reach the other
 * devices as batches, and every device ends with the same rows and the same report, whichever
 * device imported what first.
 */

const report = (e: Engine) => JSON.stringify({ ...computeReport(e), generatedAt: null });
const exported = (e: Engine) => JSON.stringify(exportWorkspace(e));

describe('imported signal data travels between devices', () => {
  it('the demo imports reach a new device whole; overlapping re-imports on either device end the same on both', async () => {
    const { dir, folder, a, b } = twoDatabases('uptake-sync-batches-');
    const me = await createDemo(a, 7);
    const workspace = currentWorkspace(a)?.id ?? '';
    const first = syncFolder(a, folder);
    expect(first.batches.published.batches).toBe(3);
    const pulled = syncFolder(b, folder, { workspace });
    expect(pulled.problems).toEqual([]);
    expect(pulled.batches.imported).toEqual(first.batches.published);
    expect(exported(b)).toBe(exported(a));
    expect(decisionAggregates(b)).toBe(decisionAggregates(a));
    expect(report(b)).toBe(report(a));
    expect(JSON.parse(report(a)).rows.length).toBeGreaterThan(0);

    // B re-imports an overlapping usage file (one key with new values) and a decisions file.
    const team = listTeams(a).find((t) => a.sqlite.prepare('SELECT 1 FROM usage WHERE team_id = ?').get(t.id));
    const key = a.sqlite.prepare('SELECT month, initiative_id AS initiative FROM usage WHERE team_id = ? LIMIT 1').get(team?.id) as {
      month: string;
      initiative: string;
    };
    const initiative = listInitiatives(a).find((i) => i.id === key.initiative)?.name;
    const csv = (name: string, lines: string[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      return file;
    };
    /** A decisions file of `rows` (time, user number, recommendation, action) imported on `engine`. */
    const importDecisions = (engine: Engine, name: string, rows: [string, number, string, string][]) =>
      importFile(
        engine,
        me.id,
        'decisions',
        csv(name, [
          'timestamp,initiative,team,user,recommendation_id,action,reason',
          ...rows.map(([ts, u, rec, action]) => `${ts},${initiative},${team?.name},user${u}@acme.example,${rec},${action},`),
        ]),
      );
    // A: decisions of three users; B, concurrently: the same keys, one later, one at the same time
    // with another action, one new. Neither has seen the other's file.
    await importDecisions(a, 'd1.csv', [
      [`${key.month}-03T10:00:00Z`, 1, 'X-1', 'accepted'],
      [`${key.month}-03T10:00:00Z`, 2, 'X-2', 'accepted'],
      [`${key.month}-03T10:00:00Z`, 3, 'X-3', 'overridden'],
    ]);
    await importDecisions(b, 'd2.csv', [
      [`${key.month}-04T10:00:00Z`, 1, 'X-1', 'overridden'],
      [`${key.month}-03T10:00:00Z`, 2, 'X-2', 'ignored'],
      [`${key.month}-05T10:00:00Z`, 4, 'X-4', 'edited'],
    ]);
    await importFile(
      b,
      me.id,
      'usage',
      csv('u2.csv', [
        'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed',
        `${key.month},${team?.name},${initiative},500,123,456,400`,
      ]),
    );
    syncFolder(a, folder);
    const back = syncFolder(b, folder);
    expect(back.problems).toEqual([]);
    expect(back.batches.imported.batches).toBe(1);
    const there = syncFolder(a, folder);
    expect(there.problems).toEqual([]);
    expect(there.batches.imported.batches).toBe(2);
    expect(exported(b)).toBe(exported(a));
    expect(report(b)).toBe(report(a));
    expect(decisionAggregates(b)).toBe(decisionAggregates(a));
    // The rules: B's usage (imported later) holds the key; X-1's later decision wins; X-2 (same
    // time) stays with the file imported first; X-4 is new.
    expect(
      a.sqlite
        .prepare('SELECT active_users FROM usage WHERE month = ? AND team_id = ? AND initiative_id = ?')
        .pluck()
        .get(key.month, team?.id, key.initiative),
    ).toBe(123);
    const actions = (exportWorkspace(a).tables.decisions as { recommendationId: string; action: string }[])
      .filter((d) => d.recommendationId.startsWith('X-'))
      .map((d) => `${d.recommendationId} ${d.action}`)
      .sort();
    expect(actions).toEqual(['X-1 overridden', 'X-2 accepted', 'X-3 overridden', 'X-4 edited']);
    // Nothing is applied twice.
    expect(syncFolder(a, folder).batches.imported.batches).toBe(0);
    expect(syncFolder(b, folder).batches.imported.batches).toBe(0);
  }, 120_000);

  it('a batch whose rows have not arrived waits and is listed; it is applied once they do', async () => {
    const { folder, a, b } = twoDatabases('uptake-sync-batches-');
    await createDemo(a, 3);
    const workspace = currentWorkspace(a)?.id ?? '';
    const sent = syncFolder(a, folder);
    const usageBatch = a.sqlite.prepare("SELECT id FROM import_batches WHERE kind = 'usage'").pluck().get() as string;
    const dirOf = batchDir(folder, workspace, sent.device, usageBatch);
    const part = path.join(dirOf, '000001.json');
    const whole = fs.readFileSync(part, 'utf8');
    fs.writeFileSync(part, whole.slice(0, whole.length - 30));
    const waiting = syncFolder(b, folder, { workspace });
    expect(waiting.problems).toEqual([expect.objectContaining({ file: part, retry: true })]);
    expect(b.sqlite.prepare('SELECT COUNT(*) FROM usage').pluck().get()).toBe(0);
    fs.writeFileSync(part, whole);
    const arrived = syncFolder(b, folder);
    expect(arrived.problems).toEqual([]);
    expect(arrived.batches.imported.batches).toBe(1);
    expect(exported(b)).toBe(exported(a));
  }, 120_000);
});

describe('the people directory travels as batches', () => {
  it('a directory and a later move reach the other device, and both end with the same history', async () => {
    const { dir, folder, a, b } = twoDatabases('uptake-sync-people-');
    const me = await createDemo(a, 3);
    const workspace = currentWorkspace(a)?.id ?? '';
    const [north, south] = listTeams(a).map((t) => t.name) as [string, string];
    const csv = (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    };
    await importFile(
      a,
      me.id,
      'people',
      csv('p1.csv', `user,team,effective_date\nana@x.com,${north},2026-01-01\nbo@x.com,${south},2026-01-01\n`),
    );
    expect(syncFolder(a, folder).batches.published.batches).toBe(4);
    const pulled = syncFolder(b, folder, { workspace });
    expect(pulled.problems).toEqual([]);
    expect(pulled.batches.imported.batches).toBe(4);
    expect(b.sqlite.prepare('SELECT COUNT(*) FROM people').pluck().get()).toBe(2);
    // Ana moves, imported on B; A gets the move.
    await importFile(b, me.id, 'people', csv('p2.csv', `user,team,effective_date\nana@x.com,${south},2026-03-01\n`));
    syncFolder(b, folder);
    expect(syncFolder(a, folder).problems).toEqual([]);
    expect(a.sqlite.prepare('SELECT COUNT(*) FROM people').pluck().get()).toBe(3);
    expect(exported(b)).toBe(exported(a));
    expect(JSON.stringify(exportWorkspace(a).tables.people)).not.toContain('ana@x.com');
  }, 120_000);
});
