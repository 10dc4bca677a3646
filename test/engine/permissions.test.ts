import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callTyped, operationNames } from '../../db/api';
import type { OperationName } from '../../db/api/contract';
import { permissions } from '../../db/api/permissions';
import { ROLES, type Role } from '../../db/api/types';
import { checkDatabase } from '../../db/check';
import { UserError } from '../../db/errors';
import { DEFAULT_METRIC_SETTINGS as DEFAULT_SETTINGS } from '../../db/metrics/model';
import { open } from '../../db/open';
import { tempDir } from '../helpers';

/*
 * The permission matrix, operation by operation and role by role, against a real demo database
 * (a fresh copy per case): an allowed role gets through (success, or an error that is not
 * FORBIDDEN, for example init on a database that already has a workspace), a refused one gets a
 * FORBIDDEN error that names the operation and who may run it.
 */
const tmp = tempDir();
const template = path.join(tmp.dir, 'template.db');
const actors: Record<Role, string> = { change_manager: 'Dana Lee', champion: 'Tom Okafor', sponsor: 'Priya Shah' };
let ids: { team: string; leafTeam: string; initiative: string; member: string; shadow: string };
const usageFile = path.join(tmp.dir, 'usage.csv');
fs.writeFileSync(
  usageFile,
  'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed\n2026-01,Claims North,Claims triage assistant,10,8,100,90\n',
);

beforeAll(async () => {
  const engine = open(template);
  await callTyped({ engine }, 'workspace.demo', { seed: 7 });
  const teams = await callTyped({ engine }, 'teams.list', {});
  const initiatives = await callTyped({ engine }, 'initiatives.list', {});
  const members = await callTyped({ engine }, 'members.list', {});
  ids = {
    team: teams[0]?.id ?? '',
    leafTeam: teams.find((t) => t.subTeamCount === 0)?.id ?? '',
    initiative: initiatives[0]?.id ?? '',
    member: members.find((m) => m.name === 'Mei Chen')?.id ?? '',
    shadow: '',
  };
  ids.shadow = (
    await callTyped({ engine }, 'shadowProcesses.create', {
      name: 'Reserve double-check',
      teamId: ids.team,
      kind: 'manual double-check',
      usersInvolved: 3,
      firstSeen: '2026-01-01',
    })
  ).id;
  engine.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  engine.close();
});
afterAll(() => tmp.cleanup());

function sampleInput(op: OperationName): unknown {
  const inputs: Record<OperationName, unknown> = {
    'workspace.get': {},
    'workspace.init': { workspace: 'Other', me: 'Someone' },
    'workspace.demo': {},
    'workspace.update': { name: 'Acme Group' },
    'workspace.export': {},
    'workspace.check': {},
    'profiles.switch': { memberId: ids.member },
    'members.list': {},
    'members.create': { name: 'New Person', role: 'champion' },
    'members.update': { id: ids.member, name: 'Mei C.' },
    'members.delete': { id: ids.member },
    'teams.list': {},
    'teams.get': { id: ids.team },
    'teams.create': { name: 'New team' },
    'teams.update': { id: ids.team, region: 'EU' },
    'teams.delete': { id: ids.leafTeam },
    'teams.restore': { id: ids.leafTeam },
    'initiatives.list': {},
    'initiatives.get': { id: ids.initiative },
    'initiatives.create': { name: 'New initiative' },
    'initiatives.update': { id: ids.initiative, status: 'paused' },
    'initiatives.delete': { id: ids.initiative },
    'initiatives.restore': { id: ids.initiative },
    'history.get': { table: 'teams', id: ids.team },
    'imports.run': { kind: 'usage', path: usageFile, createMissing: true },
    'imports.list': {},
    'reports.get': {},
    'reports.export': { format: 'html' },
    'reports.publish': { folder: tmp.dir },
    'reports.publishTarget': {},
    'reports.rows': { source: 'usage' },
    'imports.progress': { progressId: 'no-such-upload' },
    'metrics.settings': {},
    'imports.upload': { kind: 'usage', file: new File([fs.readFileSync(usageFile)], 'usage.csv'), createMissing: true },
    'shadowProcesses.list': {},
    'shadowProcesses.create': { name: 'Claims tracker', teamId: ids.team, kind: 'spreadsheet', usersInvolved: 4, firstSeen: '2026-01-05' },
    'shadowProcesses.update': { id: ids.shadow, retiredOn: '2026-06-30' },
    'shadowProcesses.delete': { id: ids.shadow },
    'reviews.queue': {},
    'reviews.create': {
      initiativeId: ids.initiative,
      recommendationId: 'r1',
      userHash: 'abc',
      verdict: 'appropriate',
      reasonCode: 'model_wrong',
    },
    'metrics.configure': { weights: { reliance: 0.6, trust: 0.2, shadowFree: 0.2 }, thresholds: DEFAULT_SETTINGS.thresholds },
  };
  return inputs[op];
}

const cases = operationNames().flatMap((op) => ROLES.map((role) => [op, role] as const));
let n = 0;

describe('permission matrix', () => {
  it('covers every operation of the contract', () => {
    expect(Object.keys(permissions).sort()).toEqual([...operationNames()].sort());
  });

  it.each(cases)('%s as %s', async (op, role) => {
    const file = path.join(tmp.dir, `case-${n++}.db`);
    fs.copyFileSync(template, file);
    const engine = open(file);
    try {
      const access = permissions[op];
      const allowed = access === 'anyone' || (access as readonly Role[]).includes(role);
      let error: unknown = null;
      try {
        await call({ engine, actAs: actors[role] }, op, sampleInput(op));
      } catch (e) {
        error = e;
      }
      if (allowed) {
        if (op === 'workspace.init' || op === 'workspace.demo') {
          expect(error).toBeInstanceOf(UserError);
          expect((error as UserError).code).toBe('CONFLICT');
        } else {
          expect(error).toBeNull();
        }
      } else {
        expect(error).toBeInstanceOf(UserError);
        expect((error as UserError).code).toBe('FORBIDDEN');
        expect((error as Error).message).toContain(op);
        expect((error as Error).message).toContain(actors[role]);
      }
      expect(checkDatabase(engine).ok).toBe(true);
    } finally {
      engine.close();
    }
  });

  it('refuses a member without a profile on this device, and unknown members', async () => {
    const file = path.join(tmp.dir, 'profiles.db');
    fs.copyFileSync(template, file);
    const engine = open(file);
    await callTyped({ engine }, 'members.create', { name: 'Remote Rita', role: 'change_manager', profileOnThisDevice: false });
    await expect(call({ engine, actAs: 'Remote Rita' }, 'teams.create', { name: 'X' })).rejects.toThrow(/has no profile on this device/);
    await expect(call({ engine, actAs: 'Nobody' }, 'teams.list', {})).rejects.toThrow(/no member named or with id "Nobody"/);
    engine.close();
  });

  it('needs a workspace before anything but get, init and demo', async () => {
    const engine = open(path.join(tmp.dir, 'empty.db'));
    await expect(call({ engine }, 'teams.list', {})).rejects.toThrow(/has no workspace yet.*uptake init/);
    expect((await callTyped({ engine }, 'workspace.get', {})).workspace).toBeNull();
    engine.close();
  });
});
