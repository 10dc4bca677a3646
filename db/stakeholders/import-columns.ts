import { STAKEHOLDER_CSV_COLUMNS } from './model';

/*
 * The register's CSV columns as the import reads them (the list itself is the model's, which the
 * export writes; no other imports here: db/signals/columns.ts reads them, and the register's
 * modules reach the signal imports through the champions).
 */

/** An exported register imports back unchanged: the import reads the export's columns. */
export const STAKEHOLDER_IMPORT_COLUMNS = STAKEHOLDER_CSV_COLUMNS;
/** What the export computes from the other columns: accepted in a file and ignored. */
export const STAKEHOLDER_COMPUTED_COLUMNS = ['barrier_point', 'quadrant', 'open_concerns'] as const;
export const STAKEHOLDER_REQUIRED_COLUMNS = ['name', 'team'] as const;
export const STAKEHOLDER_OPTIONAL_COLUMNS = STAKEHOLDER_IMPORT_COLUMNS.filter(
  (c) => !(STAKEHOLDER_REQUIRED_COLUMNS as readonly string[]).includes(c),
);
