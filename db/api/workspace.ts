import { eq } from 'drizzle-orm';
import { badInput, UserError } from '../errors';
import { checkDatabase, exportWorkspace } from '../export';
import type { Engine } from '../open';
import { workspace } from '../schema';
import { deviceId, newId, setLocal, write } from '../write';
import { type Actor, hasWorkspace, operationNames, resolveActor } from './context';
import type { Handlers } from './handlers';
import { addProfile, getMember, listMembers } from './members';
import { allows } from './permissions';
import type { WorkspaceInfo } from './types';

export function workspaceInfo(engine: Engine, actor: Actor | null): WorkspaceInfo {
  const ws = engine.orm.select().from(workspace).where(eq(workspace.deleted, false)).get();
  const me = actor ? getMember(engine, actor.id) : null;
  return {
    workspace: ws ? { id: ws.id, name: ws.name } : null,
    me,
    profiles: ws ? listMembers(engine).filter((m) => m.hasProfileHere) : [],
    deviceId: deviceId(engine),
    databaseFile: engine.file,
    schemaVersion: engine.schemaVersion,
    allowed: ws ? operationNames().filter((op) => allows(op, me?.role ?? null)) : operationNames().filter((op) => allows(op, null)),
  };
}

/** Creates the workspace and its first change manager, who becomes this device's profile. */
export function initWorkspace(engine: Engine, workspaceName: string, me: string): Actor {
  return engine.sqlite.transaction(() => {
    if (hasWorkspace(engine)) {
      throw new UserError('CONFLICT', `${engine.file} already holds a workspace. Use another --db file for a new one.`);
    }
    const memberId = newId();
    const workspaceId = newId();
    write(engine, memberId, 'workspace', workspaceId, { name: workspaceName }, 'create');
    write(engine, memberId, 'members', memberId, { name: me, email: null, role: 'change_manager' }, 'create');
    addProfile(engine, memberId);
    setLocal(engine, 'acting_member', memberId);
    return { id: memberId, name: me, role: 'change_manager' as const };
  })();
}

export const workspaceHandlers = {
  'workspace.get': (ctx) => workspaceInfo(ctx.engine, ctx.actor),
  'workspace.init': (ctx, input) => workspaceInfo(ctx.engine, initWorkspace(ctx.engine, input.workspace, input.me)),
  'workspace.demo': async (ctx, input) => {
    const { createDemo } = await import('../demo');
    const { addDemoSignals } = await import('../demo-signals');
    const me = createDemo(ctx.engine, input.seed ?? 1);
    await addDemoSignals(ctx.engine, me.id, input.seed ?? 1);
    return workspaceInfo(ctx.engine, me);
  },
  'workspace.update': (ctx, input) => {
    const ws = ctx.engine.orm.select().from(workspace).where(eq(workspace.deleted, false)).get();
    if (!ws) throw badInput('There is no workspace to rename.');
    write(ctx.engine, ctx.actor?.id ?? null, 'workspace', ws.id, { name: input.name }, 'update');
    return workspaceInfo(ctx.engine, ctx.actor);
  },
  'workspace.export': (ctx) => exportWorkspace(ctx.engine),
  'workspace.check': (ctx) => checkDatabase(ctx.engine),
  'profiles.switch': (ctx, input) => {
    const member = listMembers(ctx.engine).find((m) => m.id === input.memberId);
    if (!member?.hasProfileHere) throw badInput(`memberId: ${input.memberId} is not a member with a profile on this device.`);
    setLocal(ctx.engine, 'acting_member', member.id);
    return workspaceInfo(ctx.engine, resolveActor(ctx.engine));
  },
} satisfies Partial<Handlers>;
