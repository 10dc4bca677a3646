import type { Engine } from '../open';
import { computeReport } from '../signals/metrics';
import { relationshipHealth } from '../stakeholder-sessions/health';
import { listTeams } from '../teams/teams';
import {
  ADKAR_BARRIER_MAX,
  ADKAR_ELEMENTS,
  type AdkarCell,
  type AdkarElement,
  CONCERN_KINDS,
  type ConcernKind,
  type ConcernTrend,
  compareGapContacts,
  GAP_ALERTS,
  type GapTeam,
  type Stakeholder,
  SUPPORT_LEVELS,
  type SupportLevel,
  type TeamStakeholders,
  type TeamView,
} from './model';
import { inScope, type TeamScope } from './scope';
import { listStakeholders } from './stakeholders';

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** One decimal, as the heatmap shows it: the barrier test reads the same number people see. */
const oneDecimal = (x: number): number => Math.round(x * 10) / 10;

function adkarCells(people: Stakeholder[]): Record<AdkarElement, AdkarCell> {
  const cells = {} as Record<AdkarElement, AdkarCell>;
  for (const e of ADKAR_ELEMENTS) {
    const scores = people.map((p) => p[e]).filter((v): v is number => v !== null);
    cells[e] = {
      average: scores.length ? oneDecimal(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
      assessed: scores.length,
      barriers: people.filter((p) => p.barrierPoint === e).length,
    };
  }
  return cells;
}

interface ConcernRow {
  teamId: string;
  kind: ConcernKind;
  status: string;
  /** When it was raised: the session's date when raised in one, else when it was recorded. */
  raisedAt: string;
}

/**
 * Live concerns of live stakeholders, each dated when raised: at the session it was raised in
 * (the meeting is when the person said it), else at its first record in the change log.
 */
function concernRows(engine: Engine): ConcernRow[] {
  return engine.sqlite
    .prepare(
      `SELECT p.team_id AS teamId, c.kind, c.status, COALESCE(s.at, (
         SELECT MIN(l.hlc) FROM change_log l WHERE l.tbl = 'stakeholder_concerns' AND l.row_id = c.id)) AS raisedAt
       FROM stakeholder_concerns c JOIN stakeholders p ON p.id = c.stakeholder_id AND p.deleted = 0
       LEFT JOIN stakeholder_sessions s ON s.id = c.raised_in_session_id AND s.deleted = 0
       WHERE c.deleted = 0`,
    )
    .all() as ConcernRow[];
}

/** The `count` months up to and including `today`'s, oldest first (YYYY-MM). */
function monthsUpTo(today: string, count: number): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return Array.from({ length: count }, (_, i) => {
    const m = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

/** Months the concern trend covers: a year, enough to see a season of a rollout. */
export const TREND_MONTHS = 12;

/**
 * The team view as of `today` (YYYY-MM-DD): for each team with people in the register (in the
 * teams' order), its support mix, ADKAR averages with the team's barrier point and its open
 * concerns by kind; and, across the register, concerns raised per month and kind over the
 * `TREND_MONTHS` months up to today.
 */
export function teamView(engine: Engine, today: string, scope: TeamScope = null): TeamView {
  const people = listStakeholders(engine).filter((p) => inScope(scope, p.teamId));
  const byTeam = new Map<string, Stakeholder[]>();
  for (const p of people) {
    const list = byTeam.get(p.teamId);
    if (list) list.push(p);
    else byTeam.set(p.teamId, [p]);
  }
  const concerns = concernRows(engine).filter((c) => inScope(scope, c.teamId));
  const open = concerns.filter((c) => c.status !== 'resolved');
  const teams: TeamStakeholders[] = listTeams(engine, true)
    .filter((t) => byTeam.has(t.id))
    .map((t) => {
      const members = byTeam.get(t.id) ?? [];
      const support = zeros<SupportLevel>(SUPPORT_LEVELS);
      for (const p of members) support[p.support] += 1;
      const adkar = adkarCells(members);
      const openConcerns = zeros<ConcernKind>(CONCERN_KINDS);
      for (const c of open) if (c.teamId === t.id) openConcerns[c.kind] += 1;
      const barrier = ADKAR_ELEMENTS.find((e) => {
        const avg = adkar[e].average;
        return avg !== null && avg <= ADKAR_BARRIER_MAX;
      });
      return { teamId: t.id, team: t.name, people: members.length, support, adkar, barrierPoint: barrier ?? null, openConcerns };
    });
  const months = monthsUpTo(today, TREND_MONTHS);
  const index = new Map(months.map((m, i) => [m, i]));
  const trend: ConcernTrend = {
    months,
    kinds: CONCERN_KINDS.map((kind) => {
      const raised = months.map(() => 0);
      for (const c of concerns) {
        const i = c.kind === kind ? index.get(c.raisedAt.slice(0, 7)) : undefined;
        if (i !== undefined) raised[i] = (raised[i] ?? 0) + 1;
      }
      return { kind, open: open.filter((c) => c.kind === kind).length, raised };
    }),
  };
  return { teams, trend };
}

/**
 * Who to talk to about the gap, as of `today`: the teams whose report (the same slice as the
 * stakeholder page: the team with its sub-teams, all initiatives, all months) raises an
 * ADOPTION_GAP or HIGH_OVERRIDE alert, the widest gap first, each with its people in the register
 * ranked by compareGapContacts, with their last contact and barrier point.
 */
export function gapContacts(engine: Engine, today: string, scope: TeamScope = null): GapTeam[] {
  const people = listStakeholders(engine).filter((p) => inScope(scope, p.teamId));
  const teamIds = new Set(people.map((p) => p.teamId));
  const health = new Map(relationshipHealth(engine, today, scope).map((h) => [h.stakeholderId, h.lastContact]));
  const out: GapTeam[] = [];
  for (const t of listTeams(engine)) {
    if (!teamIds.has(t.id)) continue;
    const row = computeReport(engine, { team: t.id }).overall;
    const alerts = row.alerts.map((a) => a.code).filter((c) => (GAP_ALERTS as readonly string[]).includes(c));
    if (alerts.length === 0) continue;
    out.push({
      teamId: t.id,
      team: t.name,
      formal: row.formal,
      real: row.real,
      gap: row.gap,
      overrideRate: row.overrideRate,
      alerts,
      people: people
        .filter((p) => p.teamId === t.id)
        .map((p) => ({
          stakeholderId: p.id,
          name: p.name,
          title: p.title,
          support: p.support,
          influence: p.influence,
          interest: p.interest,
          barrierPoint: p.barrierPoint,
          openConcerns: p.openConcerns,
          lastContact: health.get(p.id) ?? null,
        }))
        .sort(compareGapContacts),
    });
  }
  return out.sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1) || a.team.localeCompare(b.team));
}
