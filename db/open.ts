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
  /** Create the file if it does not exist (its folder must exist). Default true. */
  create?: boolean;
  migrationsDir?: string;
  /** Path to a better-sqlite3 binary built for another runtime (Electron). */
  nativeBinding?: string;
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
    return 'No automatic backup exists for it. Restore it from your own backups, or, if its workspace is synced, move the file aside and run `uptake join` to fetch the workspace again from the shared folder.';
  }
  const latest = backups[backups.length - 1];
  return `Uptake keeps backups made before each upgrade in ${backupDir(file)}. Close Uptake, move the damaged file aside, and copy the latest backup (${path.basename(latest ?? '')}) to ${file}.`;
}

/**
 * Opens (creating if needed) an Uptake database: pragmas, integrity check, backup, migrations.
 * Throws UserError for everything a user can act on: a missing folder, a file that is not an
 * Uptake database, a database from a newer version, corruption.
 */
export function open(file: string, options: OpenOptions = {}): Engine {
  const resolved = path.resolve(file);
  const dir = path.dirname(resolved);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UserError('BAD_DATABASE', `The folder ${dir} does not exist. Create it first, or pass another file with --db.`);
  }
  const exists = fs.existsSync(resolved);
  if (!exists && options.create === false) {
    throw new UserError('BAD_DATABASE', `No database at ${resolved}. Run \`uptake init\` (or \`uptake demo\`) to create one.`);
  }
  if (exists && fs.statSync(resolved).isDirectory()) {
    throw new UserError('BAD_DATABASE', `${resolved} is a folder, not a database file. Pass a file path with --db.`);
  }

  let sqlite: Database.Database;
  try {
    sqlite = new Database(resolved, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.readonly ? { readonly: true } : {}),
    });
  } catch (e) {
    throw new UserError('BAD_DATABASE', `Cannot open ${resolved}: ${(e as Error).message}.`);
  }

  try {
    return initialise(sqlite, resolved, exists, options);
  } catch (e) {
    sqlite.close();
    throw isBusy(e) ? busyError(resolved) : e;
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
  let appId: number;
  try {
    appId = sqlite.pragma('application_id', { simple: true }) as number;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new UserError(
        'BAD_DATABASE',
        `${file} is not an Uptake database (it is not a SQLite file at all). Check the --db path; nothing was changed.`,
      );
    }
    if (code === 'SQLITE_CORRUPT') {
      throw new UserError('BAD_DATABASE', `${file} is damaged (SQLite reports corruption). ${restoreHint(file)}`);
    }
    throw e;
  }
  const tableCount = sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  if (appId !== APPLICATION_ID && tableCount.n > 0) {
    throw new UserError('BAD_DATABASE', `${file} is a SQLite database but not an Uptake one. Check the --db path; nothing was changed.`);
  }

  if (!options.readonly) {
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
    if (options.readonly) throw new UserError('BAD_DATABASE', `${file} needs an upgrade; open it once without read-only mode.`);
    if (applied.length > 0) backup(sqlite, file, applied.length);
    applyMigrations(sqlite, pending, applied.length);
  }
  if (appId !== APPLICATION_ID && !options.readonly) sqlite.pragma(`application_id = ${APPLICATION_ID}`);

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
