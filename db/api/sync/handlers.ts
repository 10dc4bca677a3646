import { badInput } from '../../errors';
import { getMember } from '../../members/members';
import { listConflicts, resolveConflict } from '../../sync/conflicts';
import { joinableWorkspaces } from '../../sync/join-preview';
import { runSync, syncStatus } from '../../sync/status';
import { joinWorkspace, SYNC_FOLDER } from '../../sync/sync';
import { getLocal } from '../../write';
import type { AreaHandlers } from '../handlers';
import { workspaceInfo } from '../workspace/handlers';

export const syncHandlers = {
  run: (ctx, input) => {
    const folder = input.folder ?? getLocal(ctx.engine, SYNC_FOLDER);
    if (!folder) {
      throw badInput(
        'folder: no shared folder chosen yet on this device. Give the folder to sync with (in the CLI: uptake sync --folder DIR); it is remembered for next time.',
      );
    }
    return runSync(ctx.engine, folder, {
      allowMassDelete: input.allowMassDelete ?? false,
      snapshot: input.snapshot ?? false,
      compact: input.compact ?? false,
    });
  },
  join: (ctx, input) => {
    const joined = joinWorkspace(ctx.engine, input.folder, input.member, input.workspace);
    const member = getMember(ctx.engine, joined.memberId);
    return { ...workspaceInfo(ctx.engine, { id: member.id, name: member.name, role: member.role }), sync: joined.sync };
  },
  joinable: (_ctx, input) => joinableWorkspaces(input.folder),
  folder: (ctx) => ({ folder: getLocal(ctx.engine, SYNC_FOLDER) }),
  status: (ctx) => syncStatus(ctx.engine),
  conflicts: (ctx) => listConflicts(ctx.engine),
  resolve: (ctx, input) => resolveConflict(ctx, input),
} satisfies AreaHandlers<'sync'>;
