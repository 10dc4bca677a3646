import { type } from '@orpc/contract';
import { z } from 'zod';
import { type Member, ROLES } from '../../members/model';
import { ById, changeManagers, everyone, id, ListInput, mutation, oneOf, query, text } from '../kit';

export const RoleSchema = oneOf('role', ROLES);

export const MemberCreateInput = z.strictObject({
  name: text('Name', 120),
  email: z.email('email is not a valid address').nullable().optional(),
  role: RoleSchema,
  /** Let this device act as the new member (a shared machine, a demo). Default true. */
  profileOnThisDevice: z.boolean().optional().default(true),
});
export const MemberUpdateInput = z.strictObject({
  id,
  name: text('Name', 120).optional(),
  email: z.email('email is not a valid address').nullable().optional(),
  role: RoleSchema.optional(),
});
export type MemberCreate = z.input<typeof MemberCreateInput>;

export const members = {
  list: query('Members of the workspace', everyone).input(ListInput).output(type<Member[]>()),
  create: mutation('Add a member', changeManagers, ['members', 'workspace', 'history']).input(MemberCreateInput).output(type<Member>()),
  update: mutation('Change a member', changeManagers, ['members', 'workspace', 'initiatives', 'history'])
    .input(MemberUpdateInput)
    .output(type<Member>()),
  delete: mutation('Remove a member (kept in history)', changeManagers, ['members', 'workspace', 'initiatives', 'history'])
    .input(ById)
    .output(type<Member>()),
};
