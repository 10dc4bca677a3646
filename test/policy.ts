import type { OperationName } from '../db/api/contract';
import type { Role } from '../db/api/types';

/*
 * Who may run each operation, written by hand from what the issues ask, NOT read from the
 * production matrix (db/api/permissions.ts): a wrong entry there must fail the tests that compare
 * against this table. The roles, as the README and the issues describe them:
 *
 * - Change managers run the workspace: everything.
 * - Champions carry the frontline signals: they read everything there is to read, keep the
 *   shadow-process register (add and change entries, not delete them) and review overrides. They
 *   do not import, change the metric settings, or edit teams, initiatives, members or the workspace.
 * - Sponsors read: lists and records, the report and its drill-down, exports and publishing the
 *   report to a shared folder, history, the settings, and syncing their device with the team's
 *   shared folder (how the workspace reaches them). They change nothing, and the override
 *   review (individual decisions) is not theirs.
 * - The stakeholder register (issue #9): change managers keep it; champions and sponsors read it
 *   (champions do not re-rate, delete or record concerns; they see only the people of the teams
 *   they champion, and the sessions and actions about them).
 * - Sessions and follow-up actions (issue #9): change managers do everything; champions log the
 *   sessions they ran and add or change actions (not delete them, not re-rate: the engine refuses
 *   a champion's rating updates); sponsors read. Only change managers set the contact cadence.
 * - The communication plan (issue #9): change managers plan touchpoints; everyone reads the plan;
 *   champions mark done the touchpoints they own (the engine refuses the others').
 * - Champion programs and feedback (issue #10): change managers run the programs (start one, name
 *   champions); champions log their activities and feedback on wrong predictions and correct what
 *   they logged; triage (status, assignee, fixed-in version, duplicates) is the change managers'
 *   and the initiative's AI product owner's and technical lead's, whatever their role, and so is
 *   naming failure patterns and grouping feedback into them (champions read them, and may link
 *   the item they log to a suggested pattern). Change managers, champions and whoever triages an
 *   initiative comment on its feedback; only a comment's author changes or deletes it.
 *   Sponsors read the programs, coverage and the queue.
 * - Anyone, even before a workspace or a profile exists: reading what the workspace is, creating
 *   one (init, demo) and choosing which of this device's profiles to act as.
 *
 * Adding an operation to the contract without a line here is a compile error.
 */

type ByRole = Readonly<Record<Role, boolean>>;
/** `triagers`: also the AI product owner and technical lead of the initiative concerned, whatever their role. */
/** `ownOnly`: the role may, on what the member wrote (a comment): only its author. */
type Rule = 'anyone' | ByRole | { byRole: ByRole; triagers: true } | { byRole: ByRole; ownOnly: true };
const may = (change_manager: boolean, champion: boolean, sponsor: boolean): ByRole => ({ change_manager, champion, sponsor });
const orTriagers = (byRole: ByRole): Rule => ({ byRole, triagers: true });
const ownOnly = (byRole: ByRole): Rule => ({ byRole, ownOnly: true });
const Y = true;
const N = false;

