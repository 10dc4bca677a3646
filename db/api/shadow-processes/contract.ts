import { z } from 'zod';
import { SHADOW_PROCESS_KINDS, type ShadowProcess } from '../../shadow-processes/model';
import { championsAndManagers, changeManagers, count, id, isoDate, oneOf, optionalText, recordOperations, text, updateInput } from '../kit';

const shadowProcessFields = {
  name: text('Name', 160),
  teamId: id,
  initiativeId: id.nullable().optional(),
  kind: oneOf('kind', SHADOW_PROCESS_KINDS),
  owner: optionalText('Owner', 120),
  usersInvolved: count('usersInvolved'),
  reason: optionalText('Reason', 2000),
  failurePattern: optionalText('Failure pattern', 200),
  failurePatternId: id.nullable().optional(),
  firstSeen: isoDate,
  retiredOn: isoDate.nullable().optional(),
};
export const ShadowProcessCreateInput = z.strictObject(shadowProcessFields);
export const ShadowProcessUpdateInput = updateInput(shadowProcessFields);

// A pattern's page lists the processes that name it.
const ops = recordOperations<ShadowProcess>(['shadowProcesses', 'failurePatterns', 'reports', 'history']);
export const shadowProcesses = {
  list: ops.list('The shadow-process register'),
  create: ops.change('Register a shadow process', championsAndManagers, ShadowProcessCreateInput),
  update: ops.change('Change a shadow process (e.g. retire it)', championsAndManagers, ShadowProcessUpdateInput),
  delete: ops.byId('Remove a shadow process from the register', changeManagers),
};
