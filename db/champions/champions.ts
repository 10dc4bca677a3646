import { and, eq, inArray, max } from 'drizzle-orm';
import { badInput } from '../errors';
import { listInitiatives } from '../initiatives/initiatives';
import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { byName, findRow, type RecordKit, recordKit, type Session, tableRows } from '../records';
import { championActivities, championPrograms, champions } from '../schema';
import { teamsOn } from '../signals/people';
import { listTeams } from '../teams/teams';
import {
  type ActivityKind,
  type Champion,
  type ChampionActivity,
  type ChampionProgram,
  type ChampionStatus,
  type Coverage,
  type CoverageTeam,
  computeCoverage,
  DEFAULT_COVERAGE_TARGET,
} from './model';

const names = <T extends { id: string; name: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r.name]));
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

// Programs

/** Program rows as records: each with its initiative's name. */
function toPrograms(engine: Engine, rows: (typeof championPrograms.$inferSelect)[]): ChampionProgram[] {
  const initiatives = names(listInitiatives(engine, true));
  return rows.map((p) => ({ ...p, initiative: initiatives.get(p.initiativeId) ?? null }));
}

export function listPrograms(engine: Engine, includeDeleted = false): ChampionProgram[] {
  return toPrograms(engine, tableRows(engine, championPrograms, includeDeleted)).sort(
    (a, b) => (a.initiative ?? '').localeCompare(b.initiative ?? '') || byName(a, b),
  );
}

const programs: RecordKit<ChampionProgram> = recordKit({
  table: 'champion_programs',
  label: 'champion program',
  find: findRow(championPrograms, toPrograms),
});

export interface ProgramFields {
  name: string;
  initiativeId: string;
  coverageTarget?: number | undefined;
}

function checkInitiative(engine: Engine, initiativeId: string | undefined) {
  if (initiativeId && !listInitiatives(engine).some((i) => i.id === initiativeId))
    throw badInput(`initiativeId: no initiative with id ${initiativeId}. List them with initiatives.list.`);
}

export function createProgram(s: Session, input: ProgramFields): ChampionProgram {
  return programs.create(s, () => {
    checkInitiative(s.engine, input.initiativeId);
    return { ...input, coverageTarget: input.coverageTarget ?? DEFAULT_COVERAGE_TARGET };
  });
}

export function updateProgram(s: Session, { id, ...patch }: Partial<ProgramFields> & { id: string }): ChampionProgram {
  return programs.update(s, id, () => {
    checkInitiative(s.engine, patch.initiativeId);
    return patch;
  });
}

export const deleteProgram = (s: Session, id: string): ChampionProgram => programs.remove(s, id);

// Champions

/** Each champion's latest activity date: of all champions, or of those with `ids` only. */
function lastActivities(engine: Engine, ids: string[] | null): Map<string, string> {
  const rows = engine.orm
    .select({ id: championActivities.championId, last: max(championActivities.date) })
    .from(championActivities)
    .where(and(eq(championActivities.deleted, false), ids ? inArray(championActivities.championId, ids) : undefined))
    .groupBy(championActivities.championId)
    .all();
  return new Map(rows.flatMap((r) => (r.last ? [[r.id, r.last]] : [])));
}

/** Champion rows as records, with the names of their member and team and `last`, their latest activity dates. */
function toChampions(engine: Engine, rows: (typeof champions.$inferSelect)[], last: Map<string, string>): Champion[] {
  const members = names(listMembers(engine, true));
  const teams = names(listTeams(engine, true));
  return rows.map((c) => ({
    id: c.id,
    programId: c.programId,
    memberId: c.memberId,
    name: members.get(c.memberId) ?? null,
    teamId: c.teamId,
    team: teams.get(c.teamId) ?? null,
    since: c.since,
    status: c.status,
    lastActivity: last.get(c.id) ?? null,
    deleted: c.deleted,
  }));
}

export function listChampions(engine: Engine, includeDeleted = false): Champion[] {
  return toChampions(engine, tableRows(engine, champions, includeDeleted), lastActivities(engine, null)).sort(
    (a, b) => (a.name ?? '').localeCompare(b.name ?? '') || (a.team ?? '').localeCompare(b.team ?? '') || a.id.localeCompare(b.id),
  );
}

const championRecords: RecordKit<Champion> = recordKit({
  table: 'champions',
  label: 'champion',
  find: findRow(champions, (engine, rows) => {
    const ids = rows.map((r) => r.id);
    return toChampions(engine, rows, lastActivities(engine, ids));
  }),
});

export interface ChampionFields {
  programId: string;
  memberId: string;
  teamId: string;
  since: string;
  status?: ChampionStatus | undefined;
}

function checkChampion(engine: Engine, c: ChampionFields, id: string | null) {
  programs.live(engine, c.programId);
  if (!listMembers(engine).some((m) => m.id === c.memberId)) throw badInput(`memberId: no member with id ${c.memberId}.`);
  if (!listTeams(engine).some((t) => t.id === c.teamId)) throw badInput(`teamId: no team with id ${c.teamId}.`);
  const twin = listChampions(engine).find(
    (o) => o.id !== id && o.programId === c.programId && o.memberId === c.memberId && o.teamId === c.teamId,
  );
  if (twin) throw badInput(`${twin.name} is already a champion of ${twin.team} in this program: change that entry instead.`);
}

