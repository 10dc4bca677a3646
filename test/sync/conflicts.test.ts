import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../db/open';
import { listConflicts } from '../../db/sync/conflicts';
import { devicesDir } from '../../db/sync/files';
import { syncFolder } from '../../db/sync/sync';
import { createTeam, listTeams, updateTeam } from '../../db/teams/teams';
import { currentWorkspace, initWorkspace } from '../../db/workspace/workspace';
import { deviceId } from '../../db/write';
import { databases } from './devices';

/*
 * Conflicts judged from the change files' `seen`: A and B edit the same field; C and D are third
 * devices that read both files, C with A's arriving first, D with B's first (A's device folder
 * has not reached D's copy of the share yet). Every device lists the same conflicts.
 */

function fourDevices() {
  const { folder, engines } = databases('uptake-conflicts-', 4);
  const [a, b, c, d] = engines as [Engine, Engine, Engine, Engine];
  const dana = initWorkspace(a, 'Acme', 'Dana Lee').id;
  const team = createTeam({ engine: a, authorId: dana }, { name: 'Claims' });
  const sync = (e: Engine) => syncFolder(e, folder, currentWorkspace(e) ? {} : { workspace: currentWorkspace(a)?.id ?? '' });
  for (const e of engines) sync(e);
  const rename = (e: Engine, name: string) => updateTeam({ engine: e, authorId: dana }, { id: team.id, name });
  /** D reads B's files before A's: A's device folder is away while D syncs once. */
  const bFirst = () => {
    const aDir = `${devicesDir(folder, currentWorkspace(a)?.id ?? '')}/${deviceId(a)}`;
    fs.renameSync(aDir, `${aDir}.away`);
    try {
      sync(d);
    } finally {
      fs.renameSync(`${aDir}.away`, aDir);
    }
  };
  return { a, b, c, d, engines, sync, rename, bFirst };
}

const listed = (e: Engine) => listConflicts(e).map((c) => ({ field: c.field, current: c.current, other: c.other }));

describe('conflicts judged from what each change file says its device had read', () => {
  it('neither device had seen the other\u2019s change: all four devices list the same conflict, whatever order they read the files in', () => {
    const { a, b, c, d, engines, sync, rename, bFirst } = fourDevices();
    rename(a, 'Claims (A)');
    rename(b, 'Claims (B)');
    sync(a);
    sync(b);
    sync(c);
    bFirst();
    for (const e of engines) sync(e);
    const onA = listed(a);
    expect(onA).toEqual([
      {
        field: 'name',
        current: expect.objectContaining({ value: 'Claims (B)' }),
        other: expect.objectContaining({ value: 'Claims (A)' }),
      },
    ]);
    for (const e of [b, c, d]) expect(listed(e)).toEqual(onA);
    for (const e of engines) expect(listTeams(e)[0]?.name).toBe('Claims (B)');
  });

  it('B had seen A\u2019s change when it wrote its own: no device lists a conflict', () => {
    const { a, b, c, d, engines, sync, rename, bFirst } = fourDevices();
    rename(a, 'Claims (A)');
    sync(a);
    sync(b);
    rename(b, 'Claims (B, after A)');
    sync(b);
    bFirst();
    sync(c);
    for (const e of engines) sync(e);
    for (const e of engines) {
      expect(listTeams(e)[0]?.name).toBe('Claims (B, after A)');
      expect(listed(e)).toEqual([]);
    }
    // C and D did read both values.
    for (const e of [c, d]) {
      const names = e.sqlite.prepare("SELECT value FROM change_log WHERE tbl = 'teams' AND col = 'name' ORDER BY hlc").pluck().all();
      expect(names).toEqual(['"Claims"', '"Claims (A)"', '"Claims (B, after A)"']);
    }
  });
});
