/** Members and roles: the values and shapes every layer shares (pure; the renderer sees them). */
import { labelsOf } from '../values/model';
export const ROLES = ['change_manager', 'champion', 'sponsor'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS = labelsOf(ROLES);

export interface Member {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  deleted: boolean;
  /** This member can be acted as on this device (CLI `--as`, the profile switcher). */
  hasProfileHere: boolean;
}

/** The member an operation runs as. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}
