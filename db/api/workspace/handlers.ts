import { checkDatabase } from '../../check';
import { exportWorkspace } from '../../export';
import { mayNamePatterns } from '../../feedback/triagers';
import { getMember, listMembers, resolveActor } from '../../members/members';
import type { Actor } from '../../members/model';
import type { Engine } from '../../open';
import { inTransaction } from '../../records';
import type { WorkspaceInfo } from '../../workspace/model';
import { currentWorkspace, initWorkspace, recommendationLink, renameWorkspace, setRecommendationLink } from '../../workspace/workspace';
import { deviceId } from '../../write';
import { operationNames } from '../context';
import type { AreaHandlers } from '../handlers';
import { allows, triageScoped } from '../permissions';

/** The workspace as a host sees it: who acts, and which operations they may call (the UI shows only those). */
export function workspaceInfo(engine: Engine, actor: Actor | null): WorkspaceInfo {
  const ws = currentWorkspace(engine);
  const me = actor ? getMember(engine, actor.id) : null;
  return {
    workspace: ws,
    me,
    profiles: ws ? listMembers(engine).filter((m) => m.hasProfileHere) : [],
    deviceId: deviceId(engine),
    databaseFile: engine.file,
    schemaVersion: engine.schemaVersion,
    allowed: operationNames().filter(
      (op) => allows(op, ws ? (me?.role ?? null) : null) || (!!ws && !!me && triageScoped.has(op) && mayNamePatterns(engine, me.id)),
    ),
    recommendationLink: ws ? recommendationLink(engine) : null,
  };
}

export const workspaceHandlers = {
  get: (ctx) => workspaceInfo(ctx.engine, ctx.actor),
  init: (ctx, input) => workspaceInfo(ctx.engine, initWorkspace(ctx.engine, input.workspace, input.me)),
  demo: async (ctx, input) => {
    const { createDemo } = await import('../../demo');
    const me = await createDemo(ctx.engine, input.seed ?? 1);
    return workspaceInfo(ctx.engine, me);
  },
  update: (ctx, input) => {
    // Both or neither: a refused link leaves the name as it was.
    inTransaction(ctx.engine, () => {
      if (input.name !== undefined) renameWorkspace(ctx, input.name);
      if (input.recommendationLink !== undefined) setRecommendationLink(ctx, input.recommendationLink);
    });
    return workspaceInfo(ctx.engine, ctx.actor);
  },
  export: (ctx) => exportWorkspace(ctx.engine),
  check: (ctx) => checkDatabase(ctx.engine),
} satisfies AreaHandlers<'workspace'>;

export { resolveActor };
