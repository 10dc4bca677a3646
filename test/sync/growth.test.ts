import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportWorkspace } from '../../db/export';
import { createMember, updateMember } from '../../db/members/members';
import { type Engine, open } from '../../db/open';
import { importFile } from '../../db/signals/import';
import { changesDir } from '../../db/sync/files';
import { snapshotsDir } from '../../db/sync/snapshots';
import { joinWorkspace, syncFolder } from '../../db/sync/sync';
import { createTeam, deleteTeam, updateTeam } from '../../db/teams/teams';
import { currentWorkspace, initWorkspace } from '../../db/workspace/workspace';
import { FIELDS_PER_TEAM, generateTeams, insertDirect } from '../../scripts/bench/sync-data';
import { twoDatabases } from './devices';

/*
 * A workspace's history grows: many changes in one publish, snapshots for new devices, compaction.
 * Change logs are made by SQL inserts as the write path makes them (scripts/bench/sync-data.ts),
 * so thousands of changes cost milliseconds.
 */

const exported = (e: Parameters<typeof exportWorkspace>[0]) => JSON.stringify(exportWorkspace(e));
const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n');

describe('a growing workspace', () => {
  it('a publish of more changes than one file holds never splits one write between two files', () => {
    const { folder, a, b } = twoDatabases('uptake-growth-');
    const me = initWorkspace(a, 'Acme', 'Dana Lee');
    const before = a.sqlite.prepare('SELECT COUNT(*) FROM change_log').pluck().get() as number;
    // 5,000 records per file: with the workspace's own records first, record 5,000 falls inside a team's write.
    expect((5_000 - before) % FIELDS_PER_TEAM).not.toBe(0);
    const { log, teams } = generateTeams(a, me.id, 1_200, 'g');
    insertDirect(a, log, teams);
    const published = syncFolder(a, folder);
    expect(published.published).toEqual({ files: 2, changes: before + 6_000 });
    const dir = changesDir(folder, published.workspace, published.device);
    const [first, second] = ['000000000001.json', '000000000002.json'].map(
      (f) =>
        JSON.parse(lines(`${dir}/${f}`)[1] ?? '') as {
          changes: { hlc: string }[];
        },
    );
    expect(first?.changes.at(-1)?.hlc).not.toBe(second?.changes[0]?.hlc);

    const pulled = syncFolder(b, folder, { workspace: currentWorkspace(a)?.id });
    expect(pulled.problems).toEqual([]);
    expect(pulled.imported.changes).toBe(before + 6_000);
    expect(exported(b)).toBe(exported(a));
  });

  /**
   * A: a change manager's workspace with teams (one deleted), a member whose role changed, a usage
   * import; B joined at the start and replays every file. A writes a snapshot, both go on editing.
   */
  async function history(prefix: string) {
    const { dir, folder, a, b } = twoDatabases(prefix);
    const me = initWorkspace(a, 'Acme', 'Dana Lee');
    const workspace = currentWorkspace(a)?.id ?? '';
    const sa = { engine: a, authorId: me.id };
    const north = createTeam(sa, { name: 'Claims North', region: 'North' });
    const south = createTeam(sa, { name: 'Claims South' });
    const sam = createMember(sa, { name: 'Sam Ortiz', role: 'champion' });
    updateMember(sa, { id: sam.id, role: 'sponsor' });
    await importFile(a, me.id, 'usage', path.join('examples', 'usage.csv'), { createMissing: true });
    syncFolder(a, folder);
    syncFolder(b, folder, { workspace });
    updateTeam({ engine: b, authorId: me.id }, { id: north.id, name: 'Claims North (B)' });
    syncFolder(b, folder);
    syncFolder(a, folder);
    deleteTeam(sa, south.id);
    return { dir, folder, a, b, me, workspace, sa, north };
  }
  const join = (dir: string, folder: string, name: string): { engine: Engine; joined: ReturnType<typeof joinWorkspace> } => {
    const engine = open(path.join(dir, `${name}.db`));
    try {
      return { engine, joined: joinWorkspace(engine, folder, 'Dana Lee') };
    } catch (e) {
      engine.close();
      throw e;
    }
  };

  it('a new device starts from the newest snapshot, reads only the files after it, and exports the same JSON as one that replayed everything', async () => {
    const { dir, folder, a, b, workspace, sa, north } = await history('uptake-snapshot-');
    const written = syncFolder(a, folder, { snapshot: true });
    expect(written.snapshotWritten?.file).toBe(path.join(snapshotsDir(folder, workspace, written.device), '000000000001.json'));
    updateTeam(sa, { id: north.id, region: 'East' });
    syncFolder(a, folder);
    updateTeam({ engine: b, authorId: sa.authorId }, { id: north.id, headcount: 12 });
    syncFolder(b, folder);
    syncFolder(a, folder);
    // The files the snapshot covers are gone: only a start from it can reach this state. Writing
    // it removed A's first file (B had read it); the second, B had not, goes by hand.
    expect(written.compacted).toEqual({ files: 1, upTo: 1 });
    const aFiles = changesDir(folder, workspace, written.device);
    const covered = (JSON.parse(lines(written.snapshotWritten?.file ?? '')[0] ?? '') as { covers: Record<string, { seq: number }> }).covers;
    expect(covered[written.device]?.seq).toBe(2);
    expect(fs.existsSync(path.join(aFiles, '000000000001.json'))).toBe(false);
    fs.rmSync(path.join(aFiles, '000000000002.json'));
    const { engine: c, joined } = join(dir, folder, 'c');
    try {
      expect(joined.sync.startedFrom).toEqual({ file: written.snapshotWritten?.file, device: written.device, records: expect.any(Number) });
      expect(joined.sync.problems).toEqual([]);
      // A's one file after the snapshot and B's one file after what A had read of B.
      expect(joined.sync.imported.files).toBe(2);
      expect(joined.sync.batches.imported.batches).toBe(1);
      syncFolder(b, folder);
      expect(exported(c)).toBe(exported(a));
      expect(exported(c)).toBe(exported(b));
      expect(exported(c)).toContain('Claims North (B)');
    } finally {
      c.close();
    }
  });

  it('a damaged newest snapshot is skipped for the older one; with both damaged and old files compacted a join is refused and changes nothing', async () => {
    const { dir, folder, a, sa, north } = await history('uptake-snapshot-damaged-');
    const first = syncFolder(a, folder, { snapshot: true }).snapshotWritten?.file ?? '';
    updateTeam(sa, { id: north.id, region: 'East' });
    const second = syncFolder(a, folder, { snapshot: true }).snapshotWritten?.file ?? '';
    expect(path.basename(second)).toBe('000000000002.json');
    const text = fs.readFileSync(second, 'utf8');
    fs.writeFileSync(second, text.slice(0, text.length - 100));
    const { engine: c, joined } = join(dir, folder, 'c');
    try {
      expect(joined.sync.startedFrom?.file).toBe(first);
      expect(joined.sync.problems).toEqual([
        expect.objectContaining({ file: second, reason: expect.stringMatching(/incomplete.*skipped/) }),
      ]);
      expect(exported(c)).toBe(exported(a));
    } finally {
      c.close();
    }
    fs.writeFileSync(first, fs.readFileSync(first, 'utf8').replace('Claims', 'Clayms'));
    // Writing the first snapshot removed A's first file (B had read it): no whole replay is left.
    expect(() => join(dir, folder, 'd')).toThrowError(/no longer holds every change file .* no whole snapshot that covers them/);
    const d = open(path.join(dir, 'd.db'));
    try {
      expect(currentWorkspace(d)).toBeNull();
    } finally {
      d.close();
    }
  });
});
