import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { busyError, busyTimeoutMs, isBusy } from './busy';
import { UserError } from './errors';
import { appliedMigrations, applyMigrations, pendingMigrations, readMigrations } from './migrate';
import { defaultMigrationsDir } from './paths';
import * as schema from './schema';

/** "UPTK": marks a SQLite file as an Uptake database. */
const APPLICATION_ID = 0x5550544b;
const BACKUPS_KEPT = 5;

export interface Engine {
  file: string;
  sqlite: Database.Database;
  orm: BetterSQLite3Database<typeof schema>;
  schemaVersion: number;
  close(): void;
}

export interface OpenOptions {
  /** Create the file if it does not exist (its folder must exist). Default true; never when readonly. */
  create?: boolean;
  migrationsDir?: string;
  /** Path to a better-sqlite3 binary built for another runtime (Electron). */
  nativeBinding?: string;
  /**
   * Read without changing the file: it must already be an Uptake database of this version. It is
   * not created, migrated or given persistent pragmas, and SQLite refuses every write.
   */
  readonly?: boolean;
}

export function backupDir(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file)}.backups`);
}

export function listBackups(file: string): string[] {
  const dir = backupDir(file);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.db'))
    .sort()
    .map((f) => path.join(dir, f));
}

function restoreHint(file: string): string {
  const backups = listBackups(file);
  if (backups.length === 0) {
    return `Uptake has no automatic backup of it (it keeps one in ${backupDir(file)} before each upgrade). Close Uptake, move the damaged file aside, and restore it from your own backups; or start a new database with \`uptake init\`.`;
  }
  const latest = backups[backups.length - 1];
  return `Uptake keeps backups made before each upgrade in ${backupDir(file)}. Close Uptake, move the damaged file aside, and copy the latest backup (${path.basename(latest ?? '')}) to ${file}.`;
}

const errorCode = (e: unknown): string | undefined => (e as { code?: string }).code;

/** The nearest existing ancestor of `dir`, for saying which part of a bad path is a file. */
function existingAncestor(dir: string): { at: string; stat: fs.Stats } | null {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      return { at, stat: fs.statSync(at) };
    } catch {
      if (path.dirname(at) === at) return null;
    }
  }
}

/** What a command that does not create a database says when there is none at `file` (or no folder for it). */
const noWorkspace = (file: string) =>
  new UserError(
    'BAD_DATABASE',
    `No workspace at ${file}: create one with \`uptake init\` (or \`uptake demo\`), or pass another file with --db.`,
  );

/**
 * The folder must exist and be writable even to read: every Uptake database is in WAL mode, and
 * SQLite keeps its -wal and -shm files beside the database, so a read-only folder fails halfway
 * (or leaves those files behind) unless it is refused first. A missing folder is for a command
 * that may `create` the database a folder to create first, for any other no workspace yet.
 */
function checkFolder(file: string, create: boolean): void {
  const dir = path.dirname(file);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    const code = errorCode(e);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new UserError(
        'BAD_DATABASE',
        `Uptake may not open the folder ${dir} (permission denied). Ask for access, or pass another file with --db.`,
      );
    }
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
  }
  if (!stat?.isDirectory()) {
    const ancestor = existingAncestor(dir);
    if (ancestor && !ancestor.stat.isDirectory()) {
      throw new UserError(
        'BAD_DATABASE',
        `${ancestor.at} is a file, not a folder, so there can be no database at ${dir}${path.sep}…. Pass a file inside a folder with --db.`,
      );
    }
    if (!create) throw noWorkspace(file);
    throw new UserError('BAD_DATABASE', `The folder ${dir} does not exist. Create it first, or pass another file with --db.`);
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    const code = errorCode(e);
    if (code === 'EROFS') {
      throw new UserError(
        'BAD_DATABASE',
        `${dir} is on a read-only drive, and SQLite must write beside a database (its -wal and -shm files) even to read it. Copy the database to a folder you can write in and use it there; nothing was changed.`,
      );
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new UserError(
        'BAD_DATABASE',
        `Uptake may not write in the folder ${dir} (permission denied), and SQLite must, even to read a database there: it keeps its -wal and -shm files beside it. Move the database to a folder you can write in, or ask for write access to ${dir}; nothing was changed.`,
      );
    }
    throw e;
  }
}

function checkWritableFile(file: string): void {
  try {
    fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch (e) {
    const code = errorCode(e);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new UserError(
        'BAD_DATABASE',
        `${file} is read-only for Uptake (permission denied). SQLite needs to write to it even to read it safely: make it writable (e.g. \`chmod u+rw ${file}\`) or copy it to a file you own; nothing was changed.`,
      );
    }
    throw e;
  }
}

/**
 * What SQLite reports when the file system refuses it after all (permissions the checks above
 * cannot see: root on /proc, ACLs, network shares), or when the file is not a database.
 */
