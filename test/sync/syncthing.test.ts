import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportWorkspace } from '../../db/export';
import { type Engine, open } from '../../db/open';
import { listConflicts } from '../../db/sync/conflicts';
import { runSync } from '../../db/sync/status';
import { syncFolder } from '../../db/sync/sync';
import { createTeam, listTeams, updateTeam } from '../../db/teams/teams';
import { currentWorkspace, initWorkspace } from '../../db/workspace/workspace';
import { tempDir } from '../helpers';
import { startSyncthingPair, syncthingMissing } from './syncthing-harness';

/*
 * A real replicated folder: two Syncthing instances on loopback keep two folders in step, and two
 * databases sync through them, each pointed at its own copy, until they converge.
 */

const missing = syncthingMissing();
if (missing) console.log(`Skipping the Syncthing test: ${missing}.`);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const exported = (e: Engine) => JSON.stringify(exportWorkspace(e));

describe.skipIf(missing !== null)('sync through a folder Syncthing replicates', () => {
  it('two databases, each on its own Syncthing copy of the folder, converge; a concurrent edit is a conflict on both', async () => {
    const { dir, cleanup } = tempDir('uptake-syncthing-');
    cleanups.push(cleanup);
    const pair = await startSyncthingPair(dir);
    cleanups.push(() => pair.stop());
    const a = open(path.join(dir, 'a.db'));
    const b = open(path.join(dir, 'b.db'));
    cleanups.push(() => {
      a.close();
      b.close();
    });
    const me = initWorkspace(a, 'Acme', 'Dana Lee');
    const sa = { engine: a, authorId: me.id };
    const sb = { engine: b, authorId: me.id };
    const team = createTeam(sa, { name: 'Claims' });
    runSync(a, pair.a.folder);
    await pair.scan(pair.a);
    await pair.mirrored(pair.a, pair.b);

    // B starts from its own copy of the folder.
    syncFolder(b, pair.b.folder, { workspace: currentWorkspace(a)?.id ?? '' });
    expect(listTeams(b).map((t) => t.name)).toEqual(['Claims']);

    // Both rename the team before either has seen the other's change; each syncs through its copy.
    updateTeam(sa, { id: team.id, name: 'Claims (A)', region: 'North' });
    updateTeam(sb, { id: team.id, name: 'Claims (B)' });
    runSync(a, pair.a.folder);
    runSync(b, pair.b.folder);
    await Promise.all([pair.scan(pair.a), pair.scan(pair.b)]);
    await pair.mirrored(pair.a, pair.b);
    await pair.mirrored(pair.b, pair.a);
    runSync(a, pair.a.folder);
    runSync(b, pair.b.folder);

    expect(exported(a)).toBe(exported(b));
    expect(listTeams(a).map((t) => [t.name, t.region])).toEqual([['Claims (B)', 'North']]);
    for (const e of [a, b]) {
      expect(listConflicts(e).map((c) => [c.field, c.current.value, c.other.value])).toEqual([['name', 'Claims (B)', 'Claims (A)']]);
    }
  }, 120_000);
});
