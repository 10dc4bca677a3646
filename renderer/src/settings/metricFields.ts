import type { DEFAULT_METRIC_SETTINGS } from '../../../db/api/types';
import { alertTitle } from '../../../db/reports/shared/alerts';
import { decimal, numberFormat } from '../../../db/reports/shared/format';

/*
 * Every weight and threshold of docs/metrics.md, with what it means in the report. `percent` values
 * are fractions shown as percentages; `count` values are whole numbers; weights are plain
 * numbers from 0 to 1.
 */
export type MetricSettings = typeof DEFAULT_METRIC_SETTINGS;
export type WeightKey = keyof MetricSettings['weights'];
export type ThresholdKey = keyof MetricSettings['thresholds'];

export interface FieldInfo<K extends string> {
  key: K;
  label: string;
  /**
   * Under the label: a weight's formula, or what a threshold drives, its report alerts named by the
   * titles the report gives them (a change manager reads the report, not the codes).
   */
  drives: string;
  meaning: string;
  unit: 'weight' | 'percent' | 'count';
}

/** A threshold's report alerts by their titles: "Adoption gap alert", "High override rate and Automation-bias risk alerts". */
export function alertsNamed(...codes: string[]): string {
  const titles = new Intl.ListFormat('en', { type: 'conjunction' }).format(codes.map(alertTitle));
  return `${titles} ${codes.length === 1 ? 'alert' : 'alerts'}`;
}

export const WEIGHT_FIELDS: FieldInfo<WeightKey>[] = [
  {
    key: 'reliance',
    label: 'Reliance',
    drives: '(accepted + edited) / decisions',
    meaning: 'Share of decisions where people accepted or edited the AI’s recommendation',
    unit: 'weight',
  },
  {
    key: 'trust',
    label: 'Trust',
    drives: '(mean trust − 1) / 4',
    meaning: 'Pulse answer to “I trust the AI’s output in my work”, 1–5 scaled to 0–1',
    unit: 'weight',
  },
  {
    key: 'shadowFree',
    label: 'Shadow-free',
    drives: '1 − shadowShare',
    meaning: 'Share of people who keep no manual or parallel process as a hedge',
    unit: 'weight',
  },
];

export const THRESHOLD_FIELDS: FieldInfo<ThresholdKey>[] = [
  {
    key: 'highOverrideRate',
    label: 'High override rate',
    drives: alertsNamed('HIGH_OVERRIDE'),
    meaning: 'Alert when the override rate is above this',
    unit: 'percent',
  },
  {
    key: 'lowOverrideRate',
    label: 'Low override rate',
    drives: alertsNamed('AUTOMATION_BIAS_RISK'),
    meaning: 'Alert when the override rate is below this and feedback flags the AI as confidently wrong',
    unit: 'percent',
  },
  {
    key: 'minDecisions',
    label: 'Minimum decisions',
    drives: alertsNamed('HIGH_OVERRIDE', 'AUTOMATION_BIAS_RISK'),
    meaning: 'Override-rate alerts need at least this many decisions in the slice',
    unit: 'count',
  },
  {
    key: 'adoptionGap',
    label: 'Adoption gap',
    drives: alertsNamed('ADOPTION_GAP'),
    meaning: 'Alert when formal adoption exceeds real adoption by more than this',
    unit: 'percent',
  },
  {
    key: 'shadowShare',
    label: 'Shadow share',
    drives: alertsNamed('SHADOW_PROCESSES'),
    meaning: 'Alert when more than this share of people keep a manual or parallel process',
    unit: 'percent',
  },
  {
    key: 'habitualMinDecisions',
    label: 'Habitual: decisions',
    drives: alertsNamed('HABITUAL_OVERRIDERS'),
    meaning: 'A person counts as a habitual overrider only with at least this many decisions',
    unit: 'count',
  },
  {
    key: 'habitualOverrideRate',
    label: 'Habitual: override rate',
    drives: alertsNamed('HABITUAL_OVERRIDERS'),
    meaning: '… and when they override at least this share of them',
    unit: 'percent',
  },
  {
    key: 'championCoverage',
    label: 'Champion coverage',
    // Each program sets its own target (docs/metrics.md): this one is kept in the settings but drives nothing.
    drives: 'No report alert',
    meaning: `Not used: the ${alertTitle('LOW_CHAMPION_COVERAGE')} alert compares each team with its champion program’s own target, set on Champions`,
    unit: 'percent',
  },
  {
    key: 'thinMonthDecisions',
    label: 'Thin month: decisions',
    drives: 'Thin-month mark',
    meaning: 'A month with decisions but fewer than this is marked as thin on charts and under the figures',
    unit: 'count',
  },
  {
    key: 'thinMonthUsers',
    label: 'Thin month: active users',
    drives: 'Thin-month mark',
    meaning: 'A month with usage but fewer active users than this is marked as thin',
    unit: 'count',
  },
];

/**
 * A setting's value as the report states it, in the reader's locale (the one chosen in Settings):
 * 50%, 12.5%, 30, 0.25 in English; 50 %, 12,5 %, 30, 0,25 in German.
 */
export function display(unit: FieldInfo<string>['unit'], value: number, locale: string): string {
  return unit === 'percent'
    ? numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(value)
    : decimal(value, locale, 4);
}

/** What a value box shows for a stored value: 0.5, 50%, 30. */
export function toText(unit: FieldInfo<string>['unit'], value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  return unit === 'percent' ? `${toPercent(value)}%` : String(value);
}

/** The allowed values of a unit, as a value box's error says them. */
export function rangeText(unit: FieldInfo<string>['unit'], min = 1): string {
  if (unit === 'percent') return 'Enter a percentage from 0% to 100%';
  if (unit === 'count') return min === 0 ? 'Enter a whole number, 0 or more' : `Enter a whole number, ${min} or more`;
  return 'Enter a number from 0 to 1';
}

const MAX_DECIMALS = { weight: 4, percent: 2, count: 0 } as const;

/**
 * What a person typed, read exactly: the stored value, or why it cannot be one. Nothing is
 * rounded, clamped or snapped to a step; a value out of range is kept so the form can say so.
 */
export function parseTyped(unit: FieldInfo<string>['unit'], typed: string): { value: number } | { error: string } {
  let text = typed.trim().replace(/\s/g, '');
  if (unit === 'percent') text = text.replace(/%$/, '');
  // Thousands separators in counts (the box shows 1,000); a comma is a decimal separator elsewhere.
  text = unit === 'count' ? text.replace(/,(?=\d{3}(?:\D|$))/g, '') : text.replace(',', '.');
  if (text === '') return { error: 'Enter a number' };
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) return { error: `“${typed.trim()}” is not a number` };
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  if (decimals > MAX_DECIMALS[unit]) {
    return {
      error: unit === 'count' ? 'Enter a whole number' : `Use at most ${MAX_DECIMALS[unit]} decimals`,
    };
  }
  const n = Number(text);
  return { value: unit === 'percent' ? fromPercent(n) : n };
}

/** Fractions edited as percentages, without float noise (0.29 × 100 = 28.999…). */
export const toPercent = (fraction: number) => Math.round(fraction * 1e6) / 1e4;
export const fromPercent = (p: number) => Math.round(p * 1e4) / 1e6;
