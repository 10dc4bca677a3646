import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { and, eq, getTableColumns } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { UserError } from './errors';
import { formatHlc, type HlcState, parseHlc, tick } from './hlc';
import type { Engine } from './open';
import { changeLog, localState, syncedTables } from './schema';
import type { SyncedTableName } from './synced';

/*
 * The write path: the only code that changes synced rows. One call is one SQLite transaction that
 * appends a change-log record per changed field (stamped with one HLC, this device and the
 * author) and then writes the row with `last_hlc` set to that stamp. Triggers refuse anything else.
 */

// Read many times per sync: one prepared statement per connection instead of a query builder per call.
const localReads = new WeakMap<Engine['sqlite'], Statement<[string], string | undefined>>();
export function getLocal(engine: Engine, key: string): string | null {
  let read = localReads.get(engine.sqlite);
  if (!read) {
    read = engine.sqlite.prepare<[string], string | undefined>('SELECT value FROM local_state WHERE key = ?').pluck();
    localReads.set(engine.sqlite, read);
  }
  return read.get(key) ?? null;
}

export function setLocal(engine: Engine, key: string, value: string): void {
  engine.orm.insert(localState).values({ key, value }).onConflictDoUpdate({ target: localState.key, set: { value } }).run();
}

/** This device's id: 16 random hex characters, made once per database file. */
export function deviceId(engine: Engine): string {
  const existing = getLocal(engine, 'device_id');
  if (existing) return existing;
  const made = randomBytes(8).toString('hex');
  setLocal(engine, 'device_id', made);
  return made;
}

/** The next HLC stamp of this device, persisted so stamps stay monotonic across restarts. */
export function nextHlc(engine: Engine, now: number = Date.now()): string {
  const device = deviceId(engine);
  const last = getLocal(engine, 'hlc');
  const state: HlcState = last ? parseHlc(last) : { millis: 0, counter: 0 };
  const stamp = formatHlc(tick(state, now), device);
  setLocal(engine, 'hlc', stamp);
  return stamp;
}

export const newId = (): string => uuidv7();

type Row = Record<string, unknown>;

export interface WriteResult {
  id: string;
  hlc: string | null;
  /** Property names of the fields that changed (empty when the write changed nothing). */
  changed: string[];
}

/** SQL column name for a property of a synced table. */
export function columnName(table: SyncedTableName, property: string): string {
  const column = (getTableColumns(syncedTables[table]) as Record<string, { name: string }>)[property];
  if (!column) throw new Error(`${table} has no field ${property}`);
  return column.name;
}

/** Property name for an SQL column of a synced table. */
export function propertyName(table: SyncedTableName, column: string): string {
  for (const [prop, col] of Object.entries(getTableColumns(syncedTables[table]))) {
    if (col.name === column) return prop;
  }
  return column;
}

export function readRow(engine: Engine, table: SyncedTableName, id: string): Row | undefined {
  const t = syncedTables[table];
  return engine.orm.select().from(t).where(eq(t.id, id)).get() as Row | undefined;
}

/**
 * Creates (`mode: 'create'`) or changes (`mode: 'update'`) one synced row. `patch` holds property
 * names; undefined values are ignored, everything else is written and logged if it differs.
 */
export function write(
  engine: Engine,
  authorId: string | null,
  table: SyncedTableName,
  id: string,
  patch: Row,
  mode: 'create' | 'update',
): WriteResult {
  const t = syncedTables[table];
  return engine.sqlite.transaction((): WriteResult => {
    const existing = readRow(engine, table, id);
    if (mode === 'create' && existing) throw new UserError('CONFLICT', `${table}: a record with id ${id} already exists.`);
    if (mode === 'update' && !existing) throw new UserError('NOT_FOUND', `${table}: no record with id ${id}.`);
    const fields: Row = mode === 'create' ? { deleted: false, ...patch } : patch;
    const changed = Object.entries(fields).filter(
      ([key, value]) => value !== undefined && key !== 'id' && key !== 'lastHlc' && (!existing || existing[key] !== value),
    );
    if (changed.length === 0) return { id, hlc: null, changed: [] };

    const hlc = nextHlc(engine);
    const device = deviceId(engine);
    for (const [key, value] of changed) {
      engine.orm
        .insert(changeLog)
        .values({ hlc, deviceId: device, authorId, tbl: table, rowId: id, col: columnName(table, key), value: JSON.stringify(value) })
        .run();
    }
    const values = Object.fromEntries(changed);
    if (existing) {
      engine.orm
        .update(t)
        .set({ ...values, lastHlc: hlc })
        .where(eq(t.id, id))
        .run();
    } else {
      // `t` is a union of tables, so TypeScript cannot relate `values` to one row type; the
      // property names were mapped to this table's columns above (columnName throws otherwise).
      engine.orm
        .insert(t)
        .values({ ...values, id, lastHlc: hlc } as never)
        .run();
    }
    return { id, hlc, changed: changed.map(([k]) => k) };
  })();
}

/** Every change-log record of one row, oldest first. */
export function rowLog(engine: Engine, table: SyncedTableName, id: string) {
  return engine.orm
    .select()
    .from(changeLog)
    .where(and(eq(changeLog.tbl, table), eq(changeLog.rowId, id)))
    .orderBy(changeLog.hlc, changeLog.col)
    .all();
}
