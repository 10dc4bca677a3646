import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../db/errors';
import { exportWorkspace } from '../../db/export';
import { recordHistory } from '../../db/history/history';
import { createMember, deleteMember, updateMember } from '../../db/members/members';
import type { Engine } from '../../db/open';
import { listConflicts, resolveConflict } from '../../db/sync/conflicts';
import { joinableWorkspaces } from '../../db/sync/join-preview';
import { runSync, syncStatus } from '../../db/sync/status';
import { syncFolder } from '../../db/sync/sync';
import { createTeam, listTeams, updateTeam } from '../../db/teams/teams';
import { currentWorkspace, initWorkspace } from '../../db/workspace/workspace';
import { twoDatabases } from './devices';

/* Sync status and conflicts, two real databases and a real folder. */

function twoDevices() {
  const { folder, a, b } = twoDatabases('uptake-sync-status-');
  const me = initWorkspace(a, 'Acme', 'Dana Lee');
  runSync(a, folder);
  syncFolder(b, folder, { workspace: currentWorkspace(a)?.id ?? '' });
  return { folder, a: { engine: a, authorId: me.id }, b: { engine: b, authorId: me.id } };
}

/** Wall-clock steps between edits, so the second device's stamp is the later one (it wins). */
function later() {
  const until = Date.now() + 5;
  while (Date.now() <= until) {
    // Busy-wait: a few milliseconds, synchronously.
  }
}

const exported = (e: Engine) => JSON.stringify(exportWorkspace(e));

describe('sync status', () => {
  it('counts what waits to go out and to come in, names the devices seen, and notes the last run', () => {
    const { folder, a, b } = twoDevices();
    createTeam(a, { name: 'Claims North' });
    const before = syncStatus(a.engine);
    expect(before.folder).toBe(folder);
    expect(before.pendingOutgoing).toBe(createdFields(a.engine));
    const ran = runSync(a.engine, folder);
    const after = syncStatus(a.engine);
    expect(after.pendingOutgoing).toBe(0);
    expect(after.lastRun?.summary).toEqual(ran);
    expect(after.lastError).toBeNull();

    // B has not read A's second file yet.
    const waiting = syncStatus(b.engine);
    expect(waiting.pendingIncoming).toBe(1);
    expect(waiting.devices).toEqual([
      expect.objectContaining({ device: ran.device, member: 'Dana Lee', files: 2, applied: 1, lastPublished: expect.any(String) }),
    ]);
    runSync(b.engine, folder);
    expect(syncStatus(b.engine).pendingIncoming).toBe(0);
    expect(syncStatus(b.engine).devices[0]).toEqual(expect.objectContaining({ files: 2, applied: 2 }));
  });

  it('a folder that went away: the status says so, failures are counted, nothing local changes, and the next good sync clears it', () => {
    const { folder, a } = twoDevices();
    createTeam(a, { name: 'Claims North' });
    const moved = `${folder}-moved`;
    fs.renameSync(folder, moved);
    const before = exported(a.engine);
    expect(() => runSync(a.engine, folder)).toThrowError(UserError);
    expect(() => runSync(a.engine, folder)).toThrowError(/does not exist/);
    const status = syncStatus(a.engine);
    expect(status.lastError).toEqual(expect.objectContaining({ failures: 2, message: expect.stringMatching(/does not exist/) }));
    expect(status.folderProblem).toMatch(/does not exist/);
    expect(status.pendingOutgoing).toBeGreaterThan(0);
    expect(exported(a.engine)).toBe(before);
    fs.renameSync(moved, folder);
    runSync(a.engine, folder);
    expect(syncStatus(a.engine)).toEqual(expect.objectContaining({ lastError: null, folderProblem: null, pendingOutgoing: 0 }));
  });
});

function createdFields(engine: Engine): number {
  return (engine.sqlite.prepare("SELECT COUNT(*) AS n FROM change_log WHERE tbl = 'teams'").get() as { n: number }).n;
}

