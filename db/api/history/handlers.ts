import { recordHistory } from '../../history/history';
import type { AreaHandlers } from '../handlers';

export const historyHandlers = {
  get: (ctx, input) => recordHistory(ctx.engine, input.table, input.id),
} satisfies AreaHandlers<'history'>;
