import { z } from 'zod';

/**
 * Weights and alert thresholds: workspace settings only a change manager may change (docs/metrics.md).
 * The schema is the rule (the contract validates input with it, the engine re-checks stored
 * values with it); the defaults are docs/metrics.md's.
 */
const unit = z.number().min(0, 'must be 0 or more').max(1, 'must be at most 1');
// Weights are renormalised over the components a slice has (docs/metrics.md), so they need not sum
// to 1; but with all three at 0 real adoption could never be computed.
export const MetricSettingsSchema = z.strictObject({
  weights: z
    .strictObject({ reliance: unit, trust: unit, shadowFree: unit })
    .refine((w) => w.reliance + w.trust + w.shadowFree > 0, { message: 'at least one weight must be above 0', path: ['reliance'] }),
  thresholds: z
    .strictObject({
      highOverrideRate: unit,
      lowOverrideRate: unit,
      minDecisions: z.number().int('must be a whole number').min(1, 'must be at least 1'),
      adoptionGap: unit,
      shadowShare: unit,
      habitualMinDecisions: z.number().int('must be a whole number').min(1, 'must be at least 1'),
      habitualOverrideRate: unit,
      championCoverage: unit,
      thinMonthDecisions: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
      thinMonthUsers: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
    })
    .refine((t) => t.lowOverrideRate < t.highOverrideRate, {
      message: 'the low override rate must be below the high override rate',
      path: ['lowOverrideRate'],
    }),
});
export type MetricSettings = z.infer<typeof MetricSettingsSchema>;

export const DEFAULT_METRIC_SETTINGS: MetricSettings = {
  weights: { reliance: 0.5, trust: 0.25, shadowFree: 0.25 },
  thresholds: {
    highOverrideRate: 0.5,
    lowOverrideRate: 0.05,
    minDecisions: 30,
    adoptionGap: 0.25,
    shadowShare: 0.2,
    habitualMinDecisions: 20,
    habitualOverrideRate: 0.8,
    championCoverage: 0.05,
    thinMonthDecisions: 30,
    thinMonthUsers: 5,
  },
};
