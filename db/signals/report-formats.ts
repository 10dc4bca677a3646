import { DEFAULT_METRIC_SETTINGS, type MetricSettings } from '../metrics/model';
import { toCsv } from '../reports/csv';
import type { Report, ReportRow } from '../reports/model';

const sameWeights = (a: MetricSettings['weights'], b: MetricSettings['weights']) =>
  a.reliance === b.reliance && a.trust === b.trust && a.shadowFree === b.shadowFree;

/** The report JSON of docs/metrics.md, exactly: the API's richer rows (counts, ids) trimmed to the contract. */
export function reportJson(report: Report) {
  const row = (r: ReportRow) => ({
    initiative: r.initiative,
    team: r.team,
    formal: r.formal,
    real: r.real,
    gap: r.gap,
    components: r.components,
    basis: r.basis,
    thinMonths: r.thinMonths.map(({ month, decisions, activeUsers, reasons }) => ({ month, decisions, activeUsers, reasons })),
    overrideRate: r.overrideRate,
    ignoreRate: r.ignoreRate,
    decisions: r.decisions,
    habitualOverriders: r.habitualOverriders,
    overrideAppropriateness: r.overrideAppropriateness,
    alerts: r.alerts,
    feedback: r.feedback,
    series: r.series,
  });
  return {
    workspace: report.workspace,
    generatedAt: report.generatedAt,
    slice: report.slice,
    weights: report.weights,
    customWeights: !sameWeights(report.weights, DEFAULT_METRIC_SETTINGS.weights),
    overall: row(report.overall),
    rows: report.rows.map(row),
  };
}

const CSV_COLUMNS = [
  'initiative',
  'team',
  'formal',
  'real',
  'gap',
  'activation',
  'completion',
  'reliance',
  'trust',
  'shadowFree',
  'overrideRate',
  'ignoreRate',
  'decisions',
  'habitualOverriders',
  'overrideAppropriateness',
  'alerts',
] as const;

/** One line per (initiative, team) row, then the overall line; empty cells are "no data". */
export function reportCsv(report: Report): string {
  const line = (r: ReportRow, label?: string) => [
    label ?? r.initiative,
    label ? '' : r.team,
    r.formal,
    r.real,
    r.gap,
    r.components.activation,
    r.components.completion,
    r.components.reliance,
    r.components.trust,
    r.components.shadowFree,
    r.overrideRate,
    r.ignoreRate,
    r.decisions,
    r.habitualOverriders,
    r.overrideAppropriateness,
    r.alerts.map((a) => a.code).join(' '),
  ];
  return toCsv(CSV_COLUMNS, [...report.rows.map((r) => line(r)), line(report.overall, '(overall)')]);
}
