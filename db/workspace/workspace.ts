import { eq } from 'drizzle-orm';
import { badInput, UserError } from '../errors';
import { addProfile, listMembers } from '../members/members';
import type { Actor, Member } from '../members/model';
import type { Engine } from '../open';
import { inTransaction, type Session } from '../records';
import { settings, workspace } from '../schema';
import { newId, setLocal, write } from '../write';
import { recommendationLinkProblem } from './model';

export function currentWorkspace(engine: Engine): { id: string; name: string } | null {
  const ws = engine.orm.select().from(workspace).where(eq(workspace.deleted, false)).get();
  return ws ? { id: ws.id, name: ws.name } : null;
}

export const hasWorkspace = (engine: Engine): boolean => currentWorkspace(engine) !== null;

/** Creates the workspace and its first change manager, who becomes this device's profile. */
export function initWorkspace(engine: Engine, workspaceName: string, me: string): Actor {
  return inTransaction(engine, () => {
    if (hasWorkspace(engine)) {
      throw new UserError('CONFLICT', `${engine.file} already holds a workspace. Use another --db file for a new one.`);
    }
    const memberId = newId();
    write(engine, memberId, 'workspace', newId(), { name: workspaceName }, 'create');
    write(engine, memberId, 'members', memberId, { name: me, email: null, role: 'change_manager' }, 'create');
    addProfile(engine, memberId);
    setLocal(engine, 'acting_member', memberId);
    return { id: memberId, name: me, role: 'change_manager' as const };
  });
}

export function renameWorkspace(s: Session, name: string): void {
  inTransaction(s.engine, () => {
    const ws = currentWorkspace(s.engine);
    if (!ws) throw badInput('There is no workspace to rename.');
    write(s.engine, s.authorId, 'workspace', ws.id, { name }, 'update');
  });
}

/** Makes a member with a profile on this device the one it acts as. */
export function switchProfile(engine: Engine, memberId: string): Member {
  const member = listMembers(engine).find((m) => m.id === memberId);
  if (!member?.hasProfileHere) throw badInput(`memberId: ${memberId} is not a member with a profile on this device.`);
  setLocal(engine, 'acting_member', member.id);
  return member;
}

/** The workspace's recommendation link pattern (Settings), or null. */
export function recommendationLink(engine: Engine): string | null {
  const row = engine.orm.select().from(settings).where(eq(settings.id, 'recommendation_link')).get();
  if (!row || row.deleted) return null;
  const value = JSON.parse(row.value) as unknown;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Sets (or, with null or '', clears) the pattern; a synced setting, so the history shows who changed it. */
export function setRecommendationLink(s: Session, pattern: string | null): void {
  const value = pattern?.trim() || null;
  const problem = value === null ? null : recommendationLinkProblem(value);
  if (problem) throw badInput(`recommendationLink: the recommendation link ${problem}`);
  inTransaction(s.engine, () => {
    const exists = s.engine.orm.select().from(settings).where(eq(settings.id, 'recommendation_link')).get();
    write(s.engine, s.authorId, 'settings', 'recommendation_link', { value: JSON.stringify(value) }, exists ? 'update' : 'create');
  });
}
