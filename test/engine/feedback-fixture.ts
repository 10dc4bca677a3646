import { expect } from 'vitest';
import { callTyped, type HostContext } from '../../db/api';
import { UserError } from '../../db/errors';

/** Logs a plain wrong prediction as `actAs` (a champion or a change manager) through the API. */
export const logItem = (host: HostContext, actAs: string, initiativeId: string, teamId: string) =>
  callTyped({ ...host, actAs }, 'feedback.create', {
    initiativeId,
    teamId,
    aiSaid: 'Approve',
    whatWasRight: 'Refer',
    category: 'format variation',
    severity: 'medium',
    caught: 'review',
  });

/** The user error a call ends with (the test fails if it succeeds or throws anything else). */
export async function userError(p: Promise<unknown>): Promise<UserError> {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}
