import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callTyped, operationNames } from '../../db/api';
import { allows, permissions, triageScoped } from '../../db/api/permissions';
import { ROLES } from '../../db/api/types';
import { checkDatabase } from '../../db/check';
import { UserError } from '../../db/errors';
import { open } from '../../db/open';
import { tempDir } from '../helpers';
import { makeTemplate, sampleInputs, type Template } from '../permission-fixture';
import { DEMO_ACTORS, expectedAllowed, expectedByRole, expectedForTriagers, POLICY } from '../policy';

/*
 * The permission matrix against the policy written independently in test/policy.ts: first the
 * matrix itself, then its enforcement in the engine, operation by operation and role by role, on a
 * real demo database (a fresh copy per case). An allowed role gets through (success, or an error
 * that is not FORBIDDEN, for example init on a database that already has a workspace); a refused
 * one gets a FORBIDDEN error that names the operation and who may run it. The CLI, the web host
 * and Electron's port are held to the same table in test/permissions-hosts.test.ts and
 * test/electron/main-bundle.spec.ts.
 */
const tmp = tempDir();
let template: Template;

// The demo workspace takes seconds to make on a loaded machine, longer than a hook's default wait.
beforeAll(async () => {
  template = await makeTemplate(tmp.dir);
}, 120_000);
afterAll(() => tmp.cleanup());

const cases = operationNames().flatMap((op) => ROLES.map((role) => [op, role] as const));
let n = 0;

describe('the permission matrix', () => {
  it('covers every operation of the contract, and so does the policy', () => {
    expect(Object.keys(permissions).sort()).toEqual([...operationNames()].sort());
    expect(Object.keys(POLICY).sort()).toEqual([...operationNames()].sort());
  });

  it('says what the policy says, for every operation and role (and for no profile)', () => {
    const disagreements = operationNames().flatMap((op) =>
      [...ROLES, null].filter((role) => allows(op, role) !== expectedByRole(op, role)).map((role) => `${op} as ${role ?? 'nobody'}`),
    );
    expect(disagreements).toEqual([]);
    expect(operationNames().filter((op) => triageScoped.has(op) !== expectedForTriagers(op))).toEqual([]);
  });
});

describe('the engine enforces the policy', () => {
  it.each(cases)('%s as %s', async (op, role) => {
    const file = path.join(tmp.dir, `case-${n++}.db`);
    fs.copyFileSync(template.file, file);
    const engine = open(file);
    try {
      let error: unknown = null;
      try {
        await call({ engine, actAs: DEMO_ACTORS[role] }, op, sampleInputs(template, tmp.dir)[op]);
      } catch (e) {
        error = e;
      }
      if (expectedAllowed(op, role)) {
        // Each of these needs a database without a workspace (the demo's has one), or an open sync conflict (it has none).
        if (op === 'workspace.init' || op === 'workspace.demo' || op === 'sync.join' || op === 'sync.resolve') {
          expect(error).toBeInstanceOf(UserError);
          expect((error as UserError).code).toBe('CONFLICT');
        } else {
          expect(error).toBeNull();
        }
      } else {
        expect(error).toBeInstanceOf(UserError);
        expect((error as UserError).code).toBe('FORBIDDEN');
        expect((error as Error).message).toContain(op);
        expect((error as Error).message).toContain(DEMO_ACTORS[role]);
      }
      expect(checkDatabase(engine).ok).toBe(true);
    } finally {
      engine.close();
    }
  });

  it('refuses a member without a profile on this device, and unknown members', async () => {
    const file = path.join(tmp.dir, 'profiles.db');
    fs.copyFileSync(template.file, file);
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
