import type { Alert, Report, ReportRow, SeriesPoint } from './model';
import { ALERT_EXPLANATIONS, ALERT_TITLES, alertRank } from './shared/alerts';
import * as fmt from './shared/format';
import { basisOf, customWeights, explain, type FigureKey, figureText, rowName, thinMonthsText } from './shared/formulas';
import { dumbbellScale, PERCENT_TICKS, tickAnchor, trendLayout } from './shared/geometry';

/*
 * The report as one self-contained HTML file: inline CSS, charts as inline SVG, no script, no
 * external URL, so it opens offline from a file:// path or a network share and prints to A4
 * (the PDF export prints exactly this). Every piece of user text goes through esc(); a
 * Content-Security-Policy meta tag refuses scripts and remote loads even if something slipped
 * through. Pure: no Node, no DOM; figures are rounded for display here and only here.
 */

const COLOR = {
  formal: '#1971c2',
  real: '#c2410c',
  overrideRate: '#9c36b5',
  bar: '#adb5bd',
  grid: '#e6e7ea',
  axis: '#5c5f66',
  text: '#1a1b1e',
};

/** Text for HTML element content and attribute values. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Text inside a double-quoted CSS string: nothing in it can end the string or the <style> element. */
function cssString(value: string): string {
  return `"${value.replace(/[\\"<>\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()} `)}"`;
}

/** The reader's formatters: every number and date of the file goes through these (db/reports/shared/format.ts). */
function formatters(locale: string) {
  return {
    locale,
    pct: (x: number | null, digits = 0) => fmt.percent(x, locale, digits),
    points: (x: number | null) => fmt.points(x, locale),
    /** The gap beside its formal and real figures: their shown difference, so the three add up. */
    gap: (p: { formal: number | null; real: number | null }) => fmt.gapText(p.formal, p.real, locale),
    int: (n: number) => fmt.count(n, locale),
    dec2: (n: number) => fmt.decimal(n, locale, 2),
    month: (m: string) => fmt.monthLabel(m, locale),
    period: (s: Report['slice']) => fmt.periodLabel(s.from, s.to, locale),
    /** The same wherever the file is opened: in UTC, saying so. */
    generated: (iso: string) => fmt.dateTime(iso, locale, 'UTC'),
    plural: (n: number, singular: string, pluralForm?: string) => fmt.countOf(n, locale, singular, pluralForm),
    tick: (t: number) => fmt.percent(t, locale),
  };
}
type F = ReturnType<typeof formatters>;

/** Team first: the export is read per team. */
const teamFirst = (r: ReportRow) => `${r.team ?? 'All teams'} · ${r.initiative ?? 'All initiatives'}`;

const byGap = (rows: ReportRow[]) => [...rows].sort((a, b) => (b.gap ?? -Infinity) - (a.gap ?? -Infinity));

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** A number in an SVG attribute: one decimal, no trailing zeros. */
const at = (v: number) => String(Math.round(v * 10) / 10);

// ---------------------------------------------------------------------------------------------
// Charts

function swatch(color: string, dashed = false): string {
  return `<svg width="20" height="10" viewBox="0 0 20 10" aria-hidden="true"><line x1="1" x2="19" y1="5" y2="5" stroke="${color}" stroke-width="3"${
    dashed ? ' stroke-dasharray="4 3"' : ''
  }/>${dashed ? '' : `<circle cx="10" cy="5" r="4" fill="${color}"/>`}</svg>`;
}

function legend(withOverride: boolean, withThin = false): string {
  const item = (color: string, label: string, dashed = false) => `<span class="key">${swatch(color, dashed)}${esc(label)}</span>`;
  return `<div class="legend">${item(COLOR.formal, 'Formal adoption')}${item(COLOR.real, 'Real adoption')}${
    withOverride ? item(COLOR.overrideRate, 'Override rate', true) : '<span class="key"><span class="bar-key"></span>Gap</span>'
  }${withThin ? '<span class="key"><span class="thin-key"></span>Thin month</span>' : ''}</div>`;
}

/** An inline SVG cannot break across printed pages, so many rows make several charts: a first one that fits under the tiles on page 1, then pages of `perChart`. */
const DUMBBELL = { width: 720, label: 232, gap: 64, row: 36, top: 26, bottom: 40, pad: 34, firstChart: 12, perChart: 22 };

