import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { open } from '../../db/open';
import { RETENTION_MS } from '../../db/sync/compact';
import { writeSnapshot } from '../../db/sync/snapshots';
import { joinWorkspace, syncFolder } from '../../db/sync/sync';
import { createTeam } from '../../db/teams/teams';
import { initWorkspace } from '../../db/workspace/workspace';
import { UPTAKE } from '../cli-path';
import { tempDir } from '../helpers';

/*
 * Sync as a user runs it: `uptake sync` and `uptake join` in real processes, two databases and
 * one shared folder.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const tmp = tempDir('uptake-sync-cli-');
afterAll(() => tmp.cleanup());
const run = promisify(execFile);
const SLOW = 240_000;

async function uptake(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [UPTAKE, ...args], {
      cwd: root,
      env: { ...process.env, UPTAKE_DB: '' },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe('uptake sync and uptake join', () => {
  const share = path.join(tmp.dir, 'share');
  const a = path.join(tmp.dir, 'a.db');
  const b = path.join(tmp.dir, 'b.db');

  it(
    'a change manager publishes; a champion joins on a new device, logs a shadow process, and it reaches the change manager',
    async () => {
      fs.mkdirSync(share);
      expect((await uptake('--db', a, 'init', '--workspace', 'Acme', '--me', 'Dana Lee')).code).toBe(0);
      expect((await uptake('--db', a, 'call', 'teams.create', '{"name":"Claims North"}')).code).toBe(0);
      expect((await uptake('--db', a, 'call', 'members.create', '{"name":"Sam Okafor","role":"champion"}')).code).toBe(0);
      const first = await uptake('--db', a, 'sync', '--folder', share);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.out)).toMatchObject({ published: { files: 1 }, imported: { files: 0 }, problems: [] });
      expect(first.err).toMatch(/^Synced with .*share: published \d+ changes, applied 0 changes from 0 other devices\.\n$/);

      // Someone not added yet: exit 1, the members named, and no database file left behind.
      const stranger = await uptake('--db', b, 'join', '--folder', share, '--member', 'Alex Doe');
      expect(stranger.code).toBe(1);
      expect(stranger.err).toBe(
        'uptake: Acme has no member "Alex Doe" (yet). Ask a change manager to add you and sync; members now: Dana Lee, Sam Okafor.\n',
      );
      expect(fs.existsSync(b)).toBe(false);

      const joined = await uptake('--db', b, 'join', '--folder', share, '--member', 'sam okafor');
      expect(joined.code).toBe(0);
      expect(JSON.parse(joined.out)).toMatchObject({ workspace: { name: 'Acme' }, me: { name: 'Sam Okafor', role: 'champion' } });
      const teams = JSON.parse((await uptake('--db', b, 'call', 'teams.list')).out) as { id: string; name: string }[];
      expect(teams.map((t) => t.name)).toEqual(['Claims North']);

      const logged = await uptake(
        '--db',
        b,
        'call',
        'shadowProcesses.create',
        JSON.stringify({
          name: 'Triage double-check sheet',
          teamId: teams[0]?.id,
          kind: 'spreadsheet',
          owner: 'Sam',
          usersInvolved: 4,
          firstSeen: '2026-11-02',
        }),
      );
      expect(logged.err).toBe('');
      expect(logged.code).toBe(0);
      // The folder is remembered on each device.
      expect((await uptake('--db', b, 'sync')).code).toBe(0);
      const back = await uptake('--db', a, 'sync');
      expect(JSON.parse(back.out)).toMatchObject({ imported: { files: 1 }, problems: [] });
      const register = JSON.parse((await uptake('--db', a, 'call', 'shadowProcesses.list')).out) as { name: string }[];
      expect(register.map((p) => p.name)).toEqual(['Triage double-check sheet']);

      const exportA = (await uptake('--db', a, 'export')).out;
      expect((await uptake('--db', b, 'sync')).code).toBe(0);
      expect((await uptake('--db', b, 'export')).out).toBe(exportA);
    },
    SLOW,
  );

  it(
    'a folder that is not there is exit 1 and one line that says what to check',
    async () => {
      const missing = await uptake('--db', a, 'sync', '--folder', path.join(tmp.dir, 'unplugged'));
      expect(missing.code).toBe(1);
      expect(missing.err).toBe(
        `uptake: The folder ${path.join(tmp.dir, 'unplugged')} does not exist. Check the path (is the network share connected?), or create the folder, then try again.\n`,
      );
    },
    SLOW,
  );

  it(
    'uptake sync --compact removes what a snapshot holds; a device away longer than the retention is exit 1 and told to join again',
    async () => {
      const folder = path.join(tmp.dir, 'share-compact');
      fs.mkdirSync(folder);
      const [x, y] = [path.join(tmp.dir, 'x.db'), path.join(tmp.dir, 'y.db')];
      // Set up in this process (the CLI's steps are tested above): X publishes, Y reads X's first
      // file and has written nothing since long before the retention.
      const ex = open(x);
      const dana = initWorkspace(ex, 'Acme', 'Dana Lee').id;
      const { workspace, device } = syncFolder(ex, folder);
      const ey = open(y);
      joinWorkspace(ey, folder, 'Dana Lee');
      const yDevice = syncFolder(ey, folder).device;
      ey.close();
      // Y last synced longer ago than the retention: its progress file says so.
      const progress = path.join(folder, workspace, 'devices', yDevice, 'progress.json');
      const long = new Date(Date.now() - RETENTION_MS - 86_400_000).toISOString();
      fs.writeFileSync(progress, `${JSON.stringify({ ...JSON.parse(fs.readFileSync(progress, 'utf8')), at: long })}\n`);
      createTeam({ engine: ex, authorId: dana }, { name: 'Claims North' });
      syncFolder(ex, folder);
      writeSnapshot(ex, folder, workspace);
      ex.close();

      const compact = await uptake('--db', x, 'sync', '--compact');
      expect(compact.code).toBe(0);
      expect(JSON.parse(compact.out)).toMatchObject({ compacted: { files: 2, upTo: 2 }, rejoin: null });
      expect(compact.err).toMatch(/; removed 2 old change files of this device \(every device has read them\)\.\n$/);
      expect(fs.readdirSync(path.join(folder, workspace, 'devices', device, 'changes'))).toEqual([]);

      const back = await uptake('--db', y, 'sync');
      expect(back.code).toBe(1);
      expect(back.err).toMatch(/^uptake: This device was away from the shared folder longer than the others wait \(90 days\)/);
      expect(back.err).toContain(`uptake --db NEW.db join --folder ${folder} --member "YOUR NAME"`);
    },
    SLOW,
  );
});
