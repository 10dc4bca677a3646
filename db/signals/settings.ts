import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { DEFAULT_METRIC_SETTINGS, MetricSettingsInput } from '../api/contract';
import type { Engine } from '../open';
import { settings } from '../schema';
import { write } from '../write';

/** Weights and alert thresholds: workspace settings only a change manager may change (docs/metrics.md). */
export const MetricSettingsSchema = MetricSettingsInput;
export type MetricSettings = z.infer<typeof MetricSettingsSchema>;

export const DEFAULT_SETTINGS: MetricSettings = DEFAULT_METRIC_SETTINGS;

export function metricSettings(engine: Engine): MetricSettings {
  const row = engine.orm.select().from(settings).where(eq(settings.id, 'metrics')).get();
  if (!row || row.deleted) return DEFAULT_SETTINGS;
  const parsed = MetricSettingsSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export function saveMetricSettings(engine: Engine, authorId: string | null, value: MetricSettings): MetricSettings {
  const exists = engine.orm.select().from(settings).where(eq(settings.id, 'metrics')).get();
  write(engine, authorId, 'settings', 'metrics', { value: JSON.stringify(value) }, exists ? 'update' : 'create');
  return metricSettings(engine);
}
