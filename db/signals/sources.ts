import type { Engine } from '../open';
import type { SourceKind, SourceRows } from '../reports/model';
import { isActiveBetween } from '../shadow-processes/model';
import { ACTIONS } from './decisions-read';
import { intToMonth, monthToInt } from './keys';
import { decisionFilter, resolveSlice, type Slice } from './metrics';

/*
 * The drill-down behind a figure: the stored rows of one source that fed a slice, a page at a
 * time. Usage, pulse and the register are small and filtered here; decisions can be millions of
 * rows, so they are filtered and paged in SQL and their total comes from the exact aggregates.
 */

export interface SourceQuery extends Slice {
  source: SourceKind;
  /** Decisions only: one action (e.g. only the overrides behind an override rate). */
  action?: (typeof ACTIONS)[number] | null;
  offset?: number;
  limit?: number;
}

const col = (key: string, label: string, numeric = false) => ({ key, label, numeric });

export function sourceRows(engine: Engine, q: SourceQuery): SourceRows {
  const slice = resolveSlice(engine, q);
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 50;
  const teamName = new Map(slice.teams.map((t) => [t.id, t.name]));
  const initiativeName = new Map(slice.initiatives.map((i) => [i.id, i.name]));
  // The file a row came from (a page's worth of lookups, not the whole table).
  const fileOf = engine.sqlite.prepare('SELECT file_name FROM import_batches WHERE id = ?').pluck();
  const fileName = (batchId: string) => (fileOf.get(batchId) as string | undefined) ?? null;
  /** One page of `all`; with `batchLast`, the last cell holds a batch id, shown as its file. */
  const page = (columns: SourceRows['columns'], all: SourceRows['rows'], batchLast = false): SourceRows => ({
    source: q.source,
    total: all.length,
    offset,
    columns,
    rows: all.slice(offset, offset + limit).map((r) => (batchLast ? [...r.slice(0, -1), fileName(String(r[r.length - 1]))] : r)),
  });
  const byMonthTeam = (a: (string | number | null)[], b: (string | number | null)[]) =>
    String(b[0]).localeCompare(String(a[0])) || String(a[1]).localeCompare(String(b[1])) || String(a[2]).localeCompare(String(b[2]));

  /** A monthly source's rows in the slice: month, team, initiative, its numbers (`values`: column, label) and the file. */
  const monthly = (table: 'usage' | 'pulse', values: [string, string][]) => {
    const rows = (
      engine.sqlite
        .prepare(`SELECT month, team_id, initiative_id, ${values.map(([c]) => c).join(', ')}, batch_id FROM ${table}`)
        .raw()
        .all() as [string, string, string, ...(number | string)[]][]
    )
      .filter((r) => inMonths(r[0], slice) && slice.inSlice(r[1], r[2]))
      .map((r) => [r[0], teamName.get(r[1]) ?? r[1], initiativeName.get(r[2]) ?? r[2], ...r.slice(3)])
      .sort(byMonthTeam);
    const numbers = values.map(([c, label]) => col(c, label, true));
    return page([col('month', 'Month'), col('team', 'Team'), col('initiative', 'Initiative'), ...numbers, col('file', 'File')], rows, true);
  };

  switch (q.source) {
    case 'usage':
      return monthly('usage', [
        ['licensed_users', 'Licensed'],
        ['active_users', 'Active'],
        ['workflows_started', 'Started'],
        ['workflows_completed', 'Completed'],
      ]);
    case 'pulse':
      return monthly('pulse', [
        ['respondents', 'Respondents'],
        ['trust_mean', 'Trust (1–5)'],
        ['manual_backup', 'Keep a manual backup'],
      ]);
    case 'shadowProcesses': {
      const first = slice.lo > 0 ? `${intToMonth(slice.lo)}-01` : '0000-01-01';
      const last = slice.hi < 999_912 ? `${intToMonth(slice.hi)}-31` : '9999-12-31';
      const rows = (
        engine.sqlite
          .prepare(
            'SELECT name, team_id, initiative_id, kind, owner, users_involved, first_seen, retired_on FROM shadow_processes WHERE deleted = 0',
          )
          .raw()
          .all() as [string, string, string | null, string, string | null, number, string, string | null][]
      )
        .filter(
          (r) =>
            (!slice.teamSet || slice.teamSet.has(r[1])) &&
            (!slice.initiative || r[2] === null || r[2] === slice.initiative.id) &&
            isActiveBetween({ firstSeen: r[6], retiredOn: r[7] }, first, last),
        )
        .map((r) => [
          r[0],
          teamName.get(r[1]) ?? r[1],
          r[2] ? (initiativeName.get(r[2]) ?? r[2]) : 'All initiatives',
          r[3],
          r[4],
          r[5],
          r[6],
          r[7],
        ])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0])));
      return page(
        [
          col('name', 'Process'),
          col('team', 'Team'),
          col('initiative', 'Initiative'),
          col('kind', 'Kind'),
          col('owner', 'Owner'),
          col('users_involved', 'Users involved', true),
          col('first_seen', 'First seen'),
          col('retired_on', 'Retired on'),
        ],
        rows,
      );
    }
    case 'decisions': {
      const { teamKeys, initiativeKeys, where } = decisionFilter(engine, slice);
      const action = q.action ? ACTIONS.indexOf(q.action) : null;
      const sums = engine.sqlite
        .prepare(
          `SELECT COALESCE(SUM(accepted), 0), COALESCE(SUM(edited), 0), COALESCE(SUM(overridden), 0), COALESCE(SUM(ignored), 0)
           FROM decision_counts WHERE ${where}`,
        )
        .raw()
        .get(slice.lo, slice.hi) as [number, number, number, number];
      // The aggregates hold whole teams and initiatives; a slice never splits one, so the sums are exact.
      const total = action === null ? sums[0] + sums[1] + sums[2] + sums[3] : (sums[action] ?? 0);
      // Only the page's users and batches are looked up, not every key of the workspace.
      const keyValue = engine.sqlite.prepare('SELECT value FROM signal_keys WHERE id = ?').pluck();
      const rows = (
        engine.sqlite
          .prepare(
            `SELECT ts, initiative, team, user, recommendation_id, action, reason, batch, recommended, final FROM decisions
             WHERE ${where}${action === null ? '' : ' AND action = ?'} ORDER BY ts DESC, recommendation_id LIMIT ? OFFSET ?`,
          )
          .raw()
          .all(...(action === null ? [slice.lo, slice.hi] : [slice.lo, slice.hi, action]), limit, offset) as [
          number,
          number,
          number,
          number,
          string,
          number,
          string | null,
          number,
          string | null,
          string | null,
        ][]
      ).map((r) => {
        const initiativeId = initiativeKeys.get(r[1]) ?? '';
        const teamId = teamKeys.get(r[2]) ?? '';
        const batchId = (keyValue.get(r[7]) as string | undefined) ?? '';
        return [
          `${new Date(r[0]).toISOString().slice(0, 19)}Z`,
          teamName.get(teamId) ?? teamId,
          initiativeName.get(initiativeId) ?? initiativeId,
          ((keyValue.get(r[3]) as string | undefined) ?? '').slice(0, 10),
          r[4],
          ACTIONS[r[5]] ?? String(r[5]),
          r[6],
          r[8],
          r[9],
          fileName(batchId),
        ];
      });
      return {
        source: 'decisions',
        total,
        offset,
        columns: [
          col('timestamp', 'Time'),
          col('team', 'Team'),
          col('initiative', 'Initiative'),
          col('user', 'User (hash)'),
          col('recommendation_id', 'Recommendation'),
          col('action', 'Action'),
          col('reason', 'Reason'),
          col('recommended', 'AI recommended'),
          col('final', 'Final decision'),
          col('file', 'File'),
        ],
        rows,
      };
    }
  }
}

