/**
 * The synced tables by SQL name, in the order export, the change log and sync use. Declared once:
 * the schema's table map, the history operation's table list, the guard triggers and the
 * write-path test are all derived from it. Pure (no database code), so the renderer may see it.
 */
export const SYNCED_TABLES = [
  'workspace',
  'members',
  'teams',
  'initiatives',
  'settings',
  'import_batches',
  'shadow_processes',
  'override_reviews',
  'stakeholders',
  'stakeholder_concerns',
] as const;
export type SyncedTableName = (typeof SYNCED_TABLES)[number];