export const POLICY = {
  //                                change manager, champion, sponsor
  'workspace.get': 'anyone',
  'workspace.init': 'anyone',
  'workspace.demo': 'anyone',
  'profiles.switch': 'anyone',
  'workspace.update': may(Y, N, N),
  'workspace.export': may(Y, Y, Y),
  'workspace.check': may(Y, Y, Y),
  'members.list': may(Y, Y, Y),
  'members.create': may(Y, N, N),
  'members.update': may(Y, N, N),
  'members.delete': may(Y, N, N),
  'teams.list': may(Y, Y, Y),
  'teams.get': may(Y, Y, Y),
  'teams.create': may(Y, N, N),
  'teams.update': may(Y, N, N),
  'teams.delete': may(Y, N, N),
  'teams.restore': may(Y, N, N),
  'initiatives.list': may(Y, Y, Y),
  'initiatives.get': may(Y, Y, Y),
  'initiatives.byTeam': may(Y, Y, Y),
  'initiatives.create': may(Y, N, N),
  'initiatives.update': may(Y, N, N),
  'initiatives.delete': may(Y, N, N),
  'initiatives.restore': may(Y, N, N),
  'history.get': may(Y, Y, Y),
  'sync.run': may(Y, Y, Y),
  'sync.join': 'anyone',
  'sync.folder': may(Y, Y, Y),
  'sync.joinable': 'anyone',
  'sync.status': may(Y, Y, Y),
  'sync.conflicts': may(Y, Y, Y),
  'sync.resolve': may(Y, N, N),
  'imports.list': may(Y, Y, Y),
  'imports.template': may(Y, Y, Y),
  'imports.run': may(Y, N, N),
  'imports.upload': may(Y, N, N),
  'imports.progress': may(Y, N, N),
  'imports.inspect': may(Y, N, N),
  'imports.mappings': may(Y, Y, Y),
  'imports.mapping': may(Y, Y, Y),
  'imports.saveMapping': may(Y, N, N),
  'imports.deleteMapping': may(Y, N, N),
  'shadowProcesses.list': may(Y, Y, Y),
  'shadowProcesses.create': may(Y, Y, N),
  'shadowProcesses.update': may(Y, Y, N),
  'shadowProcesses.delete': may(Y, N, N),
  'stakeholders.list': may(Y, Y, Y),
  'stakeholders.get': may(Y, Y, Y),
  'stakeholders.scope': may(Y, Y, Y),
  'stakeholders.timeline': may(Y, Y, Y),
  'stakeholders.concerns': may(Y, Y, Y),
  'stakeholders.create': may(Y, N, N),
  'stakeholders.update': may(Y, N, N),
  'stakeholders.delete': may(Y, N, N),
  'stakeholders.restore': may(Y, N, N),
  'stakeholders.addConcern': may(Y, N, N),
  'stakeholders.updateConcern': may(Y, N, N),
  'stakeholders.deleteConcern': may(Y, N, N),
  'stakeholders.teams': may(Y, Y, Y),
  'stakeholders.gapContacts': may(Y, Y, Y),
  'stakeholders.exportCsv': may(Y, Y, Y),
  // Custom stakeholder fields: change managers define them; champions and sponsors read (champions do not re-rate).
  'stakeholderFields.list': may(Y, Y, Y),
  'stakeholderFields.create': may(Y, N, N),
  'stakeholderFields.update': may(Y, N, N),
  'stakeholderFields.move': may(Y, N, N),
  'stakeholderFields.delete': may(Y, N, N),
  'stakeholderFields.restore': may(Y, N, N),
  'stakeholderSessions.list': may(Y, Y, Y),
  'stakeholderSessions.get': may(Y, Y, Y),
  'stakeholderSessions.health': may(Y, Y, Y),
  'stakeholderSessions.needsAttention': may(Y, Y, Y),
  'stakeholderSessions.cadence': may(Y, Y, Y),
  'stakeholderSessions.create': may(Y, Y, N),
  'stakeholderSessions.update': may(Y, Y, N),
  'stakeholderSessions.delete': may(Y, N, N),
  'stakeholderSessions.restore': may(Y, N, N),
  'stakeholderSessions.setCadence': may(Y, N, N),
  'stakeholderActions.list': may(Y, Y, Y),
  'stakeholderActions.create': may(Y, Y, N),
  'stakeholderActions.update': may(Y, Y, N),
  'stakeholderActions.delete': may(Y, N, N),
  'stakeholderPlan.list': may(Y, Y, Y),
  'stakeholderPlan.create': may(Y, N, N),
  'stakeholderPlan.update': may(Y, N, N),
  'stakeholderPlan.delete': may(Y, N, N),
  'stakeholderPlan.restore': may(Y, N, N),
  'stakeholderPlan.deliver': may(Y, Y, N),
  'champions.programs': may(Y, Y, Y),
  'champions.createProgram': may(Y, N, N),
  'champions.updateProgram': may(Y, N, N),
  'champions.list': may(Y, Y, Y),
  'champions.create': may(Y, N, N),
  'champions.update': may(Y, N, N),
  'champions.delete': may(Y, N, N),
  'champions.activities': may(Y, Y, Y),
  'champions.logActivity': may(Y, Y, N),
  'champions.deleteActivity': may(Y, N, N),
  'champions.coverage': may(Y, Y, Y),
  'feedback.list': may(Y, Y, Y),
  'feedback.create': may(Y, Y, N),
  'feedback.update': may(Y, Y, N),
  'feedback.triage': orTriagers(may(Y, N, N)),
  'feedback.delete': may(Y, N, N),
  'feedback.group': orTriagers(may(Y, N, N)),
  'feedback.similar': may(Y, Y, Y),
  'feedback.export': may(Y, Y, Y),
  'feedback.comments': may(Y, Y, Y),
  'feedback.comment': orTriagers(may(Y, Y, N)),
  'feedback.editComment': ownOnly(may(Y, Y, N)),
  'feedback.deleteComment': ownOnly(may(Y, Y, N)),
  'failurePatterns.list': may(Y, Y, Y),
  'failurePatterns.get': may(Y, Y, Y),
  'failurePatterns.create': orTriagers(may(Y, N, N)),
  'failurePatterns.update': orTriagers(may(Y, N, N)),
  'failurePatterns.delete': orTriagers(may(Y, N, N)),
  'failurePatterns.restore': orTriagers(may(Y, N, N)),
  'reviews.queue': may(Y, Y, N),
  'reviews.create': may(Y, Y, N),
  'reviews.update': may(Y, Y, N),
  'reviews.delete': may(Y, Y, N),
  'reviews.current': may(Y, Y, N),
  'reviews.start': may(Y, Y, N),
  'reports.get': may(Y, Y, Y),
  'reports.rows': may(Y, Y, Y),
  'reports.overrideReasons': may(Y, Y, Y),
  'reports.export': may(Y, Y, Y),
  'reports.publish': may(Y, Y, Y),
  'reports.publishTarget': may(Y, Y, Y),
  'metrics.settings': may(Y, Y, Y),
  'metrics.configure': may(Y, N, N),
} as const satisfies Record<OperationName, Rule>;

