import type { MetricSettings } from '../../metrics/model';
import type { Components, ReportRow } from '../model';
import { plural } from './plural';

/*
 * How a report figure is shown and explained: docs/metrics.md's formula and the same with the slice's
 * counts put in. Pure (no Node, no DOM): the app's formula drawer and the HTML/PDF export both
 * use it, so a sponsor reads the same words in both.
 */

type Weights = MetricSettings['weights'];

/** A figure a sponsor can click to see how it was computed. */
export type FigureKey = 'formal' | 'real' | 'gap' | 'overrideRate' | keyof Components;

export const FIGURE_LABELS: Record<FigureKey, string> = {
  formal: 'Formal adoption',
  real: 'Real adoption',
  gap: 'Gap',
  overrideRate: 'Override rate',
  activation: 'Activation',
  completion: 'Completion',
  reliance: 'Reliance',
  trust: 'Trust',
  shadowFree: 'Shadow-free',
};

const number = new Intl.NumberFormat('en-US');
const n = (x: number) => number.format(x);

/** A fraction as a whole percentage; null is "No data", never 0. */
export function pct(x: number | null, digits = 0): string {
  if (x === null) return 'No data';
  return `${(x * 100).toFixed(digits)}%`;
}

/** A gap in percentage points, signed. */
export function points(x: number | null): string {
  if (x === null) return 'No data';
  const v = Math.round(x * 100);
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v)} pts`;
}

export interface Explanation {
  label: string;
  value: number | null;
  /** The definition, as docs/metrics.md states it. */
  formula: string;
  /** The same with this slice's counts put in, ending with the result. */
  worked: string;
  /** Figures this one is built from (they can be opened in turn). */
  parts: FigureKey[];
  note?: string;
}

function ratioLine(num: number, den: number, value: number | null, numText = n(num), denText = n(den)): string {
  if (den === 0) return `${numText} / ${denText}: the denominator is zero, so no data`;
  return `${numText} / ${denText} = ${pct(value, 1)}`;
}

/** The formula of a figure and the counts behind it, for one report row. */
export function explain(row: ReportRow, key: FigureKey, weights: Weights): Explanation {
  const c = row.counts;
  const k = row.components;
  const acted = c.accepted + c.edited + c.overridden;
  const decisions = acted + c.ignored;
  switch (key) {
    case 'activation':
      return {
        label: FIGURE_LABELS[key],
        value: k.activation,
        formula: 'activation = Σ active_users / Σ licensed_users',
        worked: `activation = ${ratioLine(c.activeUsers, c.licensedUsers, k.activation)}`,
        parts: [],
      };
    case 'completion':
      return {
        label: FIGURE_LABELS[key],
        value: k.completion,
        formula: 'completion = Σ workflows_completed / Σ workflows_started',
        worked: `completion = ${ratioLine(c.workflowsCompleted, c.workflowsStarted, k.completion)}`,
        parts: [],
      };
    case 'formal': {
      const available = [k.activation, k.completion].filter((x): x is number => x !== null);
      return {
        label: FIGURE_LABELS[key],
        value: row.formal,
        formula: 'formal = mean of the available ones of {activation, completion}',
        worked:
          available.length === 0
            ? 'formal: neither activation nor completion has data, so no data'
            : `formal = (${available.map((x) => pct(x, 1)).join(' + ')}) / ${available.length} = ${pct(row.formal, 1)}`,
        parts: ['activation', 'completion'],
      };
    }
    case 'overrideRate':
      return {
        label: FIGURE_LABELS[key],
        value: row.overrideRate,
        formula: 'overrideRate = overridden / (accepted + edited + overridden)',
        worked: `overrideRate = ${ratioLine(c.overridden, acted, row.overrideRate, n(c.overridden), `(${n(c.accepted)} + ${n(c.edited)} + ${n(c.overridden)})`)}`,
        parts: [],
        note:
          row.overrideAppropriateness === null
            ? `Ignored: ${n(c.ignored)} of ${plural(decisions, 'decision')}. No overrides reviewed yet.`
            : `Ignored: ${n(c.ignored)} of ${plural(decisions, 'decision')}. Of ${plural(c.reviewed, 'override')} reviewed, ${n(c.appropriate)} ${c.appropriate === 1 ? 'was' : 'were'} appropriate (${pct(row.overrideAppropriateness)}: the AI was wrong).`,
      };
    case 'reliance':
      return {
        label: FIGURE_LABELS[key],
        value: k.reliance,
        formula: 'reliance = (accepted + edited) / (accepted + edited + overridden + ignored)',
        worked: `reliance = ${ratioLine(
          c.accepted + c.edited,
          decisions,
          k.reliance,
          `(${n(c.accepted)} + ${n(c.edited)})`,
          `(${n(c.accepted)} + ${n(c.edited)} + ${n(c.overridden)} + ${n(c.ignored)})`,
        )}`,
        parts: [],
      };
    case 'trust':
      return {
        label: FIGURE_LABELS[key],
        value: k.trust,
        formula: 'trust = (Σ(trust_mean × respondents) / Σ respondents − 1) / 4',
        worked:
          c.respondents === 0
            ? 'trust: no pulse respondents in this slice, so no data'
            : `trust = (${n(Math.round(c.trustWeighted * 100) / 100)} / ${n(c.respondents)} − 1) / 4 = ${pct(k.trust, 1)}`,
        parts: [],
      };
    case 'shadowFree': {
      if (row.shadowSource === 'pulse') {
        return {
          label: FIGURE_LABELS[key],
          value: k.shadowFree,
          formula: 'shadowFree = 1 − shadowShare; shadowShare (pulse) = Σ manual_backup / Σ respondents',
          worked: `shadowFree = 1 − ${n(c.manualBackup)} / ${n(c.respondents)} = ${pct(k.shadowFree, 1)}`,
          parts: [],
        };
      }
      if (row.shadowSource === 'register') {
        return {
          label: FIGURE_LABELS[key],
          value: k.shadowFree,
          formula:
            'shadowFree = 1 − shadowShare; shadowShare (register) = Σ users_involved of active processes / Σ active_users of those months, clipped to 1',
          worked: `shadowFree = 1 − min(1, ${n(c.registerUsers)} / ${n(c.registerActiveUsers)}) = ${pct(k.shadowFree, 1)} (${plural(c.registerProcesses, 'process', 'processes')})`,
          parts: [],
        };
      }
      return {
        label: FIGURE_LABELS[key],
        value: null,
        formula: 'shadowFree = 1 − shadowShare (from the pulse, otherwise from the shadow-process register)',
        worked: 'shadowFree: no pulse rows and no active registered processes in this slice, so no data',
        parts: [],
      };
    }
    case 'real': {
      const parts: [string, number | null, number][] = [
        ['reliance', k.reliance, weights.reliance],
        ['trust', k.trust, weights.trust],
        ['shadowFree', k.shadowFree, weights.shadowFree],
      ];
      const available = parts.filter((p): p is [string, number, number] => p[1] !== null && p[2] > 0);
      const weightSum = available.reduce((s, p) => s + p[2], 0);
      return {
        label: FIGURE_LABELS[key],
        value: row.real,
        formula: 'real = weighted mean of the available ones of {reliance, trust, shadowFree}, weights renormalised',
        worked:
          available.length === 0
            ? 'real: none of reliance, trust, shadowFree has data, so no data'
            : `real = (${available.map(([, v, w]) => `${w} × ${pct(v, 1)}`).join(' + ')}) / ${Math.round(weightSum * 1000) / 1000} = ${pct(row.real, 1)}`,
        parts: ['reliance', 'trust', 'shadowFree'],
      };
    }
    case 'gap':
      return {
        label: FIGURE_LABELS[key],
        value: row.gap,
        formula: 'gap = formal − real (no data if either has none)',
        worked:
          row.gap === null ? 'gap: formal or real has no data' : `gap = ${pct(row.formal, 1)} − ${pct(row.real, 1)} = ${points(row.gap)}`,
        parts: ['formal', 'real'],
      };
  }
}

export const rowName = (row: ReportRow) => `${row.initiative ?? 'All initiatives'} · ${row.team ?? 'All teams'}`;
