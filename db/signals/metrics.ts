import { badInput } from '../errors';
import { alertFacts, automationBiasAlert, coverageAlert, sliceCoverageAlert } from '../feedback/report-alerts';
import { listInitiatives } from '../initiatives/initiatives';
import type { Initiative } from '../initiatives/model';
import type { MetricSettings } from '../metrics/model';
import { metricSettings } from '../metrics/settings';
import type { Engine } from '../open';
import type { Alert, Components, Counts, FigureBasis, Report, ReportRow, ThinMonth } from '../reports/model';
import { displayedGap } from '../reports/shared/format';
import { plural } from '../reports/shared/plural';
import { isActiveBetween } from '../shadow-processes/model';
import type { Team } from '../teams/model';
import { listTeams } from '../teams/teams';
import { intToMonth, keyValues, monthToInt } from './keys';

/*
 * The adoption metrics of docs/metrics.md for any slice (initiative, team with its sub-teams,
 * months). Counts are summed over the slice first and ratios taken of the sums; a figure whose
 * denominator is zero or whose inputs are absent is null ("no data"), never 0.
 */

export interface Slice {
  /** Initiative name or id; null for all. */
  initiative?: string | null;
  /** Team name or id (with its sub-teams); null for all. */
  team?: string | null;
  /** First and last month, YYYY-MM; default: the months that have data. */
  from?: string | null;
  to?: string | null;
}

export type { Alert, Components, Counts, Report, ReportRow, SeriesPoint } from '../reports/model';

/** All sums zero: a slice with no inputs. */
export const emptyCounts = (): Counts => ({
  licensedUsers: 0,
  activeUsers: 0,
  workflowsStarted: 0,
  workflowsCompleted: 0,
  accepted: 0,
  edited: 0,
  overridden: 0,
  ignored: 0,
  respondents: 0,
  trustWeighted: 0,
  manualBackup: 0,
  pulseRows: 0,
  registerUsers: 0,
  registerActiveUsers: 0,
  registerProcesses: 0,
  reviewed: 0,
  appropriate: 0,
  usageRows: 0,
});

function addInto(a: Counts, b: Counts) {
  for (const k of Object.keys(a) as (keyof Counts)[]) a[k] += b[k];
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);
const mean = (xs: (number | null)[]): number | null => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length > 0 ? present.reduce((s, x) => s + x, 0) / present.length : null;
};

export interface Figures {
  formal: number | null;
  real: number | null;
  gap: number | null;
  components: Components;
  overrideRate: number | null;
  ignoreRate: number | null;
  shadowShare: number | null;
  shadowSource: 'pulse' | 'register' | null;
  decisions: number;
  overrideAppropriateness: number | null;
  basis: { formal: FigureBasis; real: FigureBasis };
}

/** The components a figure could use, and which of them had data. */
function basisOf(candidates: [keyof Components, number | null][]): FigureBasis {
  return {
    used: candidates.filter(([, v]) => v !== null).map(([k]) => k),
    missing: candidates.filter(([, v]) => v === null).map(([k]) => k),
  };
}

