import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../db/errors';
import { exportWorkspace } from '../../db/export';
import { type Engine, open } from '../../db/open';
import { MAX_CLOCK_AHEAD_MS, syncFolder } from '../../db/sync/sync';
import { createTeam, deleteTeam, listTeams } from '../../db/teams/teams';
import { currentWorkspace, initWorkspace } from '../../db/workspace/workspace';
import { deviceId } from '../../db/write';
import { tempDir } from '../helpers';

/* Guard rails of sync: files stamped in the future, and a sync that would delete many records. */

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0)) c();
});

function devices(n: number) {
  const { dir, cleanup } = tempDir('uptake-sync-guards-');
  const folder = path.join(dir, 'share');
  fs.mkdirSync(folder);
  const engines = Array.from({ length: n }, (_, i) => open(path.join(dir, `d${i}.db`)));
  cleanups.push(() => {
    for (const e of engines) e.close();
    cleanup();
  });
  const [a] = engines as [Engine];
  const dana = initWorkspace(a, 'Acme', 'Dana Lee');
  syncFolder(a, folder);
  const workspace = currentWorkspace(a)?.id ?? '';
  for (const e of engines.slice(1)) syncFolder(e, folder, { workspace });
  return { folder, engines, as: (e: Engine) => ({ engine: e, authorId: dana.id }) };
}

const exported = (e: Engine) => JSON.stringify(exportWorkspace(e));
const names = (e: Engine) =>
  listTeams(e)
    .map((t) => t.name)
    .sort();

describe('sync guard rails', () => {
  it('a file stamped an hour ahead is quarantined naming its device, does not hold up other devices, and is applied once the clock catches up', () => {
    const { folder, engines, as } = devices(3);
    const [a, b, c] = engines as [Engine, Engine, Engine];
    const now = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now + 60 * 60_000);
    createTeam(as(a), { name: 'From the future' });
    syncFolder(a, folder);
    vi.useRealTimers();
    createTeam(as(c), { name: 'On time' });
    syncFolder(c, folder);

    const held = syncFolder(b, folder);
    expect(held.quarantined).toEqual([expect.objectContaining({ device: deviceId(a), aheadSeconds: expect.any(Number) })]);
    expect(held.quarantined[0]?.aheadSeconds).toBeGreaterThan(MAX_CLOCK_AHEAD_MS / 1000);
    expect(names(b)).toEqual(['On time']);
    // B's clock was not dragged forward by the file it did not apply.
    expect(
      (b.sqlite.prepare("SELECT value FROM local_state WHERE key = 'hlc'").pluck().get() as string) <
        new Date(now + 30 * 60_000).toISOString(),
    ).toBe(true);
    expect(syncFolder(b, folder).quarantined).toHaveLength(1);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now + 61 * 60_000);
    const later = syncFolder(b, folder);
    expect(later.quarantined).toEqual([]);
    expect(names(b)).toEqual(['From the future', 'On time']);
  });

  it('a sync that would delete 6 of 10 teams stops before applying anything, says so, and goes through when allowed', () => {
    const { folder, engines, as } = devices(2);
    const [a, b] = engines as [Engine, Engine];
    const teams = Array.from({ length: 10 }, (_, i) => createTeam(as(a), { name: `Team ${i}` }));
    syncFolder(a, folder);
    syncFolder(b, folder);
    // A few deletions are everyday work.
    for (const t of teams.slice(0, 2)) deleteTeam(as(a), t.id);
    syncFolder(a, folder);
    expect(syncFolder(b, folder).imported.files).toBe(1);
    for (const t of teams.slice(2, 8)) deleteTeam(as(a), t.id);
    createTeam(as(a), { name: 'Team new' });
    syncFolder(a, folder);
    const before = exported(b);
    let error: unknown;
    try {
      syncFolder(b, folder);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/would delete 6 of the 8 teams .*Nothing was applied.*--allow-mass-delete/);
    expect((error as UserError).details).toEqual({ massDelete: [{ table: 'teams', deleting: 6, live: 8, devices: [deviceId(a)] }] });
    expect(exported(b)).toBe(before);

    const allowed = syncFolder(b, folder, { allowMassDelete: true });
    expect(allowed.imported.files).toBe(1);
    expect(names(b)).toEqual(['Team 8', 'Team 9', 'Team new']);
    expect(exported(b)).toBe(exported(a));
  });
});

describe('a copied database', () => {
  it('the copy that syncs second finds its device folder holds a file it did not write, takes a new device id, and every device converges', () => {
    const { dir, cleanup } = tempDir('uptake-sync-copy-');
    const folder = path.join(dir, 'share');
    fs.mkdirSync(folder);
    const a = open(path.join(dir, 'a.db'));
    const dana = initWorkspace(a, 'Acme', 'Dana Lee');
    createTeam({ engine: a, authorId: dana.id }, { name: 'Claims' });
    syncFolder(a, folder);
    // Dana's colleague copies the database file (an unpublished edit inside) instead of joining.
    createTeam({ engine: a, authorId: dana.id }, { name: 'Unpublished at the copy' });
    a.close();
    fs.copyFileSync(path.join(dir, 'a.db'), path.join(dir, 'c.db'));
    const original = open(path.join(dir, 'a.db'));
    const copy = open(path.join(dir, 'c.db'));
    const b = open(path.join(dir, 'b.db'));
    cleanups.push(() => {
      for (const e of [original, copy, b]) e.close();
      cleanup();
    });
    const shared = deviceId(original);
    expect(deviceId(copy)).toBe(shared);
    createTeam({ engine: original, authorId: dana.id }, { name: 'Made on the original' });
    expect(syncFolder(original, folder).copy).toBeNull();
    createTeam({ engine: copy, authorId: dana.id }, { name: 'Made on the copy' });
    const found = syncFolder(copy, folder);
    expect(found.copy).toEqual({
      formerDevice: shared,
      device: deviceId(copy),
      message: expect.stringMatching(/is a copy of another one.*now syncs as device/),
    });
    expect(deviceId(copy)).not.toBe(shared);
    expect(found.problems).toEqual([]);
    expect(found.devices).toEqual([shared]);
    // The original's files are still its own: nothing in its folder was rewritten.
    expect(syncFolder(original, folder).copy).toBeNull();
    syncFolder(b, folder, { workspace: currentWorkspace(original)?.id ?? '' });
    syncFolder(copy, folder);
    const all = ['Claims', 'Made on the copy', 'Made on the original', 'Unpublished at the copy'];
    for (const e of [original, copy, b]) expect(names(e)).toEqual(all);
    expect(exported(copy)).toBe(exported(original));
    expect(exported(b)).toBe(exported(original));
    // And it stays found: later syncs publish under the new id only.
    createTeam({ engine: copy, authorId: dana.id }, { name: 'Later on the copy' });
    expect(syncFolder(copy, folder).copy).toBeNull();
    syncFolder(original, folder);
    expect(names(original)).toContain('Later on the copy');
  });
});