function inMonths(month: string, slice: { lo: number; hi: number }) {
  const m = monthToInt(month);
  return m >= slice.lo && m <= slice.hi;
}

/** The most frequent reasons given for overriding the AI in a slice ("no reason given" counted as null). */
export function overrideReasons(
  engine: Engine,
  q: Slice & { limit?: number },
): { total: number; reasons: { reason: string | null; count: number }[] } {
  const slice = resolveSlice(engine, q);
  const { where } = decisionFilter(engine, slice);
  const overridden = ACTIONS.indexOf('overridden');
  const reasons = (
    engine.sqlite
      .prepare(
        `SELECT NULLIF(TRIM(reason), ''), COUNT(*) FROM decisions WHERE ${where} AND action = ?
         GROUP BY NULLIF(TRIM(reason), '') ORDER BY 2 DESC, 1 LIMIT ?`,
      )
      .raw()
      .all(slice.lo, slice.hi, overridden, q.limit ?? 5) as [string | null, number][]
  ).map(([reason, count]) => ({ reason, count }));
  const total = engine.sqlite
    .prepare(`SELECT COUNT(*) FROM decisions WHERE ${where} AND action = ?`)
    .pluck()
    .get(slice.lo, slice.hi, overridden) as number;
  return { total, reasons };
}
