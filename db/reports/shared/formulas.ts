import { DEFAULT_METRIC_SETTINGS, type MetricSettings } from '../../metrics/model';
import type { Components, ReportRow } from '../model';
import { count, countOf, decimal, FALLBACK_LOCALE, monthLabel, percent, points } from './format';

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

/** Components in a sentence ("no data for trust, shadow-free"). */
export const COMPONENT_WORDS: Record<keyof Components, string> = {
  activation: 'activation',
  completion: 'completion',
  reliance: 'reliance',
  trust: 'trust',
  shadowFree: 'shadow-free',
};

/** The sums behind a row, in words (the formula drawer's "All sums behind this row"). */
export const COUNT_LABELS: Record<keyof ReportRow['counts'], string> = {
  licensedUsers: 'Licensed users',
  activeUsers: 'Active users',
  workflowsStarted: 'Workflows started',
  workflowsCompleted: 'Workflows completed',
  accepted: 'Decisions accepted',
  edited: 'Decisions edited',
  overridden: 'Decisions overridden',
  ignored: 'Decisions ignored',
  respondents: 'Pulse respondents',
  trustWeighted: 'Σ trust score × respondents',
  manualBackup: 'Respondents keeping a manual backup',
  pulseRows: 'Pulse rows',
  registerUsers: 'Users in registered shadow processes',
  registerActiveUsers: 'Active users, months of those processes',
  registerProcesses: 'Registered shadow processes',
  reviewed: 'Overrides reviewed',
  appropriate: 'Overrides judged appropriate',
  usageRows: 'Usage rows',
};

/**
 * What formal or real adoption rests on, for the "1 of 3" mark: the components it could use, how
 * many had data, and which did not. A figure is partial when some are missing.
 */
export function basisOf(row: ReportRow, figure: 'formal' | 'real') {
  const b = row.basis[figure];
  const total = b.used.length + b.missing.length;
  const missing = b.missing.map((k) => COMPONENT_WORDS[k]);
  return {
    used: b.used.length,
    total,
    partial: b.missing.length > 0,
    /** "1 of 3" */
    short: `${b.used.length} of ${total}`,
    /** "Rests on 1 of 3 components: no data for trust, shadow-free." */
    sentence:
      b.missing.length === 0
        ? `Rests on all ${total} of its components.`
        : `Rests on ${b.used.length} of ${total} components: no data for ${missing.join(', ')}.`,
  };
}

