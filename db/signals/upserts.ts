import type { Engine } from '../open';

/*
 * The statements that write a stored signal row by its key, shared by the import and by sync
 * (which applies the batches other devices imported): both must keep one row per key the same way.
 */

/** A monthly row (usage, pulse) by month, team and initiative; `cols` are its value columns, bound in order before the batch. */
export const monthlyUpsert = (engine: Engine, table: 'usage' | 'pulse', cols: readonly string[]) =>
  engine.sqlite.prepare(
    `INSERT INTO ${table} (month, team_id, initiative_id, ${cols.join(', ')}, batch_id) VALUES (?, ?, ?, ${cols.map(() => '?').join(', ')}, ?)
     ON CONFLICT (month, team_id, initiative_id) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, batch_id = excluded.batch_id`,
  );

/** A directory row by person and effective date: user, effective_from, team_id, region, manager, batch_id. */
export const personUpsert = (engine: Engine) =>
  engine.sqlite.prepare(
    `INSERT INTO people (user, effective_from, team_id, region, manager, batch_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (user, effective_from) DO UPDATE SET team_id = excluded.team_id, region = excluded.region,
       manager = excluded.manager, batch_id = excluded.batch_id`,
  );