export function createChampion(s: Session, input: ChampionFields): Champion {
  return championRecords.create(s, () => {
    const fields = { ...input, status: input.status ?? 'active' };
    checkChampion(s.engine, fields, null);
    return fields;
  });
}

export function updateChampion(s: Session, { id, ...patch }: Partial<ChampionFields> & { id: string }): Champion {
  return championRecords.update(s, id, (current) => {
    checkChampion(s.engine, { ...current, ...patch }, id);
    return patch;
  });
}

export const deleteChampion = (s: Session, id: string): Champion => championRecords.remove(s, id);

// Activities

export function listActivities(engine: Engine, programId?: string | null): ChampionActivity[] {
  const byId = new Map(listChampions(engine, true).map((c) => [c.id, c]));
  return engine.orm
    .select()
    .from(championActivities)
    .all()
    .filter((a) => !a.deleted && (!programId || a.programId === programId))
    .map((a) => {
      const c = byId.get(a.championId);
      return {
        id: a.id,
        programId: a.programId,
        championId: a.championId,
        champion: c?.name ?? null,
        teamId: c?.teamId ?? null,
        team: c?.team ?? null,
        kind: a.kind,
        date: a.date,
        attendance: a.attendance,
        notes: a.notes,
        deleted: a.deleted,
      };
    })
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

const activityRecords: RecordKit<ChampionActivity> = recordKit({
  table: 'champion_activities',
  label: 'champion activity',
  find: (engine, id) => {
    const row = engine.orm
      .select()
      .from(championActivities)
      .all()
      .find((a) => a.id === id);
    return row
      ? (listActivities(engine, row.programId).find((a) => a.id === id) ?? { ...row, champion: null, teamId: null, team: null })
      : undefined;
  },
});

export interface ActivityFields {
  championId: string;
  kind: ActivityKind;
  date: string;
  attendance: number;
  notes?: string | null | undefined;
}

export function logActivity(s: Session, input: ActivityFields): ChampionActivity {
  return activityRecords.create(s, () => {
    const champion = championRecords.live(s.engine, input.championId);
    if (input.date < champion.since)
      throw badInput(`date: ${input.date} is before ${champion.name ?? 'the champion'} became a champion (${champion.since}).`);
    return { ...input, programId: champion.programId, notes: input.notes ?? null };
  });
}

export const deleteActivity = (s: Session, id: string): ChampionActivity => activityRecords.remove(s, id);

// Coverage

/**
 * The teams in the program's rollout with their active users: every team with usage rows for the
 * initiative (active users of its latest month there), and every team a champion of the program
 * is in. A team with no usage for the initiative counts the people the directory puts in it on
 * `asOf`, else its headcount.
 */
export function rolloutTeams(engine: Engine, program: ChampionProgram, asOf: string = todayUtc()): CoverageTeam[] {
  const latest = engine.sqlite
    .prepare(
      `SELECT u.team_id AS teamId, u.month AS month, u.active_users AS activeUsers FROM usage u
       WHERE u.initiative_id = ? AND u.month = (SELECT MAX(month) FROM usage v WHERE v.initiative_id = u.initiative_id AND v.team_id = u.team_id)`,
    )
    .all(program.initiativeId) as { teamId: string; month: string; activeUsers: number }[];
  const usage = new Map(latest.map((r) => [r.teamId, r]));
  const inDirectory = new Map<string, number>();
  for (const team of teamsOn(engine, asOf).values()) inDirectory.set(team, (inDirectory.get(team) ?? 0) + 1);
  const teams = new Map(listTeams(engine).map((t) => [t.id, t]));
  const ids = new Set([
    ...usage.keys(),
    ...listChampions(engine)
      .filter((c) => c.programId === program.id)
      .map((c) => c.teamId),
  ]);
  return [...ids]
    .flatMap((id): CoverageTeam[] => {
      const team = teams.get(id);
      if (!team) return [];
      const u = usage.get(id);
      if (u) return [{ teamId: id, team: team.name, activeUsers: u.activeUsers, source: { kind: 'usage', month: u.month } }];
      const listed = inDirectory.get(id);
      if (listed) return [{ teamId: id, team: team.name, activeUsers: listed, source: { kind: 'directory', asOf } }];
      if (team.headcount !== null) return [{ teamId: id, team: team.name, activeUsers: team.headcount, source: { kind: 'headcount' } }];
      return [{ teamId: id, team: team.name, activeUsers: null, source: { kind: 'none' } }];
    })
    .sort((a, b) => a.team.localeCompare(b.team));
}

export function programCoverage(engine: Engine, programId: string, asOf: string = todayUtc()): Coverage {
  const program = programs.live(engine, programId);
  return computeCoverage({
    programId,
    target: program.coverageTarget,
    asOf,
    teams: rolloutTeams(engine, program, asOf),
    champions: listChampions(engine).filter((c) => c.programId === programId),
    activities: listActivities(engine, programId),
  });
}
