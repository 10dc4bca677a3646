import { recordHistory } from '../../history/history';
import { metricSettingsHistory } from '../../metrics/settings';
import { stakeholderHistory } from '../../stakeholders/fields';
import type { AreaHandlers } from '../handlers';

export const historyHandlers = {
  // The weights and thresholds are one JSON value; their history reads one setting at a time.
  get: (ctx, input) =>
    input.table === 'settings' && input.id === 'metrics'
      ? metricSettingsHistory(ctx.engine)
      : // A stakeholder's custom field values live in rows of their own; their changes read as the stakeholder's.
        input.table === 'stakeholders'
        ? stakeholderHistory(ctx.engine, input.id)
        : recordHistory(ctx.engine, input.table, input.id),
} satisfies AreaHandlers<'history'>;
