import { Box, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useState } from 'react';
import { dumbbellScale, PERCENT_TICKS, tickAnchor, trendLayout } from '../../../db/reports/shared/geometry';
import { useLocale } from '../locale/locale';
import { fmt } from './formulas';
import type { SeriesPoint } from './types';

export const COLORS = {
  formal: 'var(--mantine-color-blue-7)',
  real: 'var(--mantine-color-orange-8)',
  overrideRate: 'var(--mantine-color-grape-7)',
  grid: '#e6e7ea',
  axis: '#5c5f66',
  thin: '#ced4da',
};

/** Axis text: 11px at least, so it stays readable when the chart is scaled down. */
const AXIS_FONT = 11;

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

export function Legend({ overrideRate, thin }: { overrideRate?: boolean; thin?: boolean }) {
  return (
    <Group gap="md" data-testid="chart-legend">
      <Swatch color={COLORS.formal} label="Formal adoption" />
      <Swatch color={COLORS.real} label="Real adoption" />
      {overrideRate && <Swatch color={COLORS.overrideRate} label="Override rate" dashed />}
      {thin && (
        <Group gap={6} wrap="nowrap">
          <svg width={16} height={12} aria-hidden>
            <rect x={0.5} y={0.5} width={15} height={11} fill="url(#legend-hatch)" stroke={COLORS.thin} />
            <defs>
              <pattern id="legend-hatch" width={4} height={4} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <line x1={0} y1={0} x2={0} y2={4} stroke={COLORS.thin} strokeWidth={2} />
              </pattern>
            </defs>
            <circle cx={8} cy={6} r={3} fill="#fff" stroke={COLORS.axis} strokeWidth={1.5} />
          </svg>
          <Text size="xs">Thin month (little data)</Text>
        </Group>
      )}
    </Group>
  );
}

/** The 0–100% axis drawn above the dumbbell column; same width and padding as each dumbbell. */
export function DumbbellAxis({ width }: { width: number }) {
  const locale = useLocale();
  const x = dumbbellScale(width);
  return (
    <svg width={width} height={18} role="img" aria-label="Scale from 0% to 100%">
      {PERCENT_TICKS.map((t, i) => (
        <text key={t} x={x(t)} y={13} fontSize={AXIS_FONT} fill={COLORS.axis} textAnchor={tickAnchor(i, PERCENT_TICKS.length)}>
          {fmt.percent(t, locale)}
        </text>
      ))}
    </svg>
  );
}

/** A value label shown over a chart while a part of it is hovered or focused. */
function ValueTip({ x, y, text }: { x: number; y: number; text: string }) {
  return (
    <Box
      role="tooltip"
      className="chart-tip"
      style={{ position: 'absolute', left: x, top: y, transform: 'translate(-50%, calc(-100% - 8px))', pointerEvents: 'none' }}
    >
      {text}
    </Box>
  );
}

/** Formal and real on one 0–100% line; the bar between them is the gap. Values show on hover or focus. */
export function Dumbbell({ formal, real, width }: { formal: number | null; real: number | null; width: number }) {
  const locale = useLocale();
  const [shown, setShown] = useState(false);
  const h = 22;
  const x = dumbbellScale(width);
  const label = `Formal ${fmt.percent(formal, locale)}, real ${fmt.percent(real, locale)}, gap ${fmt.gapText(formal, real, locale)}`;
  return (
    <Box pos="relative" w={width}>
      <svg
        width={width}
        height={h}
        role="img"
        aria-label={label}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so keyboard users get its values too
        tabIndex={0}
        className="chart-focus"
        data-testid="dumbbell"
        onFocus={() => setShown(true)}
        onBlur={() => setShown(false)}
        onMouseEnter={() => setShown(true)}
        onMouseLeave={() => setShown(false)}
        style={{ display: 'block' }}
      >
        {PERCENT_TICKS.map((t) => (
          <line key={t} x1={x(t)} x2={x(t)} y1={3} y2={h - 3} stroke={COLORS.grid} />
        ))}
        {formal !== null && real !== null && (
          <line x1={x(real)} x2={x(formal)} y1={h / 2} y2={h / 2} stroke="#adb5bd" strokeWidth={4} strokeLinecap="round" />
        )}
        {real !== null && <circle cx={x(real)} cy={h / 2} r={6} fill={COLORS.real} />}
        {formal !== null && <circle cx={x(formal)} cy={h / 2} r={6} fill={COLORS.formal} />}
      </svg>
      {shown && <ValueTip x={width / 2} y={0} text={label} />}
    </Box>
  );
}

type LineKey = 'formal' | 'real' | 'overrideRate';

/**
 * Formal, real and override rate per month, 0–100%; a month without data breaks the line. A thin
 * month is hatched with hollow points. Each month is a focusable column whose values show in a
 * tooltip on hover or focus (arrow keys move between months).
 */
export function TrendChart({ series, height = 240 }: { series: SeriesPoint[]; height?: number }) {
  // Drawn at the width it is shown at, so its 11px axis text is 11px on screen, not scaled down.
  const { ref, width: measured } = useElementSize();
  return (
    <Box ref={ref} w="100%" pos="relative">
      {measured > 0 && <TrendSvg series={series} width={Math.round(measured)} height={height} />}
    </Box>
  );
}

