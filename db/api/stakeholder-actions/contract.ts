import { type } from '@orpc/contract';
import { z } from 'zod';
import { ACTION_STATUSES, type StakeholderAction } from '../../stakeholder-sessions/model';
import { ById, championsAndManagers, changeManagers, everyone, id, isoDate, mutation, oneOf, query, text } from '../kit';

export const ActionFieldsInput = z.strictObject({
  what: text('What', 300),
  ownerMemberId: id,
  due: isoDate,
  status: oneOf('status', ACTION_STATUSES).optional(),
  sessionId: id.nullable().optional(),
  stakeholderId: id.nullable().optional(),
});
export const ActionUpdateInput = z.strictObject({ id, ...ActionFieldsInput.partial().shape });

const changes = ['stakeholderActions', 'history'] as const;
export const stakeholderActions = {
  list: query('Follow-up actions as of a day: overdue first, then by due date', everyone)
    .input(z.strictObject({ today: isoDate, includeDeleted: z.boolean().optional().default(false) }))
    .output(type<StakeholderAction[]>()),
  create: mutation('Add a follow-up action', championsAndManagers, changes).input(ActionFieldsInput).output(type<StakeholderAction>()),
  update: mutation('Change an action or mark it done', championsAndManagers, changes)
    .input(ActionUpdateInput)
    .output(type<StakeholderAction>()),
  delete: mutation('Remove an action', changeManagers, changes).input(ById).output(type<StakeholderAction>()),
};
