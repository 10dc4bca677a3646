import { badInput, notFound } from '../errors';
import type { Engine } from '../open';
import { initiatives } from '../schema';
import { newId, write } from '../write';
import type { Handlers } from './handlers';
import { listMembers } from './members';
import { type Initiative, type PersonRef, TRIAD_ROLES, type TriadRole } from './types';

type Stored = { memberId: string } | { name: string };

function parseStored(value: string | null): Stored | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as Stored;
    return typeof v === 'object' && v !== null ? v : null;
  } catch {
    return null;
  }
}

export function listInitiatives(engine: Engine, includeDeleted = false): Initiative[] {
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
  return engine.orm
    .select()
    .from(initiatives)
    .all()
    .filter((r) => includeDeleted || !r.deleted)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((r) => {
      const triad = {
        businessSponsor: resolve(r.businessSponsor),
        productOwner: resolve(r.productOwner),
        technicalLead: resolve(r.technicalLead),
      };
      let modelVersions: string[] = [];
      try {
        const parsed = JSON.parse(r.modelVersions) as unknown;
        if (Array.isArray(parsed)) modelVersions = parsed.filter((x): x is string => typeof x === 'string');
      } catch {
        modelVersions = [];
      }
      return {
        id: r.id,
        name: r.name,
        description: r.description,
        status: r.status,
        goLive: r.goLive,
        modelVersions,
        ...triad,
        missingRoles: TRIAD_ROLES.filter((role) => triad[role] === null),
        deleted: r.deleted,
      };
    });
}

export function getInitiative(engine: Engine, id: string): Initiative {
  const found = listInitiatives(engine, true).find((i) => i.id === id);
  if (!found) throw notFound('initiative', id);
  return found;
}

type PersonInput = { memberId: string } | { name: string } | null | undefined;

function storePerson(engine: Engine, role: TriadRole, person: PersonInput): string | null | undefined {
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

type InitiativePatch = {
  name?: string;
  status?: Initiative['status'];
  description?: string | null;
  goLive?: string | null;
  modelVersions?: string[];
  businessSponsor?: PersonInput;
  productOwner?: PersonInput;
  technicalLead?: PersonInput;
};

function toRow(engine: Engine, input: InitiativePatch) {
  const modelVersions = input.modelVersions === undefined ? undefined : JSON.stringify([...new Set(input.modelVersions)]);
  return {
    name: input.name,
    status: input.status,
    description: input.description,
    goLive: input.goLive,
    modelVersions,
    businessSponsor: storePerson(engine, 'businessSponsor', input.businessSponsor),
    productOwner: storePerson(engine, 'productOwner', input.productOwner),
    technicalLead: storePerson(engine, 'technicalLead', input.technicalLead),
  };
}

export const initiativesHandlers = {
  'initiatives.list': (ctx, input) => listInitiatives(ctx.engine, input.includeDeleted),
  'initiatives.get': (ctx, input) => getInitiative(ctx.engine, input.id),
  'initiatives.create': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      checkUniqueName(ctx.engine, input.name, null);
      const id = newId();
      const row = toRow(ctx.engine, input);
      write(
        ctx.engine,
        ctx.actor?.id ?? null,
        'initiatives',
        id,
        {
          ...row,
          description: row.description ?? null,
          goLive: row.goLive ?? null,
          modelVersions: row.modelVersions ?? '[]',
          businessSponsor: row.businessSponsor ?? null,
          productOwner: row.productOwner ?? null,
          technicalLead: row.technicalLead ?? null,
        },
        'create',
      );
      return getInitiative(ctx.engine, id);
    })(),
  'initiatives.update': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      const current = getInitiative(ctx.engine, input.id);
      if (current.deleted) throw notFound('initiative', input.id);
      checkUniqueName(ctx.engine, input.name, input.id);
      const { id, ...patch } = input;
      write(ctx.engine, ctx.actor?.id ?? null, 'initiatives', id, toRow(ctx.engine, patch), 'update');
      return getInitiative(ctx.engine, id);
    })(),
  'initiatives.delete': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      if (getInitiative(ctx.engine, input.id).deleted) throw notFound('initiative', input.id);
      write(ctx.engine, ctx.actor?.id ?? null, 'initiatives', input.id, { deleted: true }, 'update');
      return getInitiative(ctx.engine, input.id);
    })(),
  'initiatives.restore': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      getInitiative(ctx.engine, input.id);
      write(ctx.engine, ctx.actor?.id ?? null, 'initiatives', input.id, { deleted: false }, 'update');
      return getInitiative(ctx.engine, input.id);
    })(),
} satisfies Partial<Handlers>;
