import { createMember, deleteMember, listMembers, updateMember } from '../../members/members';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const membersHandlers = recordHandlers({
  list: listMembers,
  create: createMember,
  update: updateMember,
  remove: deleteMember,
}) satisfies AreaHandlers<'members'>;
