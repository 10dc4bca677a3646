import { z } from 'zod';
import { PLAN_CHANNELS, PLAN_EVERY_MAX_DAYS, type PlannedTouchpoint, type Touchpoint } from '../../stakeholder-plan/model';
import { championsAndManagers, changeManagers, id, isoDate, oneOf, optionalText, recordOperations, text, updateInput } from '../kit';

const touchpointFields = {
  message: text('Message', 300),
  channel: oneOf('channel', PLAN_CHANNELS),
  teamId: id.nullable().optional(),
  tag: optionalText('Tag', 60),
  everyDays: z
    .number({ error: `everyDays: a whole number of days from 1 to ${PLAN_EVERY_MAX_DAYS}, or empty for once` })
    .int('everyDays: a whole number of days')
    .min(1, 'everyDays: at least 1 day')
    .max(PLAN_EVERY_MAX_DAYS, `everyDays: at most ${PLAN_EVERY_MAX_DAYS} days`)
    .nullable()
    .optional(),
  ownerMemberId: id,
  startOn: isoDate,
};
export const TouchpointCreateInput = z.strictObject(touchpointFields);
export const TouchpointUpdateInput = updateInput(touchpointFields);

const ops = recordOperations<Touchpoint>(['stakeholderPlan', 'history']);
/*
 * Change managers keep the communication plan; everyone reads it (a champion: the touchpoints for
 * the teams they champion and those they own), and a champion marks done the ones they own.
 */
export const stakeholderPlan = {
  list: ops.listAsOf<PlannedTouchpoint>('The communication plan as of a day: overdue first, then due, then upcoming'),
  create: ops.change('Plan a touchpoint for a team or a tag', changeManagers, TouchpointCreateInput),
  update: ops.change('Change a planned touchpoint', changeManagers, TouchpointUpdateInput),
  delete: ops.byId('Remove a planned touchpoint', changeManagers),
  restore: ops.byId('Bring back a removed touchpoint', changeManagers),
  deliver: ops.change(
    'Mark a touchpoint done by the session that delivered it',
    championsAndManagers,
    z.strictObject({ id, sessionId: id }),
  ),
};
