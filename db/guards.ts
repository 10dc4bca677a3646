import { getTableColumns } from 'drizzle-orm';
import { searchIndexSql } from './feedback/search-index';
import { syncedTables } from './schema';
import { SYNCED_TABLES, type SyncedTableName } from './synced';

/*
 * The SQL guards of the synced tables, generated from the schema (never written by hand):
 * - the write-path guards: an insert or update must carry a `last_hlc` for which the change log
 *   holds a record of this row, and rows are never hard-deleted;
 * - value checks: a column declared with one of the model's value lists (roles, statuses,
 *   kinds…) accepts only those values, so the list is declared once and SQL follows it.
 * `npm run db:guards` writes a migration with whatever the migrations do not have yet (a new
 * synced table, a new enum column); applied migrations never change.
 */

export interface Trigger {
  name: string;
  sql: string;
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

export function writePathGuards(table: SyncedTableName): Trigger[] {
  const logged = `SELECT 1 FROM \`change_log\` WHERE \`tbl\` = '${table}' AND \`row_id\` = NEW.\`id\` AND \`hlc\` = NEW.\`last_hlc\``;
  return [
    {
      name: `${table}_guard_insert`,
      sql: `CREATE TRIGGER \`${table}_guard_insert\` BEFORE INSERT ON \`${table}\`
WHEN NOT EXISTS (${logged})
BEGIN SELECT RAISE(ABORT, '${table}: a row was inserted without a change-log record (use the write path)'); END;`,
    },
    {
      name: `${table}_guard_update`,
      sql: `CREATE TRIGGER \`${table}_guard_update\` BEFORE UPDATE ON \`${table}\`
WHEN NEW.\`last_hlc\` IS OLD.\`last_hlc\` OR NEW.\`id\` IS NOT OLD.\`id\` OR NOT EXISTS (${logged})
BEGIN SELECT RAISE(ABORT, '${table}: a row was changed without a change-log record (use the write path)'); END;`,
    },
    {
      name: `${table}_guard_delete`,
      sql: `CREATE TRIGGER \`${table}_guard_delete\` BEFORE DELETE ON \`${table}\`
BEGIN SELECT RAISE(ABORT, '${table}: synced rows are never deleted; set deleted through the write path'); END;`,
    },
  ];
}

/** The columns of synced tables declared with a value list, and their values. */
export function enumColumns(): { table: SyncedTableName; column: string; values: readonly string[] }[] {
  return SYNCED_TABLES.flatMap((table) =>
    Object.values(getTableColumns(syncedTables[table])).flatMap((col) => {
      const values = (col as { enumValues?: readonly string[] }).enumValues;
      return values && values.length > 0 ? [{ table, column: col.name, values }] : [];
    }),
  );
}

export function valueChecks(table: SyncedTableName, column: string, values: readonly string[]): Trigger[] {
  const when = `WHEN NEW.\`${column}\` NOT IN (${values.map(q).join(', ')})`;
  const raise = `BEGIN SELECT RAISE(ABORT, ${q(`${table}.${column} must be one of ${values.join(', ')}`)}); END;`;
  return [
    {
      name: `${table}_check_${column}_insert`,
      sql: `CREATE TRIGGER \`${table}_check_${column}_insert\` BEFORE INSERT ON \`${table}\`\n${when}\n${raise}`,
    },
    {
      name: `${table}_check_${column}_update`,
      sql: `CREATE TRIGGER \`${table}_check_${column}_update\` BEFORE UPDATE OF \`${column}\` ON \`${table}\`\n${when}\n${raise}`,
    },
  ];
}

/** Every guard and check the schema calls for, in a stable order. */
export function allGuards(): Trigger[] {
  return [
    ...SYNCED_TABLES.flatMap(writePathGuards),
    ...enumColumns().flatMap(({ table, column, values }) => valueChecks(table, column, values)),
  ];
}

/**
 * What the migrations' SQL still lacks. A trigger the migrations create with other SQL than the
 * schema calls for is an error: value lists may grow only through a new migration that drops
 * and recreates the check (write it by hand; this never rewrites an applied migration).
 */
export function missingGuards(migrationsSql: string): Trigger[] {
  const created = new Map<string, string>();
  // In order: a trigger dropped and created again later (a value list that grew) counts as created.
  for (const statement of migrationsSql.split('--> statement-breakpoint')) {
    const body = statement.trim().replace(/^(--[^\n]*\n)+/, '');
    for (const m of statement.matchAll(/DROP TRIGGER (?:IF EXISTS )?`([^`]+)`/g)) if (m[1]) created.delete(m[1]);
    const match = /CREATE TRIGGER `([^`]+)`/.exec(statement) ?? /^CREATE (?:VIRTUAL )?TABLE `(search_[a-z_]+)`/.exec(body);
    const fill = /^INSERT INTO `(search_[a-z_]+)`/.exec(body);
    if (match?.[1]) created.set(match[1], body);
    else if (fill?.[1]) created.set(`${fill[1]}_fill`, body);
  }
  // The feedback search index is derived SQL too (db/feedback/search-index.ts), written with the guards.
  return [...allGuards(), ...searchIndexSql()].filter((t) => {
    const existing = created.get(t.name);
    if (existing === undefined) return true;
    if (existing !== t.sql)
      throw new Error(`Trigger ${t.name} in the migrations differs from what the schema calls for:\n${existing}\n---\n${t.sql}`);
    return false;
  });
}
