import fs from 'node:fs';
import path from 'node:path';
import { UserError } from './errors';

/*
 * Another process writing to the same database: SQLite lets one connection write at a time. A
 * writer that finds the lock taken waits (busy_timeout, set by open) and then fails with
 * SQLITE_BUSY; that failure reaches the user as a UserError saying which database is busy and,
 * when it is an import, which one (its marker file, written next to the database while the import
 * holds the lock), instead of "database is locked" and a stack trace.
 */

/** How long a writer waits for another one to finish (ms): UPTAKE_BUSY_TIMEOUT_MS, else 5 s. */
export function busyTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.UPTAKE_BUSY_TIMEOUT_MS);
  return Number.isInteger(ms) && ms >= 0 ? ms : 5000;
}

/** SQLite's "another connection holds the lock" errors (better-sqlite3 puts SQLite's code on the error). */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
}

interface Holder {
  what: string;
  pid: number;
  since: string;
}

const markerFile = (dbFile: string) => `${dbFile}.writing.json`;

/**
 * Notes what is about to hold the database's write lock for long (an import), for the message a
 * waiting writer gets; returns the function that removes the note. A note left by a process that
 * died is ignored (its process id no longer runs). Best effort: a folder that cannot take the
 * note changes nothing else.
 */
export function noteWriter(dbFile: string, what: string): () => void {
  const file = markerFile(dbFile);
  const holder: Holder = { what, pid: process.pid, since: new Date().toISOString() };
  try {
    fs.writeFileSync(file, JSON.stringify(holder));
  } catch {
    return () => {};
  }
  return () => {
    try {
      const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
      if (current.pid === holder.pid && current.since === holder.since) fs.rmSync(file, { force: true });
    } catch {
      // Gone already, or replaced by another writer's note: theirs to remove.
    }
  };
}

function currentWriter(dbFile: string): Holder | null {
  try {
    const holder = JSON.parse(fs.readFileSync(markerFile(dbFile), 'utf8')) as Holder;
    if (typeof holder.what !== 'string' || !Number.isInteger(holder.pid)) return null;
    process.kill(holder.pid, 0); // throws when no such process runs
    return holder;
  } catch {
    return null;
  }
}

/** The user's message for SQLITE_BUSY on `dbFile`: what is busy, what holds it, what to do. */
export function busyError(dbFile: string): UserError {
  const holder = currentWriter(dbFile);
  const who = holder
    ? `${holder.what} (process ${holder.pid}, started ${holder.since.slice(11, 19)} UTC) is writing to it`
    : 'another Uptake window or process is writing to it';
  const waited = (busyTimeoutMs() / 1000).toLocaleString('en-US');
  return new UserError(
    'BUSY',
    `The database ${path.resolve(dbFile)} is busy: ${who}, and did not finish within the ${waited} s this waited. Try again when it has finished; nothing was changed.`,
  );
}
