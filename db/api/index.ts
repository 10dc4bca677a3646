import { AsyncLocalStorage } from 'node:async_hooks';
import { busyError, isBusy } from '../busy';
import type { Engine } from '../open';
import { championsHandlers } from './champions/handlers';
import { type HandlerTable, type HostContext, runOperation } from './context';
import type { Area, OperationName } from './contract';
import { failurePatternsHandlers } from './failure-patterns/handlers';
import { feedbackHandlers } from './feedback/handlers';
import type { AreaHandlers, InputOf, OutputOf } from './handlers';
import { historyHandlers } from './history/handlers';
import { importsHandlers } from './imports/handlers';
import { initiativesHandlers } from './initiatives/handlers';
import { membersHandlers } from './members/handlers';
import { metricsHandlers } from './metrics/handlers';
import { profilesHandlers } from './profiles/handlers';
import { reportsHandlers } from './reports/handlers';
import { reviewsHandlers } from './reviews/handlers';
import { shadowProcessesHandlers } from './shadow-processes/handlers';
import { stakeholderActionsHandlers } from './stakeholder-actions/handlers';
import { stakeholderFieldsHandlers } from './stakeholder-fields/handlers';
import { stakeholderPlanHandlers } from './stakeholder-plan/handlers';
import { stakeholderSessionsHandlers } from './stakeholder-sessions/handlers';
import { stakeholdersHandlers } from './stakeholders/handlers';
import { syncHandlers } from './sync/handlers';
import { teamsHandlers } from './teams/handlers';
import { workspaceHandlers } from './workspace/handlers';

/** Every area's handlers: an operation without a handler is a compile error here. */
export const handlers = {
  workspace: workspaceHandlers,
  profiles: profilesHandlers,
  members: membersHandlers,
  teams: teamsHandlers,
  initiatives: initiativesHandlers,
  imports: importsHandlers,
  shadowProcesses: shadowProcessesHandlers,
  stakeholders: stakeholdersHandlers,
  stakeholderSessions: stakeholderSessionsHandlers,
  stakeholderActions: stakeholderActionsHandlers,
  stakeholderPlan: stakeholderPlanHandlers,
  stakeholderFields: stakeholderFieldsHandlers,
  champions: championsHandlers,
  feedback: feedbackHandlers,
  failurePatterns: failurePatternsHandlers,
  reviews: reviewsHandlers,
  reports: reportsHandlers,
  metrics: metricsHandlers,
  history: historyHandlers,
  sync: syncHandlers,
} satisfies { [A in Area]: AreaHandlers<A> };

/**
 * Operations on one database run one at a time. An import keeps its transaction open across
 * awaits (it reads the file as it goes), and SQLite has one connection per engine: without this,
 * an edit arriving mid-import would run inside the import's transaction and be rolled back with
 * a failed import or a dry run. Reading an import's progress touches no database, so it never waits.
 */
const UNQUEUED = new Set(['imports.progress']);
const queues = new WeakMap<Engine, Promise<unknown>>();
const inOperation = new AsyncLocalStorage<Engine>();

/** Runs one operation the way every host does: validate, check permissions, handle. */
export function call(host: HostContext, name: string, input: unknown): Promise<unknown> {
  // Another process holding the write lock past the wait is the user's to retry, not an internal error.
  const run = () =>
    runOperation(host, name, input, handlers as unknown as HandlerTable).catch((e: unknown) => {
      throw isBusy(e) ? busyError(host.engine.file) : e;
    });
  // Not queued behind itself: an operation that calls another (nested) runs it at once.
  if (UNQUEUED.has(name) || inOperation.getStore() === host.engine) return run();
  const previous = queues.get(host.engine) ?? Promise.resolve();
  const result = previous.then(() => inOperation.run(host.engine, run));
  queues.set(
    host.engine,
    result.then(
      () => undefined,
      () => undefined,
    ),
  );
  return result;
}

/** Typed variant for code that knows the operation at compile time (tests, demo, CLI commands). */
export async function callTyped<N extends OperationName>(
  host: HostContext,
  name: N,
  input: Partial<InputOf<N>> | Record<string, unknown> = {},
): Promise<OutputOf<N>> {
  return (await call(host, name, input)) as OutputOf<N>;
}

export type { HostContext } from './context';
export { operationNames } from './context';
