import { eq } from 'drizzle-orm';
import type { Engine } from '../open';
import { inTransaction, type Session } from '../records';
import { settings } from '../schema';
import { write } from '../write';
import { DEFAULT_METRIC_SETTINGS, type MetricSettings, MetricSettingsSchema } from './model';

/** The workspace's weights and thresholds; docs/metrics.md's defaults until a change manager changes them. */
export function metricSettings(engine: Engine): MetricSettings {
  const row = engine.orm.select().from(settings).where(eq(settings.id, 'metrics')).get();
  if (!row || row.deleted) return DEFAULT_METRIC_SETTINGS;
  // Settings saved before a threshold existed take its default.
  const stored = JSON.parse(row.value) as Partial<MetricSettings>;
  const parsed = MetricSettingsSchema.safeParse({
    weights: { ...DEFAULT_METRIC_SETTINGS.weights, ...stored.weights },
    thresholds: { ...DEFAULT_METRIC_SETTINGS.thresholds, ...stored.thresholds },
  });
  return parsed.success ? parsed.data : DEFAULT_METRIC_SETTINGS;
}

export function saveMetricSettings(s: Session, value: MetricSettings): MetricSettings {
  return inTransaction(s.engine, () => {
    const exists = s.engine.orm.select().from(settings).where(eq(settings.id, 'metrics')).get();
    write(s.engine, s.authorId, 'settings', 'metrics', { value: JSON.stringify(value) }, exists ? 'update' : 'create');
    return metricSettings(s.engine);
  });
}