describe('sync conflicts', () => {
  function concurrentRename() {
    const devices = twoDevices();
    const { folder, a, b } = devices;
    const team = createTeam(a, { name: 'Claims' });
    runSync(a.engine, folder);
    runSync(b.engine, folder);
    later();
    updateTeam(a, { id: team.id, name: 'Claims (A)' });
    // B's edit a few milliseconds after A's, neither seeing the other: B's is the later one. In the
    // same millisecond the devices' ids would decide, and they are random.
    later();
    updateTeam(b, { id: team.id, name: 'Claims (B)' });
    for (const d of [a, b, a]) runSync(d.engine, folder);
    return { ...devices, team };
  }

  it('both devices list a field changed on each without seeing the other, with both values, who and when', () => {
    const { a, b, team } = concurrentRename();
    expect(listTeams(a.engine)[0]?.name).toBe('Claims (B)');
    for (const d of [a, b]) {
      expect(listConflicts(d.engine)).toEqual([
        expect.objectContaining({
          table: 'teams',
          id: team.id,
          record: 'Claims (B)',
          field: 'name',
          current: expect.objectContaining({ value: 'Claims (B)', author: 'Dana Lee' }),
          other: expect.objectContaining({ value: 'Claims (A)', author: 'Dana Lee' }),
        }),
      ]);
    }
    // The history drawer's source shows both values.
    const names = recordHistory(a.engine, 'teams', team.id)
      .flatMap((h) => h.changes)
      .filter((c) => c.field === 'name')
      .map((c) => c.to);
    expect(names).toEqual(expect.arrayContaining(['Claims (A)', 'Claims (B)']));
  });

  it('an edit made after seeing the other device\u2019s value is not a conflict', () => {
    const { folder, a, b } = twoDevices();
    const team = createTeam(a, { name: 'Claims' });
    runSync(a.engine, folder);
    runSync(b.engine, folder);
    later();
    updateTeam(a, { id: team.id, name: 'Claims (A)' });
    runSync(a.engine, folder);
    later();
    runSync(b.engine, folder);
    updateTeam(b, { id: team.id, name: 'Claims (B, after A)' });
    runSync(b.engine, folder);
    runSync(a.engine, folder);
    expect(listTeams(a.engine)[0]?.name).toBe('Claims (B, after A)');
    expect(listConflicts(a.engine)).toEqual([]);
    expect(listConflicts(b.engine)).toEqual([]);
  });

  it('keeping the other value writes it again as a new change: it wins on both devices and the conflict is gone', () => {
    const { folder, a, b } = concurrentRename();
    const [conflict] = listConflicts(a.engine);
    if (!conflict) throw new Error('no conflict');
    resolveConflict(a, { table: conflict.table, id: conflict.id, field: conflict.field, otherHlc: conflict.other.hlc, keep: 'other' });
    expect(listTeams(a.engine)[0]?.name).toBe('Claims (A)');
    for (const d of [a, b, a]) runSync(d.engine, folder);
    expect(listTeams(b.engine)[0]?.name).toBe('Claims (A)');
    expect(exported(a.engine)).toBe(exported(b.engine));
    expect(listConflicts(a.engine)).toEqual([]);
    expect(listConflicts(b.engine)).toEqual([]);
  });

  it('keeping the current value settles it on this device without a change; a stale request is refused', () => {
    const { b } = concurrentRename();
    const [conflict] = listConflicts(b.engine);
    if (!conflict) throw new Error('no conflict');
    const input = { table: conflict.table, id: conflict.id, field: conflict.field, otherHlc: conflict.other.hlc, keep: 'current' as const };
    const logBefore = createdFields(b.engine);
    resolveConflict(b, input);
    expect(listConflicts(b.engine)).toEqual([]);
    expect(createdFields(b.engine)).toBe(logBefore);
    expect(() => resolveConflict(b, input)).toThrowError(/no longer open/);
  });
});

describe('joining from a shared folder', () => {
  it('lists the workspaces in the folder and their current members, from the files alone, changing nothing', () => {
    const { folder, a } = twoDevices();
    const sam = createMember(a, { name: 'Sam Patel', role: 'champion' });
    const gone = createMember(a, { name: 'Left Company', role: 'sponsor' });
    updateMember(a, { id: sam.id, name: 'Sam Patel-Jones' });
    deleteMember(a, gone.id);
    runSync(a.engine, folder);
    const listing = fs.readdirSync(folder, { recursive: true }).sort();
    expect(joinableWorkspaces(folder)).toEqual([
      {
        id: currentWorkspace(a.engine)?.id,
        name: 'Acme',
        members: [
          { id: expect.any(String), name: 'Dana Lee', role: 'change_manager' },
          { id: sam.id, name: 'Sam Patel-Jones', role: 'champion' },
        ],
      },
    ]);
    expect(fs.readdirSync(folder, { recursive: true }).sort()).toEqual(listing);
    expect(() => joinableWorkspaces('/nonexistent/uptake-share')).toThrowError(/does not exist/);
  });
});
