import { getTableColumns } from 'drizzle-orm';
import { appliedMigrations } from './migrate';
import type { Engine } from './open';
import { changeLog, syncedTables } from './schema';
import type { CheckResult } from './workspace/model';

/**
 * Integrity check, schema version, and change-log consistency: replaying the log (per field, the
 * highest HLC wins) must give exactly the rows in the tables.
 */
export function checkDatabase(engine: Engine): CheckResult {
  const integrity = (engine.sqlite.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
  const mismatches: string[] = [];
  let rowsChecked = 0;
  const latest = new Map<string, { hlc: string; value: string | null }>();
  for (const rec of engine.orm.select().from(changeLog).all()) {
    const key = `${rec.tbl}\u0000${rec.rowId}\u0000${rec.col}`;
    const cur = latest.get(key);
    if (!cur || rec.hlc > cur.hlc) latest.set(key, { hlc: rec.hlc, value: rec.value });
  }
  const seenRows = new Set<string>();
  for (const [name, table] of Object.entries(syncedTables)) {
    const columns = Object.entries(getTableColumns(table)).filter(([prop]) => prop !== 'lastHlc' && prop !== 'id');
    for (const row of engine.orm.select().from(table).all() as Record<string, unknown>[]) {
      rowsChecked++;
      const id = String(row.id);
      seenRows.add(`${name}\u0000${id}`);
      for (const [prop, col] of columns) {
        const logged = latest.get(`${name}\u0000${id}\u0000${col.name}`);
        if (!logged) {
          // A column added by a later migration (stakeholders.rated_at) is null in the rows written
          // before it, with nothing logged: that is what they held, not a change behind the log's back.
          if ((row[prop] ?? null) === null) continue;
          mismatches.push(`${name} ${id}: field ${prop} has no change-log record`);
          continue;
        }
        if (JSON.stringify(row[prop] ?? null) !== (logged.value ?? 'null')) {
          mismatches.push(`${name} ${id}: field ${prop} is ${JSON.stringify(row[prop])} but the change log says ${logged.value}`);
        }
      }
    }
  }
  for (const key of latest.keys()) {
    const [tbl, rowId] = key.split('\u0000');
    if (!seenRows.has(`${tbl}\u0000${rowId}`)) mismatches.push(`${tbl} ${rowId}: in the change log but missing from the table`);
  }
  mismatches.push(...checkDecisionAggregates(engine));
  const records = (engine.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
  const unique = [...new Set(mismatches)];
  return {
    ok: integrity === 'ok' && unique.length === 0,
    file: engine.file,
    integrity,
    schemaVersion: engine.schemaVersion,
    migrations: appliedMigrations(engine.sqlite).map(({ tag, appliedAt }) => ({ tag, appliedAt })),
    changeLog: { records, rowsChecked, mismatches: unique.slice(0, 100) },
  };
}

/** The decision aggregates kept by imports must equal a recount of the decisions. */
function checkDecisionAggregates(engine: Engine): string[] {
  const out: string[] = [];
  const counts = engine.sqlite
    .prepare(
      `SELECT initiative, team, month, sum(action = 0), sum(action = 1), sum(action = 2), sum(action = 3) FROM decisions GROUP BY 1, 2, 3
       EXCEPT SELECT initiative, team, month, accepted, edited, overridden, ignored FROM decision_counts`,
    )
    .raw()
    .all();
  const extra = engine.sqlite
    .prepare(
      `SELECT initiative, team, month, accepted, edited, overridden, ignored FROM decision_counts
       EXCEPT SELECT initiative, team, month, sum(action = 0), sum(action = 1), sum(action = 2), sum(action = 3) FROM decisions GROUP BY 1, 2, 3`,
    )
    .raw()
    .all();
  if (counts.length + extra.length > 0) out.push(`decision_counts disagrees with decisions in ${counts.length + extra.length} cells`);
  const users = engine.sqlite
    .prepare(
      `SELECT initiative, team, month, user, count(*), sum(action <> 3), sum(action = 2) FROM decisions GROUP BY 1, 2, 3, 4
       EXCEPT SELECT initiative, team, month, user, total, acted, overridden FROM decision_user_counts`,
    )
    .raw()
    .all();
  if (users.length > 0) out.push(`decision_user_counts disagrees with decisions in ${users.length} cells`);
  return out;
}
