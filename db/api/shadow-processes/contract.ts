import { type } from '@orpc/contract';
import { z } from 'zod';
import { SHADOW_PROCESS_KINDS, type ShadowProcess } from '../../shadow-processes/model';
import {
  ById,
  championsAndManagers,
  changeManagers,
  count,
  everyone,
  id,
  isoDate,
  ListInput,
  mutation,
  oneOf,
  optionalText,
  query,
  text,
} from '../kit';

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
export const ShadowProcessUpdateInput = z.strictObject({ id, ...z.strictObject(shadowProcessFields).partial().shape });

const changes = ['shadowProcesses', 'reports', 'history'] as const;
export const shadowProcesses = {
  list: query('The shadow-process register', everyone).input(ListInput).output(type<ShadowProcess[]>()),
  create: mutation('Register a shadow process', championsAndManagers, changes)
    .input(ShadowProcessCreateInput)
    .output(type<ShadowProcess>()),
  update: mutation('Change a shadow process (e.g. retire it)', championsAndManagers, changes)
    .input(ShadowProcessUpdateInput)
    .output(type<ShadowProcess>()),
  delete: mutation('Remove a shadow process from the register', changeManagers, changes).input(ById).output(type<ShadowProcess>()),
};
