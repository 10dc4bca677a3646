import { forbidden } from '../../errors';
import { recordHistory } from '../../history/history';
import { metricSettingsHistory } from '../../metrics/settings';
import { stakeholderHistory } from '../../stakeholders/fields';
import { OUT_OF_SCOPE, teamScope } from '../../stakeholders/scope';
import { isScopedTable, recordInScope } from '../../stakeholders/visibility';
import type { AreaHandlers } from '../handlers';

export const historyHandlers = {
  get: (ctx, input) => {
    // The weights and thresholds are one JSON value; their history reads one setting at a time.
    if (input.table === 'settings' && input.id === 'metrics') return metricSettingsHistory(ctx.engine);
    // A champion reads the stakeholder work of the teams they champion, and its history no further.
    if (
      isScopedTable(input.table) &&
      !recordInScope(ctx.engine, teamScope(ctx.engine, ctx.actor), ctx.actor?.id ?? null, input.table, input.id)
    )
      throw forbidden(OUT_OF_SCOPE);
    // A stakeholder's custom field values live in rows of their own; their changes read as the stakeholder's.
    if (input.table === 'stakeholders') return stakeholderHistory(ctx.engine, input.id);
    return recordHistory(ctx.engine, input.table, input.id);
  },
} satisfies AreaHandlers<'history'>;
