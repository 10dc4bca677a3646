import type { AnyContractProcedure } from '@orpc/contract';
import type { z } from 'zod';
import { badInput, forbidden, UserError } from '../errors';
import { mayNamePatterns } from '../feedback/triagers';
import { resolveActor } from '../members/members';
import { type Actor, ROLE_LABELS } from '../members/model';
import type { Engine } from '../open';
import type { Session } from '../records';
import type { ImportOptions } from '../signals/import';
import { hasWorkspace } from '../workspace/workspace';
import { contract, type OperationName } from './contract';
import { type Access, permissions, triageScoped } from './permissions';

/** What a host hands to every operation. */
export interface HostContext {
  engine: Engine;
  /** Act as this member (name or id) instead of the device's current profile: the CLI's --as. */
  actAs?: string | null;
  /** Told how far a long-running import has got, pass by pass (the CLI prints it on stderr). */
  onProgress?: ImportOptions['onProgress'];
}

export type { Actor } from '../members/model';

/**
 * What a handler receives. It is a write `Session` too (engine and the author changes are logged
 * under), so a handler passes it straight to the domain's functions.
 */
export interface Ctx extends Session {
  actor: Actor | null;
  onProgress?: ImportOptions['onProgress'];
}

export const operationNames = (): OperationName[] =>
  Object.entries(contract).flatMap(([area, ops]) => Object.keys(ops).map((verb) => `${area}.${verb}` as OperationName));

export function procedureOf(name: string) {
  const [area, verb] = name.split('.');
  const ops: Record<string, AnyContractProcedure> | undefined = (contract as Record<string, Record<string, AnyContractProcedure>>)[
    area ?? ''
  ];
  const procedure = verb && ops && Object.hasOwn(ops, verb) ? ops[verb] : undefined;
  if (!procedure) {
    throw badInput(`Unknown operation "${name}". Run \`uptake ops\` to list them (they are named area.verb, e.g. teams.create).`);
  }
  return procedure;
}

function formatIssues(operation: string, issues: z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 20).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(input)';
    if (issue.code === 'unrecognized_keys') {
      const more = issue.keys.length > 20 ? `, and ${issue.keys.length - 20} more` : '';
      return `${where}: unknown field ${issue.keys
        .slice(0, 20)
        .map((k) => JSON.stringify(k.length > 60 ? `${k.slice(0, 60)}…` : k))
        .join(', ')}${more}`;
    }
    return `${where}: ${issue.message}`;
  });
  const more = issues.length > 20 ? `\n  …and ${issues.length - 20} more` : '';
  return `Invalid input for ${operation}:\n  ${lines.join('\n  ')}${more}\nRun \`uptake ops\` to see the input schema.`;
}

/** The codes zod gives a field left out: a wrong type, not one of the values, none of the alternatives. */
const MISSING_CODES: ReadonlySet<string> = new Set(['invalid_type', 'invalid_value', 'invalid_union']);

/**
 * An issue as people read it, without the input it was found in. zod words a field left out as a
 * wrong value ("Team name must be text", the schema's message for one): that one says "Team name
 * is required" instead (the label before "must", else the field's name).
 */
function worded(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  const { input, ...rest } = issue as z.core.$ZodIssue & { input?: unknown };
  if (!('input' in issue) || input !== undefined || issue.path.length === 0 || !MISSING_CODES.has(issue.code))
    return rest as z.core.$ZodIssue;
  const label = /^(.+?) must /.exec(issue.message)?.[1] ?? String(issue.path[issue.path.length - 1]);
  return { ...rest, message: `${label} is required` } as z.core.$ZodIssue;
}

/**
 * An operation's input checked against its contract: the parsed input, or a BAD_INPUT error that
 * names every problem (a field left out as required), with the issues in its details.
 */
export function parseInput(name: string, rawInput: unknown): unknown {
  const schema = procedureOf(name)['~orpc'].inputSchema as z.ZodType | undefined;
  if (!schema) return rawInput;
  const parsed = schema.safeParse(rawInput, { reportInput: true });
  if (parsed.success) return parsed.data;
  const all = parsed.error.issues.map(worded);
  // Capped like the message: an input with a million unknown keys is one issue listing them all.
  const cap = (m: string) => (m.length > 200 ? `${m.slice(0, 200)}…` : m);
  const issues = all
    .slice(0, 100)
    .map((i) => ({ ...i, message: cap(i.message), ...(i.code === 'unrecognized_keys' ? { keys: i.keys.slice(0, 100) } : {}) }));
  throw badInput(formatIssues(name, all), { issues, issueCount: all.length });
}

type Handler = (ctx: Ctx, input: never) => unknown;
export type HandlerTable = Record<string, Record<string, Handler>>;

/**
 * The single entry point every host uses: validate the input against the contract, check the
 * permission matrix, run the handler.
 */
export async function runOperation(host: HostContext, name: string, rawInput: unknown, handlers: HandlerTable): Promise<unknown> {
  const operation = name as OperationName;
  const input = parseInput(name, rawInput);

  const access: Access = permissions[operation];
  const actor = resolveActor(host.engine, host.actAs);
  if (access !== 'anyone') {
    if (!hasWorkspace(host.engine)) {
      throw new UserError(
        'NO_WORKSPACE',
        `${host.engine.file} has no workspace yet. Create one with \`uptake init --workspace NAME --me NAME\` (or open the demo with \`uptake demo\`).`,
      );
    }
    if (!actor)
      throw forbidden(
        `${name} needs a member to act as, and this device has no profile selected. Choose a profile (in the CLI: --as NAME).`,
      );
    if (!access.includes(actor.role) && !(triageScoped.has(operation) && mayNamePatterns(host.engine, actor.id))) {
      const roles = access.map((r) => ROLE_LABELS[r].toLowerCase()).join(' or ');
      const who = triageScoped.has(operation) ? `${roles} or an initiative’s AI product owner or technical lead` : roles;
      throw forbidden(
        `${actor.name} is a ${ROLE_LABELS[actor.role].toLowerCase()} and may not run ${name}: only a ${who} may. Ask one, or switch to their profile (in the CLI: --as NAME).`,
      );
    }
  }
  const [area = '', verb = ''] = name.split('.');
  const handler = handlers[area]?.[verb];
  if (!handler) throw new Error(`No handler for ${name}`);
  const ctx: Ctx = { engine: host.engine, actor, authorId: actor?.id ?? null, ...(host.onProgress ? { onProgress: host.onProgress } : {}) };
  return await handler(ctx, input as never);
}
