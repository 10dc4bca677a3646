import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import type { HostContext } from '../../db/api/context';
import { tempEngine } from '../helpers';

/*
 * The top override reasons of a slice (a team's page shows them), on a real SQLite file. Hand
 * counted from the file below: North overrode 6 times (model_wrong 3, habit 2, no reason 1),
 * South once (model_wrong); accepted rows never count, whatever their reason.
 */
let t: ReturnType<typeof tempEngine>;
let h: HostContext;

beforeAll(async () => {
  t = tempEngine();
  h = { engine: t.engine };
  await callTyped(h, 'workspace.init', { workspace: 'Reasons', me: 'Dana Lee' });
  const rows = [
    ['North', 'overridden', 'model_wrong'],
    ['North', 'overridden', 'habit'],
    ['North', 'overridden', 'model_wrong'],
    ['North', 'overridden', ''],
    ['North', 'overridden', 'habit'],
    ['North', 'overridden', 'model_wrong'],
    ['North', 'accepted', 'habit'],
    ['North', 'accepted', 'habit'],
    ['South', 'overridden', 'model_wrong'],
    ['South', 'accepted', ''],
  ];
  const csv = [
    'timestamp,initiative,team,user,recommendation_id,action,reason',
    ...rows.map(([team, action, reason], i) => `2026-03-0${(i % 9) + 1}T10:00:00Z,Triage,${team},u${i},r${i},${action},${reason}`),
  ].join('\n');
  const file = path.join(t.dir, 'decisions.csv');
  fs.writeFileSync(file, csv);
  await callTyped(h, 'imports.run', { kind: 'decisions', path: file, createMissing: true });
});
afterAll(() => t.cleanup());

describe('top override reasons', () => {
  it('counts the overrides of a team by reason, most frequent first, "no reason" as null', async () => {
    const north = await callTyped(h, 'reports.overrideReasons', { team: 'North' });
    expect(north).toEqual({
      total: 6,
      reasons: [
        { reason: 'model_wrong', count: 3 },
        { reason: 'habit', count: 2 },
        { reason: null, count: 1 },
      ],
    });
  });

  it('covers the whole slice, and keeps to the limit asked for', async () => {
    const all = await callTyped(h, 'reports.overrideReasons', { limit: 1 });
    expect(all).toEqual({ total: 7, reasons: [{ reason: 'model_wrong', count: 4 }] });
    const none = await callTyped(h, 'reports.overrideReasons', { team: 'North', from: '2026-04' });
    expect(none).toEqual({ total: 0, reasons: [] });
  });
});
