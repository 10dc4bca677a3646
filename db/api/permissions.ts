import type { OperationName } from './contract';
import type { Role } from './types';

/**
 * The permission matrix: who may call each operation. It is the only place that decides; every
 * host goes through `runOperation`, which checks it before any handler runs. `'anyone'` is for
 * what must work before a workspace (or a profile) exists, and for this device's local choices.
 */
export type Access = 'anyone' | readonly Role[];

const everyone = ['change_manager', 'champion', 'sponsor'] as const satisfies readonly Role[];
const changeManagers = ['change_manager'] as const satisfies readonly Role[];
const championsAndManagers = ['change_manager', 'champion'] as const satisfies readonly Role[];

export const permissions = {
  'workspace.get': 'anyone',
  'workspace.init': 'anyone',
  'workspace.demo': 'anyone',
  'workspace.update': changeManagers,
  'workspace.export': everyone,
  'workspace.check': everyone,
  'profiles.switch': 'anyone',
  'members.list': everyone,
  'members.create': changeManagers,
  'members.update': changeManagers,
  'members.delete': changeManagers,
  'teams.list': everyone,
  'teams.get': everyone,
  'teams.create': changeManagers,
  'teams.update': changeManagers,
  'teams.delete': changeManagers,
  'teams.restore': changeManagers,
  'initiatives.list': everyone,
  'initiatives.get': everyone,
  'initiatives.create': changeManagers,
  'initiatives.update': changeManagers,
  'initiatives.delete': changeManagers,
  'initiatives.restore': changeManagers,
  'history.get': everyone,
  'imports.run': changeManagers,
  'imports.list': everyone,
  'imports.upload': changeManagers,
  'imports.progress': changeManagers,
  'shadow.list': everyone,
  'shadow.create': championsAndManagers,
  'shadow.update': championsAndManagers,
  'shadow.delete': changeManagers,
  'reviews.queue': championsAndManagers,
  'reviews.create': championsAndManagers,
  'reports.get': everyone,
  'reports.export': everyone,
  'reports.publish': everyone,
  'reports.publishTarget': everyone,
  'reports.rows': everyone,
  'metrics.settings': everyone,
  'metrics.configure': changeManagers,
} as const satisfies Record<OperationName, Access>;

export function allows(operation: OperationName, role: Role | null): boolean {
  const access: Access = permissions[operation];
  if (access === 'anyone') return true;
  return role !== null && access.includes(role);
}
