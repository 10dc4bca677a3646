import { describe, expect, it } from 'vitest';
import { dumbbellScale, linearScale, PERCENT_TICKS, tickAnchor, tickLabel, trendLayout } from './geometry';

describe('report chart geometry', () => {
  it('maps shares onto a track, keeping room for the dots at both ends', () => {
    const x = dumbbellScale(220);
    expect([x(0), x(0.5), x(1)]).toEqual([8, 110, 212]);
    expect(linearScale(0, 1, 100, 0)(0.25)).toBe(75);
    expect(PERCENT_TICKS.map(tickLabel)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(PERCENT_TICKS.map((_, i) => tickAnchor(i, PERCENT_TICKS.length))).toEqual(['start', 'middle', 'middle', 'middle', 'end']);
  });

  it('spreads months across the plot, 100% at the top, and breaks a line where a month has no data', () => {
    const t = trendLayout(3, 240, 120, { left: 40, right: 0, top: 10, bottom: 10 });
    expect([t.x(0), t.x(1), t.x(2)]).toEqual([40, 140, 240]);
    expect([t.y(1), t.y(0)]).toEqual([10, 110]);
    expect(t.runs([0.5, null, 1])).toEqual([[[40, 60]], [[240, 10]]]);
    expect(t.runs([null, null, null])).toEqual([]);
    // One month sits in the middle.
    expect(trendLayout(1, 240, 120, { left: 40, right: 0, top: 10, bottom: 10 }).x(0)).toBe(140);
  });

  it('labels about maxLabels months, always the last, never two crowded together at the end', () => {
    expect(trendLayout(6, 640, 200, { left: 0, right: 0, top: 0, bottom: 0 }).labelled).toEqual([0, 1, 2, 3, 4, 5]);
    expect(trendLayout(24, 640, 200, { left: 0, right: 0, top: 0, bottom: 0 }, 8).labelled).toEqual([0, 3, 6, 9, 12, 15, 18, 23]);
    const many = trendLayout(25, 640, 200, { left: 0, right: 0, top: 0, bottom: 0 }, 8).labelled;
    expect(many[many.length - 1]).toBe(24);
    expect(many.length).toBeLessThanOrEqual(9);
  });
});