function TrendSvg({ series, width, height }: { series: SeriesPoint[]; width: number; height: number }) {
  const locale = useLocale();
  const [active, setActive] = useState<number | null>(null);
  const margins = { left: 48, right: 12, top: 10, bottom: 44 };
  const maxLabels = Math.max(2, Math.floor((width - margins.left - margins.right) / 72));
  const { x, y, plot, labelled, runs } = trendLayout(series.length, width, height, margins, maxLabels);
  const segments = (key: LineKey) =>
    runs(series.map((p) => p[key])).map((run) =>
      run.map(([px, py]) => `${Math.round(px * 10) / 10},${Math.round(py * 10) / 10}`).join(' '),
    );
  const lines: { key: LineKey; color: string; dashed?: boolean }[] = [
    { key: 'overrideRate', color: COLORS.overrideRate, dashed: true },
    { key: 'formal', color: COLORS.formal },
    { key: 'real', color: COLORS.real },
  ];
  const step = series.length > 1 ? (plot.right - plot.left) / (series.length - 1) : plot.right - plot.left;
  const pointText = (p: SeriesPoint) =>
    `${fmt.monthLabel(p.month, locale, true)}${p.thin ? ' (thin month: little data)' : ''}: formal ${fmt.percent(p.formal, locale)}, real ${fmt.percent(
      p.real,
      locale,
    )}, gap ${fmt.gapText(p.formal, p.real, locale)}, override rate ${fmt.percent(p.overrideRate, locale)}`;
  const moveFocus = (e: React.KeyboardEvent<SVGGElement>, i: number) => {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null || next < 0 || next >= series.length) return;
    e.preventDefault();
    const svg = e.currentTarget.ownerSVGElement;
    (svg?.querySelector(`[data-month-index="${next}"]`) as SVGGElement | null)?.focus();
  };

  const tip = active === null ? null : series[active];
  return (
    <>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} data-testid="trend-chart" style={{ display: 'block' }}>
        <title>Trend by month: formal adoption, real adoption and override rate (focus a month for its values)</title>
        <defs>
          <pattern id="thin-hatch" width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1={0} y1={0} x2={0} y2={6} stroke={COLORS.thin} strokeWidth={2} />
          </pattern>
        </defs>
        {PERCENT_TICKS.map((t) => (
          <g key={t}>
            <line x1={plot.left} x2={plot.right} y1={y(t)} y2={y(t)} stroke={COLORS.grid} />
            <text x={plot.left - 6} y={y(t) + 4} fontSize={AXIS_FONT} fill={COLORS.axis} textAnchor="end">
              {fmt.percent(t, locale)}
            </text>
          </g>
        ))}
        <text
          transform={`translate(11 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
          fontSize={AXIS_FONT}
          fill={COLORS.axis}
          textAnchor="middle"
        >
          Share
        </text>
        {labelled.map((i) => (
          <text
            key={series[i]?.month}
            x={x(i)}
            y={plot.bottom + 16}
            fontSize={AXIS_FONT}
            fill={COLORS.axis}
            textAnchor={tickAnchor(i, series.length)}
          >
            {series[i] ? fmt.monthLabel(series[i].month, locale) : ''}
          </text>
        ))}
        <text x={(plot.left + plot.right) / 2} y={height - 4} fontSize={AXIS_FONT} fill={COLORS.axis} textAnchor="middle">
          Month
        </text>
        {series.map((p, i) =>
          p.thin ? (
            <rect
              key={`thin-${p.month}`}
              data-thin={p.month}
              x={Math.max(plot.left, x(i) - step / 2)}
              y={plot.top}
              width={Math.min(plot.right, x(i) + step / 2) - Math.max(plot.left, x(i) - step / 2)}
              height={plot.bottom - plot.top}
              fill="url(#thin-hatch)"
              opacity={0.8}
            />
          ) : null,
        )}
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
              if (v === null) return null;
              return p.thin ? (
                <circle key={p.month} cx={x(i)} cy={y(v)} r={3.5} fill="#fff" stroke={color} strokeWidth={1.75} />
              ) : (
                <circle key={p.month} cx={x(i)} cy={y(v)} r={3} fill={color} />
              );
            })}
          </g>
        ))}
        {series.map((p, i) => (
          // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a focusable month of the chart, announced as its values
          <g
            key={`focus-${p.month}`}
            role="img"
            tabIndex={i === series.length - 1 ? 0 : -1}
            aria-label={pointText(p)}
            data-month-index={i}
            data-testid="trend-month"
            className="chart-focus"
            onKeyDown={(e) => moveFocus(e, i)}
            onFocus={() => setActive(i)}
            onBlur={() => setActive((a) => (a === i ? null : a))}
            onMouseEnter={() => setActive(i)}
            onMouseLeave={() => setActive((a) => (a === i ? null : a))}
          >
            <rect
              x={Math.max(plot.left - 4, x(i) - step / 2)}
              y={plot.top}
              width={Math.max(8, Math.min(plot.right + 4, x(i) + step / 2) - Math.max(plot.left - 4, x(i) - step / 2))}
              height={plot.bottom - plot.top}
              fill={active === i ? 'rgba(34, 139, 230, 0.06)' : 'transparent'}
            />
          </g>
        ))}
      </svg>
      {tip && active !== null && (
        <ValueTip
          x={Math.min(width - 150, Math.max(150, x(active)))}
          y={y(Math.max(tip.formal ?? 0, tip.real ?? 0, tip.overrideRate ?? 0))}
          text={pointText(tip)}
        />
      )}
    </>
  );
}
