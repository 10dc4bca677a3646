import { champions } from './champions/contract';
import { failurePatterns } from './failure-patterns/contract';
import { feedback } from './feedback/contract';
import { history } from './history/contract';
import { imports } from './imports/contract';
import { initiatives } from './initiatives/contract';
import { members } from './members/contract';
import { metrics } from './metrics/contract';
import { profiles } from './profiles/contract';
import { reports } from './reports/contract';
import { reviews } from './reviews/contract';
import { shadowProcesses } from './shadow-processes/contract';
import { stakeholderActions } from './stakeholder-actions/contract';
import { stakeholderFields } from './stakeholder-fields/contract';
import { stakeholderPlan } from './stakeholder-plan/contract';
import { stakeholderSessions } from './stakeholder-sessions/contract';
import { stakeholders } from './stakeholders/contract';
import { sync } from './sync/contract';
import { teams } from './teams/contract';
import { workspace } from './workspace/contract';

/**
 * The one service API, composed from the areas' contracts (`db/api/<area>/contract.ts`). Every
 * host (Electron IPC, the loopback web host, the CLI) serves exactly these operations, named
 * `area.verb`; each declares its input, output, who may run it and what it invalidates. The
 * renderer sees only this file and ./types.
 */
export const contract = {
  workspace,
  profiles,
  members,
  teams,
  initiatives,
  imports,
  shadowProcesses,
  stakeholders,
  stakeholderFields,
  stakeholderSessions,
  stakeholderActions,
  stakeholderPlan,
  champions,
  feedback,
  failurePatterns,
  reviews,
  reports,
  metrics,
  history,
  sync,
};

export type Contract = typeof contract;
export type Area = keyof Contract;
export type OperationName = { [A in Area]: `${A}.${keyof Contract[A] & string}` }[Area];

export {
  ActivityCreateInput,
  ChampionCreateInput,
  ChampionUpdateInput,
  ProgramCreateInput,
  ProgramUpdateInput,
} from './champions/contract';
export { PatternCreateInput, PatternUpdateInput } from './failure-patterns/contract';
export { FeedbackCreateInput, FeedbackGroupInput, FeedbackTriageInput, FeedbackUpdateInput } from './feedback/contract';
export { HistoryTables } from './history/contract';
export { ImportInput, ImportUploadInput } from './imports/contract';
export { type InitiativeCreate, InitiativeCreateInput, InitiativeUpdateInput, PersonInput, StatusSchema } from './initiatives/contract';
export type { Access, OperationMeta } from './kit';
export { type MemberCreate, MemberCreateInput, MemberUpdateInput, RoleSchema } from './members/contract';
export { MetricSettingsInput } from './metrics/contract';
export { ReportExportInput, ReportInput, ReportPublishInput, reportSlice, SourceRowsInput } from './reports/contract';
export { ReviewCreateInput } from './reviews/contract';
export { ShadowProcessCreateInput, ShadowProcessUpdateInput } from './shadow-processes/contract';
export { ActionFieldsInput, ActionUpdateInput } from './stakeholder-actions/contract';
export { FieldCreateInput, FieldUpdateInput } from './stakeholder-fields/contract';
export { TouchpointCreateInput, TouchpointUpdateInput } from './stakeholder-plan/contract';
export { CadenceInput, SessionCreateInput, SessionUpdateInput } from './stakeholder-sessions/contract';
export { ConcernCreateInput, ConcernUpdateInput, StakeholderCreateInput, StakeholderUpdateInput } from './stakeholders/contract';
export { SyncRunInput } from './sync/contract';
export { type TeamCreate, TeamCreateInput, TeamUpdateInput } from './teams/contract';
export { WorkspaceInitInput } from './workspace/contract';
