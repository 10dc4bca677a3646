import { metricSettings, saveMetricSettings } from '../../metrics/settings';
import type { AreaHandlers } from '../handlers';

export const metricsHandlers = {
  settings: (ctx) => metricSettings(ctx.engine),
  configure: (ctx, input) => saveMetricSettings(ctx, input),
} satisfies AreaHandlers<'metrics'>;
