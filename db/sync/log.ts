import type { Statement } from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import type { Engine } from '../open';
import { syncedTables } from '../schema';
import { SYNCED_TABLES, type SyncedTableName } from '../synced';
import { deviceId, getLocal, setLocal } from '../write';
import type { Ownership } from './batches';

/*
 * What a device notes about its sync (local_state keys `sync_*`) and how it rebuilds records from
 * the change log: shared by applying change files (sync.ts) and snapshots (snapshots.ts).
 */

/** The last change-log seq of this device in a published file (status counts what is after it). */
export const PUBLISHED_LOG_SEQ = 'sync_published_log_seq';
export const FILE_SEQ = 'sync_file_seq';
export const PREV_HASH = 'sync_prev_hash';
export const SYNC_FOLDER = 'sync_folder';
export const applied = (device: string) => `sync_applied:${device}`;
export const appliedHash = (device: string) => `sync_applied_hash:${device}`;
export const APPLIED_HLC = 'sync_applied_hlc:';
export const appliedHlc = (device: string) => `${APPLIED_HLC}${device}`;

export const FORMER_IDS = 'sync_former_device_ids';

/**
 * `sync_seen:<device>:<last stamp of a change file>` → that file's `seen` (JSON; null when not
 * known: a file of an earlier build, or what a snapshot this device started from covers). A
 * change's file is the one with the lowest last stamp at or after the change's own: what its
 * device had read when it wrote it, which judges conflicts the same on every device.
 */
export const SEEN_NOTE = 'sync_seen:';
export const seenNote = (device: string, hlcTo: string) => `${SEEN_NOTE}${device}:${hlcTo}`;

/**
 * Notes that this device has read another device's files up to `seq` (whose SHA-256 is `hash`
 * and last stamp `hlc`), and what that file's device had read (null: not known).
 */
export function noteRead(
  engine: Engine,
  device: string,
  file: { seq: number; hash: string | null; hlc: string; seen: Record<string, string> | null },
): void {
  setLocal(engine, applied(device), String(file.seq));
  if (file.hash) setLocal(engine, appliedHash(device), file.hash);
  if (!file.hlc) return;
  setLocal(engine, appliedHlc(device), file.hlc);
  setLocal(engine, seenNote(device, file.hlc), JSON.stringify(file.seen));
}

/** The stamp of the last change applied from each other device: a change file's `seen`. */
export function seenNow(engine: Engine): Record<string, string> {
  const rows = engine.sqlite
    .prepare('SELECT key, value FROM local_state WHERE key >= ? AND key < ? ORDER BY key')
    .all(APPLIED_HLC, `${APPLIED_HLC}\uffff`) as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key.slice(APPLIED_HLC.length), r.value]));
}

/**
 * This database's own change-log records: under its device id, and under an id it had before it
 * found it was a copy (up to the record it had then: later records under that id came from the
 * other copy).
 */
export function ownership(engine: Engine): Ownership {
  return { me: deviceId(engine), former: JSON.parse(getLocal(engine, FORMER_IDS) ?? '[]') as Ownership['former'] };
}
export const ownSql = (o: Ownership) => ({
  sql: `(device_id = ?${o.former.map(() => ' OR (device_id = ? AND seq <= ?)').join('')})`,
  params: [o.me, ...o.former.flatMap((f) => [f.id, f.upTo])] as (string | number)[],
});

/** Each synced table's SQL columns, computed once: every received change is checked against them. */
export const COLUMNS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  SYNCED_TABLES.map((table) => [
    table,
    new Set(Object.values(getTableColumns(syncedTables[table]) as Record<string, { name: string }>).map((c) => c.name)),
  ]),
);

type SqlValue = string | number | bigint | null;
/** A change's JSON value as its SQL column holds it (booleans are integers there). */
const sqlValue = (json: string | null): SqlValue => {
  const v = json === null ? null : (JSON.parse(json) as unknown);
  return typeof v === 'boolean' ? (v ? 1 : 0) : (v as SqlValue);
};

/**
 * Rebuilds records from their change log: each field takes the value of its change with the
 * highest stamp. Plain prepared statements, made once per sync and per shape: applying a file
 * rebuilds every record it touches, and a query builder per record costs more than the write.
 */
export function rebuilder(engine: Engine) {
  const winnersOf = engine.sqlite.prepare<[string, string], { col: string; value: string | null; hlc: string }>(
    // SQLite takes the bare columns of an aggregate query with MAX() from the row holding the maximum.
    'SELECT col, value, MAX(hlc) AS hlc FROM change_log WHERE tbl = ? AND row_id = ? GROUP BY col',
  );
  const statements = new Map<string, Statement<SqlValue[]>>();
  const statement = (sql: string) => {
    let found = statements.get(sql);
    if (!found) {
      found = engine.sqlite.prepare<SqlValue[]>(sql);
      statements.set(sql, found);
    }
    return found;
  };
  // Table and column names below are the schema's own (COLUMNS): received changes naming others are refused before.
  return (table: SyncedTableName, id: string): void => {
    const winners = winnersOf.all(table, id);
    const existing = statement(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, SqlValue> | undefined;
    const cols: string[] = [];
    const values: SqlValue[] = [];
    let stamp = '';
    for (const w of winners) {
      if (w.col === 'id' || w.col === 'last_hlc') continue;
      const value = sqlValue(w.value);
      if (existing && existing[w.col] === value) continue;
      cols.push(w.col);
      values.push(value);
      if (w.hlc > stamp) stamp = w.hlc;
    }
    if (!stamp) return;
    if (existing) {
      statement(`UPDATE "${table}" SET ${cols.map((c) => `"${c}" = ?`).join(', ')}, last_hlc = ? WHERE id = ?`).run(...values, stamp, id);
      return;
    }
    try {
      statement(
        `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}, id, last_hlc) VALUES (${cols.map(() => '?').join(', ')}, ?, ?)`,
      ).run(...values, id, stamp);
    } catch (e) {
      // Later fields of a record whose creation has not arrived yet: the record is built when it does.
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_NOTNULL') return;
      throw e;
    }
  };
}
