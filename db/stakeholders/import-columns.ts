import { ADKAR_ELEMENTS } from './model';

/*
 * The columns of a stakeholder import (no other imports here: db/signals/columns.ts reads them,
 * and the register's modules reach the signal imports through the champions).
 */

/** Uptake's own stakeholder file: the export's columns (STAKEHOLDER_CSV_COLUMNS; a test keeps them equal). */
export const STAKEHOLDER_IMPORT_COLUMNS = [
  'name',
  'title',
  'team',
  'email',
  'influence',
  'interest',
  'support',
  ...ADKAR_ELEMENTS,
  'barrier_point',
  'quadrant',
  'open_concerns',
  'owner',
  'tags',
  'notes',
] as const;
/** What the export computes from the other columns: accepted in a file and ignored. */
export const STAKEHOLDER_COMPUTED_COLUMNS = ['barrier_point', 'quadrant', 'open_concerns'] as const;
export const STAKEHOLDER_REQUIRED_COLUMNS = ['name', 'team'] as const;
export const STAKEHOLDER_OPTIONAL_COLUMNS = STAKEHOLDER_IMPORT_COLUMNS.filter(
  (c) => !(STAKEHOLDER_REQUIRED_COLUMNS as readonly string[]).includes(c),
);
