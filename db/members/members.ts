import { and, eq, or } from 'drizzle-orm';
import { badInput } from '../errors';
import type { Engine } from '../open';
import { byName, findRow, inTransaction, type RecordKit, recordKit, type Session, tableRows } from '../records';
import { localProfiles, members } from '../schema';
import { getLocal } from '../write';
import type { Actor, Member, Role } from './model';

/** Member rows as records: whether each has a profile on this device. */
function toMembers(engine: Engine, rows: (typeof members.$inferSelect)[]): Member[] {
  const profiles = new Set(
    engine.orm
      .select()
      .from(localProfiles)
      .all()
      .map((p) => p.memberId),
  );
  return rows.map((m) => ({
    id: m.id,
    name: m.name,
    email: m.email,
    role: m.role,
    deleted: m.deleted,
    hasProfileHere: profiles.has(m.id),
  }));
}

export function listMembers(engine: Engine, includeDeleted = false): Member[] {
  return toMembers(engine, tableRows(engine, members, includeDeleted).sort(byName));
}

const records: RecordKit<Member> = recordKit({ table: 'members', label: 'member', find: findRow(members, toMembers) });
export const getMember = records.get;

/** Lets this device act as the member (CLI `--as`, the profile switcher). Local, never synced. */
export function addProfile(engine: Engine, memberId: string): void {
  engine.orm.insert(localProfiles).values({ memberId }).onConflictDoNothing().run();
}

function activeChangeManagers(engine: Engine): number {
  return listMembers(engine).filter((m) => m.role === 'change_manager').length;
}

function checkUniqueName(engine: Engine, name: string | undefined, exceptId: string | null) {
  if (!name) return;
  const clash = listMembers(engine).find((m) => m.id !== exceptId && m.name.toLocaleLowerCase() === name.toLocaleLowerCase());
  if (clash)
    throw badInput(`name: a member named "${clash.name}" already exists. Members are told apart by name (--as), so choose another.`);
}

export interface MemberFields {
  name: string;
  email?: string | null | undefined;
  role: Role;
}

export function createMember(s: Session, input: MemberFields & { profileOnThisDevice?: boolean }): Member {
  return inTransaction(s.engine, () => {
    const { id } = records.create(s, () => {
      checkUniqueName(s.engine, input.name, null);
      return { name: input.name, email: input.email ?? null, role: input.role };
    });
    if (input.profileOnThisDevice ?? true) addProfile(s.engine, id);
    return getMember(s.engine, id);
  });
}

export function updateMember(s: Session, { id, ...patch }: Partial<MemberFields> & { id: string }): Member {
  return records.update(s, id, (current) => {
    checkUniqueName(s.engine, patch.name, id);
    if (current.role === 'change_manager' && patch.role && patch.role !== 'change_manager' && activeChangeManagers(s.engine) === 1) {
      throw badInput(`role: ${current.name} is the only change manager; make someone else a change manager first.`);
    }
    return patch;
  });
}

export function deleteMember(s: Session, id: string): Member {
  return records.remove(s, id, (current) => {
    if (current.role === 'change_manager' && activeChangeManagers(s.engine) === 1) {
      throw badInput(`${current.name} is the only change manager and cannot be removed; make someone else a change manager first.`);
    }
  });
}

/** Resolves the member acting: `actAs` (name or id), else this device's current profile. */
export function resolveActor(engine: Engine, actAs?: string | null): Actor | null {
  const wanted = actAs?.trim() || getLocal(engine, 'acting_member');
  if (!wanted) return null;
  const candidates = engine.orm
    .select({ id: members.id, name: members.name, role: members.role, profile: localProfiles.memberId })
    .from(members)
    .leftJoin(localProfiles, eq(localProfiles.memberId, members.id))
    .where(and(eq(members.deleted, false), or(eq(members.id, wanted), eq(members.name, wanted))))
    .all();
  if (candidates.length === 0) {
    if (!actAs) return null;
    throw badInput(`--as: no member named or with id "${actAs}" in this workspace. Run \`uptake call members.list\` to see them.`);
  }
  if (candidates.length > 1) throw badInput(`--as: more than one member is named "${wanted}"; pass the member's id instead.`);
  const [m] = candidates;
  if (!m) return null;
  if (!m.profile) {
    throw badInput(
      `--as: ${m.name} has no profile on this device, so this device cannot act as them. A change manager can add one, or ${m.name} uses their own device.`,
    );
  }
  return { id: m.id, name: m.name, role: m.role };
}
