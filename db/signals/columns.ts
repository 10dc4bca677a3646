import { STAKEHOLDER_IMPORT_COLUMNS, STAKEHOLDER_OPTIONAL_COLUMNS } from '../stakeholders/import-columns';
import { DECISION_COLUMNS, DECISION_OPTIONAL_COLUMNS } from './decisions-read';
import type { ImportKind } from './model';

/** The columns of Uptake's own file of each kind (the import checks them; mappings target them). */
export const USAGE_COLUMNS = [
  'month',
  'team',
  'initiative',
  'licensed_users',
  'active_users',
  'workflows_started',
  'workflows_completed',
] as const;
export const PULSE_COLUMNS = ['month', 'team', 'initiative', 'respondents', 'trust_mean', 'manual_backup'] as const;
export const SHADOW_COLUMNS = [
  'name',
  'team',
  'initiative',
  'kind',
  'owner',
  'users_involved',
  'reason',
  'failure_pattern',
  'first_seen',
  'retired_on',
] as const;
/** The people directory: a user id or email (stored only hashed), the team, and what an HR export adds. */
export const PEOPLE_COLUMNS = ['user', 'team', 'region', 'manager', 'effective_date'] as const;
export const PEOPLE_OPTIONAL_COLUMNS = ['region', 'manager', 'effective_date'] as const;

/** The header of each kind of file (columns in any order): `uptake import --help` and docs/metrics.md list them. */
export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  usage: USAGE_COLUMNS,
  decisions: [...DECISION_COLUMNS, ...DECISION_OPTIONAL_COLUMNS],
  pulse: PULSE_COLUMNS,
  'shadow-processes': SHADOW_COLUMNS,
  people: PEOPLE_COLUMNS,
  stakeholders: STAKEHOLDER_IMPORT_COLUMNS,
};

/** Columns of IMPORT_COLUMNS a file may leave out. */
export const OPTIONAL_IMPORT_COLUMNS: Partial<Record<ImportKind, readonly string[]>> = {
  decisions: DECISION_OPTIONAL_COLUMNS,
  people: PEOPLE_OPTIONAL_COLUMNS,
  stakeholders: STAKEHOLDER_OPTIONAL_COLUMNS,
};

/** A per-user activity report (perUser mappings): the columns it maps to. */
export const PER_USER_COLUMNS = ['user', 'last_activity', 'report_date'] as const;

/**
 * Whether a header is Uptake's own format of the kind (any order, any case; optional columns may be
 * missing). `extra`: further columns the workspace adds (lower case), a stakeholder file's custom fields.
 */
export function isOwnHeader(kind: ImportKind, header: string[], extra: readonly string[] = []): boolean {
  const own = IMPORT_COLUMNS[kind];
  const optional = OPTIONAL_IMPORT_COLUMNS[kind] ?? [];
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  return (
    names.size === header.length &&
    [...names].every((h) => own.includes(h) || extra.includes(h)) &&
    own.every((c) => names.has(c) || optional.includes(c))
  );
}
