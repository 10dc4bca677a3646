import { recordHistory } from '../../history/history';
import { metricSettingsHistory } from '../../metrics/settings';
import type { AreaHandlers } from '../handlers';

export const historyHandlers = {
  // The weights and thresholds are one JSON value; their history reads one setting at a time.
  get: (ctx, input) =>
    input.table === 'settings' && input.id === 'metrics'
      ? metricSettingsHistory(ctx.engine)
      : recordHistory(ctx.engine, input.table, input.id),
} satisfies AreaHandlers<'history'>;
