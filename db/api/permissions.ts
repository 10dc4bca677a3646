import { contract, type OperationName } from './contract';
import type { Access, OperationMeta } from './kit';
import type { Role } from './types';

/**
 * The permission matrix: who may call each operation, as each area's contract declares it
 * beside the operation. It is the only place that decides; every host goes through
 * `runOperation`, which checks it before any handler runs.
 */
export const permissions = Object.fromEntries(
  Object.entries(contract).flatMap(([area, ops]) =>
    Object.entries(ops).map(([verb, op]) => [`${area}.${verb}`, (op['~orpc'].meta as OperationMeta).access]),
  ),
) as Record<OperationName, Access>;

export type { Access } from './kit';

/** The operations an initiative's AI product owner and technical lead may run whatever their role (for its feedback). */
export const triageScoped = new Set(
  Object.entries(contract).flatMap(([area, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => (op['~orpc'].meta as OperationMeta).orTriagers)
      .map(([verb]) => `${area}.${verb}` as OperationName),
  ),
);

export function allows(operation: OperationName, role: Role | null): boolean {
  const access: Access = permissions[operation];
  if (access === 'anyone') return true;
  return role !== null && access.includes(role);
}
