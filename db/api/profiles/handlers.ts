import { resolveActor } from '../../members/members';
import { switchProfile } from '../../workspace/workspace';
import type { AreaHandlers } from '../handlers';
import { workspaceInfo } from '../workspace/handlers';

export const profilesHandlers = {
  switch: (ctx, input) => {
    switchProfile(ctx.engine, input.memberId);
    return workspaceInfo(ctx.engine, resolveActor(ctx.engine));
  },
} satisfies AreaHandlers<'profiles'>;
