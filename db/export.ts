import { asc, getTableColumns } from 'drizzle-orm';
import type { CheckResult, ExportData } from './api/types';
import { appliedMigrations } from './migrate';
import type { Engine } from './open';
import { changeLog, syncedTables } from './schema';

/**
 * All synced data in a deterministic order (tables in schema order, rows by id, fields in column
 * order), local-only state (device id, clock, profiles) and `last_hlc` excluded, so two databases
 * that have converged export byte-identical JSON.
 */
export function exportWorkspace(engine: Engine): ExportData {
  const tables: ExportData['tables'] = {};
  for (const [name, table] of Object.entries(syncedTables)) {
    const columns = Object.keys(getTableColumns(table)).filter((c) => c !== 'lastHlc');
    const rows = engine.orm.select().from(table).orderBy(asc(table.id)).all() as Record<string, unknown>[];
    tables[name] = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
  }
  tables.usage = engine.sqlite
    .prepare(
      `SELECT month, team_id AS teamId, initiative_id AS initiativeId, licensed_users AS licensedUsers, active_users AS activeUsers,
         workflows_started AS workflowsStarted, workflows_completed AS workflowsCompleted, batch_id AS batchId
       FROM usage ORDER BY month, team_id, initiative_id`,
    )
    .all() as Record<string, unknown>[];
  tables.pulse = engine.sqlite
    .prepare(
      `SELECT month, team_id AS teamId, initiative_id AS initiativeId, respondents, trust_mean AS trustMean, manual_backup AS manualBackup,
         batch_id AS batchId FROM pulse ORDER BY month, team_id, initiative_id`,
    )
    .all() as Record<string, unknown>[];
  // Decisions carry local integer keys; export translates them back to the synced text ids.
  tables.decisions = engine.sqlite
    .prepare(
      `SELECT i.value AS initiativeId, d.recommendation_id AS recommendationId, u.value AS userHash, d.ts, t.value AS teamId,
         CASE d.action WHEN 0 THEN 'accepted' WHEN 1 THEN 'edited' WHEN 2 THEN 'overridden' ELSE 'ignored' END AS action,
         d.reason, b.value AS batchId
       FROM decisions d
       JOIN signal_keys i ON i.id = d.initiative JOIN signal_keys u ON u.id = d.user
       JOIN signal_keys t ON t.id = d.team JOIN signal_keys b ON b.id = d.batch
       ORDER BY i.value, d.recommendation_id, u.value`,
    )
    .all() as Record<string, unknown>[];
  return { format: 'uptake-export', version: 1, schemaVersion: engine.schemaVersion, tables };
}

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
