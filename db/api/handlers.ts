import type { AnySchema, ContractProcedure, InferSchemaOutput } from '@orpc/contract';
import type { Engine } from '../open';
import type { Session } from '../records';
import type { Ctx } from './context';
import type { Contract, OperationName } from './contract';

type Procedure<N> = N extends `${infer A}.${infer V}`
  ? A extends keyof Contract
    ? V extends keyof Contract[A]
      ? Contract[A][V]
      : never
    : never
  : never;

/** The parsed input of an operation (after the contract's defaults and transforms). */
// biome-ignore lint/suspicious/noExplicitAny: matching any error map and meta
type AnyProcedure<I extends AnySchema, O extends AnySchema> = ContractProcedure<I, O, any, any>;
export type InputOf<N extends OperationName> = Procedure<N> extends AnyProcedure<infer I, AnySchema> ? InferSchemaOutput<I> : never;
export type OutputOf<N extends OperationName> = Procedure<N> extends AnyProcedure<AnySchema, infer O> ? InferSchemaOutput<O> : never;

/** A handler per operation: `(ctx, input) => output`. Hosts never call these directly; see runOperation. */

/** One area's handlers, keyed by verb: `satisfies AreaHandlers<'teams'>` makes a missing one a compile error. */
type Op<A extends keyof Contract, V extends string> = Extract<`${A}.${V}`, OperationName>;
export type AreaHandlers<A extends keyof Contract> = {
  [V in keyof Contract[A] & string]: (ctx: Ctx, input: InputOf<Op<A, V>>) => OutputOf<Op<A, V>> | Promise<OutputOf<Op<A, V>>>;
};

/**
 * The list, create, update and delete handlers of a synced entity, from its domain functions:
 * `{ ...recordHandlers({ list: listTeams, create: createTeam, … }), restore: … } satisfies AreaHandlers<'teams'>`.
 */
export function recordHandlers<R, C, U>(domain: {
  list: (engine: Engine, includeDeleted: boolean) => R[];
  create: (s: Session, input: C) => R;
  update: (s: Session, input: U) => R;
  remove: (s: Session, id: string) => R;
}) {
  return {
    list: (ctx: Ctx, input: { includeDeleted: boolean }) => domain.list(ctx.engine, input.includeDeleted),
    create: (ctx: Ctx, input: C) => domain.create(ctx, input),
    update: (ctx: Ctx, input: U) => domain.update(ctx, input),
    delete: (ctx: Ctx, input: { id: string }) => domain.remove(ctx, input.id),
  };
}
