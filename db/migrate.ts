import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { UserError } from './errors';

/**
 * Applies the drizzle-kit migrations in `dir` (its `meta/_journal.json` and SQL files) with our own
 * bookkeeping: each applied migration is recorded with the SHA-256 of its SQL, so a migration
 * edited after it was applied fails loudly instead of silently diverging, and a database that
 * has migrations this build does not know (written by a newer Uptake) is refused.
 */
export interface Migration {
  tag: string;
  sql: string;
  hash: string;
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function readMigrations(dir: string): Migration[] {
  const journalFile = path.join(dir, 'meta', '_journal.json');
  if (!fs.existsSync(journalFile)) throw new Error(`Migrations not found: ${journalFile} is missing.`);
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal;
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => {
      const sql = fs.readFileSync(path.join(dir, `${tag}.sql`), 'utf8');
      return { tag, sql, hash: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface AppliedMigration {
  tag: string;
  hash: string;
  appliedAt: string;
}

/** Reads only: a database opened read-only must not gain even the bookkeeping table. */
export function appliedMigrations(sqlite: Database.Database): AppliedMigration[] {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return [];
  return sqlite.prepare('SELECT tag, hash, applied_at AS appliedAt FROM schema_migrations ORDER BY idx').all() as AppliedMigration[];
}

/** Checks applied against known migrations; returns the ones still to apply. */
export function pendingMigrations(file: string, known: Migration[], applied: AppliedMigration[]): Migration[] {
  applied.forEach((a, i) => {
    const k = known[i];
    if (!k || k.tag !== a.tag) {
      throw new UserError(
        'BAD_DATABASE',
        `${file} was written by a newer version of Uptake (its schema has migration "${a.tag}", which this version does not know; this version knows ${known.length} migrations). Update Uptake to open it; nothing was changed.`,
      );
    }
    if (k.hash !== a.hash) {
      throw new Error(
        `Migration "${a.tag}" was edited after it was applied to ${file} (applied hash ${a.hash.slice(0, 12)}…, now ${k.hash.slice(0, 12)}…). Restore the original migration file and add a new migration instead.`,
      );
    }
  });
  return known.slice(applied.length);
}

export function applyMigrations(sqlite: Database.Database, pending: Migration[], firstIdx: number): void {
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (idx INTEGER PRIMARY KEY, tag TEXT NOT NULL UNIQUE, hash TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const record = sqlite.prepare('INSERT INTO schema_migrations (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)');
  pending.forEach((m, i) => {
    sqlite.transaction(() => {
      for (const statement of m.sql.split('--> statement-breakpoint')) {
        if (statement.trim()) sqlite.exec(statement);
      }
      record.run(firstIdx + i, m.tag, m.hash, new Date().toISOString());
    })();
  });
  sqlite.pragma(`user_version = ${firstIdx + pending.length}`);
}
