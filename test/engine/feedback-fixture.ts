import { callTyped, type HostContext } from '../../db/api';

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
