import { INITIATIVE_STATUS_LABELS, type InitiativeStatus, TRIAD_LABELS, TRIAD_ROLES } from '../../../db/api/types';
import { dateField, decodeJson, type FormatField, type HistoryFormat, NONE } from '../history/format';

/** A triad role as the log keeps it: JSON text naming a member by id, or an external person (not a member) by name. */
const person: FormatField = (value, lookups) => {
  const v = decodeJson(value);
  if (v === null || v === undefined) return NONE;
  if (typeof v === 'object') {
    if ('memberId' in v && typeof v.memberId === 'string') return lookups.members.get(v.memberId) ?? 'a removed member';
    if ('name' in v && typeof v.name === 'string') return `${v.name} (external)`;
  }
  return String(v);
};

export const initiativeHistory: HistoryFormat = {
  table: 'initiatives',
  labels: {
    name: 'Name',
    description: 'Description',
    status: 'Status',
    goLive: 'Go-live date',
    modelVersions: 'Model versions',
    ...TRIAD_LABELS,
  },
  values: {
    status: (value) =>
      typeof value === 'string' && value in INITIATIVE_STATUS_LABELS ? INITIATIVE_STATUS_LABELS[value as InitiativeStatus] : undefined,
    goLive: dateField,
    modelVersions: (value) => {
      const list = decodeJson(value);
      return Array.isArray(list) ? (list.length === 0 ? NONE : list.map(String).join(', ')) : undefined;
    },
    ...Object.fromEntries(TRIAD_ROLES.map((role) => [role, person])),
  },
};
