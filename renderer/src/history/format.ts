import {
  INITIATIVE_STATUS_LABELS,
  type InitiativeStatus,
  ROLE_LABELS,
  type Role,
  TRIAD_LABELS,
  TRIAD_ROLES,
  type TriadRole,
} from '../../../db/api/types';
import type { HistoryTarget } from './target';

type Table = HistoryTarget['table'];

const FIELD_LABELS: Partial<Record<Table, Record<string, string>>> = {
  workspace: { name: 'Name' },
  members: { name: 'Name', email: 'Email', role: 'Role' },
  teams: { name: 'Name', parentId: 'Parent team', region: 'Region', businessUnit: 'Business unit', headcount: 'Headcount' },
  initiatives: {
    name: 'Name',
    description: 'Description',
    status: 'Status',
    goLive: 'Go-live date',
    modelVersions: 'Model versions',
    ...TRIAD_LABELS,
  },
  shadow_processes: {
    name: 'Name',
    teamId: 'Team',
    initiativeId: 'Initiative',
    kind: 'Kind',
    owner: 'Owner',
    usersInvolved: 'Users involved',
    reason: 'Reason',
    failurePattern: 'Failure pattern',
    firstSeen: 'First seen',
    retiredOn: 'Retired on',
  },
};

/** Fields in the order the forms show them, so a history entry reads like the record. */
export function fieldOrder(table: Table, field: string): number {
  const index = Object.keys(FIELD_LABELS[table] ?? {}).indexOf(field);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

export function fieldLabel(table: Table, field: string): string {
  if (field === 'deleted') return 'Deleted';
  return FIELD_LABELS[table]?.[field] ?? field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

export interface Lookups {
  members: ReadonlyMap<string, string>;
  teams: ReadonlyMap<string, string>;
  initiatives?: ReadonlyMap<string, string>;
}

export const NONE = '—';

const number = new Intl.NumberFormat();
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A local date and time, e.g. "22 Nov 2026, 14:05". */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** A calendar date (YYYY-MM-DD) without shifting it across time zones. */
export function formatDate(isoDate: string | null): string {
  if (!isoDate) return NONE;
  const d = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : date.format(d);
}

/** Some columns hold JSON text (triad roles, model versions); the log keeps it as text. */
function decodeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

const isTriad = (field: string): field is TriadRole => (TRIAD_ROLES as readonly string[]).includes(field);

function formatPerson(value: unknown, lookups: Lookups): string {
  const v = decodeJson(value);
  if (v === null || v === undefined) return NONE;
  if (typeof v === 'object') {
    if ('memberId' in v && typeof v.memberId === 'string') return lookups.members.get(v.memberId) ?? 'a removed member';
    if ('name' in v && typeof v.name === 'string') return `${v.name} (outside the workspace)`;
  }
  return String(v);
}

/** One value of one field, as a person reads it. */
export function formatValue(table: Table, field: string, value: unknown, lookups: Lookups): string {
  if (value === null || value === undefined || value === '') return NONE;
  if (field === 'deleted') return value === true ? 'Deleted' : 'Restored';
  if (isTriad(field)) return formatPerson(value, lookups);
  if (table === 'teams' && field === 'parentId') return typeof value === 'string' ? (lookups.teams.get(value) ?? 'a deleted team') : NONE;
  if (table === 'shadow_processes' && field === 'teamId' && typeof value === 'string') return lookups.teams.get(value) ?? 'a deleted team';
  if (table === 'shadow_processes' && field === 'initiativeId' && typeof value === 'string') {
    return lookups.initiatives?.get(value) ?? 'a deleted initiative';
  }
  if (field === 'status' && typeof value === 'string' && value in INITIATIVE_STATUS_LABELS) {
    return INITIATIVE_STATUS_LABELS[value as InitiativeStatus];
  }
  if (field === 'role' && typeof value === 'string' && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
  if ((field === 'goLive' || field === 'firstSeen' || field === 'retiredOn') && typeof value === 'string') return formatDate(value);
  if (field === 'modelVersions') {
    const list = decodeJson(value);
    if (Array.isArray(list)) return list.length === 0 ? NONE : list.map(String).join(', ');
  }
  if (typeof value === 'number') return number.format(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
