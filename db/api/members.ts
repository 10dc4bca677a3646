import { eq } from 'drizzle-orm';
import { badInput, notFound } from '../errors';
import type { Engine } from '../open';
import { localProfiles, members } from '../schema';
import { newId, write } from '../write';
import type { Handlers } from './handlers';
import type { Member } from './types';

export function listMembers(engine: Engine, includeDeleted = false): Member[] {
  const profiles = new Set(
    engine.orm
      .select()
      .from(localProfiles)
      .all()
      .map((p) => p.memberId),
  );
  return engine.orm
    .select()
    .from(members)
    .all()
    .filter((m) => includeDeleted || !m.deleted)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role, deleted: m.deleted, hasProfileHere: profiles.has(m.id) }));
}

export function getMember(engine: Engine, id: string): Member {
  const m = listMembers(engine, true).find((x) => x.id === id);
  if (!m) throw notFound('member', id);
  return m;
}

export function addProfile(engine: Engine, memberId: string): void {
  engine.orm.insert(localProfiles).values({ memberId }).onConflictDoNothing().run();
}

function activeChangeManagers(engine: Engine): string[] {
  return engine.orm
    .select({ id: members.id, role: members.role, deleted: members.deleted })
    .from(members)
    .where(eq(members.deleted, false))
    .all()
    .filter((m) => m.role === 'change_manager')
    .map((m) => m.id);
}

function checkUniqueName(engine: Engine, name: string | undefined, exceptId: string | null) {
  if (!name) return;
  const clash = listMembers(engine).find((m) => m.id !== exceptId && m.name.toLocaleLowerCase() === name.toLocaleLowerCase());
  if (clash)
    throw badInput(`name: a member named "${clash.name}" already exists. Members are told apart by name (--as), so choose another.`);
}

export const membersHandlers = {
  'members.list': (ctx, input) => listMembers(ctx.engine, input.includeDeleted),
  'members.create': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      checkUniqueName(ctx.engine, input.name, null);
      const id = newId();
      write(ctx.engine, ctx.actor?.id ?? null, 'members', id, { name: input.name, email: input.email ?? null, role: input.role }, 'create');
      if (input.profileOnThisDevice) addProfile(ctx.engine, id);
      return getMember(ctx.engine, id);
    })(),
  'members.update': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      const current = getMember(ctx.engine, input.id);
      if (current.deleted) throw notFound('member', input.id);
      checkUniqueName(ctx.engine, input.name, input.id);
      if (
        current.role === 'change_manager' &&
        input.role &&
        input.role !== 'change_manager' &&
        activeChangeManagers(ctx.engine).length === 1
      ) {
        throw badInput(`role: ${current.name} is the only change manager; make someone else a change manager first.`);
      }
      const { id, ...patch } = input;
      write(ctx.engine, ctx.actor?.id ?? null, 'members', id, patch, 'update');
      return getMember(ctx.engine, id);
    })(),
  'members.delete': (ctx, input) =>
    ctx.engine.sqlite.transaction(() => {
      const current = getMember(ctx.engine, input.id);
      if (current.deleted) throw notFound('member', input.id);
      if (current.role === 'change_manager' && activeChangeManagers(ctx.engine).length === 1) {
        throw badInput(`${current.name} is the only change manager and cannot be removed; make someone else a change manager first.`);
      }
      write(ctx.engine, ctx.actor?.id ?? null, 'members', input.id, { deleted: true }, 'update');
      return getMember(ctx.engine, input.id);
    })(),
} satisfies Partial<Handlers>;
