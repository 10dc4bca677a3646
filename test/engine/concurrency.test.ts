import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import type { HostContext } from '../../db/api/context';
import { tempEngine } from '../helpers';

/*
 * An import reads its file across many awaits inside one transaction. Operations that arrive
 * meanwhile (another window, the web host) must not run inside it: they wait their turn, so a
 * dry run or a failed import cannot roll them back.
 */
let t: ReturnType<typeof tempEngine>;
let host: HostContext;

function decisions(rows: number, badLast: boolean): string {
  const file = path.join(t.dir, `decisions-${rows}-${badLast}.csv`);
  const lines = ['timestamp,initiative,team,user,recommendation_id,action,reason'];
  for (let i = 0; i < rows; i++) lines.push(`2026-01-10T09:00:00Z,Triage,Claims,u${i % 50},r${i},accepted,`);
  if (badLast) lines.push('2026-01-10T09:00:00Z,Triage,Claims,u1,rX,maybe,');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

beforeEach(async () => {
  t = tempEngine();
  host = { engine: t.engine };
  await callTyped(host, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
  await callTyped(host, 'teams.create', { name: 'Claims' });
  await callTyped(host, 'initiatives.create', { name: 'Triage' });
});
afterEach(() => t.cleanup());

describe('operations during an import', () => {
  it('an edit made while a dry run is reading survives the dry run’s rollback', async () => {
    const file = decisions(60_000, false);
    const dry = callTyped(host, 'imports.run', { kind: 'decisions', path: file, dryRun: true });
    const created = callTyped(host, 'teams.create', { name: 'Made during the import' });
    const [summary, team] = await Promise.all([dry, created]);
    expect(summary).toMatchObject({ dryRun: true, new: 60_000 });
    expect((await callTyped(host, 'teams.get', { id: team.id })).name).toBe('Made during the import');
    expect((await callTyped(host, 'reports.rows', { source: 'decisions' })).total).toBe(0);
  });

  it('an edit made while a failing import is reading survives its rollback, and the import error is kept', async () => {
    const file = decisions(60_000, true);
    const failing = callTyped(host, 'imports.run', { kind: 'decisions', path: file });
    const created = callTyped(host, 'teams.create', { name: 'Also made during the import' });
    await expect(failing).rejects.toThrow(/maybe/);
    const team = await created;
    const names = (await callTyped(host, 'teams.list', {})).map((x) => x.name);
    expect(names).toContain('Also made during the import');
    expect((await callTyped(host, 'teams.get', { id: team.id })).deleted).toBe(false);
  });
});
