import { badInput } from '../errors';
import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { byName, findRow, type RecordKit, recordKit, type Session, stringList, tableRows } from '../records';
import { initiatives } from '../schema';
import { listTeams } from '../teams/teams';
import { type Initiative, type InitiativeStatus, type PersonRef, TRIAD_ROLES, type TriadRole } from './model';

type Stored = { memberId: string } | { name: string };
/** A triad role as given: a member of the workspace, a named outsider, or null to clear it. */
export type PersonInput = { memberId: string } | { name: string } | null;

function parseStored(value: string | null): Stored | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as Stored;
    return typeof v === 'object' && v !== null ? v : null;
  } catch {
    return null;
  }
}

/** The member a stored triad column names: null for a name only, or nobody. */
export function storedMember(value: string | null): string | null {
  const v = parseStored(value);
  return v && 'memberId' in v ? v.memberId : null;
}

/** Initiative rows as records: each triad role's person, by name. */
function toInitiatives(engine: Engine, rows: (typeof initiatives.$inferSelect)[]): Initiative[] {
  const names = new Map(listMembers(engine, true).map((m) => [m.id, m]));
  const resolve = (value: string | null): PersonRef | null => {
    const v = parseStored(value);
    if (!v) return null;
    if ('memberId' in v) {
      const m = names.get(v.memberId);
      // A removed member no longer fills the role: the initiative is flagged so someone reassigns it.
      if (!m || m.deleted) return null;
      return { memberId: m.id, name: m.name };
    }
    return { memberId: null, name: v.name };
  };
  return rows.map((r) => {
    const triad = {
      businessSponsor: resolve(r.businessSponsor),
      productOwner: resolve(r.productOwner),
      technicalLead: resolve(r.technicalLead),
    };
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      status: r.status,
      goLive: r.goLive,
      modelVersions: stringList(r.modelVersions),
      ...triad,
      missingRoles: TRIAD_ROLES.filter((role) => triad[role] === null),
      deleted: r.deleted,
    };
  });
}

export function listInitiatives(engine: Engine, includeDeleted = false): Initiative[] {
  return toInitiatives(engine, tableRows(engine, initiatives, includeDeleted).sort(byName));
}

const records: RecordKit<Initiative> = recordKit({ table: 'initiatives', label: 'initiative', find: findRow(initiatives, toInitiatives) });
export const getInitiative = records.get;

function storePerson(engine: Engine, role: TriadRole, person: PersonInput | undefined): string | null | undefined {
  if (person === undefined) return undefined;
  if (person === null) return null;
  if ('memberId' in person) {
    const m = listMembers(engine).find((x) => x.id === person.memberId);
    if (!m) throw badInput(`${role}.memberId: no member with id ${person.memberId}. Pick a member, or give a name instead.`);
    return JSON.stringify({ memberId: m.id });
  }
  return JSON.stringify({ name: person.name });
}

function checkUniqueName(engine: Engine, name: string | undefined, exceptId: string | null) {
  if (!name) return;
  const clash = listInitiatives(engine).find((i) => i.id !== exceptId && i.name.toLocaleLowerCase() === name.toLocaleLowerCase());
  if (clash) throw badInput(`name: an initiative named "${clash.name}" already exists. Choose another name.`);
}

export interface InitiativeFields {
  name: string;
  status?: InitiativeStatus | undefined;
  description?: string | null | undefined;
  goLive?: string | null | undefined;
  modelVersions?: string[] | undefined;
  businessSponsor?: PersonInput | undefined;
  productOwner?: PersonInput | undefined;
  technicalLead?: PersonInput | undefined;
}

function toRow(engine: Engine, input: Partial<InitiativeFields>) {
  return {
    name: input.name,
    status: input.status,
    description: input.description,
    goLive: input.goLive,
    modelVersions: input.modelVersions === undefined ? undefined : JSON.stringify([...new Set(input.modelVersions)]),
    businessSponsor: storePerson(engine, 'businessSponsor', input.businessSponsor),
    productOwner: storePerson(engine, 'productOwner', input.productOwner),
    technicalLead: storePerson(engine, 'technicalLead', input.technicalLead),
  };
}

export function createInitiative(s: Session, input: InitiativeFields): Initiative {
  return records.create(s, () => {
    checkUniqueName(s.engine, input.name, null);
    const row = toRow(s.engine, input);
    return {
      ...row,
      status: row.status ?? 'pilot',
      description: row.description ?? null,
      goLive: row.goLive ?? null,
      modelVersions: row.modelVersions ?? '[]',
      businessSponsor: row.businessSponsor ?? null,
      productOwner: row.productOwner ?? null,
      technicalLead: row.technicalLead ?? null,
    };
  });
}

export function updateInitiative(s: Session, { id, ...patch }: Partial<InitiativeFields> & { id: string }): Initiative {
  return records.update(s, id, () => {
    checkUniqueName(s.engine, patch.name, id);
    return toRow(s.engine, patch);
  });
}

export const deleteInitiative = (s: Session, id: string): Initiative => records.remove(s, id);
export const restoreInitiative = records.restore;

/**
 * The initiatives each team works with: those with usage, pulse or decisions of the team or of
 * any of its sub-teams (a team includes its sub-teams, as in the report), or a shadow process
 * logged against them. Pickers offer these first once a team is chosen.
 */
export function initiativesByTeam(engine: Engine): Record<string, string[]> {
  const pairs = engine.sqlite
    .prepare(
      `SELECT team_id AS team, initiative_id AS initiative FROM usage
       UNION SELECT team_id, initiative_id FROM pulse
       UNION SELECT kt.value, ki.value FROM (SELECT DISTINCT team, initiative FROM decision_counts) d
         JOIN signal_keys kt ON kt.id = d.team JOIN signal_keys ki ON ki.id = d.initiative
       UNION SELECT team_id, initiative_id FROM shadow_processes WHERE initiative_id IS NOT NULL AND deleted = 0`,
    )
    .all() as { team: string; initiative: string }[];
  const own = new Map<string, Set<string>>();
  for (const p of pairs) own.set(p.team, (own.get(p.team) ?? new Set()).add(p.initiative));
  const teams = listTeams(engine);
  const parent = new Map(teams.map((t) => [t.id, t.parentId]));
  const result: Record<string, Set<string>> = {};
  for (const t of teams) result[t.id] = new Set();
  // Each team's own initiatives count for it and for every team above it.
  for (const [team, ids] of own) {
    const seen = new Set<string>();
    for (let at: string | null | undefined = team; at && !seen.has(at); at = parent.get(at)) {
      seen.add(at);
      for (const id of ids) result[at]?.add(id);
    }
  }
  return Object.fromEntries(Object.entries(result).map(([team, ids]) => [team, [...ids]]));
}