/** The thin months of a row in words: "Nov 2026: 2 decisions; Dec 2026: 1 active user (1 usage row)". */
export function thinMonthsText(row: ReportRow, locale: string): string | null {
  if (row.thinMonths.length === 0) return null;
  return row.thinMonths.map((m) => `${monthLabel(m.month, locale)}: ${m.reasons.join(', ')}`).join('; ');
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

/** The value of a figure as shown in the drawer's headline and its "Built from" buttons. */
export function figureText(row: ReportRow, key: FigureKey, locale: string, digits = 0): string {
  if (key === 'gap') return points(row.gap, locale, digits);
  const v = key === 'formal' || key === 'real' || key === 'overrideRate' ? row[key] : row.components[key];
  return percent(v, locale, digits);
}

/** The formula of a figure and the counts behind it, for one report row, in the reader's locale. */
export function explain(row: ReportRow, key: FigureKey, weights: Weights, locale: string = FALLBACK_LOCALE): Explanation {
  const c = row.counts;
  const k = row.components;
  const acted = c.accepted + c.edited + c.overridden;
  const decisions = acted + c.ignored;
  const n = (x: number) => count(x, locale);
  const p1 = (x: number | null) => percent(x, locale, 1);
  const ratioLine = (num: number, den: number, value: number | null, numText = n(num), denText = n(den)) =>
    den === 0 ? `${numText} / ${denText}: the denominator is zero, so no data` : `${numText} / ${denText} = ${p1(value)}`;
  const partialNote = (figure: 'formal' | 'real') => {
    const b = basisOf(row, figure);
    return b.partial ? `Partial: ${b.sentence.charAt(0).toLowerCase()}${b.sentence.slice(1)}` : undefined;
  };
  /** This figure's explanation; `more` names the figures it is built from and adds a note. */
  const explanation = (
    value: number | null,
    formula: string,
    worked: string,
    more?: Partial<Pick<Explanation, 'parts' | 'note'>>,
  ): Explanation => ({
    label: FIGURE_LABELS[key],
    value,
    formula,
    worked,
    parts: [],
    ...more,
  });
  switch (key) {
    case 'activation':
      return explanation(
        k.activation,
        'Activation = Σ active users / Σ licensed users',
        `Activation = ${ratioLine(c.activeUsers, c.licensedUsers, k.activation)}`,
      );
    case 'completion':
      return explanation(
        k.completion,
        'Completion = Σ workflows completed / Σ workflows started',
        `Completion = ${ratioLine(c.workflowsCompleted, c.workflowsStarted, k.completion)}`,
      );
    case 'formal': {
      const available = [k.activation, k.completion].filter((x): x is number => x !== null);
      return explanation(
        row.formal,
        'Formal adoption = mean of those of activation and completion that have data',
        available.length === 0
          ? 'Formal adoption: neither activation nor completion has data, so no data'
          : `Formal adoption = (${available.map(p1).join(' + ')}) / ${available.length} = ${p1(row.formal)}`,
        { parts: ['activation', 'completion'], note: partialNote('formal') },
      );
    }
    case 'overrideRate':
      return explanation(
        row.overrideRate,
        'Override rate = overridden / (accepted + edited + overridden)',
        `Override rate = ${ratioLine(c.overridden, acted, row.overrideRate, n(c.overridden), `(${n(c.accepted)} + ${n(c.edited)} + ${n(c.overridden)})`)}`,
        {
          note:
            row.overrideAppropriateness === null
              ? `Ignored: ${n(c.ignored)} of ${countOf(decisions, locale, 'decision')}. No overrides reviewed yet.`
              : `Ignored: ${n(c.ignored)} of ${countOf(decisions, locale, 'decision')}. Of ${countOf(c.reviewed, locale, 'override')} reviewed, ${n(c.appropriate)} ${c.appropriate === 1 ? 'was' : 'were'} appropriate (${percent(row.overrideAppropriateness, locale)}: the AI was wrong).`,
        },
      );
    case 'reliance':
      return explanation(
        k.reliance,
        'Reliance = (accepted + edited) / (accepted + edited + overridden + ignored)',
        `Reliance = ${ratioLine(
          c.accepted + c.edited,
          decisions,
          k.reliance,
          `(${n(c.accepted)} + ${n(c.edited)})`,
          `(${n(c.accepted)} + ${n(c.edited)} + ${n(c.overridden)} + ${n(c.ignored)})`,
        )}`,
      );
    case 'trust':
      return explanation(
        k.trust,
        'Trust = (Σ(mean trust score × respondents) / Σ respondents − 1) / 4, the 1–5 scale as 0–100%',
        c.respondents === 0
          ? 'Trust: no pulse respondents in this slice, so no data'
          : `Trust = (${decimal(c.trustWeighted, locale)} / ${n(c.respondents)} − 1) / 4 = ${p1(k.trust)}`,
      );
    case 'shadowFree': {
      if (row.shadowSource === 'pulse') {
        return explanation(
          k.shadowFree,
          'Shadow-free = 1 − shadow share; shadow share (trust pulse) = Σ respondents keeping a manual backup / Σ respondents',
          `Shadow-free = 1 − ${n(c.manualBackup)} / ${n(c.respondents)} = ${p1(k.shadowFree)}`,
        );
      }
      if (row.shadowSource === 'register') {
        return explanation(
          k.shadowFree,
          'Shadow-free = 1 − shadow share; shadow share (register) = Σ users involved in active shadow processes / Σ active users of those months, at most 100%',
          `Shadow-free = 1 − min(1, ${n(c.registerUsers)} / ${n(c.registerActiveUsers)}) = ${p1(k.shadowFree)} (${countOf(c.registerProcesses, locale, 'process', 'processes')})`,
        );
      }
      return explanation(
        null,
        'Shadow-free = 1 − shadow share (from the trust pulse, otherwise from the shadow-process register)',
        'Shadow-free: no pulse rows and no active registered processes in this slice, so no data',
      );
    }
    case 'real': {
      const parts: [number | null, number][] = [
        [k.reliance, weights.reliance],
        [k.trust, weights.trust],
        [k.shadowFree, weights.shadowFree],
      ];
      const available = parts.filter((p): p is [number, number] => p[0] !== null && p[1] > 0);
      const weightSum = available.reduce((s, p) => s + p[1], 0);
      return explanation(
        row.real,
        'Real adoption = weighted mean of those of reliance, trust and shadow-free that have data, weights rescaled to add up to 1',
        available.length === 0
          ? 'Real adoption: none of reliance, trust and shadow-free has data, so no data'
          : `Real adoption = (${available.map(([v, w]) => `${decimal(w, locale, 3)} × ${p1(v)}`).join(' + ')}) / ${decimal(weightSum, locale, 3)} = ${p1(row.real)}`,
        { parts: ['reliance', 'trust', 'shadowFree'], note: partialNote('real') },
      );
    }
    case 'gap':
      return explanation(
        row.gap,
        'Gap = formal adoption − real adoption (no data if either has none)',
        row.gap === null
          ? 'Gap: formal or real adoption has no data'
          : `Gap = ${p1(row.formal)} − ${p1(row.real)} = ${points(row.gap, locale, 1)}`,
        { parts: ['formal', 'real'] },
      );
  }
}

/** Whether the weights of real adoption differ from docs/metrics.md's defaults (the report then says "custom weights"). */
export function customWeights(w: Weights): boolean {
  const d = DEFAULT_METRIC_SETTINGS.weights;
  return w.reliance !== d.reliance || w.trust !== d.trust || w.shadowFree !== d.shadowFree;
}

export const rowName = (row: ReportRow) => `${row.initiative ?? 'All initiatives'} · ${row.team ?? 'All teams'}`;
