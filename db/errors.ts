/**
 * Errors that reach a user. `UserError` means the input was wrong (CLI exit code 1): its message
 * says what, where and what to do. Anything else is an internal failure (exit code 2).
 */
/** BUSY: another process held the database's write lock for longer than this one waited. */
export type UserErrorCode = 'BAD_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'NO_WORKSPACE' | 'BAD_DATABASE' | 'BUSY';

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) => new UserError('BAD_INPUT', message, details);
export const notFound = (what: string, id: string) =>
  new UserError('NOT_FOUND', `No ${what} with id ${id}. List them to find the right id.`);
export const forbidden = (message: string) => new UserError('FORBIDDEN', message);
