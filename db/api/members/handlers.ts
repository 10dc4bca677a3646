import { createMember, deleteMember, listMembers, updateMember } from '../../members/members';
import type { AreaHandlers } from '../handlers';

export const membersHandlers = {
  list: (ctx, input) => listMembers(ctx.engine, input.includeDeleted),
  create: (ctx, input) => createMember(ctx, input),
  update: (ctx, input) => updateMember(ctx, input),
  delete: (ctx, input) => deleteMember(ctx, input.id),
} satisfies AreaHandlers<'members'>;
