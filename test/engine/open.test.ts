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
    expectUserError(() => open(path.join(d, 'none.db'), { create: false }), /No database at .*none\.db.*uptake init/);
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
});