/** Every formula of docs/metrics.md, from the sums of a slice. */
export function figures(c: Counts, weights: MetricSettings['weights']): Figures {
  const activation = ratio(c.activeUsers, c.licensedUsers);
  const completion = ratio(c.workflowsCompleted, c.workflowsStarted);
  const acted = c.accepted + c.edited + c.overridden;
  const decisions = acted + c.ignored;
  const overrideRate = ratio(c.overridden, acted);
  const ignoreRate = ratio(c.ignored, decisions);
  const reliance = ratio(c.accepted + c.edited, decisions);
  const trust = c.respondents > 0 ? (c.trustWeighted / c.respondents - 1) / 4 : null;
  let shadowShare: number | null = null;
  let shadowSource: Figures['shadowSource'] = null;
  if (c.pulseRows > 0) {
    shadowShare = ratio(c.manualBackup, c.respondents);
    shadowSource = shadowShare === null ? null : 'pulse';
  } else if (c.registerProcesses > 0 && c.registerActiveUsers > 0) {
    shadowShare = Math.min(1, c.registerUsers / c.registerActiveUsers);
    shadowSource = 'register';
  }
  const shadowFree = shadowShare === null ? null : 1 - shadowShare;
  const formal = mean([activation, completion]);
  const parts: [number | null, number][] = [
    [reliance, weights.reliance],
    [trust, weights.trust],
    [shadowFree, weights.shadowFree],
  ];
  const available = parts.filter((p): p is [number, number] => p[0] !== null && p[1] > 0);
  const weightSum = available.reduce((s, [, w]) => s + w, 0);
  const real = weightSum > 0 ? available.reduce((s, [v, w]) => s + v * w, 0) / weightSum : null;
  const gap = formal !== null && real !== null ? formal - real : null;
  const weighted = (
    [
      ['reliance', reliance, weights.reliance],
      ['trust', trust, weights.trust],
      ['shadowFree', shadowFree, weights.shadowFree],
    ] as const
  ).filter(([, , w]) => w > 0);
  return {
    basis: {
      formal: basisOf([
        ['activation', activation],
        ['completion', completion],
      ]),
      real: basisOf(weighted.map(([k, v]) => [k, v])),
    },
    formal,
    real,
    gap,
    components: { activation, completion, reliance, trust, shadowFree },
    overrideRate,
    ignoreRate,
    shadowShare,
    shadowSource,
    decisions,
    overrideAppropriateness: ratio(c.appropriate, c.reviewed),
  };
}

/**
 * A month with data but little of it: fewer decisions than `thinMonthDecisions` (when it has
 * decisions) or fewer active users than `thinMonthUsers` (when it has usage). It still counts
 * in every figure, as the formulas say; the report marks it and names it.
 */
