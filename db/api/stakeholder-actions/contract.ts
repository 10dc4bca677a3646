import { z } from 'zod';
import { ACTION_STATUSES, type StakeholderAction } from '../../stakeholder-sessions/model';
import { championsAndManagers, changeManagers, id, isoDate, oneOf, recordOperations, text } from '../kit';

export const ActionFieldsInput = z.strictObject({
  what: text('What', 300),
  ownerMemberId: id,
  due: isoDate,
  status: oneOf('status', ACTION_STATUSES).optional(),
  sessionId: id.nullable().optional(),
  stakeholderId: id.nullable().optional(),
});
export const ActionUpdateInput = z.strictObject({ id, ...ActionFieldsInput.partial().shape });

const ops = recordOperations<StakeholderAction>(['stakeholderActions', 'history']);
export const stakeholderActions = {
  list: ops.listAsOf('Follow-up actions as of a day: overdue first, then by due date'),
  create: ops.change('Add a follow-up action', championsAndManagers, ActionFieldsInput),
  update: ops.change('Change an action or mark it done', championsAndManagers, ActionUpdateInput),
  delete: ops.byId('Remove an action', changeManagers),
};
