import { ROLE_LABELS, type Role } from '../../../db/api/types';
import type { HistoryFormat } from '../history/format';

export const memberHistory: HistoryFormat = {
  table: 'members',
  labels: { name: 'Name', email: 'Email', role: 'Role' },
  values: { role: (value) => (typeof value === 'string' && value in ROLE_LABELS ? ROLE_LABELS[value as Role] : undefined) },
};
