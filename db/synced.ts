import type { Role } from './members/model';

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
  'stakeholder_sessions',
  'session_attendees',
  'stakeholder_actions',
  'champion_programs',
  'champions',
  'champion_activities',
  'feedback',
  'failure_patterns',
  'plan_touchpoints',
  'feedback_comments',
  'stakeholder_fields',
  'stakeholder_field_values',
] as const;
export type SyncedTableName = (typeof SYNCED_TABLES)[number];

/**
 * Which roles may write each synced table: the rule sync applies to every received change (a
 * change whose author's role does not allow it is not applied). It matches the API's `access` of
 * the operations that write the table (db/api/<area>/contract.ts; test/sync/roles.test.ts checks
 * that they agree). SYNCED_DELETERS narrows who may delete (only change managers remove a shadow
 * process from the register).
 */
export const SYNCED_WRITERS: Record<SyncedTableName, readonly Role[]> = {
  workspace: ['change_manager'],
  members: ['change_manager'],
  teams: ['change_manager'],
  initiatives: ['change_manager'],
  settings: ['change_manager'],
  import_batches: ['change_manager'],
  shadow_processes: ['change_manager', 'champion'],
  override_reviews: ['change_manager', 'champion'],
  stakeholders: ['change_manager'],
  // Champions log the sessions they ran: the attendees, the concerns raised or addressed in
  // them, the follow-up actions. Re-rating (stakeholders) and deleting stay with change managers.
  stakeholder_concerns: ['change_manager', 'champion'],
  stakeholder_sessions: ['change_manager', 'champion'],
  session_attendees: ['change_manager', 'champion'],
  stakeholder_actions: ['change_manager', 'champion'],
  champion_programs: ['change_manager'],
  champions: ['change_manager'],
  // Champions log their own activities and feedback; triage is the change managers' (the API's access).
  champion_activities: ['change_manager', 'champion'],
  feedback: ['change_manager', 'champion'],
  // Grouping feedback into patterns is triage: change managers by role; an initiative's product
  // owner and technical lead are let through by the triage rule (TRIAGE_COLUMNS).
  failure_patterns: ['change_manager'],
  // Change managers keep the communication plan; a champion marks done the touchpoints they own.
  plan_touchpoints: ['change_manager', 'champion'],
  // Champions comment on feedback; only a comment's author changes it (checked field by field on
  // receipt, db/feedback/triagers.ts), and an initiative's product owner and technical lead may too.
  feedback_comments: ['change_manager', 'champion'],
  // The workspace's own stakeholder fields and their values are the register's: champions do not re-rate.
  stakeholder_fields: ['change_manager'],
  stakeholder_field_values: ['change_manager'],
};
export const SYNCED_DELETERS: Partial<Record<SyncedTableName, readonly Role[]>> = {
  shadow_processes: ['change_manager'],
  stakeholder_concerns: ['change_manager'],
  stakeholder_sessions: ['change_manager'],
  stakeholder_actions: ['change_manager'],
  champion_activities: ['change_manager'],
  feedback: ['change_manager'],
  plan_touchpoints: ['change_manager'],
};

/**
 * The fields that are triage (SQL names; '*' for every field of the table). By role only change
 * managers write them; sync also lets an initiative's AI product owner and technical lead write
 * them for its feedback, and a new item's reporter its first values (db/feedback/triagers.ts).
 */
export const TRIAGE_COLUMNS: Partial<Record<SyncedTableName, readonly string[] | '*'>> = {
  feedback: ['status', 'assignee_id', 'resolved_version', 'duplicate_of_id', 'pattern_id'],
  failure_patterns: '*',
};
export function isTriageField(table: SyncedTableName, column: string): boolean {
  const columns = TRIAGE_COLUMNS[table];
  return columns === '*' || (!!columns && columns.includes(column));
}

/** May a member of this role make this change (SQL column, value as JSON text) to this synced table? */
export function roleMayWrite(role: Role | null, table: SyncedTableName, column: string, value: string | null): boolean {
  if (!role) return false;
  if (isTriageField(table, column)) return role === 'change_manager';
  const deleting = column === 'deleted' && value === 'true';
  return ((deleting ? SYNCED_DELETERS[table] : undefined) ?? SYNCED_WRITERS[table]).includes(role);
}
