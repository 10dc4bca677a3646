import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../db/errors';
import { exportWorkspace } from '../../db/export';
import { recordHistory } from '../../db/history/history';
import { type Engine, open } from '../../db/open';
import { changesDir, sha256 } from '../../db/sync/files';
import { syncFolder } from '../../db/sync/sync';
import { createTeam, listTeams, updateTeam } from '../../db/teams/teams';
import { currentWorkspace, initWorkspace } from '../../db/workspace/workspace';
import { tempDir } from '../helpers';
import { convergence } from './property';

/*
 * Sync through a shared folder, device against device: real databases, a real folder, files
 * delivered late, twice, damaged or next to conflicted copies.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

// A migrated, empty database to copy for each device: opening a copy skips the migrations, so the
// property test can afford many runs. Each copy makes its own device id when it first writes.
let template = '';
beforeAll(() => {
  const { dir, cleanup } = tempDir('uptake-sync-template-');
  template = path.join(dir, 'empty.db');
  open(template).close();
  templateCleanup = cleanup;
});
let templateCleanup = () => {};
afterAll(() => templateCleanup());

interface Device {
  engine: Engine;
  author: string;
}

function setup(devices: number) {
  const { dir, cleanup } = tempDir('uptake-sync-');
  const folder = path.join(dir, 'share');
  fs.mkdirSync(folder);
  const engines = Array.from({ length: devices }, (_, i) => {
    const file = path.join(dir, `device-${i}.db`);
    fs.copyFileSync(template, file);
    return open(file);
  });
  cleanups.push(() => {
    for (const e of engines) if (e.sqlite.open) e.close();
    cleanup();
  });
  const [first, ...others] = engines;
  if (!first) throw new Error('no device');
  const me = initWorkspace(first, 'Acme', 'Dana Lee');
  const workspace = currentWorkspace(first)?.id ?? '';
  syncFolder(first, folder);
  // The others start empty and take the workspace from the folder.
  for (const e of others) syncFolder(e, folder, { workspace });
  const all: Device[] = engines.map((engine) => ({ engine, author: me.id }));
  return { folder, workspace, devices: all };
}

const exported = (e: Engine) => JSON.stringify(exportWorkspace(e));
const session = (d: Device) => ({ engine: d.engine, authorId: d.author });
const teamNames = (e: Engine) =>
  listTeams(e, true)
    .map((t) => `${t.name}${t.deleted ? ' (deleted)' : ''}`)
    .sort();

describe('sync through a shared folder', () => {
  it('a new device starts from the folder: the workspace, its members and teams arrive, byte for byte', () => {
    const { folder, workspace, devices } = setup(1);
    const [a] = devices;
    if (!a) throw new Error('no device');
    createTeam(session(a), { name: 'Claims North', region: 'North' });
    createTeam(session(a), { name: 'Claims South' });
    const published = syncFolder(a.engine, folder);
    expect(published.published.files).toBe(1);
    expect(published.published.changes).toBeGreaterThanOrEqual(2 * 6);

    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const b = open(path.join(dir, 'b.db'));
    cleanups.unshift(() => b.close());
    const pulled = syncFolder(b, folder, { workspace });
    expect(pulled.imported.files).toBe(2);
    expect(pulled.problems).toEqual([]);
    expect(currentWorkspace(b)?.name).toBe('Acme');
    expect(teamNames(b)).toEqual(['Claims North', 'Claims South']);
    expect(exported(b)).toBe(exported(a.engine));
    // Nothing new: a second sync applies nothing twice.
    expect(syncFolder(b, folder).imported.files).toBe(0);
    expect(exported(b)).toBe(exported(a.engine));
  });

  it('two devices edit the same field without seeing each other: the later stamp wins on both, the other value stays in history', () => {
    const { folder, devices } = setup(2);
    const [a, b] = devices;
    if (!a || !b) throw new Error('no devices');
    const team = createTeam(session(a), { name: 'Claims' });
    syncFolder(a.engine, folder);
    syncFolder(b.engine, folder);
    updateTeam(session(a), { id: team.id, name: 'Claims (A)' });
    updateTeam(session(b), { id: team.id, name: 'Claims (B)', region: 'West' });
    for (const d of [a, b, a]) syncFolder(d.engine, folder);
    expect(exported(a.engine)).toBe(exported(b.engine));
    // B wrote last (its clock had received A's first stamps), so B's name wins; A's region edit never conflicted.
    expect(listTeams(a.engine).map((t) => [t.name, t.region])).toEqual([['Claims (B)', 'West']]);
    const names = recordHistory(b.engine, 'teams', team.id)
      .flatMap((h) => h.changes)
      .filter((c) => c.field === 'name')
      .map((c) => c.to);
    expect(names).toEqual(expect.arrayContaining(['Claims', 'Claims (A)', 'Claims (B)']));
  });

  it('reads only files named as Uptake names them; a damaged file waits, the next good copy is applied', () => {
    const { folder, workspace, devices } = setup(2);
    const [a, b] = devices;
    if (!a || !b) throw new Error('no devices');
    createTeam(session(a), { name: 'Underwriting' });
    syncFolder(a.engine, folder);
    const dir = changesDir(folder, workspace, syncFolder(a.engine, folder).device);
    const second = path.join(dir, '000000000002.json');
    const good = fs.readFileSync(second, 'utf8');
    // A conflicted copy and a temp file next to it, and the real file cut short (still downloading).
    fs.writeFileSync(path.join(dir, '000000000002 (conflicted copy).json'), good.replace('Underwriting', 'Evil'));
    fs.writeFileSync(path.join(dir, '.000000000003.json.tmp'), 'partial');
    fs.writeFileSync(second, good.slice(0, good.length - 40));
    const waiting = syncFolder(b.engine, folder);
    expect(waiting.problems).toEqual([expect.objectContaining({ file: second, retry: true })]);
    expect(waiting.ignored.map((f) => path.basename(f))).toEqual(['.000000000003.json.tmp', '000000000002 (conflicted copy).json']);
    expect(teamNames(b.engine)).toEqual([]);
    fs.writeFileSync(second, good);
    const arrived = syncFolder(b.engine, folder);
    expect(arrived.problems).toEqual([]);
    expect(teamNames(b.engine)).toEqual(['Underwriting']);
  });

  it('a change file of a newer Uptake, or whose body is not field changes, is a problem that no retry fixes, and nothing is applied', () => {
    const { folder, workspace, devices } = setup(2);
    const [a, b] = devices;
    if (!a || !b) throw new Error('no devices');
    createTeam(session(a), { name: 'Underwriting' });
    const second = path.join(changesDir(folder, workspace, syncFolder(a.engine, folder).device), '000000000002.json');
    const [headLine = '', bodyLine = ''] = fs.readFileSync(second, 'utf8').split('\n');
    const header = JSON.parse(headLine) as Record<string, unknown>;
    const rewrite = (h: Record<string, unknown>, body: string) => fs.writeFileSync(second, `${JSON.stringify(h)}\n${body}\n`);

    rewrite({ ...header, version: 99 }, bodyLine);
    expect(syncFolder(b.engine, folder).problems).toEqual([
      { file: second, reason: 'was written by a newer Uptake (file format 99); update Uptake to read it', retry: false },
    ]);
    const notChanges = JSON.stringify({ changes: [{ tbl: 'teams' }] });
    rewrite({ ...header, sha256: sha256(notChanges), count: 1 }, notChanges);
    expect(syncFolder(b.engine, folder).problems).toEqual([
      { file: second, reason: 'holds records that are not field changes', retry: false },
    ]);
    expect(teamNames(b.engine)).toEqual([]);
  });

  it('a missing folder is a clear error and changes nothing', () => {
    const { devices } = setup(1);
    const [a] = devices;
    if (!a) throw new Error('no device');
    const before = exported(a.engine);
    expect(() => syncFolder(a.engine, '/nonexistent/uptake-share')).toThrowError(UserError);
    expect(() => syncFolder(a.engine, '/nonexistent/uptake-share')).toThrowError(/does not exist.*share is connected|connected/);
    expect(exported(a.engine)).toBe(before);
  });

  it('devices converge whatever they do, in whatever order they sync, with damaged files, copies, clocks ahead, role changes, snapshots and compaction (property, 200 runs)', () => {
    fc.assert(convergence(template), { numRuns: 200, seed: 20261130 });
  }, 600_000);
});
