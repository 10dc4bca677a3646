import { ORPCError, os } from '@orpc/server';
import { UserError } from '../errors';
import { type HostContext, operationNames } from './context';
import { call } from './index';

const HTTP_CODES = {
  BAD_INPUT: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  NO_WORKSPACE: 'PRECONDITION_FAILED',
  BAD_DATABASE: 'PRECONDITION_FAILED',
  BUSY: 'CONFLICT',
} as const;

/** A UserError crosses the wire as an ORPCError with the same message and `data.code`. */
export function toTransportError(e: unknown): unknown {
  if (e instanceof UserError) {
    return new ORPCError(HTTP_CODES[e.code], { message: e.message, data: { code: e.code, ...(e.details ?? {}) } });
  }
  return e;
}

/**
 * The oRPC router every transport serves (HTTP on loopback, Electron's MessagePort). Each
 * procedure is a thin forward to `call`, which validates against the contract and checks the
 * permission matrix; clients are typed by the contract itself.
 */
export function createRouter() {
  const base = os.$context<HostContext>();
  const router: Record<string, Record<string, ReturnType<typeof base.handler>>> = {};
  for (const name of operationNames()) {
    const [area = '', verb = ''] = name.split('.');
    router[area] ??= {};
    router[area][verb] = base.handler(async ({ context, input }) => {
      try {
        return await call(context, name, input);
      } catch (e) {
        throw toTransportError(e);
      }
    });
  }
  return router;
}