export function thinMonth(month: string, c: Counts, t: MetricSettings['thresholds']): ThinMonth | null {
  const decisions = c.accepted + c.edited + c.overridden + c.ignored;
  const reasons: string[] = [];
  if (decisions > 0 && decisions < t.thinMonthDecisions) reasons.push(plural(decisions, 'decision'));
  if (c.usageRows > 0 && c.activeUsers < t.thinMonthUsers)
    reasons.push(`${plural(c.activeUsers, 'active user')} (${plural(c.usageRows, 'usage row')})`);
  return reasons.length > 0 ? { month, decisions, activeUsers: c.activeUsers, usageRows: c.usageRows, reasons } : null;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function alertsFor(
  f: Figures,
  habitual: number,
  missingRoles: string[] | null,
  initiativeName: string | null,
  t: MetricSettings['thresholds'],
): Alert[] {
  const alerts: Alert[] = [];
  if (f.overrideRate !== null && f.decisions >= t.minDecisions && f.overrideRate > t.highOverrideRate) {
    alerts.push({
      code: 'HIGH_OVERRIDE',
      message: `Override rate ${pct(f.overrideRate)} over ${plural(f.decisions, 'decision')} (threshold ${pct(t.highOverrideRate)})`,
    });
  }
  if (f.gap !== null && f.gap > t.adoptionGap) {
    alerts.push({
      code: 'ADOPTION_GAP',
      // In points, as the gap is shown beside its figures (the difference of the rounded percentages).
      message: `Formal adoption exceeds real adoption by ${displayedGap(f.formal, f.real)} pts (threshold ${Math.round(t.adoptionGap * 100)} pts)`,
    });
  }
  if (habitual >= 1) {
    alerts.push({
      code: 'HABITUAL_OVERRIDERS',
      message: `${habitual} ${habitual === 1 ? 'person overrides' : 'people override'} at least ${pct(t.habitualOverrideRate)} of ${t.habitualMinDecisions}+ recommendations`,
    });
  }
  if (f.shadowShare !== null && f.shadowShare > t.shadowShare) {
    alerts.push({
      code: 'SHADOW_PROCESSES',
      message: `${pct(f.shadowShare)} keep a manual or parallel process (threshold ${pct(t.shadowShare)}; from the ${f.shadowSource})`,
    });
  }
  if (missingRoles && missingRoles.length > 0 && initiativeName) {
    const labels: Record<string, string> = {
      businessSponsor: 'business sponsor',
      productOwner: 'AI product owner',
      technicalLead: 'technical lead',
    };
    alerts.push({ code: 'TRIAD_INCOMPLETE', message: `${initiativeName} has no ${missingRoles.map((r) => labels[r] ?? r).join(', no ')}` });
  }
  return alerts;
}

interface Cell {
  initiativeId: string;
  teamId: string;
  months: Map<number, Counts>;
  /** user key → [total, acted, overridden] over the slice's months. */
  users: Map<number, [number, number, number]>;
}

export interface ResolvedSlice {
  teams: Team[];
  initiatives: Initiative[];
  initiative: Initiative | null;
  team: Team | null;
  /** The team and its sub-teams; null for all teams. */
  teamSet: Set<string> | null;
  /** First and last month as YYYYMM integers (0 and 999912 when open). */
  lo: number;
  hi: number;
  inSlice: (teamId: string, initiativeId: string) => boolean;
}

/** Names or ids to records, months checked: the one reading of a slice for the report and its drill-down. */
export function resolveSlice(engine: Engine, slice: Slice = {}): ResolvedSlice {
  const teams = listTeams(engine);
  const initiatives = listInitiatives(engine);
  const find = <T extends { id: string; name: string }>(list: T[], wanted: string, what: string): T => {
    const w = wanted.trim().toLocaleLowerCase();
    const hits = list.filter((x) => x.id === wanted || x.name.toLocaleLowerCase() === w);
    if (hits.length === 1 && hits[0]) return hits[0];
    if (hits.length > 1) throw badInput(`${what} "${wanted}" matches more than one; pass its id instead.`);
    throw badInput(`No ${what} named "${wanted}". Known: ${list.map((x) => x.name).join(', ') || 'none yet'}.`);
  };
  const initiative = slice.initiative ? find(initiatives, slice.initiative, 'initiative') : null;
  const team = slice.team ? find(teams, slice.team, 'team') : null;
  for (const [label, m] of [
    ['from', slice.from],
    ['to', slice.to],
  ] as const) {
    if (m && !/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw badInput(`${label}: "${m}" is not a month as YYYY-MM.`);
  }
  if (slice.from && slice.to && slice.from > slice.to) throw badInput(`from (${slice.from}) is after to (${slice.to}).`);

  const teamSet = team
    ? new Set(
        teams
          .filter((t) => t.id === team.id || t.path.slice(0, team.path.length).join('\u0001') === team.path.join('\u0001'))
          .map((t) => t.id),
      )
    : null;
  return {
    teams,
    initiatives,
    initiative,
    team,
    teamSet,
    lo: slice.from ? monthToInt(slice.from) : 0,
    hi: slice.to ? monthToInt(slice.to) : 999_912,
    inSlice: (teamId, initiativeId) => (!teamSet || teamSet.has(teamId)) && (!initiative || initiative.id === initiativeId),
  };
}

/**
 * The decisions of a slice in SQL over the integer keys (the primary keys of the decision tables
 * start with initiative, team, so a one-team slice reads only that team's rows). The SQL takes
 * the first and last month as its two parameters.
 */
export function decisionFilter(engine: Engine, r: Pick<ResolvedSlice, 'teamSet' | 'initiative'>) {
  const teamKeys = keyValues(engine, 'team');
  const initiativeKeys = keyValues(engine, 'initiative');
  const teamKeyList = r.teamSet ? [...teamKeys].filter(([, id]) => r.teamSet?.has(id)).map(([k]) => k) : null;
  const initiativeKeyList = r.initiative ? [...initiativeKeys].filter(([, id]) => id === r.initiative?.id).map(([k]) => k) : null;
  const where = [
    `initiative IN (${(initiativeKeyList ?? [...initiativeKeys.keys()]).join(',') || 'NULL'})`,
    teamKeyList ? `team IN (${teamKeyList.join(',') || 'NULL'})` : 'TRUE',
    'month BETWEEN ? AND ?',
  ].join(' AND ');
  return { teamKeys, initiativeKeys, where };
}

export function computeReport(engine: Engine, slice: Slice = {}): Report {
  const s = metricSettings(engine);
  const ws = engine.sqlite.prepare('SELECT name FROM workspace WHERE deleted = 0').get() as { name: string } | undefined;
  const { teams, initiatives, initiative, team, teamSet, lo, hi, inSlice } = resolveSlice(engine, slice);
  const teamById = new Map(teams.map((t) => [t.id, t]));
  const initiativeById = new Map(initiatives.map((i) => [i.id, i]));

  const cells = new Map<string, Cell>();
  const cellOf = (initiativeId: string, teamId: string): Cell => {
    const k = `${initiativeId}\u0001${teamId}`;
    let c = cells.get(k);
    if (!c) {
      c = { initiativeId, teamId, months: new Map(), users: new Map() };
      cells.set(k, c);
    }
    return c;
  };
  const monthOf = (c: Cell, month: number): Counts => {
    let m = c.months.get(month);
    if (!m) {
      m = emptyCounts();
      c.months.set(month, m);
    }
    return m;
  };

  // Usage and pulse (small tables, text ids), in key order: cells are summed in the order they are
  // first met, a sum of fractions depends on its order, and devices that synced the same rows may
  // hold them in another physical order.
  for (const r of engine.sqlite
    .prepare(
      'SELECT month, team_id, initiative_id, licensed_users, active_users, workflows_started, workflows_completed FROM usage ORDER BY month, team_id, initiative_id',
    )
    .raw()
    .all() as [string, string, string, number, number, number, number][]) {
    const m = monthToInt(r[0]);
    if (m < lo || m > hi || !inSlice(r[1], r[2])) continue;
    const c = monthOf(cellOf(r[2], r[1]), m);
    c.usageRows += 1;
    c.licensedUsers += r[3];
    c.activeUsers += r[4];
    c.workflowsStarted += r[5];
    c.workflowsCompleted += r[6];
  }
  for (const r of engine.sqlite
    .prepare(
      'SELECT month, team_id, initiative_id, respondents, trust_mean, manual_backup FROM pulse ORDER BY month, team_id, initiative_id',
    )
    .raw()
    .all() as [string, string, string, number, number, number][]) {
    const m = monthToInt(r[0]);
    if (m < lo || m > hi || !inSlice(r[1], r[2])) continue;
    const c = monthOf(cellOf(r[2], r[1]), m);
    c.respondents += r[3];
    c.trustWeighted += r[4] * r[3];
    c.manualBackup += r[5];
    c.pulseRows += 1;
  }

  // Decisions: the aggregates kept by imports (integer keys).
  const { teamKeys, initiativeKeys, where } = decisionFilter(engine, { teamSet, initiative });
  for (const r of engine.sqlite
    .prepare(`SELECT initiative, team, month, accepted, edited, overridden, ignored FROM decision_counts WHERE ${where}`)
    .raw()
    .all(lo, hi) as number[][]) {
    const initiativeId = initiativeKeys.get(r[0] ?? 0);
    const teamId = teamKeys.get(r[1] ?? 0);
    if (!initiativeId || !teamId || !inSlice(teamId, initiativeId)) continue;
    const c = monthOf(cellOf(initiativeId, teamId), r[2] ?? 0);
    c.accepted += r[3] ?? 0;
    c.edited += r[4] ?? 0;
    c.overridden += r[5] ?? 0;
    c.ignored += r[6] ?? 0;
  }
  for (const r of engine.sqlite
    .prepare(
      `SELECT initiative, team, user, SUM(total), SUM(acted), SUM(overridden) FROM decision_user_counts
       WHERE ${where} GROUP BY initiative, team, user`,
    )
    .raw()
    .all(lo, hi) as number[][]) {
    const initiativeId = initiativeKeys.get(r[0] ?? 0);
    const teamId = teamKeys.get(r[1] ?? 0);
    if (!initiativeId || !teamId || !inSlice(teamId, initiativeId)) continue;
    cellOf(initiativeId, teamId).users.set(r[2] ?? 0, [r[3] ?? 0, r[4] ?? 0, r[5] ?? 0]);
  }

  // Override reviews, placed in the month and team of the decision they judge.
  const reviewed = engine.sqlite
    .prepare(
      `SELECT r.verdict, d.team, d.month, d.initiative FROM override_reviews r
       JOIN signal_keys ki ON ki.kind = 'initiative' AND ki.value = r.initiative_id
       JOIN signal_keys ku ON ku.kind = 'user' AND ku.value = r.user_hash
       JOIN decisions d ON d.initiative = ki.id AND d.recommendation_id = r.recommendation_id AND d.user = ku.id
       WHERE r.deleted = 0 AND d.month BETWEEN ? AND ?`,
    )
    .raw()
    .all(lo, hi) as [string, number, number, number][];
  for (const [verdict, teamKey, month, initiativeKey] of reviewed) {
    const initiativeId = initiativeKeys.get(initiativeKey);
    const teamId = teamKeys.get(teamKey);
    if (!initiativeId || !teamId || !inSlice(teamId, initiativeId)) continue;
    const c = monthOf(cellOf(initiativeId, teamId), month);
    c.reviewed += 1;
    if (verdict === 'appropriate') c.appropriate += 1;
  }

  // The shadow-process register: users involved in processes active in each month with usage.
  const processes = engine.sqlite
    .prepare('SELECT team_id, initiative_id, users_involved, first_seen, retired_on FROM shadow_processes WHERE deleted = 0')
    .raw()
    .all() as [string, string | null, number, string, string | null][];
  for (const c of cells.values()) {
    const mine = processes.filter((p) => p[0] === c.teamId && (p[1] === null || p[1] === c.initiativeId));
    if (mine.length === 0) continue;
    for (const [month, counts] of c.months) {
      counts.registerProcesses += mine.length;
      if (counts.activeUsers === 0) continue;
      const first = `${intToMonth(month)}-01`;
      const last = `${intToMonth(month)}-31`;
      const users = mine
        .filter((p) => isActiveBetween({ firstSeen: p[3], retiredOn: p[4] }, first, last))
        .reduce((sum, p) => sum + p[2], 0);
      counts.registerUsers += users;
      counts.registerActiveUsers += counts.activeUsers;
    }
  }

  const allMonths = [...new Set([...cells.values()].flatMap((c) => [...c.months.keys()]))].sort((a, b) => a - b);
  const from = slice.from ?? (allMonths[0] !== undefined ? intToMonth(allMonths[0]) : null);
  const to = slice.to ?? (allMonths.length > 0 ? intToMonth(allMonths[allMonths.length - 1] ?? 0) : null);
  const months: number[] = [];
  if (from && to) {
    for (let m = monthToInt(from); m <= monthToInt(to); m = m % 100 === 12 ? m + 89 : m + 1) months.push(m);
  }

  const habitual = (users: Iterable<[number, number, number]>) => {
    let n = 0;
    for (const [total, acted, overridden] of users) {
      if (total >= s.thresholds.habitualMinDecisions && acted > 0 && overridden / acted >= s.thresholds.habitualOverrideRate) n++;
    }
    return n;
  };

  const facts = alertFacts(engine);
  const build = (group: Cell[], initiativeId: string | null, teamId: string | null): ReportRow => {
    const total = emptyCounts();
    const byMonth = new Map<number, Counts>();
    const users = new Map<number, [number, number, number]>();
    for (const c of group) {
      for (const [m, counts] of c.months) {
        addInto(total, counts);
        let bm = byMonth.get(m);
        if (!bm) {
          bm = emptyCounts();
          byMonth.set(m, bm);
        }
        addInto(bm, counts);
      }
      for (const [u, v] of c.users) {
        const cur = users.get(u);
        if (cur) {
          cur[0] += v[0];
          cur[1] += v[1];
          cur[2] += v[2];
        } else users.set(u, [...v]);
      }
    }
    const f = figures(total, s.weights);
    const h = habitual(users.values());
    const ini = initiativeId ? initiativeById.get(initiativeId) : null;
    // The alerts that read feedback and champion coverage (db/feedback/report-alerts.ts).
    const cellFacts = group.map((c) => facts.cell(c.initiativeId, c.teamId));
    const bias = automationBiasAlert(
      f.overrideRate,
      f.decisions,
      cellFacts.reduce((n, c) => n + c.openConfidentlyWrong, 0),
      s.thresholds,
    );
    const coverage =
      group.length === 1
        ? coverageAlert(cellFacts[0]?.belowTarget ?? null)
        : sliceCoverageAlert(cellFacts.flatMap((c) => (c.belowTarget ? [c.belowTarget.row.team] : [])));
    return {
      initiative: ini?.name ?? null,
      team: teamId ? (teamById.get(teamId)?.name ?? null) : null,
      formal: f.formal,
      real: f.real,
      gap: f.gap,
      components: f.components,
      basis: f.basis,
      thinMonths: months.flatMap((m) => {
        const thin = thinMonth(intToMonth(m), byMonth.get(m) ?? emptyCounts(), s.thresholds);
        return thin ? [thin] : [];
      }),
      overrideRate: f.overrideRate,
      ignoreRate: f.ignoreRate,
      decisions: f.decisions,
      habitualOverriders: h,
      overrideAppropriateness: f.overrideAppropriateness,
      shadowShare: f.shadowShare,
      shadowSource: f.shadowSource,
      alerts: [
        ...alertsFor(f, h, ini ? ini.missingRoles : null, ini?.name ?? null, s.thresholds),
        ...(bias ? [bias] : []),
        ...(coverage ? [coverage] : []),
      ],
      feedback: facts.summary(group),
      series: months.map((m) => {
        const mc = byMonth.get(m) ?? emptyCounts();
        const mf = figures(mc, s.weights);
        const thin = thinMonth(intToMonth(m), mc, s.thresholds) !== null;
        return { month: intToMonth(m), formal: mf.formal, real: mf.real, gap: mf.gap, overrideRate: mf.overrideRate, thin };
      }),
      counts: total,
      initiativeId,
      teamId,
    };
  };

  const groups = [...cells.values()].filter((c) => teamById.has(c.teamId) && initiativeById.has(c.initiativeId));
  const rows = groups
    .map((c) => build([c], c.initiativeId, c.teamId))
    .sort((a, b) => (a.initiative ?? '').localeCompare(b.initiative ?? '') || (a.team ?? '').localeCompare(b.team ?? ''));
  const overall = build(groups, initiative?.id ?? null, team?.id ?? null);
  if (!initiative) overall.alerts = overall.alerts.filter((a) => a.code !== 'TRIAD_INCOMPLETE');
  return {
    workspace: ws?.name ?? '',
    generatedAt: new Date().toISOString(),
    slice: { initiative: initiative?.name ?? null, team: team?.name ?? null, from, to },
    weights: s.weights,
    thresholds: s.thresholds,
    overall,
    rows,
  };
}
