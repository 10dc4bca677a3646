/** Champion programs: statuses, activity kinds, coverage and the 60-day rule (pure; the renderer sees them). */
import { labelsOf } from '../values/model';
export const CHAMPION_STATUSES = ['active', 'paused', 'left'] as const;
export type ChampionStatus = (typeof CHAMPION_STATUSES)[number];
export const CHAMPION_STATUS_LABELS = labelsOf(CHAMPION_STATUSES);

export const ACTIVITY_KINDS = ['demo', 'office hours', 'training', 'feedback round', 'peer support'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS = labelsOf(ACTIVITY_KINDS);

/** Champions per active user a program aims for by default (guidance: 5–10 %). */
export const DEFAULT_COVERAGE_TARGET = 0.05;
/** The rule: every team in the rollout has an active champion who ran an activity in this many days. */
export const ACTIVITY_WINDOW_DAYS = 60;

export interface ChampionProgram {
  id: string;
  name: string;
  initiativeId: string;
  initiative: string | null;
  /** Active champions per active user, as a fraction (0.05 = 5 %). */
  coverageTarget: number;
  deleted: boolean;
}

export interface Champion {
  id: string;
  programId: string;
  memberId: string;
  name: string | null;
  teamId: string;
  team: string | null;
  since: string;
  status: ChampionStatus;
  /** The date of their latest activity in the program, null before the first. */
  lastActivity: string | null;
  deleted: boolean;
}

export interface ChampionActivity {
  id: string;
  programId: string;
  championId: string;
  champion: string | null;
  teamId: string | null;
  team: string | null;
  kind: ActivityKind;
  date: string;
  attendance: number;
  notes: string | null;
  deleted: boolean;
}

/**
 * Where a team's active users came from: the usage data's latest month, the people the directory
 * puts in the team on the day coverage is taken, the team's headcount, or nowhere.
 */
export type ActiveUsersSource =
  | { kind: 'usage'; month: string }
  | { kind: 'directory'; asOf: string }
  | { kind: 'headcount' }
  | { kind: 'none' };

export interface CoverageRow {
  teamId: string;
  team: string;
  activeChampions: number;
  /** All champions of the team in the program, whatever their status. */
  champions: number;
  activeUsers: number | null;
  source: ActiveUsersSource;
  /** Active champions / active users; null without active users. */
  coverage: number | null;
  /** Active champions the target asks for: ⌈target × active users⌉. */
  needed: number | null;
  /** 'met' when active champions reach `needed`; 'unknown' without active users. */
  status: 'met' | 'below' | 'unknown';
  /** Latest activity of any of the team's champions. */
  lastActivity: string | null;
  /** Latest activity of the team's active champions (the 60-day rule looks at these only). */
  lastActiveActivity: string | null;
  /** Why the team fails the 60-day rule; null when it passes. The screen adds the date above, in the reader's format. */
  ruleFailure: string | null;
}

export interface Coverage {
  programId: string;
  target: number;
  asOf: string;
  /** The first day that still counts for the 60-day rule. */
  windowStart: string;
  teams: CoverageRow[];
  failing: CoverageRow[];
}

export interface CoverageTeam {
  teamId: string;
  team: string;
  activeUsers: number | null;
  source: ActiveUsersSource;
}

/** YYYY-MM-DD `days` before `date` (UTC). */
export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * docs/champions.md: coverage per team = active champions / active users, against the program's
 * target; and the 60-day rule, which a team passes when at least one of its active champions ran
 * an activity between `asOf` − 60 days and `asOf`.
 */
export function computeCoverage(input: {
  programId: string;
  target: number;
  asOf: string;
  teams: readonly CoverageTeam[];
  champions: readonly Pick<Champion, 'id' | 'teamId' | 'status'>[];
  activities: readonly Pick<ChampionActivity, 'championId' | 'date'>[];
}): Coverage {
  const windowStart = daysBefore(input.asOf, ACTIVITY_WINDOW_DAYS);
  const latestByChampion = new Map<string, string>();
  for (const a of input.activities) {
    if (a.date > input.asOf) continue;
    const seen = latestByChampion.get(a.championId);
    if (!seen || a.date > seen) latestByChampion.set(a.championId, a.date);
  }
  const rows = input.teams.map((t): CoverageRow => {
    const mine = input.champions.filter((c) => c.teamId === t.teamId);
    const active = mine.filter((c) => c.status === 'active');
    const latest = (cs: typeof mine) =>
      cs.reduce<string | null>((best, c) => {
        const d = latestByChampion.get(c.id) ?? null;
        return d && (!best || d > best) ? d : best;
      }, null);
    const lastActivity = latest(mine);
    const lastActive = latest(active);
    const users = t.activeUsers;
    // A hair under the product: 5 % of 40 is 2, not 2.0000000000000004 rounded up to 3.
    const needed = users === null || users === 0 ? null : Math.max(1, Math.ceil(input.target * users - 1e-9));
    let ruleFailure: string | null = null;
    if (mine.length === 0) ruleFailure = 'no champion';
    else if (active.length === 0) ruleFailure = `no active champion (${mine.length} paused or left)`;
    else if (!lastActive) ruleFailure = 'no activity by an active champion yet';
    else if (lastActive < windowStart) ruleFailure = `no activity by an active champion in the last ${ACTIVITY_WINDOW_DAYS} days`;
    return {
      teamId: t.teamId,
      team: t.team,
      activeChampions: active.length,
      champions: mine.length,
      activeUsers: users,
      source: t.source,
      coverage: users ? active.length / users : null,
      needed,
      status: needed === null ? 'unknown' : active.length >= needed ? 'met' : 'below',
      lastActivity,
      lastActiveActivity: lastActive,
      ruleFailure,
    };
  });
  return {
    programId: input.programId,
    target: input.target,
    asOf: input.asOf,
    windowStart,
    teams: rows,
    failing: rows.filter((r) => r.ruleFailure !== null),
  };
}
