/*
 * Chart geometry for the report: scales, ticks and the trend chart's layout. Pure numbers (no
 * Node, no DOM, no React): the app's charts (renderer/src/reports/charts.tsx) and the HTML/PDF
 * export (db/reports/html.ts) draw from the same positions, so the two cannot drift apart.
 */

/** Every report chart is a share, 0–100%, with a gridline each quarter. */
export const PERCENT_TICKS = [0, 0.25, 0.5, 0.75, 1] as const;

export const tickLabel = (t: number): string => `${Math.round(t * 100)}%`;

/** A linear map from [d0, d1] to [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** The x of a share on a dumbbell track `width` wide, with `pad` kept free at both ends for the dots. */
export function dumbbellScale(width: number, pad = 8): (v: number) => number {
  return linearScale(0, 1, pad, width - pad);
}

/** Where a tick label sits relative to its x: the end ticks are anchored inwards so they are never clipped. */
export function tickAnchor(index: number, count: number): 'start' | 'middle' | 'end' {
  if (count > 1 && index === 0) return 'start';
  if (count > 1 && index === count - 1) return 'end';
  return 'middle';
}

export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface TrendLayout {
  /** The x of the i-th month. */
  x: (i: number) => number;
  /** The y of a share. */
  y: (v: number) => number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** Which months get a label on the x axis (every k-th so about `maxLabels`, and always the last). */
  labelled: number[];
  /** A line's points, split where a month has no data: [x, y] pairs per unbroken run. */
  runs: (values: readonly (number | null)[]) => [number, number][][];
}

/** The trend chart's layout: months evenly spaced along x, shares 0–100% up y. */
export function trendLayout(months: number, width: number, height: number, m: Margins, maxLabels = 8): TrendLayout {
  const plot = { left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom };
  const plotW = plot.right - plot.left;
  const step = months > 1 ? plotW / (months - 1) : 0;
  const x = (i: number) => plot.left + (months > 1 ? i * step : plotW / 2);
  const y = linearScale(0, 1, plot.bottom, plot.top);
  const every = Math.max(1, Math.ceil(months / maxLabels));
  const labelled: number[] = [];
  for (let i = 0; i < months; i++) {
    // The last month is always labelled; a regular label less than a full spacing before it is dropped.
    if (i === months - 1 || (i % every === 0 && months - 1 - i >= every)) labelled.push(i);
  }
  const runs = (values: readonly (number | null)[]) => {
    const out: [number, number][][] = [];
    let current: [number, number][] = [];
    values.forEach((v, i) => {
      if (v === null) {
        if (current.length > 0) out.push(current);
        current = [];
      } else current.push([x(i), y(v)]);
    });
    if (current.length > 0) out.push(current);
    return out;
  };
  return { x, y, plot, labelled, runs };
}