function sqliteUserError(e: unknown, file: string): UserError | null {
  const code = errorCode(e) ?? '';
  const reason = (e as Error).message;
  if (code === 'SQLITE_NOTADB') {
    return new UserError(
      'BAD_DATABASE',
      `${file} is not an Uptake database (it is not a SQLite file at all). Check the --db path; nothing was changed.`,
    );
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new UserError('BAD_DATABASE', `${file} is damaged (SQLite reports corruption). ${restoreHint(file)}`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code.startsWith('SQLITE_READONLY')) {
    return new UserError(
      'BAD_DATABASE',
      `Uptake cannot use ${file} (SQLite: ${reason}). Check that you may write to it and to its folder ${path.dirname(file)}, or pass another file with --db.`,
    );
  }
  if (code === 'SQLITE_FULL') {
    return new UserError('BAD_DATABASE', `The drive holding ${file} is full. Free some space, then try again.`);
  }
  return null;
}

/**
 * Opens (creating if needed) an Uptake database: pragmas, integrity check, backup, migrations.
 * Throws UserError for everything a user can act on: a missing or read-only folder, a read-only
 * file, a file that is not an Uptake database, a database from a newer version, corruption.
 */
export function open(file: string, options: OpenOptions = {}): Engine {
  const resolved = path.resolve(file);
  const readonly = options.readonly === true;
  const create = !readonly && options.create !== false;
  checkFolder(resolved, create);
  const stat = fs.statSync(resolved, { throwIfNoEntry: false });
  if (!stat && !create) throw noWorkspace(resolved);
  if (stat?.isDirectory()) {
    throw new UserError('BAD_DATABASE', `${resolved} is a folder, not a database file. Pass a file path with --db.`);
  }
  if (stat) checkWritableFile(resolved);
  if (stat && stat.size === 0 && readonly) {
    throw new UserError(
      'BAD_DATABASE',
      `${resolved} is empty (0 bytes): it holds no workspace. Run \`uptake --db ${resolved} init\` to create one there; nothing was changed.`,
    );
  }

  let sqlite: Database.Database;
  try {
    // Read-write even when reading: a read-only connection cannot remove the -wal and -shm files
    // when it closes; query_only (below) refuses the writes instead.
    sqlite = new Database(resolved, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(readonly ? { fileMustExist: true } : {}),
    });
  } catch (e) {
    throw sqliteUserError(e, resolved) ?? new UserError('BAD_DATABASE', `Cannot open ${resolved}: ${(e as Error).message}.`);
  }

  try {
    return initialise(sqlite, resolved, stat !== undefined, options);
  } catch (e) {
    sqlite.close();
    throw isBusy(e) ? busyError(resolved) : (sqliteUserError(e, resolved) ?? e);
  }
}

/**
 * Every transaction of this connection begins IMMEDIATE (takes the write lock at BEGIN): Uptake's
 * transactions read and then write, and a transaction begun DEFERRED that reads first gets
 * SQLITE_BUSY at once when it comes to write while another process writes, whatever busy_timeout
 * says (SQLite cannot wait there without risking a deadlock). Begun IMMEDIATE, it waits for the
 * other writer like any other. `.deferred` is still there for a transaction that only reads.
 */
function immediateTransactions(sqlite: Database.Database): void {
  const transaction = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn) => transaction(fn).immediate) as typeof sqlite.transaction;
}

function initialise(sqlite: Database.Database, file: string, existed: boolean, options: OpenOptions): Engine {
  const readonly = options.readonly === true;
  if (readonly) sqlite.pragma('query_only = ON');
  const appId = sqlite.pragma('application_id', { simple: true }) as number;
  const tableCount = sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  if (appId !== APPLICATION_ID && tableCount.n > 0) {
    throw new UserError('BAD_DATABASE', `${file} is a SQLite database but not an Uptake one. Check the --db path; nothing was changed.`);
  }
  if (readonly && tableCount.n === 0) {
    throw new UserError(
      'BAD_DATABASE',
      `${file} holds no workspace (it is an empty database). Run \`uptake --db ${file} init\` to create one there; nothing was changed.`,
    );
  }

  if (!readonly) {
    // WAL lets the UI read while an import writes. synchronous=FULL fsyncs the WAL at every commit:
    // NORMAL could lose the last commits on power loss, and a change manager's edits are few and
    // precious, while bulk imports are one transaction each, so the cost is one fsync per import.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs()}`);
  if (!options.readonly) immediateTransactions(sqlite);

  if (existed && tableCount.n > 0) {
    const check = sqlite.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') {
      throw new UserError('BAD_DATABASE', `${file} is damaged (integrity check: ${check}). ${restoreHint(file)}`);
    }
  }

  const known = readMigrations(options.migrationsDir ?? defaultMigrationsDir());
  const applied = appliedMigrations(sqlite);
  const pending = pendingMigrations(file, known, applied);
  if (pending.length > 0) {
    if (readonly) {
      throw new UserError(
        'BAD_DATABASE',
        `${file} was written by an older version of Uptake and needs an upgrade, which this command does not make (it changes nothing). Upgrade it by opening it in the app, or with \`uptake --db ${file} call workspace.get\` (a backup is kept in ${backupDir(file)}), then try again.`,
      );
    }
    if (applied.length > 0) backup(sqlite, file, applied.length);
    applyMigrations(sqlite, pending, applied.length);
  }
  if (appId !== APPLICATION_ID) sqlite.pragma(`application_id = ${APPLICATION_ID}`);

  const orm = drizzle(sqlite, { schema });
  return {
    file,
    sqlite,
    orm,
    schemaVersion: known.length,
    close: () => sqlite.close(),
  };
}

/** Copies the database aside before migrating it; keeps the last few copies. */
function backup(sqlite: Database.Database, file: string, schemaVersion: number): string {
  const dir = backupDir(file);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${path.basename(file, path.extname(file))}-${stamp}-schema${schemaVersion}.db`);
  sqlite.prepare('VACUUM INTO ?').run(target);
  const all = listBackups(file);
  for (const old of all.slice(0, Math.max(0, all.length - BACKUPS_KEPT))) fs.rmSync(old, { force: true });
  return target;
}