/** Whether the role alone lets a member run `operation` (null: no profile chosen): the permission matrix. */
export function expectedByRole(operation: OperationName, role: Role | null): boolean {
  const rule: Rule = POLICY[operation];
  if (rule === 'anyone') return true;
  return role !== null && ('byRole' in rule ? rule.byRole : rule)[role];
}

/** Whether the operation is also for an initiative's AI product owner and technical lead. */
export const expectedForTriagers = (operation: OperationName): boolean => {
  const rule: Rule = POLICY[operation];
  return rule !== 'anyone' && 'triagers' in rule;
};

/** The members of the demo workspace who act in each role. */
export const DEMO_ACTORS: Record<Role, string> = { change_manager: 'Dana Lee', champion: 'Tom Okafor', sponsor: 'Priya Shah' };

/**
 * Who of DEMO_ACTORS is the AI product owner or technical lead of the permission fixture's
 * feedback item's initiative: Tom Okafor (a champion) owns the Customer email drafter. Priya
 * Shah fills neither role anywhere.
 */
const DEMO_TRIAGERS: readonly Role[] = ['champion'];
/** The permission fixture's comment is Tom Okafor's (the champion). */
const DEMO_COMMENT_AUTHOR: Role = 'champion';

/** Whether the demo's actor of `role` may run `operation` on the permission fixture (null: no profile chosen). */
export function expectedAllowed(operation: OperationName, role: Role | null): boolean {
  const rule: Rule = POLICY[operation];
  if (rule !== 'anyone' && 'ownOnly' in rule) return expectedByRole(operation, role) && role === DEMO_COMMENT_AUTHOR;
  return expectedByRole(operation, role) || (role !== null && expectedForTriagers(operation) && DEMO_TRIAGERS.includes(role));
}
