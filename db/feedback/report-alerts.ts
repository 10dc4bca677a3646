import { listPrograms, programCoverage } from '../champions/champions';
import type { CoverageRow } from '../champions/model';
import type { Engine } from '../open';
import type { Alert, FeedbackSummary } from '../reports/model';
import { plural } from '../reports/shared/plural';
import { DONE_STATUSES } from './model';

/*
 * What the report's two feedback and champion alerts need, per (initiative, team) cell of the
 * report: the open confidently-wrong feedback (AUTOMATION_BIAS_RISK) and the team's coverage in
 * its initiative's champion programs (LOW_CHAMPION_COVERAGE). docs/metrics.md, "Alerts".
 */

const key = (initiativeId: string, teamId: string) => `${initiativeId}\u0001${teamId}`;
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export interface CellFacts {
  /** Open (not resolved, won't fix or duplicate), live, confidently-wrong feedback items. */
  openConfidentlyWrong: number;
  /** The team's coverage in a program of the initiative where it is below the target, with the program. */
  belowTarget: { program: string; target: number; row: CoverageRow } | null;
}

export interface AlertFacts {
  cell(initiativeId: string, teamId: string): CellFacts;
  /** The feedback summary of a row made of these (initiative, team) cells. */
  summary(cells: readonly { initiativeId: string; teamId: string }[]): FeedbackSummary;
}

const CONFIRMED: readonly string[] = ['triaged', 'in_progress', 'resolved'];

export function alertFacts(engine: Engine): AlertFacts {
  const sure = new Map<string, number>();
  const rows = engine.sqlite
    .prepare(
      `SELECT initiative_id AS i, team_id AS t, count(*) AS n FROM feedback
       WHERE deleted = 0 AND confidently_wrong = 1 AND status NOT IN (${DONE_STATUSES.map(() => '?').join(', ')})
       GROUP BY initiative_id, team_id`,
    )
    .all(...DONE_STATUSES) as { i: string; t: string; n: number }[];
  for (const r of rows) sure.set(key(r.i, r.t), r.n);
  const below = new Map<string, CellFacts['belowTarget']>();
  for (const program of listPrograms(engine).sort((a, b) => a.name.localeCompare(b.name))) {
    for (const row of programCoverage(engine, program.id).teams) {
      const k = key(program.initiativeId, row.teamId);
      if (row.status === 'below' && !below.has(k)) below.set(k, { program: program.name, target: program.coverageTarget, row });
    }
  }
  // Per cell: the live items' status, confidence and pattern name (few: feedback is typed by people).
  const items = new Map<string, { status: string; sure: boolean; pattern: string | null }[]>();
  const live = engine.sqlite
    .prepare(
      `SELECT f.initiative_id AS i, f.team_id AS t, f.status AS status, f.confidently_wrong AS sure, p.name AS pattern
       FROM feedback f LEFT JOIN failure_patterns p ON p.id = f.pattern_id AND p.deleted = 0 WHERE f.deleted = 0`,
    )
    .all() as { i: string; t: string; status: string; sure: number; pattern: string | null }[];
  for (const r of live) {
    const k = key(r.i, r.t);
    items.set(k, [...(items.get(k) ?? []), { status: r.status, sure: r.sure === 1, pattern: r.pattern }]);
  }
  return {
    summary: (cells) => {
      const all = cells.flatMap((c) => items.get(key(c.initiativeId, c.teamId)) ?? []);
      const open = all.filter((f) => !(DONE_STATUSES as readonly string[]).includes(f.status));
      const patterns = new Map<string, number>();
      for (const f of all) if (f.pattern) patterns.set(f.pattern, (patterns.get(f.pattern) ?? 0) + 1);
      return {
        open: open.length,
        confirmedWrong: all.filter((f) => CONFIRMED.includes(f.status)).length,
        confidentlyWrongOpen: open.filter((f) => f.sure).length,
        topPatterns: [...patterns]
          .map(([name, count]) => ({ name, count }))
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
          .slice(0, 3),
      };
    },
    cell: (initiativeId, teamId) => ({
      openConfidentlyWrong: sure.get(key(initiativeId, teamId)) ?? 0,
      belowTarget: below.get(key(initiativeId, teamId)) ?? null,
    }),
  };
}

/**
 * AUTOMATION_BIAS_RISK: override rate under the low threshold over at least minDecisions decisions
 * while open confidently-wrong feedback exists for the row: people accept what the AI says even
 * where it is known to be wrong with confidence.
 */
export function automationBiasAlert(
  overrideRate: number | null,
  decisions: number,
  openConfidentlyWrong: number,
  t: { lowOverrideRate: number; minDecisions: number },
): Alert | null {
  if (overrideRate === null || decisions < t.minDecisions || overrideRate >= t.lowOverrideRate || openConfidentlyWrong === 0) return null;
  return {
    code: 'AUTOMATION_BIAS_RISK',
    message: `Override rate ${pct(overrideRate)} over ${plural(decisions, 'decision')} (threshold ${pct(t.lowOverrideRate)}) while ${plural(openConfidentlyWrong, 'open feedback item')} ${openConfidentlyWrong === 1 ? 'says' : 'say'} it was confidently wrong`,
  };
}

/** LOW_CHAMPION_COVERAGE for one team: active champions per active user under its program's target. */
export function coverageAlert(below: CellFacts['belowTarget']): Alert | null {
  const row = below?.row;
  if (!row || row.activeUsers === null || row.coverage === null || row.needed === null) return null;
  // The program is named as a program: "under the target of Claims champions" read as though it were a figure.
  return {
    code: 'LOW_CHAMPION_COVERAGE',
    message: `Champion coverage ${pct(row.coverage)} (${plural(row.activeChampions, 'active champion')} for ${plural(row.activeUsers, 'active user')}), below the ${pct(below.target)} target of ${programName(below.program)} (${row.needed - row.activeChampions} more needed)`,
  };
}

/** "the Claims champions program"; a name that already says program is not said twice. */
const programName = (name: string) => (/\bprogram(me)?$/i.test(name.trim()) ? `the ${name.trim()}` : `the ${name.trim()} program`);

/** LOW_CHAMPION_COVERAGE for a slice of several teams: how many are under their target, and which. */
export function sliceCoverageAlert(teams: readonly string[]): Alert | null {
  if (teams.length === 0) return null;
  const names = [...new Set(teams)].sort((a, b) => a.localeCompare(b));
  return {
    code: 'LOW_CHAMPION_COVERAGE',
    message: `${plural(names.length, 'team')} under the champion target of ${names.length === 1 ? 'its' : 'their'} program: ${names.join(', ')}`,
  };
}
