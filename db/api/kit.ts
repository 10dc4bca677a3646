import { type AnySchema, oc, type } from '@orpc/contract';
import { z } from 'zod';
import type { Role } from '../members/model';

/**
 * What every area's contract is built from: the operation builders (each operation declares its
 * summary, who may run it and which areas' queries it invalidates) and the input pieces shared
 * across areas. Pure, like the contract: the renderer bundles it.
 */

/** Who may run an operation. `'anyone'` is for what must work before a workspace (or profile) exists, and for this device's local choices. */
export type Access = 'anyone' | readonly Role[];
export const everyone = ['change_manager', 'champion', 'sponsor'] as const satisfies readonly Role[];
export const changeManagers = ['change_manager'] as const satisfies readonly Role[];
export const championsAndManagers = ['change_manager', 'champion'] as const satisfies readonly Role[];

export interface OperationMeta {
  kind: 'query' | 'mutation';
  /** The areas whose queries a client refetches after the operation succeeds ('*' for all). */
  invalidates: readonly string[];
  summary: string;
  access: Access;
  /**
   * Also for an initiative's AI product owner and technical lead, whatever their role: the
   * operation lets them through and the domain refuses what is outside their initiatives.
   */
  orTriagers?: boolean;
}
const base = oc.$meta<OperationMeta>({ kind: 'query', invalidates: [], summary: '', access: changeManagers });
export const query = (summary: string, access: Access) => base.meta({ kind: 'query', invalidates: [], summary, access });
export const mutation = (summary: string, access: Access, invalidates: readonly string[]) =>
  base.meta({ kind: 'mutation', invalidates, summary, access });
/** A triage mutation: change managers, and the AI product owner and technical lead of the initiative concerned. */
export const triageMutation = (summary: string, invalidates: readonly string[], access: Access = changeManagers) =>
  base.meta({ kind: 'mutation', invalidates, summary, access, orTriagers: true });

export const text = (label: string, max = 200) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, `${label} cannot be empty`)
    .max(max, `${label} is longer than ${max} characters`);
export const optionalText = (label: string, max = 200) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} is longer than ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
/** A count of people or things: a whole number, 0 or more. */
export const count = (field: string) =>
  z
    .number({ error: `${field} must be a whole number` })
    .int(`${field} must be a whole number`)
    .min(0, `${field} cannot be negative`);
export const id = z.string({ error: 'id must be text' }).min(1, 'id cannot be empty');
export const noInput = z.strictObject({}).optional().default({});
export const ById = z.strictObject({ id });
export const ListInput = z
  .strictObject({ includeDeleted: z.boolean().optional().default(false) })
  .optional()
  .default({ includeDeleted: false });
/** A synced record's update input from its create fields: its id, and any of the fields. */
export const updateInput = <S extends z.ZodRawShape>(fields: S) => z.strictObject({ id, ...z.strictObject(fields).partial().shape });

/**
 * The usual operations on one synced record type `T` whose mutations invalidate `changes`:
 * `const ops = recordOperations<Team>(['teams', 'history'])`, then `list: ops.list('Teams')`,
 * `update: ops.change('Change a team', changeManagers, TeamUpdateInput)`, `delete: ops.byId('Delete a team', changeManagers)`.
 */
export const recordOperations = <T>(changes: readonly string[]) => {
  // oRPC's type<T>() takes its identity map as optional only where T is known, not for a type parameter.
  const one = type<T>((record: T) => record);
  const many = type<T[]>((records: T[]) => records);
  return {
    /** Every record (and the deleted ones with includeDeleted); everyone reads unless `access` says otherwise. */
    list: (summary: string, access: Access = everyone) => query(summary, access).input(ListInput).output(many),
    /** One record by its id. */
    get: (summary: string, access: Access = everyone) => query(summary, access).input(ById).output(one),
    /** A mutation that takes `input` and returns the record it wrote. */
    change: <I extends AnySchema>(summary: string, access: Access, input: I) => mutation(summary, access, changes).input(input).output(one),
    /** A mutation of one record by its id (delete, restore), returning it. */
    byId: (summary: string, access: Access) => mutation(summary, access, changes).input(ById).output(one),
    /** A triage mutation (see triageMutation) that takes `input` and returns the record it wrote. */
    triage: <I extends AnySchema>(summary: string, input: I) => triageMutation(summary, changes).input(input).output(one),
    /** The records as of a day (ListAsOfInput), each as `R`: the record with what the list adds to it. */
    listAsOf: <R = T>(summary: string, access: Access = everyone) =>
      query(summary, access)
        .input(ListAsOfInput)
        .output(type<R[]>((records: R[]) => records)),
  };
};

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');
/** The input of a read as of a day (YYYY-MM-DD), e.g. who is overdue for contact today. */
export const AsOfInput = z.strictObject({ today: isoDate });
/** A list as of a day, with the deleted records too when includeDeleted. */
const ListAsOfInput = z.strictObject({ today: isoDate, includeDeleted: z.boolean().optional().default(false) });
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/** A zod enum over one of the model's value lists, with a message that lists them. */
export const oneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, { error: `${field} must be one of ${values.join(', ')}` });
