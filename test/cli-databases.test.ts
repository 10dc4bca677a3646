import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTyped } from '../db/api';
import { open } from '../db/open';
import { defaultMigrationsDir } from '../db/paths';
import { type Exit, outputOf, UPTAKE } from './cli-path';
import { tempDir } from './helpers';

/*
 * The CLI and the database file it is given: a failed command leaves the file as it was, a
 * read-only command never creates, fills or upgrades one, and a file or folder it may not write
 * is exit 1 with a clear message. Real processes; when the tests run as root (who may write
 * anywhere), the CLI runs as the unprivileged user `nobody`, so permissions really apply.
 */
const root = path.resolve(import.meta.dirname, '..');
const tmp = tempDir('uptake-cli-db-');
const user = process.platform !== 'win32' && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null;
const SLOW = 240_000;

/** Everything under the test folder belongs to the user the CLI runs as. */
function handOver(p: string) {
  if (!user) return;
  fs.chownSync(p, user.uid, user.gid);
  if (fs.statSync(p).isDirectory()) for (const f of fs.readdirSync(p)) handOver(path.join(p, f));
}

beforeAll(() => {
  if (user) fs.chmodSync(tmp.dir, 0o755);
  handOver(tmp.dir);
});
afterAll(() => {
  // Read-only folders left by a failed assertion must not stop the cleanup.
  for (const f of fs.readdirSync(tmp.dir)) fs.chmodSync(path.join(tmp.dir, f), 0o755);
  tmp.cleanup();
});

function uptake(args: string[], env: Record<string, string | undefined> = {}): Promise<Exit> {
  const child = spawn(process.execPath, [UPTAKE, ...args], {
    cwd: root,
    env: { ...process.env, UPTAKE_DB: '', HOME: tmp.dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(user ?? {}),
  });
  return outputOf(child);
}

function expectUserMistake(r: { code: number | null; err: string }, message: RegExp, what: string) {
  expect(r.code, `${what}: ${r.err}`).toBe(1);
  expect(r.err, what).toMatch(message);
  expect(r.err, what).not.toMatch(/internal error|\n\s+at /);
}

const sidecars = (file: string) => ['-wal', '-shm', '-journal'].map((s) => `${file}${s}`).filter((f) => fs.existsSync(f));

async function workspaceFile(file: string, migrationsDir?: string) {
  const engine = open(file, migrationsDir ? { migrationsDir } : {});
  await callTyped({ engine }, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
  engine.close();
  handOver(file);
  return file;
}

describe('uptake CLI: a failed command leaves no database behind', () => {
  it(
    'init with empty names, demo with a bad seed, and call workspace.init with bad input create no file',
    async () => {
      const db = path.join(tmp.dir, 'new.db');
      const results = await Promise.all([
        uptake(['--db', db, 'init', '--workspace', '', '--me', '']),
        uptake(['--db', db, 'demo', '--seed', 'abc']),
        uptake(['--db', db, 'call', 'workspace.init', '{"workspace":"Acme"}']),
      ]);
      expectUserMistake(
        results[0] ?? { code: null, err: '' },
        /workspace: Workspace name cannot be empty[\s\S]*me: Your name cannot be empty/,
        'init',
      );
      expectUserMistake(results[1] ?? { code: null, err: '' }, /--seed.*expected a whole number .*got "abc"/, 'demo');
      expectUserMistake(results[2] ?? { code: null, err: '' }, /\n {2}me: Your name is required\n/, 'call');
      expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('new.db'))).toEqual([]);
    },
    SLOW,
  );
});

