import { and, count, eq } from 'drizzle-orm';
import { badInput } from '../errors';
import type { Engine } from '../open';
import { byName, findRow, type RecordKit, recordKit, type Session, withNulls } from '../records';
import { plural } from '../reports/shared/plural';
import { teams } from '../schema';
import type { Team } from './model';

type TeamRow = typeof teams.$inferSelect;

/** A team row as a record, at its place in the hierarchy. */
const toTeam = (r: TeamRow, parentId: string | null, path: string[], subTeamCount: number): Team => ({
  id: r.id,
  name: r.name,
  parentId,
  region: r.region,
  businessUnit: r.businessUnit,
  headcount: r.headcount,
  deleted: r.deleted,
  depth: path.length - 1,
  path,
  subTeamCount,
});

/**
 * Teams in hierarchy order (each parent followed by its sub-teams, by name). Sync can deliver a
 * parent change that makes a loop or points at a deleted team; such a team is shown at top level
 * rather than lost.
 */
export function listTeams(engine: Engine, includeDeleted = false): Team[] {
  const rows = engine.orm.select().from(teams).all();
  const live = rows.filter((r) => includeDeleted || !r.deleted);
  const byId = new Map(live.map((r) => [r.id, r]));
  const effectiveParent = (r: TeamRow): string | null => {
    const seen = new Set([r.id]);
    let p = r.parentId;
    while (p) {
      if (seen.has(p) || !byId.has(p)) return null;
      seen.add(p);
      p = byId.get(p)?.parentId ?? null;
    }
    return r.parentId && byId.has(r.parentId) ? r.parentId : null;
  };
  const children = new Map<string | null, TeamRow[]>();
  for (const r of live) {
    const p = effectiveParent(r);
    // Appended in place: copying the list for each child made a workspace of many teams quadratic.
    const siblings = children.get(p);
    if (siblings) siblings.push(r);
    else children.set(p, [r]);
  }
  const out: Team[] = [];
  const visit = (parent: string | null, path: string[]) => {
    const kids = [...(children.get(parent) ?? [])].sort(byName);
    for (const r of kids) {
      const p = [...path, r.name];
      out.push(toTeam(r, effectiveParent(r), p, (children.get(r.id) ?? []).filter((c) => !c.deleted).length));
      visit(r.id, p);
    }
  };
  visit(null, []);
  return out;
}

/**
 * Team rows as records, placed as listTeams(engine, true) places them (deleted teams count as
 * parents) without reading every team: each row's parents are read up to the top by id. A chain of
 * parents that loops or reaches a missing team puts the team at top level, and with it every team
 * under it, so it then has no sub-teams in the hierarchy.
 */
function toTeams(engine: Engine, rows: TeamRow[]): Team[] {
  const read = new Map(rows.map((r) => [r.id, r]));
  const byId = (id: string) => {
    if (!read.has(id)) {
      const row = engine.orm.select().from(teams).where(eq(teams.id, id)).get();
      if (row) read.set(id, row);
    }
    return read.get(id);
  };
  return rows.map((r) => {
    const path = [r.name];
    const seen = new Set([r.id]);
    for (let p = r.parentId; p; ) {
      const parent = seen.has(p) ? undefined : byId(p);
      if (!parent) return toTeam(r, null, [r.name], 0);
      seen.add(p);
      path.unshift(parent.name);
      p = parent.parentId;
    }
    const subTeams = engine.orm
      .select({ n: count() })
      .from(teams)
      .where(and(eq(teams.parentId, r.id), eq(teams.deleted, false)))
      .get();
    return toTeam(r, r.parentId, path, subTeams?.n ?? 0);
  });
}

const records: RecordKit<Team> = recordKit({ table: 'teams', label: 'team', find: findRow(teams, toTeams) });
export const getTeam = records.get;

/** A team's id and the ids of all its sub-teams, at any depth. */
export function teamWithDescendants(engine: Engine, id: string): string[] {
  const all = listTeams(engine);
  const ids = new Set([id]);
  for (const t of all) if (t.parentId && ids.has(t.parentId)) ids.add(t.id);
  return [...ids];
}

function checkParent(engine: Engine, id: string | null, parentId: string | null | undefined) {
  if (!parentId) return;
  const parent = listTeams(engine).find((t) => t.id === parentId);
  if (!parent) throw badInput(`parentId: no team with id ${parentId}. Pick an existing team as the parent.`);
  if (id && (parentId === id || teamWithDescendants(engine, id).includes(parentId))) {
    throw badInput(`parentId: ${parent.name} is this team or one of its sub-teams; a team cannot sit inside itself.`);
  }
}

function checkUniqueName(engine: Engine, name: string, parentId: string | null, exceptId: string | null) {
  const clash = listTeams(engine).find(
    (t) => t.id !== exceptId && t.parentId === parentId && t.name.toLocaleLowerCase() === name.toLocaleLowerCase(),
  );
  if (clash)
    throw badInput(
      `name: a team named "${clash.name}" already exists${parentId ? ' under the same parent' : ' at top level'}. Choose another name.`,
    );
}

export interface TeamFields {
  name: string;
  parentId?: string | null | undefined;
  region?: string | null | undefined;
  businessUnit?: string | null | undefined;
  headcount?: number | null | undefined;
}

export function createTeam(s: Session, input: TeamFields): Team {
  return records.create(s, () => {
    checkParent(s.engine, null, input.parentId);
    checkUniqueName(s.engine, input.name, input.parentId ?? null, null);
    return withNulls(input, ['parentId', 'region', 'businessUnit', 'headcount']);
  });
}

export function updateTeam(s: Session, { id, ...patch }: Partial<TeamFields> & { id: string }): Team {
  return records.update(s, id, (current) => {
    checkParent(s.engine, id, patch.parentId);
    const parent = patch.parentId === undefined ? current.parentId : patch.parentId;
    checkUniqueName(s.engine, patch.name ?? current.name, parent, id);
    return patch;
  });
}

export function deleteTeam(s: Session, id: string): Team {
  return records.remove(s, id, (team) => {
    if (team.subTeamCount > 0) {
      throw badInput(`${team.name} has ${plural(team.subTeamCount, 'sub-team')}. Move or delete them first.`);
    }
  });
}

export const restoreTeam = records.restore;
