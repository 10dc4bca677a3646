import { Group, Text } from '@mantine/core';
import { dumbbellScale, PERCENT_TICKS, tickAnchor, tickLabel, trendLayout } from '../../../db/reports/shared/geometry';
import { pct } from './formulas';
import type { SeriesPoint } from './types';

export const COLORS = {
  formal: 'var(--mantine-color-blue-7)',
  real: 'var(--mantine-color-orange-8)',
  overrideRate: 'var(--mantine-color-grape-7)',
  grid: '#e6e7ea',
  axis: '#5c5f66',
};

function Swatch({ color, label, dashed }: { color: string; label: string; dashed?: boolean }) {
  return (
    <Group gap={6} wrap="nowrap">
      <svg width={18} height={10} aria-hidden>
        <line x1={1} x2={17} y1={5} y2={5} stroke={color} strokeWidth={3} strokeDasharray={dashed ? '4 3' : undefined} />
        {!dashed && <circle cx={9} cy={5} r={4} fill={color} />}
      </svg>
      <Text size="xs">{label}</Text>
    </Group>
  );
}

export function Legend({ overrideRate }: { overrideRate?: boolean }) {
  return (
    <Group gap="md" data-testid="chart-legend">
      <Swatch color={COLORS.formal} label="Formal adoption" />
      <Swatch color={COLORS.real} label="Real adoption" />
      {overrideRate && <Swatch color={COLORS.overrideRate} label="Override rate" dashed />}
    </Group>
  );
}

/** The 0–100% axis drawn above the dumbbell column; same width and padding as each dumbbell. */
export function DumbbellAxis({ width }: { width: number }) {
  const x = dumbbellScale(width);
  return (
    <svg width={width} height={18} role="img" aria-label="Scale from 0% to 100%">
      {PERCENT_TICKS.map((t, i) => (
        <text key={t} x={x(t)} y={12} fontSize={10} fill={COLORS.axis} textAnchor={tickAnchor(i, PERCENT_TICKS.length)}>
          {tickLabel(t)}
        </text>
      ))}
    </svg>
  );
}

/** Formal and real on one 0–100% line; the bar between them is the gap. */
export function Dumbbell({ formal, real, width }: { formal: number | null; real: number | null; width: number }) {
  const h = 22;
  const x = dumbbellScale(width);
  const label = `Formal ${pct(formal)}, real ${pct(real)}`;
  return (
    <svg width={width} height={h} role="img" aria-label={label}>
      {PERCENT_TICKS.map((t) => (
        <line key={t} x1={x(t)} x2={x(t)} y1={3} y2={h - 3} stroke={COLORS.grid} />
      ))}
      {formal !== null && real !== null && (
        <line x1={x(real)} x2={x(formal)} y1={h / 2} y2={h / 2} stroke="#adb5bd" strokeWidth={4} strokeLinecap="round" />
      )}
      {real !== null && <circle cx={x(real)} cy={h / 2} r={6} fill={COLORS.real} />}
      {formal !== null && <circle cx={x(formal)} cy={h / 2} r={6} fill={COLORS.formal} />}
    </svg>
  );
}

type LineKey = 'formal' | 'real' | 'overrideRate';

/** Formal, real and override rate per month, 0–100%; a month without data breaks the line. */
export function TrendChart({ series, width = 640, height = 220 }: { series: SeriesPoint[]; width?: number; height?: number }) {
  const { x, y, plot, labelled, runs } = trendLayout(series.length, width, height, { left: 40, right: 12, top: 10, bottom: 28 });
  const segments = (key: LineKey) =>
    runs(series.map((p) => p[key])).map((run) => run.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' '));
  const lines: { key: LineKey; color: string; dashed?: boolean }[] = [
    { key: 'formal', color: COLORS.formal },
    { key: 'real', color: COLORS.real },
    { key: 'overrideRate', color: COLORS.overrideRate, dashed: true },
  ];
  const summary = series.map((p) => `${p.month}: formal ${pct(p.formal)}, real ${pct(p.real)}, override ${pct(p.overrideRate)}`).join('; ');

  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Trend by month. ${summary}`} data-testid="trend-chart">
      {PERCENT_TICKS.map((t) => (
        <g key={t}>
          <line x1={plot.left} x2={plot.right} y1={y(t)} y2={y(t)} stroke={COLORS.grid} />
          <text x={plot.left - 6} y={y(t) + 3} fontSize={10} fill={COLORS.axis} textAnchor="end">
            {tickLabel(t)}
          </text>
        </g>
      ))}
      {labelled.map((i) => (
        <text key={series[i]?.month} x={x(i)} y={height - 8} fontSize={10} fill={COLORS.axis} textAnchor={tickAnchor(i, series.length)}>
          {series[i]?.month}
        </text>
      ))}
      {lines.map(({ key, color, dashed }) => (
        <g key={key}>
          {segments(key).map((points) => (
            <polyline
              key={points}
              points={points}
              fill="none"
              stroke={color}
              strokeWidth={2}
              strokeDasharray={dashed ? '5 4' : undefined}
              strokeLinejoin="round"
            />
          ))}
          {series.map((p, i) => {
            const v = p[key];
            return v === null ? null : <circle key={p.month} cx={x(i)} cy={y(v)} r={3} fill={color} />;
          })}
        </g>
      ))}
    </svg>
  );
}
