import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { UserError } from '../../db/errors';
import { listBackups, open } from '../../db/open';
import { defaultMigrationsDir } from '../../db/paths';
import { tempDir } from '../helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function dir() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}
function copyMigrations(to: string) {
  fs.cpSync(defaultMigrationsDir(), to, { recursive: true });
  return to;
}
function addMigration(migrations: string, tag: string, sql: string) {
  const journalFile = path.join(migrations, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
  journal.entries.push({ idx: journal.entries.length, tag });
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  fs.writeFileSync(path.join(migrations, `${tag}.sql`), sql);
}
/** The migrations without the last one: a database made with them is one upgrade behind. */
function olderMigrations(to: string) {
  copyMigrations(to);
  const journalFile = path.join(to, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
  journal.entries.pop();
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return to;
}
/** The files beside a database that an open or a failed open may leave. */
const sidecars = (file: string) => ['-wal', '-shm', '-journal'].map((s) => `${file}${s}`).filter((f) => fs.existsSync(f));
function expectUserError(fn: () => unknown, pattern: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toMatch(pattern);
    return;
  }
  throw new Error('expected a UserError');
}

describe('open()', () => {
  it('sets WAL, foreign keys, busy timeout and synchronous=FULL', () => {
    const engine = open(path.join(dir(), 'a.db'));
    expect(engine.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(engine.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(engine.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(engine.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(engine.schemaVersion).toBeGreaterThanOrEqual(2);
    engine.close();
  });

  it('backs the file up before migrating it, keeping the last five', async () => {
    const d = dir();
    const migrations = copyMigrations(path.join(d, 'migrations'));
    const file = path.join(d, 'a.db');
    const first = open(file, { migrationsDir: migrations });
    await callTyped({ engine: first }, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
    first.close();
    for (let i = 0; i < 7; i++) {
      addMigration(migrations, `9${i}00_extra_${i}`, `CREATE TABLE extra_${i} (id TEXT PRIMARY KEY);`);
      open(file, { migrationsDir: migrations }).close();
    }
    const backups = listBackups(file);
    expect(backups).toHaveLength(5);
    // The newest backup is the database as it was before the last migration: with the workspace, without extra_6.
    const latest = new Database(backups[backups.length - 1] ?? '', { readonly: true });
    expect(latest.prepare('SELECT name FROM workspace').get()).toEqual({ name: 'Acme' });
    expect(latest.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'extra_6'").get()).toEqual({ n: 0 });
    expect(latest.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'extra_5'").get()).toEqual({ n: 1 });
    latest.close();
  });

  it('fails loudly when an applied migration was edited', () => {
    const d = dir();
    const migrations = copyMigrations(path.join(d, 'migrations'));
    const file = path.join(d, 'a.db');
    open(file, { migrationsDir: migrations }).close();
    fs.appendFileSync(path.join(migrations, '0000_init.sql'), '\n-- edited\n');
    expect(() => open(file, { migrationsDir: migrations })).toThrow(/Migration "0000_init" was edited after it was applied/);
  });

  it('refuses a database written by a newer version, changing nothing', () => {
    const d = dir();
    const newer = copyMigrations(path.join(d, 'newer'));
    addMigration(newer, '0099_future', 'CREATE TABLE future (id TEXT);');
    const file = path.join(d, 'a.db');
    open(file, { migrationsDir: newer }).close();
    const before = fs.readFileSync(file);
    expectUserError(() => open(file), /written by a newer version of Uptake.*0099_future/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('explains a missing folder, a folder given as file, a non-SQLite file and a foreign SQLite file', () => {
    const d = dir();
    expectUserError(() => open(path.join(d, 'missing', 'a.db')), /folder .*missing does not exist/);
    expectUserError(() => open(d), /is a folder, not a database file/);
    const text = path.join(d, 'notes.db');
    fs.writeFileSync(text, 'just some text, not a database at all '.repeat(200));
    expectUserError(() => open(text), /not an Uptake database \(it is not a SQLite file at all\)/);
    expect(fs.readFileSync(text, 'utf8')).toMatch(/^just some text/);
    const foreign = path.join(d, 'other.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)');
    other.close();
    expectUserError(() => open(foreign), /a SQLite database but not an Uptake one/);
    expectUserError(() => open(path.join(d, 'none.db'), { create: false }), /No workspace at .*none\.db: create one with `uptake init`/);
    // Without a database to create, a missing folder is no workspace yet, not a folder to make.
    expectUserError(() => open(path.join(d, 'missing', 'a.db'), { readonly: true }), /No workspace at .*missing.a\.db: create one/);
  });

  it('detects corruption and says how to restore a backup', async () => {
    const d = dir();
    const migrations = copyMigrations(path.join(d, 'migrations'));
    const file = path.join(d, 'a.db');
    const engine = open(file, { migrationsDir: migrations });
    await callTyped({ engine }, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
    for (let i = 0; i < 300; i++) await callTyped({ engine }, 'teams.create', { name: `Team ${i}`, region: 'x'.repeat(100) });
    engine.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    engine.close();
    addMigration(migrations, '0050_more', 'CREATE TABLE more (id TEXT);');
    open(file, { migrationsDir: migrations }).close(); // leaves a backup
    // Scribble over a page in the middle of the file (not the header).
    const fd = fs.openSync(file, 'r+');
    const page = 4096;
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(page * 2, 0x5a), 0, page * 2, Math.floor(size / page / 2) * page);
    fs.closeSync(fd);
    expectUserError(() => open(file, { migrationsDir: migrations }), /is damaged .*backups.*copy the latest backup/s);
  });

  it('says how to restore a damaged database that has no automatic backup, without commands that do not exist', async () => {
    const d = dir();
    const file = path.join(d, 'a.db');
    const engine = open(file);
    await callTyped({ engine }, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
    for (let i = 0; i < 300; i++) await callTyped({ engine }, 'teams.create', { name: `Team ${i}`, region: 'x'.repeat(100) });
    engine.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    engine.close();
    const fd = fs.openSync(file, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 4096 / 2) * 4096);
    fs.closeSync(fd);
    let message = '';
    try {
      open(file);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/is damaged .*no automatic backup of it \(it keeps one in .*a\.db\.backups.*restore it from your own backups/s);
    expect(message).not.toMatch(/uptake join/);
  });
});

describe('open() where it may not write', () => {
  it('explains a path under a regular file (fails as root too), creating nothing', () => {
    const d = dir();
    const notAFolder = path.join(d, 'notes.txt');
    fs.writeFileSync(notAFolder, 'x');
    expectUserError(() => open(path.join(notAFolder, 'a.db')), /notes\.txt is a file, not a folder/);
    expectUserError(() => open(path.join(notAFolder, 'deeper', 'a.db')), /notes\.txt is a file, not a folder/);
    expect(fs.readFileSync(notAFolder, 'utf8')).toBe('x');
  });

  it.runIf(process.platform === 'linux')('turns a file system that refuses even root (/proc) into a clear error', () => {
    // Root passes the permission check and SQLite's refusal becomes the message; anyone else is stopped by the check.
    expectUserError(
      () => open('/proc/uptake-test.db'),
      /Uptake cannot use \/proc\/uptake-test\.db .*Check that you may write to it and to its folder \/proc|may not write in the folder \/proc/,
    );
    expect(fs.existsSync('/proc/uptake-test.db')).toBe(false);
  });

  // Root may write anywhere, so these need an ordinary user (test/cli-databases.test.ts runs the
  // same cases as one, even when the tests run as root).
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'refuses a read-only folder or file, leaving no -wal/-shm files',
    async () => {
      const d = dir();
      const folder = path.join(d, 'locked');
      fs.mkdirSync(folder);
      const inFolder = path.join(folder, 'a.db');
      const engine = open(inFolder);
      await callTyped({ engine }, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
      engine.close();
      const readonlyFile = path.join(d, 'b.db');
      fs.copyFileSync(inFolder, readonlyFile);
      fs.chmodSync(readonlyFile, 0o444);
      fs.chmodSync(folder, 0o555);
      try {
        for (const readonly of [false, true]) {
          expectUserError(() => open(inFolder, { readonly }), /may not write in the folder .*locked \(permission denied\).*-wal and -shm/);
          expectUserError(() => open(path.join(folder, 'new.db'), { readonly }), /may not write in the folder/);
          expectUserError(() => open(readonlyFile, { readonly }), /b\.db is read-only for Uptake \(permission denied\)/);
        }
        expect(fs.readdirSync(folder)).toEqual(['a.db']);
        expect(sidecars(readonlyFile)).toEqual([]);
      } finally {
        fs.chmodSync(folder, 0o755);
      }
    },
  );
});

describe('open() read-only', () => {
  it('reads a database without changing it, refuses writes, and leaves no -wal/-shm files', async () => {
    const d = dir();
    const file = path.join(d, 'a.db');
    const writer = open(file);
    await callTyped({ engine: writer }, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
    writer.close();
    const before = fs.readFileSync(file);
    const reader = open(file, { readonly: true });
    expect((await callTyped({ engine: reader }, 'workspace.check', {})).ok).toBe(true);
    expect(() => reader.sqlite.exec("INSERT INTO local_state (key, value) VALUES ('x', 'y')")).toThrow(/readonly|read-only/i);
    reader.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(sidecars(file)).toEqual([]);
  });

  it('neither creates, fills nor upgrades a file: missing, empty (0 bytes) and one version behind', () => {
    const d = dir();
    expectUserError(() => open(path.join(d, 'none.db'), { readonly: true }), /No workspace at .*none\.db/);
    expect(fs.existsSync(path.join(d, 'none.db'))).toBe(false);
    const empty = path.join(d, 'empty.db');
    fs.writeFileSync(empty, '');
    expectUserError(
      () => open(empty, { readonly: true }),
      /empty\.db is empty \(0 bytes\): it holds no workspace.*uptake --db .*empty\.db init/,
    );
    expect(fs.statSync(empty).size).toBe(0);
    const older = path.join(d, 'older.db');
    open(older, { migrationsDir: olderMigrations(path.join(d, 'older-migrations')) }).close();
    const before = fs.readFileSync(older);
    expectUserError(
      () => open(older, { readonly: true }),
      /older\.db was written by an older version of Uptake and needs an upgrade.*call workspace\.get/,
    );
    expect(fs.readFileSync(older).equals(before)).toBe(true);
    expect(fs.existsSync(`${older}.backups`)).toBe(false);
    expect([...sidecars(empty), ...sidecars(older)]).toEqual([]);
    // Opened for writing, it is upgraded as before.
    expect(open(older).schemaVersion).toBe(open(path.join(d, 'fresh.db')).schemaVersion);
  });
});
