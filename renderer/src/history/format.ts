import { localeDate, localeDateTime, localeNumber } from '../locale/locale';
import type { HistoryTable } from './target';

export interface Lookups {
  members: ReadonlyMap<string, string>;
  teams: ReadonlyMap<string, string>;
  initiatives?: ReadonlyMap<string, string>;
  patterns?: ReadonlyMap<string, string>;
}

/** A field whose stored value reads differently; `undefined` leaves it to the plain formatting. */
export type FormatField = (value: unknown, lookups: Lookups) => string | undefined;

/** How one screen's records read in the history drawer; each screen keeps its own beside it. */
/** The lists of records a history entry may point at by id. */
export type NamedList = 'teams' | 'initiatives' | 'patterns';

export interface HistoryFormat {
  table: HistoryTable;
  /** Field labels, in the order the screen's form shows the fields, so an entry reads like the record. */
  labels: Readonly<Record<string, string>>;
  values?: Readonly<Record<string, FormatField>>;
  /** Lists the drawer loads to name the records this table points at (members are always loaded). */
  names?: readonly NamedList[];
}

export function fieldOrder(format: HistoryFormat, field: string): number {
  const index = Object.keys(format.labels).indexOf(field);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

export function fieldLabel(format: HistoryFormat, field: string): string {
  if (field === 'deleted') return 'Deleted';
  return format.labels[field] ?? field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

export const NONE = '—';

const number = localeNumber;
const date = localeDate;
const dateTime = localeDateTime;

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
export function decodeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

/** A calendar-date field. */
export const dateField: FormatField = (value) => (typeof value === 'string' ? formatDate(value) : undefined);

/** A moment (an ISO timestamp), in the reader's time zone and locale: "22 Nov 2026, 14:05". */
export const dateTimeField: FormatField = (value) => (typeof value === 'string' ? formatDateTime(value) : undefined);

/** A field holding a member's id (the drawer always loads the members, removed ones too). */
export const memberField: FormatField = (value, { members }) =>
  typeof value === 'string' ? (members.get(value) ?? 'a removed member') : undefined;

/** A field holding the id of a record the drawer has a list of; `missing` when that record is gone. */
export function nameField(list: NamedList, missing: string): FormatField {
  return (value, lookups) => (typeof value === 'string' ? (lookups[list]?.get(value) ?? missing) : undefined);
}

/** One value of one field, as a person reads it. */
export function formatValue(format: HistoryFormat, field: string, value: unknown, lookups: Lookups): string {
  if (value === null || value === undefined || value === '') return NONE;
  if (field === 'deleted') return value === true ? 'Deleted' : 'Restored';
  const special = format.values?.[field]?.(value, lookups);
  if (special !== undefined) return special;
  if (typeof value === 'number') return number.format(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
