import { asc, getTableColumns } from 'drizzle-orm';
import type { Engine } from './open';
import { syncedTables } from './schema';
import type { ExportData } from './workspace/model';

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
  // The people directory: users as their keyed hashes, as stored.
  tables.people = engine.sqlite
    .prepare(
      `SELECT user AS userHash, effective_from AS effectiveFrom, team_id AS teamId, region, manager AS managerHash, batch_id AS batchId
       FROM people ORDER BY user, effective_from`,
    )
    .all() as Record<string, unknown>[];
  // Decisions carry local integer keys; export translates them back to the synced text ids.
  tables.decisions = engine.sqlite
    .prepare(
      `SELECT i.value AS initiativeId, d.recommendation_id AS recommendationId, u.value AS userHash, d.ts, t.value AS teamId,
         CASE d.action WHEN 0 THEN 'accepted' WHEN 1 THEN 'edited' WHEN 2 THEN 'overridden' ELSE 'ignored' END AS action,
         d.reason, d.recommended, d.final, b.value AS batchId
       FROM decisions d
       JOIN signal_keys i ON i.id = d.initiative JOIN signal_keys u ON u.id = d.user
       JOIN signal_keys t ON t.id = d.team JOIN signal_keys b ON b.id = d.batch
       ORDER BY i.value, d.recommendation_id, u.value`,
    )
    .all() as Record<string, unknown>[];
  return { format: 'uptake-export', version: 1, schemaVersion: engine.schemaVersion, tables };
}
