import { eq } from 'drizzle-orm';
import { recordHistory } from '../history/history';
import type { FieldChange, HistoryEntry } from '../history/model';
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

/**
 * Who changed which weight or threshold, when, from what to what: newest first. The row keeps the
 * settings as one JSON value, so each write's value is compared key by key with the one before
 * (the defaults before the first save); a field reads `weights.reliance`, `thresholds.minDecisions`.
 */
export function metricSettingsHistory(engine: Engine): HistoryEntry[] {
  let before: MetricSettings = DEFAULT_METRIC_SETTINGS;
  const entries: HistoryEntry[] = [];
  for (const entry of recordHistory(engine, 'settings', 'metrics').reverse()) {
    const value = entry.changes.find((c) => c.field === 'value');
    if (!value || typeof value.to !== 'string') continue;
    const after = MetricSettingsSchema.safeParse(JSON.parse(value.to) as unknown);
    if (!after.success) continue;
    const changes: FieldChange[] = [];
    for (const group of ['weights', 'thresholds'] as const) {
      const from = before[group] as Record<string, number>;
      const to = after.data[group] as Record<string, number>;
      for (const key of Object.keys(to)) {
        if (from[key] !== to[key]) changes.push({ field: `${group}.${key}`, from: from[key] ?? null, to: to[key] });
      }
    }
    before = after.data;
    if (changes.length > 0) entries.push({ ...entry, created: false, changes });
  }
  return entries.reverse();
}
