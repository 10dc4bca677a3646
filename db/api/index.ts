import { type HostContext, runOperation } from './context';
import type { OperationName } from './contract';
import type { Handlers, InputOf, OutputOf } from './handlers';
import { historyHandlers } from './history';
import { initiativesHandlers } from './initiatives';
import { membersHandlers } from './members';
import { reportsHandlers } from './reports';
import { registerHandlers, signalsHandlers } from './signals';
import { teamsHandlers } from './teams';
import { workspaceHandlers } from './workspace';

export const handlers = {
  ...workspaceHandlers,
  ...membersHandlers,
  ...teamsHandlers,
  ...initiativesHandlers,
  ...historyHandlers,
  ...signalsHandlers,
  ...registerHandlers,
  ...reportsHandlers,
} satisfies Handlers;

/** Runs one operation the way every host does: validate, check permissions, handle. */
export function call(host: HostContext, name: string, input: unknown): Promise<unknown> {
  return runOperation(host, name, input, handlers as unknown as Parameters<typeof runOperation>[3]);
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
