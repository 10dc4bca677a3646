import { contactCadence, needsAttention, relationshipHealth, saveContactCadence } from '../../stakeholder-sessions/health';
import {
  createSession,
  deleteSession,
  getSession,
  listSessions,
  restoreSession,
  updateSession,
} from '../../stakeholder-sessions/stakeholder-sessions';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const stakeholderSessionsHandlers = {
  ...recordHandlers({ list: listSessions, create: createSession, update: updateSession, remove: deleteSession }),
  get: (ctx, input) => getSession(ctx.engine, input.id),
  restore: (ctx, input) => restoreSession(ctx, input.id),
  health: (ctx, input) => relationshipHealth(ctx.engine, input.today),
  needsAttention: (ctx, input) => needsAttention(ctx.engine, input.today),
  cadence: (ctx) => contactCadence(ctx.engine),
  setCadence: (ctx, input) => saveContactCadence(ctx, input),
} satisfies AreaHandlers<'stakeholderSessions'>;
