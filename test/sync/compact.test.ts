import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportWorkspace } from '../../db/export';
import type { Engine } from '../../db/open';
import { RETENTION_MS } from '../../db/sync/compact';
import { changesDir } from '../../db/sync/files';
import { syncStatus } from '../../db/sync/status';
import { joinWorkspace, syncFolder } from '../../db/sync/sync';
import { createTeam, listTeams } from '../../db/teams/teams';
import { currentWorkspace, initWorkspace } from '../../db/workspace/workspace';
import { deviceId } from '../../db/write';
import { databases } from './devices';

/*
 * Compaction: a device removes its own change files once every snapshot covers them and every
 * other device has passed them (docs/sync.md). Real databases, a real folder; a device away longer
 * than the retention is made by moving the clock (Date only) past it.
 */

afterEach(() => {
  vi.useRealTimers();
});

const exported = (e: Engine) => JSON.stringify(exportWorkspace(e));

function devices(count: number) {
  const { folder, engines } = databases('uptake-compact-', count);
  const [a] = engines as [Engine];
  const dana = initWorkspace(a, 'Acme', 'Dana Lee').id;
  const workspace = currentWorkspace(a)?.id ?? '';
  const sync = (e: Engine, options: { snapshot?: boolean; compact?: boolean } = {}) =>
    syncFolder(e, folder, currentWorkspace(e) ? options : { workspace });
  let made = 0;
  const edit = (e: Engine) => createTeam({ engine: e, authorId: dana }, { name: `Team ${made++}` });
  const files = (e: Engine) => fs.readdirSync(changesDir(folder, workspace, deviceId(e))).sort();
  for (const e of engines) sync(e);
  return { folder, engines, sync, edit, files };
}

const names = (...seqs: number[]) => seqs.map((n) => `${String(n).padStart(12, '0')}.json`);

describe('compaction', () => {
  it('removes a device\u2019s own files only once a snapshot holds them and every device has read them; a lagging device keeps what it needs', () => {
    const { engines, sync, edit, files } = devices(3);
    const [a, b, c] = engines as [Engine, Engine, Engine];
    edit(a);
    sync(a); // A's file 2
    sync(c); // C reads A up to 2, then says so in its own file
    edit(c);
    sync(c);
    for (let i = 0; i < 2; i++) {
      edit(a);
      sync(a); // A's files 3 and 4
    }
    sync(b);
    edit(b);
    sync(b); // B has read A up to 4
    expect(sync(a, { compact: true }).compacted).toEqual({ files: 0, upTo: 0 });
    expect(files(a)).toEqual(names(1, 2, 3, 4));

    const snapshot = sync(a, { snapshot: true });
    expect(snapshot.snapshotWritten).not.toBeNull();
    // C has read only up to 2: files 3 and 4 stay for it.
    expect(snapshot.compacted).toEqual({ files: 2, upTo: 2 });
    expect(files(a)).toEqual(names(3, 4));
    // C's status counts the files still there: neither of A's two is applied yet.
    expect(syncStatus(c).devices.find((d) => d.device === deviceId(a))).toEqual(expect.objectContaining({ files: 2, applied: 0 }));
    const lagging = sync(c);
    expect(lagging.problems).toEqual([]);
    expect(lagging.rejoin).toBeNull();
    expect(listTeams(c)).toHaveLength(listTeams(a).length);
    edit(c);
    sync(c);
    expect(sync(a, { compact: true }).compacted).toEqual({ files: 2, upTo: 4 });
    expect(files(a)).toEqual([]);
    // Never another device's files.
    expect(files(b)).toEqual(names(1));
    expect(files(c)).toEqual(names(1, 2));
    for (const e of [a, b, c, a, b]) sync(e);
    expect(exported(b)).toBe(exported(a));
    expect(exported(c)).toBe(exported(a));
  });

  it('a device that only reads (it never writes a change file) is waited for too: its progress file says how far it has read', () => {
    const { engines, sync, edit, files } = devices(2);
    const [a, reader] = engines as [Engine, Engine];
    for (let i = 0; i < 2; i++) {
      edit(a);
      sync(a); // A's files 2 and 3
    }
    expect(sync(a, { snapshot: true }).compacted).toEqual({ files: 1, upTo: 1 });
    expect(files(a)).toEqual(names(2, 3));
    const caughtUp = sync(reader);
    expect(caughtUp.problems).toEqual([]);
    expect(caughtUp.published.files).toBe(0);
    expect(sync(a, { compact: true }).compacted).toEqual({ files: 2, upTo: 3 });
    expect(exported(reader)).toBe(exported(a));
  });

  it('a device away longer than the retention is not waited for; back, it is told to join again, its own changes go out, and a new database joins from the snapshot and converges', () => {
    const { folder, engines, sync, edit, files } = devices(3);
    const [a, b, c] = engines as [Engine, Engine, Engine];
    edit(c);
    sync(c);
    edit(b);
    sync(b);
    const away = edit(c); // made before C went away, not synced yet
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + RETENTION_MS + 86_400_000 });
    edit(a);
    sync(a);
    sync(b);
    edit(b);
    sync(b);
    const snapshot = sync(a, { snapshot: true });
    expect(snapshot.compacted).toEqual({ files: 2, upTo: 2 });
    expect(files(a)).toEqual([]);

    const back = sync(c);
    expect(back.rejoin).toMatch(
      /^This device was away from the shared folder longer than the others wait \(90 days\).*join the workspace again with a new database file/,
    );
    // B's later file waits for A's removed one too.
    expect(back.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: path.join(changesDir(folder, back.workspace, deviceId(a)), names(2)[0] ?? ''),
          reason: expect.stringMatching(/removed from the folder while this device was away/),
          retry: false,
        }),
      ]),
    );
    expect(back.published.files).toBe(1);
    expect(back.snapshotWritten).toBeNull();
    expect(back.compacted).toBeNull();

    const fresh = databases('uptake-compact-rejoin-', 1).engines[0] as Engine;
    const joined = joinWorkspace(fresh, folder, 'Dana Lee');
    expect(joined.sync.startedFrom?.device).toBe(deviceId(a));
    expect(joined.sync.problems).toEqual([]);
    for (const e of [a, b, fresh, a, b]) sync(e);
    expect(exported(fresh)).toBe(exported(a));
    expect(exported(b)).toBe(exported(a));
    expect(listTeams(fresh).map((t) => t.id)).toContain(away.id);
  });
});
