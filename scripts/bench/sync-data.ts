import { formatHlc, parseHlc } from '../../db/hlc';
import type { Engine } from '../../db/open';
import { deviceId, getLocal, setLocal } from '../../db/write';

/*
 * Change logs made fast for the sync benchmarks and tests: records as the write path makes them
 * (one stamp per team, its fields in one write), inserted by SQL in one transaction.
 */

export const FIELDS_PER_TEAM = 5;

export interface LogRow {
  hlc: string;
  device_id: string;
  author_id: string | null;
  tbl: string;
  row_id: string;
  col: string;
  value: string | null;
}
export interface TeamRow {
  id: string;
  deleted: number;
  last_hlc: string;
  name: string;
  parent_id: string | null;
  region: string | null;
  business_unit: string | null;
  headcount: number | null;
}

/** Inserts change-log records, then the team rows they make (the guards want the log first), in one transaction. */
export function insertDirect(engine: Engine, log: LogRow[], teams: TeamRow[]): void {
  const logInsert = engine.sqlite.prepare(
    'INSERT INTO change_log (hlc, device_id, author_id, tbl, row_id, col, value) VALUES (@hlc, @device_id, @author_id, @tbl, @row_id, @col, @value)',
  );
  const teamInsert = engine.sqlite.prepare(
    'INSERT INTO teams (id, deleted, last_hlc, name, parent_id, region, business_unit, headcount) VALUES (@id, @deleted, @last_hlc, @name, @parent_id, @region, @business_unit, @headcount)',
  );
  engine.sqlite.transaction(() => {
    for (const r of log) logInsert.run(r);
    for (const t of teams) teamInsert.run(t);
  })();
}

/**
 * `count` teams of five fields each as this device's change manager made them, stamped after the
 * device's clock as its own writes would be (a thousand to the millisecond, so a million end a
 * second ahead). Stamps older than what other devices have already read from this one would
 * break sync's rule that a device's stamps only grow: compaction would take them as read.
 */
export function generateTeams(engine: Engine, author: string, count: number, prefix: string): { log: LogRow[]; teams: TeamRow[] } {
  const device = deviceId(engine);
  const clock = getLocal(engine, 'hlc');
  const start = Math.max(Date.now(), clock ? parseHlc(clock).millis + 1 : 0);
  const log: LogRow[] = [];
  const teams: TeamRow[] = [];
  for (let i = 0; i < count; i++) {
    const hlc = formatHlc({ millis: start + Math.floor(i / 1000), counter: i % 1000 }, device);
    // UUIDv7-like ids in creation order, distinct per prefix.
    const id = `${prefix}${String(i).padStart(8, '0')}-0000-7000-8000-000000000000`;
    const team: TeamRow = {
      id,
      deleted: 0,
      last_hlc: hlc,
      name: `Team ${prefix}${i}`,
      parent_id: null,
      region: ['North', 'South', 'East', 'West'][i % 4] ?? null,
      business_unit: `Unit ${i % 37}`,
      headcount: 5 + (i % 200),
    };
    teams.push(team);
    const fields: [string, unknown][] = [
      ['deleted', false],
      ['name', team.name],
      ['region', team.region],
      ['business_unit', team.business_unit],
      ['headcount', team.headcount],
    ];
    for (const [col, value] of fields) {
      log.push({ hlc, device_id: device, author_id: author, tbl: 'teams', row_id: id, col, value: JSON.stringify(value) });
    }
  }
  setLocal(engine, 'hlc', log[log.length - 1]?.hlc ?? '');
  return { log, teams };
}