/** Formal and real per row on one 0–100% line, the bar between them being the gap; values labelled outwards. */
function dumbbellChart(f: F, rows: ReportRow[], part: number, parts: number): string {
  const d = DUMBBELL;
  const height = d.top + rows.length * d.row + d.bottom;
  const trackLeft = d.label;
  const trackWidth = d.width - d.label - d.gap;
  const scale = dumbbellScale(trackWidth, d.pad);
  const x = (v: number) => trackLeft + scale(v);
  const plotBottom = d.top + rows.length * d.row;
  const out: string[] = [];
  const title = `Formal against real adoption, by initiative and team${parts > 1 ? ` (part ${part} of ${parts})` : ''}`;
  const summary = rows.map((r) => `${rowName(r)}: formal ${f.pct(r.formal)}, real ${f.pct(r.real)}, gap ${f.gap(r)}`).join('; ');
  out.push(
    `<svg class="chart" viewBox="0 0 ${d.width} ${height}" width="100%" role="img" aria-label="${esc(`${title}. ${summary}`)}" data-chart="dumbbell">`,
  );
  out.push(`<title>${esc(title)}</title>`);
  // Gridlines and tick labels, top and bottom.
  for (const t of PERCENT_TICKS) {
    const tx = at(x(t));
    const anchor = 'middle';
    out.push(`<line x1="${tx}" x2="${tx}" y1="${d.top - 4}" y2="${plotBottom + 4}" stroke="${COLOR.grid}"/>`);
    out.push(`<text x="${tx}" y="${d.top - 10}" font-size="11" fill="${COLOR.axis}" text-anchor="${anchor}">${f.tick(t)}</text>`);
    out.push(`<text x="${tx}" y="${plotBottom + 18}" font-size="11" fill="${COLOR.axis}" text-anchor="${anchor}">${f.tick(t)}</text>`);
  }
  out.push(
    `<text x="${at(trackLeft + trackWidth / 2)}" y="${height - 6}" font-size="11" fill="${COLOR.axis}" text-anchor="middle">Adoption, 0–100%</text>`,
  );
  out.push(`<text x="${d.width - 4}" y="${d.top - 10}" font-size="11" font-weight="600" fill="${COLOR.axis}" text-anchor="end">Gap</text>`);
  out.push(`<text x="0" y="${d.top - 10}" font-size="11" font-weight="600" fill="${COLOR.axis}">Team · initiative</text>`);

  rows.forEach((r, i) => {
    const cy = d.top + i * d.row + d.row / 2;
    const team = r.team ?? 'All teams';
    const initiative = r.initiative ?? 'All initiatives';
    if (i > 0) out.push(`<line x1="0" x2="${d.width}" y1="${at(cy - d.row / 2)}" y2="${at(cy - d.row / 2)}" stroke="#f1f3f5"/>`);
    out.push(
      `<g><title>${esc(rowName(r))}</title><text x="0" y="${at(cy - 2)}" font-size="12.5" font-weight="600" fill="${COLOR.text}">${esc(truncate(team, 30))}</text>` +
        `<text x="0" y="${at(cy + 12)}" font-size="10.5" fill="${COLOR.axis}">${esc(truncate(initiative, 38))}</text></g>`,
    );
    const { formal, real } = r;
    if (formal !== null && real !== null) {
      out.push(
        `<line x1="${at(x(real))}" x2="${at(x(formal))}" y1="${at(cy)}" y2="${at(cy)}" stroke="${COLOR.bar}" stroke-width="4" stroke-linecap="round"/>`,
      );
    }
    // Each value is labelled on the side away from the other dot, so the two never overlap.
    const label = (v: number, other: number | null, color: string) => {
      const leftward = other !== null ? v < other || (v === other && color === COLOR.real) : v > 0.5;
      const lx = leftward ? x(v) - 10 : x(v) + 10;
      return `<text x="${at(lx)}" y="${at(cy + 4)}" font-size="11.5" font-weight="600" fill="${color}" text-anchor="${leftward ? 'end' : 'start'}">${f.pct(v)}</text>`;
    };
    if (real !== null)
      out.push(`<circle cx="${at(x(real))}" cy="${at(cy)}" r="6.5" fill="${COLOR.real}"/>`, label(real, formal, COLOR.real));
    if (formal !== null) {
      out.push(`<circle cx="${at(x(formal))}" cy="${at(cy)}" r="6.5" fill="${COLOR.formal}"/>`, label(formal, real, COLOR.formal));
    }
    if (formal === null || real === null) {
      const missing = formal === null && real === null ? 'no data' : formal === null ? 'formal: no data' : 'real: no data';
      out.push(
        `<text x="${at(trackLeft + trackWidth / 2)}" y="${at(cy - 9)}" font-size="10" fill="${COLOR.axis}" text-anchor="middle">${missing}</text>`,
      );
    }
    out.push(
      `<text x="${d.width - 4}" y="${at(cy + 4)}" font-size="12" font-weight="600" fill="${COLOR.text}" text-anchor="end">${esc(f.gap(r))}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

/** Formal, real and override rate per month; a month without data breaks its line. */
function trendChart(f: F, series: SeriesPoint[]): string {
  const width = 720;
  const height = 236;
  const margins = { left: 56, right: 20, top: 14, bottom: 46 };
  // A month label ("Sep 2026") needs about 70 units of width to stay clear of its neighbours.
  const maxLabels = Math.max(2, Math.floor((width - margins.left - margins.right) / 70));
  const { x, y, plot, labelled, runs } = trendLayout(series.length, width, height, margins, maxLabels);
  const out: string[] = [];
  const summary = series
    .map((p) => `${p.month}: formal ${f.pct(p.formal)}, real ${f.pct(p.real)}, override rate ${f.pct(p.overrideRate)}`)
    .join('; ');
  out.push(
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(`Trend by month. ${summary}`)}" data-chart="trend">`,
  );
  out.push('<title>Formal adoption, real adoption and override rate by month</title>');
  for (const t of PERCENT_TICKS) {
    out.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${at(y(t))}" y2="${at(y(t))}" stroke="${COLOR.grid}"/>`);
    out.push(`<text x="${plot.left - 8}" y="${at(y(t) + 4)}" font-size="11" fill="${COLOR.axis}" text-anchor="end">${f.tick(t)}</text>`);
  }
  for (const i of labelled) {
    const p = series[i];
    if (!p) continue;
    out.push(`<line x1="${at(x(i))}" x2="${at(x(i))}" y1="${plot.bottom}" y2="${plot.bottom + 4}" stroke="${COLOR.axis}"/>`);
    out.push(
      `<text x="${at(x(i))}" y="${plot.bottom + 18}" font-size="11" fill="${COLOR.axis}" text-anchor="${tickAnchor(i, series.length)}">${esc(f.month(p.month))}</text>`,
    );
  }
  out.push(
    `<text x="${at((plot.left + plot.right) / 2)}" y="${height - 6}" font-size="11" fill="${COLOR.axis}" text-anchor="middle">Month</text>`,
  );
  out.push(
    `<text transform="translate(13 ${at((plot.top + plot.bottom) / 2)}) rotate(-90)" font-size="11" fill="${COLOR.axis}" text-anchor="middle">Share, 0–100%</text>`,
  );
  // A thin month: a hatched band behind it and hollow points, so its values read as less certain.
  const band = series.length > 1 ? (plot.right - plot.left) / (series.length - 1) : 40;
  if (series.some((p) => p.thin)) {
    out.push(
      '<defs><pattern id="thin-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#ced4da" stroke-width="2"/></pattern></defs>',
    );
  }
  series.forEach((p, i) => {
    if (!p.thin) return;
    const left = Math.max(plot.left, x(i) - band / 2);
    const right = Math.min(plot.right, x(i) + band / 2);
    out.push(
      `<rect data-thin="${esc(p.month)}" x="${at(left)}" y="${plot.top}" width="${at(right - left)}" height="${at(plot.bottom - plot.top)}" fill="url(#thin-hatch)" opacity="0.8"><title>${esc(`${f.month(p.month)}: thin month`)}</title></rect>`,
    );
  });
  const lines: { key: 'formal' | 'real' | 'overrideRate'; color: string; dashed?: boolean }[] = [
    { key: 'overrideRate', color: COLOR.overrideRate, dashed: true },
    { key: 'formal', color: COLOR.formal },
    { key: 'real', color: COLOR.real },
  ];
  for (const { key, color, dashed } of lines) {
    for (const run of runs(series.map((p) => p[key]))) {
      const pts = run.map(([px, py]) => `${at(px)},${at(py)}`).join(' ');
      out.push(
        `<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2.25" stroke-linejoin="round"${dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    }
    series.forEach((p, i) => {
      const v = p[key];
      if (v === null) return;
      out.push(
        p.thin
          ? `<circle cx="${at(x(i))}" cy="${at(y(v))}" r="3.5" fill="#fff" stroke="${color}" stroke-width="1.75"/>`
          : `<circle cx="${at(x(i))}" cy="${at(y(v))}" r="3.25" fill="${color}"/>`,
      );
    });
  }
  out.push('</svg>');
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Sections

function tile(label: string, value: string, sub: string, attrs = '', mark = ''): string {
  return `<div class="tile"${attrs}><div class="label">${esc(label)}</div><div class="value num">${esc(value)}${mark}</div><div class="sub">${sub}</div></div>`;
}

/** "1 of 3" beside a figure resting on only some of its components, saying which are missing. */
function partialMark(r: ReportRow, figure: 'formal' | 'real'): string {
  const b = basisOf(r, figure);
  return b.partial ? `<span class="partial" data-partial="${figure}" title="${esc(b.sentence)}">${esc(b.short)}</span>` : '';
}

/** The line naming the thin months under the headline figures; empty when there are none. */
function thinNote(f: F, r: ReportRow): string {
  const text = thinMonthsText(r, f.locale);
  return text
    ? `<p class="thin-note" data-thin-months>Includes ${r.thinMonths.length === 1 ? 'a thin month' : 'thin months'}, counted in every figure but with little data behind ${r.thinMonths.length === 1 ? 'it' : 'them'}: ${esc(text)}.</p>`
    : '';
}

/** The weights of real adoption in words, saying when they are not the defaults. */
function weightsText(f: F, w: Report['weights']): string {
  const list = `reliance ${f.dec2(w.reliance)} · trust ${f.dec2(w.trust)} · shadow-free ${f.dec2(w.shadowFree)}`;
  return customWeights(w) ? `Custom weights: ${list}` : `Default weights: ${list}`;
}

function tiles(f: F, report: Report): string {
  const o = report.overall;
  const c = o.counts;
  const k = o.components;
  const acted = c.accepted + c.edited + c.overridden;
  const t = report.thresholds;
  return `<section class="tiles" aria-label="Key figures">${[
    tile(
      'Formal adoption',
      f.pct(o.formal),
      `activation ${f.pct(k.activation)} · completion ${f.pct(k.completion)}${basisOf(o, 'formal').partial ? `<br><span class="partial-why">${esc(basisOf(o, 'formal').sentence)}</span>` : ''}`,
      ' data-figure="formal"',
      partialMark(o, 'formal'),
    ),
    tile(
      'Real adoption',
      f.pct(o.real),
      `reliance ${f.pct(k.reliance)} · trust ${f.pct(k.trust)} · shadow-free ${f.pct(k.shadowFree)}${basisOf(o, 'real').partial ? `<br><span class="partial-why">${esc(basisOf(o, 'real').sentence)}</span>` : ''}`,
      ' data-figure="real"',
      partialMark(o, 'real'),
    ),
    tile('Gap', f.gap(o), `formal − real; alert above ${esc(f.points(t.adoptionGap))}`, ' data-figure="gap"'),
    tile(
      'Override rate',
      f.pct(o.overrideRate),
      `of ${f.plural(acted, 'recommendation')} acted on; alert above ${f.pct(t.highOverrideRate)}`,
      ' data-figure="overrideRate"',
    ),
    tile('Decisions', f.int(o.decisions), `${f.pct(o.ignoreRate)} ignored`, ' data-figure="decisions"'),
    tile(
      'Habitual overriders',
      f.int(o.habitualOverriders),
      `override ≥ ${f.pct(t.habitualOverrideRate)} of ${f.int(t.habitualMinDecisions)}+ decisions`,
      ' data-figure="habitualOverriders"',
    ),
    tile(
      'Overrides judged appropriate',
      f.pct(o.overrideAppropriateness),
      c.reviewed > 0 ? `of ${f.plural(c.reviewed, 'override')} reviewed (the AI was wrong)` : 'no overrides reviewed yet',
      ' data-figure="overrideAppropriateness"',
    ),
    tile(
      'Shadow processes',
      f.pct(o.shadowShare),
      o.shadowSource === 'pulse'
        ? 'keep a manual process (trust pulse)'
        : o.shadowSource === 'register'
          ? 'of active users (shadow-process register)'
          : 'no pulse and no register entries',
      ' data-figure="shadowShare"',
    ),
  ].join('')}</section>${thinNote(f, o)}`;
}

function rankingTable(f: F, rows: ReportRow[]): string {
  const head = [
    '#',
    'Team · initiative',
    'Formal',
    'Real',
    'Gap',
    'Reliance',
    'Trust',
    'Shadow-free',
    'Override rate',
    'Decisions',
    'Alerts',
  ];
  const body = byGap(rows).map((r, i) => {
    const cells = [
      `<td class="num muted">${i + 1}</td>`,
      `<td class="name"><span class="team">${esc(r.team ?? 'All teams')}</span><span class="initiative">${esc(r.initiative ?? 'All initiatives')}</span></td>`,
      `<td class="num" data-figure="formal">${f.pct(r.formal)}${partialMark(r, 'formal')}</td>`,
      `<td class="num" data-figure="real">${f.pct(r.real)}${partialMark(r, 'real')}</td>`,
      `<td class="num strong" data-figure="gap">${esc(f.gap(r))}</td>`,
      `<td class="num">${f.pct(r.components.reliance)}</td>`,
      `<td class="num">${f.pct(r.components.trust)}</td>`,
      `<td class="num">${f.pct(r.components.shadowFree)}</td>`,
      `<td class="num" data-figure="overrideRate">${f.pct(r.overrideRate)}</td>`,
      `<td class="num">${f.int(r.decisions)}</td>`,
      `<td class="num">${r.alerts.length === 0 ? '<span class="muted">–</span>' : `<span class="badge">${r.alerts.length}</span>`}</td>`,
    ];
    return `<tr data-row="${esc(rowName(r))}">${cells.join('')}</tr>`;
  });
  return `<table class="ranking" aria-label="Gap ranking"><thead><tr>${head
    .map((h, i) => `<th${i === 1 ? '' : ' class="num"'} scope="col">${h}</th>`)
    .join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** The trend's figures, months across (eight to a table, so the columns fit A4), under the chart. */
function seriesTable(f: F, series: SeriesPoint[]): string {
  const tables: string[] = [];
  for (let i = 0; i < series.length; i += 8) {
    const part = series.slice(i, i + 8);
    const line = (label: string, cell: (p: SeriesPoint) => string) =>
      `<tr><th scope="row">${label}</th>${part.map((p) => `<td class="num">${esc(cell(p))}</td>`).join('')}</tr>`;
    tables.push(
      `<table class="series" aria-label="Figures by month"><thead><tr><th scope="col">Month</th>${part
        .map((p) => `<th class="num" scope="col">${esc(f.month(p.month))}${p.thin ? '<span class="thin-tag">thin month</span>' : ''}</th>`)
        .join('')}</tr></thead><tbody>${[
        line('Formal', (p) => f.pct(p.formal)),
        line('Real', (p) => f.pct(p.real)),
        line('Gap', (p) => f.gap(p)),
        line('Override rate', (p) => f.pct(p.overrideRate)),
      ].join('')}</tbody></table>`,
    );
  }
  return tables.join('');
}

/** The frontline's feedback on the slice, in one line, with the rows that have open confidently-wrong items. */
function feedbackSection(f: F, report: Report): string {
  const o = report.overall.feedback;
  if (o.open + o.confirmedWrong === 0 && o.topPatterns.length === 0)
    return '<p class="muted" data-feedback="none">No feedback on wrong predictions in this slice.</p>';
  const patterns =
    o.topPatterns.length > 0 ? ` Top patterns: ${o.topPatterns.map((p) => `${esc(p.name)} (${f.int(p.count)})`).join(', ')}.` : '';
  const sure = report.rows.filter((r) => r.feedback.confidentlyWrongOpen > 0).map((r) => esc(teamFirst(r)));
  const where = sure.length > 0 ? ` Open confidently-wrong items in ${sure.join('; ')}.` : '';
  return `<p data-feedback="summary">${f.int(o.open)} open · ${f.int(o.confirmedWrong)} confirmed wrong by triage · ${f.int(o.confidentlyWrongOpen)} open and confidently wrong.${patterns}${where}</p>`;
}

function alertsSection(f: F, report: Report): string {
  // One card per alert code, one line per row it concerns. An incomplete triad belongs to the
  // initiative, not to each of its teams, so it is listed once per initiative.
  const byCode = new Map<string, Map<string, { where: string; message: string; row: ReportRow }>>();
  const ranked = byGap(report.rows);
  const add = (a: Alert, r: ReportRow) => {
    const items = byCode.get(a.code) ?? new Map<string, { where: string; message: string; row: ReportRow }>();
    byCode.set(a.code, items);
    const where = r === report.overall ? 'Whole slice' : a.code === 'TRIAD_INCOMPLETE' ? (r.initiative ?? 'All initiatives') : teamFirst(r);
    if (!items.has(`${where}\u0001${a.message}`)) items.set(`${where}\u0001${a.message}`, { where, message: a.message, row: r });
  };
  for (const r of ranked) for (const a of r.alerts) add(a, r);
  for (const a of report.overall.alerts) if (!byCode.has(a.code)) add(a, report.overall);
  if (byCode.size === 0) return '<p class="muted">No alerts for this slice.</p>';
  const cards = [...byCode.entries()]
    .sort(([a], [b]) => alertRank(a) - alertRank(b))
    .map(([code, entries]) => {
      const items = [...entries.values()].map(({ where, message, row }) => {
        const reviewed = code === 'HIGH_OVERRIDE' ? ` ${appropriatenessNote(f, row)}` : '';
        return `<li><span class="where">${esc(where)}</span><span class="message">${esc(message)}.${esc(reviewed)}</span></li>`;
      });
      const why = ALERT_EXPLANATIONS[code];
      return `<article class="alert" data-code="${esc(code)}"><div class="alert-head"><span class="title">${esc(ALERT_TITLES[code] ?? code)}</span><span class="code">${esc(code)}</span></div><ul>${items.join('')}</ul>${
        why ? `<p class="why">${esc(why)}</p>` : ''
      }</article>`;
    });
  return `<div class="alerts">${cards.join('')}</div>`;
}

function appropriatenessNote(f: F, r: ReportRow): string {
  const c = r.counts;
  if (c.reviewed === 0) return 'No overrides reviewed yet.';
  return `Reviewed so far: ${f.int(c.appropriate)} of ${f.plural(c.reviewed, 'override')} judged appropriate (${f.pct(r.overrideAppropriateness)}).`;
}

const EXPLAINED: FigureKey[] = ['formal', 'activation', 'completion', 'real', 'reliance', 'trust', 'shadowFree', 'gap', 'overrideRate'];

function computation(f: F, report: Report): string {
  const o = report.overall;
  const c = o.counts;
  const w = report.weights;
  const t = report.thresholds;
  const decisions = c.accepted + c.edited + c.overridden + c.ignored;
  const block = (label: string, value: string, formula: string, worked: string, note?: string) =>
    `<div class="formula-block"><div class="formula-head"><span>${esc(label)}</span><span class="num">${esc(value)}</span></div><code class="formula">${esc(
      formula,
    )}</code><code class="worked">${esc(worked)}</code>${note ? `<p class="note">${esc(note)}</p>` : ''}</div>`;
  const blocks = EXPLAINED.map((key) => {
    const e = explain(o, key, w, f.locale);
    return block(e.label, figureText(o, key, f.locale, 1), e.formula, e.worked, e.note);
  });
  blocks.push(
    block(
      'Ignore rate',
      f.pct(o.ignoreRate, 1),
      'Ignore rate = ignored / (accepted + edited + overridden + ignored)',
      decisions === 0
        ? 'Ignore rate: no decisions in this slice, so no data'
        : `Ignore rate = ${f.int(c.ignored)} / ${f.int(decisions)} = ${f.pct(o.ignoreRate, 1)}`,
    ),
    block(
      'Habitual overriders',
      f.int(o.habitualOverriders),
      `Habitual overriders = people (hashed user ids) with ≥ ${f.plural(t.habitualMinDecisions, 'decision')} whose own override rate is ≥ ${f.pct(t.habitualOverrideRate)}`,
      `Habitual overriders = ${f.int(o.habitualOverriders)}`,
    ),
    block(
      'Overrides judged appropriate',
      f.pct(o.overrideAppropriateness, 1),
      'Overrides judged appropriate = overrides reviewed as appropriate (the AI was wrong) / overrides reviewed',
      c.reviewed === 0
        ? 'Overrides judged appropriate: no overrides reviewed in this slice, so no data'
        : `Overrides judged appropriate = ${f.int(c.appropriate)} / ${f.int(c.reviewed)} = ${f.pct(o.overrideAppropriateness, 1)}`,
    ),
  );
  const settings = `<table class="settings" aria-label="Weights and thresholds"><tbody>
<tr><th scope="row" class="plain">Weights of real adoption</th><td>reliance ${w.reliance} · trust ${w.trust} · shadow-free ${w.shadowFree} (renormalised over the components that have data)</td></tr>
<tr><th scope="row">HIGH_OVERRIDE</th><td>override rate above ${f.pct(t.highOverrideRate)} over at least ${f.plural(t.minDecisions, 'decision')}</td></tr>
<tr><th scope="row">AUTOMATION_BIAS_RISK</th><td>override rate below ${f.pct(t.lowOverrideRate)} over at least ${f.plural(t.minDecisions, 'decision')}, with open feedback flagged confidently wrong</td></tr>
<tr><th scope="row">ADOPTION_GAP</th><td>gap above ${esc(f.points(t.adoptionGap))}</td></tr>
<tr><th scope="row">HABITUAL_OVERRIDERS</th><td>at least one person overriding ≥ ${f.pct(t.habitualOverrideRate)} of ${f.int(t.habitualMinDecisions)}+ decisions</td></tr>
<tr><th scope="row">SHADOW_PROCESSES</th><td>shadow share above ${f.pct(t.shadowShare)}</td></tr>
</tbody></table>`;
  return `<p>Counts are summed over the slice first and ratios taken of the sums, never averages of ratios. A figure whose denominator is zero is shown as “no data”, never as 0. The figures below are the whole slice’s (${esc(
    sliceText(f, report),
  )}); the counts behind each row follow, so every figure can be recomputed by hand. The JSON export carries the same figures unrounded.</p>
<div class="formulas">${blocks.join('')}</div>
<h3>Weights and alert thresholds</h3>${settings}
<h3>Counts behind each row</h3>${countsTables(f, report)}`;
}

interface CountColumn {
  group: string;
  label: string;
  value: (r: ReportRow) => string;
}

function countsTable(report: Report, label: string, cols: CountColumn[]): string {
  const groups: { name: string; span: number }[] = [];
  for (const col of cols) {
    const last = groups[groups.length - 1];
    if (last && last.name === col.group) last.span++;
    else groups.push({ name: col.group, span: 1 });
  }
  const line = (r: ReportRow, total: boolean) =>
    `<tr${total ? ' class="total"' : ''}><td class="name">${
      total
        ? 'Whole slice'
        : `<span class="team">${esc(r.team ?? 'All teams')}</span><span class="initiative">${esc(r.initiative ?? 'All initiatives')}</span>`
    }</td>${cols.map((col) => `<td class="num">${col.value(r)}</td>`).join('')}</tr>`;
  const sorted = [...report.rows].sort(
    (a, b) => (a.team ?? '').localeCompare(b.team ?? '') || (a.initiative ?? '').localeCompare(b.initiative ?? ''),
  );
  return `<table class="counts" aria-label="${esc(label)}"><thead><tr><th rowspan="2" scope="col">Team · initiative</th>${groups
    .map((g) => `<th colspan="${g.span}" class="group" scope="colgroup">${esc(g.name)}</th>`)
    .join('')}</tr><tr>${cols.map((col) => `<th class="num" scope="col">${esc(col.label)}</th>`).join('')}</tr></thead><tbody>${sorted
    .map((r) => line(r, false))
    .join('')}${line(report.overall, true)}</tbody></table>`;
}

/** The sums behind every figure, per row and for the whole slice: usage and pulse, then decisions and reviews. */
function countsTables(f: F, report: Report): string {
  const n = (pick: (r: ReportRow) => number) => (r: ReportRow) => f.int(pick(r));
  const fromRegister = [report.overall, ...report.rows].some((r) => r.shadowSource === 'register');
  const usage: CountColumn[] = [
    { group: 'Usage', label: 'Licensed users', value: n((r) => r.counts.licensedUsers) },
    { group: 'Usage', label: 'Active users', value: n((r) => r.counts.activeUsers) },
    { group: 'Usage', label: 'Workflows started', value: n((r) => r.counts.workflowsStarted) },
    { group: 'Usage', label: 'Workflows completed', value: n((r) => r.counts.workflowsCompleted) },
    { group: 'Trust pulse', label: 'Respondents', value: n((r) => r.counts.respondents) },
    { group: 'Trust pulse', label: 'Σ trust × respondents', value: (r) => f.dec2(r.counts.trustWeighted) },
    { group: 'Trust pulse', label: 'Manual backup', value: n((r) => r.counts.manualBackup) },
    ...(fromRegister
      ? [
          { group: 'Shadow-process register', label: 'Users involved', value: n((r) => r.counts.registerUsers) },
          { group: 'Shadow-process register', label: 'Active users, those months', value: n((r) => r.counts.registerActiveUsers) },
        ]
      : []),
  ];
  const decisions: CountColumn[] = [
    { group: 'Decisions', label: 'Accepted', value: n((r) => r.counts.accepted) },
    { group: 'Decisions', label: 'Edited', value: n((r) => r.counts.edited) },
    { group: 'Decisions', label: 'Overridden', value: n((r) => r.counts.overridden) },
    { group: 'Decisions', label: 'Ignored', value: n((r) => r.counts.ignored) },
    { group: 'Decisions', label: 'Total', value: n((r) => r.decisions) },
    { group: 'Override reviews', label: 'Reviewed', value: n((r) => r.counts.reviewed) },
    { group: 'Override reviews', label: 'Appropriate', value: n((r) => r.counts.appropriate) },
    { group: 'People', label: 'Habitual overriders', value: n((r) => r.habitualOverriders) },
  ];
  return `${countsTable(report, 'Usage and trust pulse counts', usage)}${countsTable(report, 'Decision and review counts', decisions)}`;
}

function sliceText(f: F, report: Report): string {
  const s = report.slice;
  return [s.initiative ?? 'all initiatives', s.team ? `${s.team} with its sub-teams` : 'all teams', f.period(s)].join(' · ');
}

// ---------------------------------------------------------------------------------------------

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #f1f3f5; color: ${COLOR.text}; font: 13px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
.report { max-width: 840px; margin: 24px auto; background: #fff; padding: 36px 44px 28px; border: 1px solid #e6e7ea; border-radius: 8px; }
h1 { font-size: 24px; line-height: 1.25; margin: 4px 0 6px; font-weight: 650; }
h2 { font-size: 16px; line-height: 1.3; margin: 0 0 4px; font-weight: 650; }
h3 { font-size: 13px; margin: 18px 0 6px; font-weight: 650; break-after: avoid; }
table.settings { break-inside: avoid; }
p { margin: 0 0 8px; }
.eyebrow { font-size: 11px; letter-spacing: 0.08em; text-transform: uppercase; color: ${COLOR.axis}; margin: 0; }
.lede { color: #373a40; max-width: 62em; }
.muted { color: ${COLOR.axis}; }
.num { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
.strong { font-weight: 650; }
.slice { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 12px 0 0; padding: 10px 0 0; border-top: 1px solid #e6e7ea; }
.slice div { min-width: 0; }
.slice dt { font-size: 11px; color: ${COLOR.axis}; }
.slice dd { margin: 0; font-weight: 600; }
section { margin-top: 26px; }
.section-head { display: flex; justify-content: space-between; align-items: flex-end; gap: 16px; margin-bottom: 8px; }
.section-head p { margin: 2px 0 0; font-size: 12px; color: ${COLOR.axis}; }
.section-head .legend { flex: none; }
.tiles { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px; margin-top: 20px; }
.tile { border: 1px solid #e6e7ea; border-radius: 6px; padding: 9px 12px 10px; break-inside: avoid; }
.tile .label { font-size: 11.5px; color: ${COLOR.axis}; }
.tile .value { text-align: left; font-size: 24px; font-weight: 650; line-height: 1.2; margin: 2px 0 1px; }
.tile .sub { font-size: 10.5px; line-height: 1.35; color: ${COLOR.axis}; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 11.5px; white-space: nowrap; }
.legend .key { display: inline-flex; align-items: center; gap: 6px; }
.thin-key { display: inline-block; width: 14px; height: 10px; border: 1px solid #ced4da; background: repeating-linear-gradient(45deg, #ced4da 0 2px, #fff 2px 5px); }
.bar-key { display: inline-block; width: 18px; height: 4px; border-radius: 2px; background: ${COLOR.bar}; }
figure { margin: 0; break-inside: avoid; }
figure + figure { margin-top: 14px; }
svg.chart { display: block; height: auto; overflow: visible; }
svg text { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
table { width: 100%; border-collapse: collapse; font-size: 12px; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { font-size: 11px; font-weight: 600; color: ${COLOR.axis}; text-align: left; border-bottom: 1px solid #ced4da; padding: 5px 6px; vertical-align: bottom; }
td { border-bottom: 1px solid #eceef0; padding: 5px 6px; vertical-align: middle; }
td.name .team { display: block; font-weight: 600; }
td.name .initiative { display: block; font-size: 11px; color: ${COLOR.axis}; }
.partial { display: inline-block; margin-left: 5px; padding: 0 4px; border: 1px dashed #e8590c; border-radius: 3px; color: #a33c06; font-size: 10px; font-weight: 600; line-height: 1.45; vertical-align: 0.2em; white-space: nowrap; }
.tile .value .partial { font-size: 11px; vertical-align: 0.5em; }
.partial-why { color: #a33c06; }
.thin-note { margin: 8px 0 0; font-size: 11.5px; color: #495057; }
.thin-note::before { content: ""; display: inline-block; width: 8px; height: 8px; margin-right: 6px; border: 1.5px solid ${COLOR.axis}; border-radius: 50%; background: #fff; }
.thin-tag { display: block; font-size: 9.5px; font-weight: 500; color: #a33c06; }
.badge { display: inline-block; min-width: 18px; padding: 0 5px; border-radius: 9px; background: #fff0e0; color: #a33c06; font-size: 11px; font-weight: 650; text-align: center; }
table.series { margin-top: 8px; table-layout: fixed; }
table.series th, table.series td { padding: 3px 6px; }
table.series thead th:first-child, table.series tbody th { width: 92px; }
table.series tbody th { font-weight: 600; color: ${COLOR.text}; border-bottom: 1px solid #eceef0; }
.alerts { display: grid; gap: 7px; }
.alert { border: 1px solid #ffd8a8; border-left: 4px solid #e8590c; background: #fff9f2; border-radius: 4px; padding: 7px 12px 8px; break-inside: avoid; }
.alert-head { display: flex; flex-wrap: wrap; gap: 2px 10px; align-items: baseline; }
.alert .title { font-weight: 650; font-size: 13px; }
.alert .code { font: 600 10px/1.4 ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; color: #a33c06; letter-spacing: 0.02em; }
.alert ul { margin: 3px 0 3px; padding: 0; list-style: none; }
.alert li { margin: 1px 0; }
.alert .where { font-weight: 600; margin-right: 6px; }
.alert .where::after { content: ":"; }
.alert .why { margin: 0; font-size: 11.5px; color: #495057; }
.formulas { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
.formula-block { border: 1px solid #e6e7ea; border-radius: 6px; padding: 8px 10px; break-inside: avoid; }
.formula-head { display: flex; justify-content: space-between; gap: 8px; font-weight: 650; margin-bottom: 4px; }
code { display: block; font: 11px/1.45 ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
code.formula { color: ${COLOR.axis}; }
code.worked { margin-top: 3px; color: ${COLOR.text}; }
.note { margin: 4px 0 0; font-size: 11px; color: ${COLOR.axis}; }
table.settings th.plain { font-family: inherit; font-size: 11px; }
table.settings th { width: 30%; font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 10.5px; font-weight: 500; color: ${COLOR.text}; border-bottom-color: #eceef0; vertical-align: top; }
table.counts { font-size: 10.5px; margin-bottom: 12px; }
table.counts th { font-size: 10px; padding: 3px 5px; white-space: normal; }
table.counts td.name { width: 26%; }
table.counts th.group { text-align: center; border-bottom: 1px solid #e6e7ea; color: ${COLOR.text}; }
table.counts td { padding: 3px 4px; }
table.counts td.name .initiative { font-size: 10px; }
table.counts tr.total td { font-weight: 650; border-top: 1px solid #ced4da; }
.empty { padding: 18px; border: 1px dashed #ced4da; border-radius: 6px; color: ${COLOR.axis}; text-align: center; }
footer { margin-top: 28px; padding-top: 10px; border-top: 1px solid #e6e7ea; font-size: 11px; color: ${COLOR.axis}; }
@media print {
  body { background: #fff; font-size: 11.5px; }
  .report { max-width: none; margin: 0; padding: 0; border: 0; border-radius: 0; }
  .page-break { break-before: page; margin-top: 0; }
  h2 { break-after: avoid; }
  .section-head { break-after: avoid; }
}
`;

function pageStyle(f: F, report: Report): string {
  const left = `${report.workspace} · adoption report · ${f.period(report.slice)}`;
  return `@page { size: A4; margin: 14mm 13mm 16mm;
  @bottom-left { content: ${cssString(left)}; font: 8.5px sans-serif; color: #868e96; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8.5px sans-serif; color: #868e96; } }`;
}

/** The report as a standalone HTML document (UTF-8). */
export function reportHtml(report: Report, locale: string = fmt.FALLBACK_LOCALE): string {
  const f = formatters(fmt.canonicalLocale(locale) ?? fmt.FALLBACK_LOCALE);
  const o = report.overall;
  const ranked = byGap(report.rows);
  const hasData = report.rows.length > 0;
  const chunks: ReportRow[][] = [];
  for (let i = 0; i < ranked.length; ) {
    const size = i === 0 ? DUMBBELL.firstChart : DUMBBELL.perChart;
    chunks.push(ranked.slice(i, i + size));
    i += size;
  }
  const slice = report.slice;
  const empty = (what: string) => `<p class="empty">${esc(what)}</p>`;

  const body = `<main class="report">
<header>
<p class="eyebrow">Uptake · adoption report</p>
<h1>${esc(report.workspace || 'Untitled workspace')}</h1>
<p class="lede">Formal adoption (licences used, workflows completed) against real adoption (reliance on the AI’s recommendations, trust, no shadow processes), per team and over time. A positive gap means the formal figures overstate how much the AI is really used.</p>
<dl class="slice">
<div><dt>Initiative</dt><dd data-slice="initiative">${esc(slice.initiative ?? 'All initiatives')}</dd></div>
<div><dt>Team</dt><dd data-slice="team">${esc(slice.team ? `${slice.team} (with its sub-teams)` : 'All teams')}</dd></div>
<div><dt>Period</dt><dd data-slice="period">${esc(f.period(slice))}</dd></div>
<div><dt>Real adoption</dt><dd data-slice="weights">${esc(weightsText(f, report.weights))}</dd></div>
<div><dt>Generated</dt><dd><time datetime="${esc(report.generatedAt)}">${esc(f.generated(report.generatedAt))}</time></dd></div>
</dl>
</header>
${tiles(f, report)}
<section id="formal-vs-real">
<div class="section-head"><div><h2>Formal against real adoption</h2><p>Each line joins a team’s formal adoption (blue) and real adoption (orange); the longer the grey bar, the wider the gap. Largest gap first.</p></div>${legend(false)}</div>
${hasData ? chunks.map((rows, i) => `<figure>${dumbbellChart(f, rows, i + 1, chunks.length)}</figure>`).join('\n') : empty('No data for this slice: nothing was imported for this initiative, team or period.')}
</section>
<section id="ranking">
<div class="section-head"><div><h2>Gap ranking</h2><p>Gap = formal − real, in percentage points. Reliance, trust and shadow-free make up real adoption. A figure marked <span class="partial">1 of 3</span> rests on only some of its components: the others had no data.</p></div></div>
${hasData ? rankingTable(f, report.rows) : empty('No rows.')}
</section>
<section id="trend" class="page-break">
<div class="section-head"><div><h2>Trend by month</h2><p>The whole slice by month; a gap in a line is a month without data${o.series.some((p) => p.thin) ? '; a hatched month with hollow points has little data behind it' : ''}.</p></div>${legend(
    true,
    o.series.some((p) => p.thin),
  )}</div>
${o.series.length > 0 ? `<figure>${trendChart(f, o.series)}</figure>${seriesTable(f, o.series)}` : empty('No months with data in this slice.')}
</section>
<section id="alerts">
<div class="section-head"><div><h2>Alerts</h2><p>Raised when a figure crosses a workspace threshold; what each means and where to look.</p></div></div>
${alertsSection(f, report)}
</section>
<section id="feedback">
<div class="section-head"><div><h2>Feedback on wrong predictions</h2><p>Reported from the frontline and triaged (Feedback and Patterns screens).</p></div></div>
${feedbackSection(f, report)}
</section>
<section id="how">
<div class="section-head"><div><h2>How these figures are computed</h2></div></div>
${computation(f, report)}
</section>
<footer>Made with Uptake from the workspace’s local database on ${esc(f.generated(report.generatedAt))}. Formulas as defined in docs/metrics.md of Uptake’s source; figures are rounded for display${customWeights(report.weights) ? '; real adoption uses custom weights' : ''}. This file needs no network and no program other than a browser.</footer>
</main>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Uptake">
<title>${esc(`Adoption report · ${report.workspace} · ${f.period(slice)}`)}</title>
<style>${STYLE}${pageStyle(f, report)}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
