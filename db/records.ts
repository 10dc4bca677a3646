import { eq, inArray } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { notFound } from './errors';
import type { Engine } from './open';
import type { SyncedTableName } from './synced';
import { newId, write } from './write';

/**
 * The write kit: how a domain module creates, changes, deletes and restores the records of one
 * synced table. Each call is one IMMEDIATE transaction (it takes the write lock before it reads,
 * so a concurrent writer waits for busy_timeout instead of failing at once), runs the module's
 * checks inside it, and writes through the write path (change log, HLC, tombstones).
 */

/** Who writes: the engine and the member the change is logged under (null for the system). */
export interface Session {
  engine: Engine;
  authorId: string | null;
}

export type Fields = Record<string, unknown>;

/** A new record's fields: the input, with each of its `optional` fields that it leaves out stored as null. */
export function withNulls<T extends object>(input: T, optional: readonly (keyof T & string)[]): Fields {
  const fields: Fields = {};
  Object.assign(fields, input);
  for (const key of optional) fields[key] = input[key] ?? null;
  return fields;
}

export interface RecordKit<T extends { id: string; deleted: boolean }> {
  /** The record, deleted or not; NOT_FOUND when there is none. */
  get(engine: Engine, id: string): T;
  /** The record when it is not deleted; NOT_FOUND otherwise. */
  live(engine: Engine, id: string): T;
  /** `build` runs inside the transaction: it checks the input and returns the new record's fields. */
  create(s: Session, build: () => Fields): T;
  /** `build` receives the current (live) record and returns the fields to change. */
  update(s: Session, id: string, build: (current: T) => Fields): T;
  /** Sets the tombstone; `check` may refuse (e.g. a team that still has sub-teams). */
  remove(s: Session, id: string, check?: (current: T) => void): T;
  /** Clears the tombstone; `check` may refuse (e.g. a name a live record took meanwhile). */
  restore(s: Session, id: string, check?: (current: T) => void): T;
}

/** The rows of a synced table, the deleted ones only with includeDeleted. */
export function tableRows<T extends SQLiteTable & { deleted: AnySQLiteColumn }>(
  engine: Engine,
  table: T,
  includeDeleted: boolean,
): T['$inferSelect'][] {
  const rows = engine.orm.select().from(table);
  return includeDeleted ? rows.all() : rows.where(eq(table.deleted, false)).all();
}

/** Orders records by name, then by id where names are the same (a stable order for lists). */
export const byName = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
  a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/**
 * At most this many ids in one `id IN (…)` query: under SQLite's limit on bound parameters, which
 * was 999 before SQLite 3.32 (and is 32,766 since).
 */
export const IDS_PER_QUERY = 500;

/**
 * A lookup of records by id, deleted ones included: reads the rows with those ids (`id IN (…)`,
 * IDS_PER_QUERY ids a query, not the whole table) and shapes each batch as the list does (`shape`
 * over rows, at most IDS_PER_QUERY at a time). The records come in the order of `ids`, once each;
 * an id with no row is left out.
 */
export const findIn =
  <T extends SQLiteTable & { id: AnySQLiteColumn }, R extends { id: string }>(
    table: T,
    shape: (engine: Engine, rows: T['$inferSelect'][]) => R[],
  ) =>
  (engine: Engine, ids: readonly string[]): R[] => {
    const wanted = [...new Set(ids)];
    const found = new Map<string, R>();
    for (let i = 0; i < wanted.length; i += IDS_PER_QUERY) {
      const rows = engine.orm
        .select()
        .from(table)
        .where(inArray(table.id, wanted.slice(i, i + IDS_PER_QUERY)))
        .all();
      if (rows.length > 0) for (const r of shape(engine, rows)) found.set(r.id, r);
    }
    return wanted.flatMap((id) => found.get(id) ?? []);
  };

/** A recordKit `find`: the one record with that id (findIn with one id), deleted or not. */
export const findRow = <T extends SQLiteTable & { id: AnySQLiteColumn }, R extends { id: string }>(
  table: T,
  shape: (engine: Engine, rows: T['$inferSelect'][]) => R[],
) => {
  const find = findIn(table, shape);
  return (engine: Engine, id: string): R | undefined => find(engine, [id])[0];
};

/** Each record's name by its id, deleted records included (to name what a row refers to). */
export const namesById = (engine: Engine, list: (engine: Engine, includeDeleted: boolean) => { id: string; name: string }[]) =>
  new Map(list(engine, true).map((r) => [r.id, r.name]));

/** A text column holding a JSON list of strings (tags, choices, model versions): its strings, [] when it holds anything else. */
export function stringList(value: string): string[] {
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Runs `fn` in one transaction (a savepoint when already inside one). */
export function inTransaction<R>(engine: Engine, fn: () => R): R {
  // open() makes every transaction of a writable connection IMMEDIATE.
  return engine.sqlite.transaction(fn)();
}

export function recordKit<T extends { id: string; deleted: boolean }>(spec: {
  table: SyncedTableName;
  /** What a user calls one record, for messages ("team", "shadow process"). */
  label: string;
  find: (engine: Engine, id: string) => T | undefined;
}): RecordKit<T> {
  const get = (engine: Engine, id: string): T => {
    const found = spec.find(engine, id);
    if (!found) throw notFound(spec.label, id);
    return found;
  };
  const live = (engine: Engine, id: string): T => {
    const found = get(engine, id);
    if (found.deleted) throw notFound(spec.label, id);
    return found;
  };
  return {
    get,
    live,
    create: (s, build) =>
      inTransaction(s.engine, () => {
        const id = newId();
        write(s.engine, s.authorId, spec.table, id, build(), 'create');
        return get(s.engine, id);
      }),
    update: (s, id, build) =>
      inTransaction(s.engine, () => {
        write(s.engine, s.authorId, spec.table, id, build(live(s.engine, id)), 'update');
        return get(s.engine, id);
      }),
    remove: (s, id, check) =>
      inTransaction(s.engine, () => {
        check?.(live(s.engine, id));
        write(s.engine, s.authorId, spec.table, id, { deleted: true }, 'update');
        return get(s.engine, id);
      }),
    restore: (s, id, check) =>
      inTransaction(s.engine, () => {
        const current = get(s.engine, id);
        if (current.deleted) check?.(current);
        write(s.engine, s.authorId, spec.table, id, { deleted: false }, 'update');
        return get(s.engine, id);
      }),
  };
}
