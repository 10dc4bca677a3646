import { ADKAR_ELEMENTS } from './model';

/*
 * The register's CSV columns, for its export and its import (no other imports here:
 * db/signals/columns.ts reads them, and the register's modules reach the signal imports through
 * the champions).
 */

/** The register's CSV columns, in order (docs/stakeholders.md, "Export"): Uptake's own stakeholder file. */
export const STAKEHOLDER_CSV_COLUMNS = [
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
/** An exported register imports back unchanged: the import reads the export's columns. */
export const STAKEHOLDER_IMPORT_COLUMNS = STAKEHOLDER_CSV_COLUMNS;
/** What the export computes from the other columns: accepted in a file and ignored. */
export const STAKEHOLDER_COMPUTED_COLUMNS = ['barrier_point', 'quadrant', 'open_concerns'] as const;
export const STAKEHOLDER_REQUIRED_COLUMNS = ['name', 'team'] as const;
export const STAKEHOLDER_OPTIONAL_COLUMNS = STAKEHOLDER_IMPORT_COLUMNS.filter(
  (c) => !(STAKEHOLDER_REQUIRED_COLUMNS as readonly string[]).includes(c),
);
