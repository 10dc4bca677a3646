import { badInput, notFound } from '../errors';
import type { Engine } from '../open';
import { teams } from '../schema';
import { newId, write } from '../write';
import type { Ctx } from './context';
import type { Handlers } from './handlers';
import type { Team } from './types';

type TeamRow = typeof teams.$inferSelect;

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
    children.set(p, [...(children.get(p) ?? []), r]);
  }
  const out: Team[] = [];
  const visit = (parent: string | null, path: string[]) => {
    const kids = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    for (const r of kids) {
      const p = [...path, r.name];
      out.push({
        id: r.id,
        name: r.name,
        parentId: effectiveParent(r),
        region: r.region,
        businessUnit: r.businessUnit,
        headcount: r.headcount,
        deleted: r.deleted,
        depth: path.length,
        path: p,
        subTeamCount: (children.get(r.id) ?? []).filter((c) => !c.deleted).length,
      });
      visit(r.id, p);
    }
  };
  visit(null, []);
  return out;
}

export function getTeam(engine: Engine, id: string, includeDeleted = true): Team {
  const team = listTeams(engine, true).find((t) => t.id === id);
  if (!team || (!includeDeleted && team.deleted)) throw notFound('team', id);
  return team;
}

/** A team's id and the ids of all its sub-teams, at any depth. */
export function teamWithDescendants(engine: Engine, id: string): string[] {
  const all = listTeams(engine);
  const ids = new Set([id]);
  for (const t of all) if (t.parentId && ids.has(t.parentId)) ids.add(t.id);
  return [...ids];
}

function checkParent(engine: Engine, id: string | null, parentId: string | null | undefined) {
  if (!parentId) return;
  const all = listTeams(engine);
  const parent = all.find((t) => t.id === parentId);
  if (!parent) throw badInput(`parentId: no team with id ${parentId}. Pick an existing team as the parent.`);
  if (id && (parentId === id || (parent.path.length > 0 && teamWithDescendants(engine, id).includes(parentId)))) {
    throw badInput(`parentId: ${parent.name} is this team or one of its sub-teams; a team cannot sit inside itself.`);
  }
}

function checkUniqueName(engine: Engine, name: string | undefined, parentId: string | null, exceptId: string | null) {
  if (!name) return;
  const clash = listTeams(engine).find(
    (t) => t.id !== exceptId && t.parentId === parentId && t.name.toLocaleLowerCase() === name.toLocaleLowerCase(),
  );
  if (clash)
    throw badInput(
      `name: a team named "${clash.name}" already exists${parentId ? ' under the same parent' : ' at top level'}. Choose another name.`,
    );
}

export const teamsHandlers = {
  'teams.list': (ctx: Ctx, input) => listTeams(ctx.engine, input.includeDeleted),
  'teams.get': (ctx, input) => getTeam(ctx.engine, input.id),
  'teams.create': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      checkParent(ctx.engine, null, input.parentId);
      checkUniqueName(ctx.engine, input.name, input.parentId ?? null, null);
      const id = newId();
      write(
        ctx.engine,
        ctx.actor?.id ?? null,
        'teams',
        id,
        {
          name: input.name,
          parentId: input.parentId ?? null,
          region: input.region ?? null,
          businessUnit: input.businessUnit ?? null,
          headcount: input.headcount ?? null,
        },
        'create',
      );
      return getTeam(ctx.engine, id);
    })(),
  'teams.update': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      const current = getTeam(ctx.engine, input.id, false);
      checkParent(ctx.engine, input.id, input.parentId);
      const parent = input.parentId === undefined ? current.parentId : input.parentId;
      checkUniqueName(ctx.engine, input.name ?? current.name, parent, input.id);
      const { id, ...patch } = input;
      write(ctx.engine, ctx.actor?.id ?? null, 'teams', id, patch, 'update');
      return getTeam(ctx.engine, id);
    })(),
  'teams.delete': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      const team = getTeam(ctx.engine, input.id, false);
      if (team.subTeamCount > 0) {
        throw badInput(`${team.name} has ${team.subTeamCount} sub-team${team.subTeamCount === 1 ? '' : 's'}. Move or delete them first.`);
      }
      write(ctx.engine, ctx.actor?.id ?? null, 'teams', input.id, { deleted: true }, 'update');
      return getTeam(ctx.engine, input.id);
    })(),
  'teams.restore': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      getTeam(ctx.engine, input.id);
      write(ctx.engine, ctx.actor?.id ?? null, 'teams', input.id, { deleted: false }, 'update');
      return getTeam(ctx.engine, input.id);
    })(),
} satisfies Partial<Handlers>;