describe('uptake CLI: read-only commands change no file', () => {
  it(
    'with no database yet (a new HOME, or a --db in a missing folder), commands that need one say to create it; init says to create the folder',
    async () => {
      const home = path.join(tmp.dir, 'new-home');
      fs.mkdirSync(home);
      handOver(home);
      const env = { HOME: home, XDG_CONFIG_HOME: undefined };
      const file = path.join(home, '.config', 'Uptake', 'uptake.db');
      const missing = path.join(tmp.dir, 'nodir', 'x.db');
      const runs = await Promise.all([
        uptake(['report'], env),
        uptake(['check'], env),
        uptake(['sync'], env),
        uptake(['--db', missing, 'check'], env),
        uptake(['--db', missing, 'mappings', 'list'], env),
      ]);
      for (const [i, r] of runs.entries()) {
        const at = i < 3 ? file : missing;
        expectUserMistake(r, /^uptake: No workspace at /, `run ${i}`);
        expect(r.err).toBe(
          `uptake: No workspace at ${at}: create one with \`uptake init\` (or \`uptake demo\`), or pass another file with --db.\n`,
        );
      }
      expect(fs.readdirSync(home)).toEqual([]);
      expect(fs.existsSync(path.dirname(missing))).toBe(false);
      const init = await uptake(['--db', missing, 'init', '--workspace', 'Acme', '--me', 'Dana Lee'], env);
      expectUserMistake(init, /The folder .*nodir does not exist\. Create it first, or pass another file with --db\./, 'init');
    },
    SLOW,
  );

  it(
    'check, export and report leave an empty file empty',
    async () => {
      const empty = path.join(tmp.dir, 'empty.db');
      fs.writeFileSync(empty, '');
      handOver(empty);
      const runs = await Promise.all([
        uptake(['--db', empty, 'check']),
        uptake(['--db', empty, 'export']),
        uptake(['--db', empty, 'report', '--format', 'csv']),
      ]);
      for (const [i, r] of runs.entries()) expectUserMistake(r, /empty\.db is empty \(0 bytes\): it holds no workspace/, `run ${i}`);
      expect(fs.statSync(empty).size).toBe(0);
      expect(sidecars(empty)).toEqual([]);
    },
    SLOW,
  );

  it(
    'check does not upgrade a database from an older version, and says how to',
    async () => {
      const migrations = path.join(tmp.dir, 'older-migrations');
      fs.cpSync(defaultMigrationsDir(), migrations, { recursive: true });
      const journalFile = path.join(migrations, 'meta', '_journal.json');
      const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
      journal.entries.pop();
      fs.writeFileSync(journalFile, JSON.stringify(journal));
      const older = await workspaceFile(path.join(tmp.dir, 'older.db'), migrations);
      const before = fs.readFileSync(older);
      expectUserMistake(await uptake(['--db', older, 'check']), /was written by an older version of Uptake and needs an upgrade/, 'check');
      expect(fs.readFileSync(older).equals(before)).toBe(true);
      expect(fs.existsSync(`${older}.backups`)).toBe(false);
      expect(sidecars(older)).toEqual([]);
    },
    SLOW,
  );
});

describe.skipIf(process.platform === 'win32')('uptake CLI: a database where it may not write', () => {
  it(
    'a read-only folder: exit 1 and what to do, for commands that write and that only read, and no -wal/-shm files',
    async () => {
      const folder = path.join(tmp.dir, 'locked');
      fs.mkdirSync(folder);
      const db = await workspaceFile(path.join(folder, 'acme.db'));
      handOver(folder);
      fs.chmodSync(folder, 0o555);
      try {
        const runs = await Promise.all([
          uptake(['--db', db, 'check']),
          uptake(['--db', db, 'call', 'teams.create', '{"name":"Claims"}']),
          uptake(['--db', path.join(folder, 'new.db'), 'init', '--workspace', 'Acme', '--me', 'Dana Lee']),
        ]);
        for (const [i, r] of runs.entries()) {
          expectUserMistake(
            r,
            /may not write in the folder .*locked \(permission denied\).*Move the database to a folder you can write in/,
            `run ${i}`,
          );
        }
        expect(fs.readdirSync(folder)).toEqual(['acme.db']);
      } finally {
        fs.chmodSync(folder, 0o755);
      }
    },
    SLOW,
  );

  it(
    'a read-only file: exit 1 and what to do, and no -wal/-shm files',
    async () => {
      const db = await workspaceFile(path.join(tmp.dir, 'readonly.db'));
      fs.chmodSync(db, 0o444);
      const before = fs.readFileSync(db);
      const runs = await Promise.all([uptake(['--db', db, 'call', 'teams.create', '{"name":"Claims"}']), uptake(['--db', db, 'export'])]);
      for (const [i, r] of runs.entries())
        expectUserMistake(r, /readonly\.db is read-only for Uptake \(permission denied\).*chmod u\+rw/, `run ${i}`);
      expect(fs.readFileSync(db).equals(before)).toBe(true);
      expect(sidecars(db)).toEqual([]);
    },
    SLOW,
  );

  it(
    'report --publish into a folder it may not write in: exit 1 and what to do, nothing written',
    async () => {
      const db = await workspaceFile(path.join(tmp.dir, 'publish.db'));
      const share = path.join(tmp.dir, 'share');
      fs.mkdirSync(share);
      handOver(share);
      fs.chmodSync(share, 0o555);
      try {
        expectUserMistake(
          await uptake(['--db', db, 'report', '--publish', share]),
          /may not write .* \(permission denied\)\. Choose a folder you can write to/,
          'publish',
        );
        expect(fs.readdirSync(share)).toEqual([]);
      } finally {
        fs.chmodSync(share, 0o755);
      }
    },
    SLOW,
  );

  it(
    'a path under a regular file (refused even for root)',
    async () => {
      const notes = path.join(tmp.dir, 'notes.txt');
      fs.writeFileSync(notes, 'x');
      expectUserMistake(
        await uptake(['--db', path.join(notes, 'acme.db'), 'init', '--workspace', 'Acme', '--me', 'Dana Lee']),
        /notes\.txt is a file, not a folder/,
        'init',
      );
    },
    SLOW,
  );
});
