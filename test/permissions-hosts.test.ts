import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createORPCClient, ORPCError } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { ContractRouterClient } from '@orpc/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTyped, operationNames } from '../db/api';
import type { Contract, OperationName } from '../db/api/contract';
import { ROLE_LABELS, ROLES, type Role } from '../db/api/types';
import { open } from '../db/open';
import { startWebHost } from '../scripts/web-host';
import { UPTAKE } from './cli-path';
import { tempDir } from './helpers';
import { makeTemplate, sampleInputs, type Template } from './permission-fixture';
import { DEMO_ACTORS, expectedAllowed } from './policy';

/*
 * The hosts enforce the policy of test/policy.ts, not only the engine: the CLI as a real process
 * (a few operations per role, including writes a sponsor and a champion are refused with exit
 * 1), and the web host over real HTTP with the renderer's client (every operation, per role).
 * Each role gets its own copy of the demo workspace.
 */
const _root = path.resolve(import.meta.dirname, '..');
const tmp = tempDir('uptake-permissions-');
let template: Template;

// The demo workspace takes seconds to make on a loaded machine, longer than a hook's default wait.
beforeAll(async () => {
  template = await makeTemplate(tmp.dir);
}, 120_000);
afterAll(() => tmp.cleanup());

function copyFor(role: Role, host: string): string {
  const file = path.join(tmp.dir, `${host}-${role}.db`);
  fs.copyFileSync(template.file, file);
  return file;
}

describe('the CLI enforces the policy', () => {
  /** CLI arguments and the operation they run. */
  const commands = (t: Template): [OperationName, string[]][] => {
    const inputs = sampleInputs(t, tmp.dir);
    const json = (op: OperationName) => JSON.stringify(inputs[op]);
    return [
      ['initiatives.update', ['call', 'initiatives.update', json('initiatives.update')]],
      ['shadowProcesses.create', ['call', 'shadowProcesses.create', json('shadowProcesses.create')]],
      ['reviews.queue', ['call', 'reviews.queue']],
      ['metrics.configure', ['call', 'metrics.configure', json('metrics.configure')]],
      ['imports.run', ['import', 'usage', t.usageFile, '--create-missing']],
      ['reports.export', ['report', '--format', 'csv']],
    ];
  };

  it.each(ROLES)('as a %s', { timeout: 240_000 }, (role) => {
    const db = copyFor(role, 'cli');
    const actor = DEMO_ACTORS[role];
    const outcomes = commands(template).map(([op, args]) => {
      const r = spawnSync(process.execPath, [UPTAKE, '--db', db, '--as', actor, ...args], {
        encoding: 'utf8',
        env: { ...process.env, UPTAKE_DB: '' },
      });
      const allowed = expectedAllowed(op, role);
      return {
        op,
        expected: allowed ? 0 : 1,
        code: r.status,
        refusedAsPolicy: allowed || r.stderr.startsWith(`uptake: ${actor} is a ${ROLE_LABELS[role].toLowerCase()} and may not run ${op}:`),
        stderr: r.stderr.slice(0, 300),
      };
    });
    expect(outcomes.filter((o) => o.code !== o.expected || !o.refusedAsPolicy)).toEqual([]);
    // The sample covers both answers for the roles that are refused something.
    if (role !== 'change_manager') expect(outcomes.some((o) => o.expected === 1)).toBe(true);
    if (role !== 'sponsor') expect(outcomes.some((o) => o.op === 'shadowProcesses.create' && o.expected === 0)).toBe(true);
  });
});

describe('the web host enforces the policy', () => {
  const staticDir = path.join(tmp.dir, 'renderer');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Uptake</title>');

  it.each(ROLES)('as a %s, every operation over HTTP', { timeout: 240_000 }, async (role) => {
    const engine = open(copyFor(role, 'web'));
    const actorId = (await callTyped({ engine }, 'members.list', {})).find((m) => m.name === DEMO_ACTORS[role])?.id ?? '';
    const host = await startWebHost({ engine, port: 0, staticDir });
    try {
      const client: ContractRouterClient<Contract> = createORPCClient(
        new RPCLink({ url: `${host.origin}/rpc`, headers: { authorization: `Bearer ${host.token}`, 'x-uptake-rpc': '1' } }),
      );
      const run = (op: OperationName, input: unknown) => {
        const [area = '', verb = ''] = op.split('.');
        const procedures = client as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
        const procedure = procedures[area]?.[verb];
        if (!procedure) throw new Error(`no client procedure for ${op}`);
        return procedure(input);
      };
      // The web host acts as this device's chosen profile, as the app does.
      await run('profiles.switch', { memberId: actorId });
      const inputs = { ...sampleInputs(template, tmp.dir), 'profiles.switch': { memberId: actorId } };
      const wrong: string[] = [];
      let succeeded = 0;
      for (const op of operationNames()) {
        const error = await run(op, inputs[op]).then(
          () => null,
          (e: unknown) => e,
        );
        if (op === 'imports.run') {
          // Over HTTP nobody imports a path on the host's machine, whatever their role: only uploads.
          expect(String(error), op).toMatch(/imports only files uploaded through it/);
          continue;
        }
        const refused = error instanceof ORPCError && error.code === 'FORBIDDEN' && /may not run/.test(error.message);
        if (refused !== !expectedAllowed(op, role)) wrong.push(`${op}: ${refused ? 'refused' : 'allowed'} (${String(error ?? 'ok')})`);
        if (refused) {
          expect(error.status, op).toBe(403);
          expect(error.message, op).toContain(`${DEMO_ACTORS[role]} is a ${ROLE_LABELS[role].toLowerCase()} and may not run ${op}`);
        }
        if (!error) succeeded++;
      }
      expect(wrong).toEqual([]);
      // The allowed operations really ran (not failed for another reason): all of them but init,
      // demo and join (the database has a workspace), sync.resolve (no open conflict) and,
      // possibly, a path import over HTTP.
      const allowed = operationNames().filter((op) => expectedAllowed(op, role)).length;
      expect(succeeded).toBeGreaterThanOrEqual(allowed - 5);
    } finally {
      await host.close();
      engine.close();
    }
  });
});
