import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../scripts/find-chromium';
import { runUptake } from './cli-path';
import { tempDir } from './helpers';

/* `uptake report` in every format and `--publish`, as a user runs it: a real process on the demo database. */
const _root = path.resolve(import.meta.dirname, '..');
const tmp = tempDir('uptake-cli-report-');
const db = path.join(tmp.dir, 'demo.db');

const uptake = (args: string[]) => runUptake(['--db', db, ...args]);

const withoutTime = (json: string) => ({ ...JSON.parse(json), generatedAt: null });

beforeAll(() => {
  expect(uptake(['demo']).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('uptake report', () => {
  it('--format html: the self-contained report on stdout, or in --out', () => {
    const html = uptake(['report', '--format', 'html', '--team', 'Claims North']);
    expect(html.code).toBe(0);
    expect(html.out.startsWith('<!doctype html>')).toBe(true);
    expect(html.out).toContain('<dd data-slice="team">Claims North (with its sub-teams)</dd>');
    expect(html.out).toContain('data-chart="dumbbell"');
    expect(html.out).not.toMatch(/<script/i);

    const out = path.join(tmp.dir, 'r.html');
    const file = uptake(['report', '--format', 'html', '--out', out]);
    expect(file.code).toBe(0);
    expect(file.out).toBe('');
    expect(file.err).toContain(`Report written to ${out}`);
    expect(fs.readFileSync(out, 'utf8')).toContain('<h1>Acme Insurance</h1>');
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('--locale: numbers and dates of the HTML in that locale; a locale that is not one is refused, nothing printed', () => {
    // The demo has 15,432 decisions (5,280 + 4,752 + 3,600 + 1,800) from May to October 2026.
    const de = uptake(['report', '--format', 'html', '--locale', 'de-DE']);
    expect(de.code).toBe(0);
    expect(de.out).toContain('>15.432<');
    expect(de.out).toContain('<dd data-slice="period">Mai 2026 to Okt. 2026</dd>');
    const gb = uptake(['report', '--format', 'html', '--locale', 'en-GB']);
    expect(gb.out).toContain('>15,432<');
    expect(gb.out).toContain('<dd data-slice="period">May 2026 to Oct 2026</dd>');
    const bad = uptake(['report', '--format', 'html', '--locale', 'german']);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toContain('--locale: "german" is not a locale this app knows; use a language tag such as en-GB, en-US or de-DE');
  }, 120_000);

  it('--format pdf: printed by Chromium where there is one, else a clear message and exit 1', async () => {
    const out = path.join(tmp.dir, 'r.pdf');
    const noOut = uptake(['report', '--format', 'pdf']);
    expect(noOut.code).toBe(1);
    expect(noOut.err).toMatch(/--format pdf needs --out FILE/);

    const chromium = await findChromium();
    const pdf = uptake(['report', '--format', 'pdf', '--out', out]);
    if (chromium) {
      expect(pdf.err).toContain(`PDF report written to ${out}`);
      expect(pdf.code).toBe(0);
      const bytes = fs.readFileSync(out);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(20_000);
    } else {
      expect(pdf.code).toBe(1);
      expect(pdf.err).toMatch(/A PDF report is printed with Chromium or Google Chrome, and none was found/);
      expect(pdf.err).toMatch(/apt-get install -y chromium/);
      expect(pdf.err).toMatch(/uptake report --format html --out report\.html/);
      expect(fs.existsSync(out)).toBe(false);
    }
  }, 120_000);

  it('--out without --format: the extension chooses the format; a --format the extension contradicts is refused, nothing written', async () => {
    const html = path.join(tmp.dir, 'by-extension.HTML');
    const r = uptake(['report', '--out', html]);
    expect(r.code, r.err).toBe(0);
    expect(fs.readFileSync(html, 'utf8').startsWith('<!doctype html>')).toBe(true);
    const csv = path.join(tmp.dir, 'by-extension.csv');
    expect(uptake(['report', '--out', csv]).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toBe(uptake(['report', '--format', 'csv']).out);
    const other = path.join(tmp.dir, 'by-extension.txt');
    expect(uptake(['report', '--out', other]).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(other, 'utf8'))).toHaveProperty('generatedAt');

    const pdf = path.join(tmp.dir, 'by-extension.pdf');
    const wrong = uptake(['report', '--format', 'csv', '--out', pdf]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toBe(
      `uptake: --format csv does not match --out ${pdf}, a .pdf file name: give a .csv file, or leave out --format (the extension chooses it).\n`,
    );
    expect(fs.existsSync(pdf)).toBe(false);
    const printed = uptake(['report', '--out', pdf]);
    if (await findChromium()) {
      expect(printed.code, printed.err).toBe(0);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } else {
      expect(printed.code).toBe(1);
      expect(printed.err).toMatch(/A PDF report is printed with Chromium or Google Chrome, and none was found/);
    }
  }, 120_000);

  it('--out naming a folder: report and every export say so with a file name to give, exit 1, nothing written in it', () => {
    const folder = path.join(tmp.dir, 'out-folder');
    fs.mkdirSync(folder);
    const cases: [string[], string][] = [
      [['report', '--format', 'csv'], 'report.csv'],
      [['report'], 'report.json'],
      [['report', '--format', 'pdf'], 'report.pdf'],
      [['export'], 'workspace.json'],
      [['export', 'stakeholders'], 'stakeholders.csv'],
      [['export', 'feedback', '--format', 'json'], 'feedback.json'],
      [['export', 'patterns'], 'patterns.csv'],
    ];
    for (const [args, example] of cases) {
      const r = uptake([...args, '--out', folder]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toBe(`uptake: ${folder} is a folder: give a file name, e.g. ${path.join(folder, example)}.\n`);
    }
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('--publish DIR: both files, the JSON equal to `report --format json`, and what it wrote', () => {
    const share = path.join(tmp.dir, 'share');
    fs.mkdirSync(share);
    const published = uptake(['--as', 'Priya Shah', 'report', '--publish', share]);
    expect(published.code).toBe(0);
    const result = JSON.parse(published.out) as { folder: string; files: { name: string; path: string; bytes: number }[] };
    expect(result.folder).toBe(share);
    expect(result.files.map((f) => f.name)).toEqual(['uptake-report.html', 'uptake-report.json']);
    expect(published.err).toMatch(
      new RegExp(`^Published uptake-report\\.html \\([\\d,]+ bytes\\) and uptake-report\\.json \\([\\d,]+ bytes\\) to ${share}\\n$`),
    );
    expect(fs.readdirSync(share).sort()).toEqual(['uptake-report.html', 'uptake-report.json']);
    const json = uptake(['report', '--format', 'json']);
    expect(withoutTime(fs.readFileSync(path.join(share, 'uptake-report.json'), 'utf8'))).toEqual(withoutTime(json.out));
    expect(fs.readFileSync(path.join(share, 'uptake-report.html'), 'utf8')).toContain('<h1>Acme Insurance</h1>');
  });

  it('--publish to a missing folder: says which and what to do, exit 1, nothing written', () => {
    const missing = path.join(tmp.dir, 'no-share', 'reports');
    const r = uptake(['report', '--publish', missing]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`The folder ${missing} does not exist. Check the path (is the network share connected?), or create the folder`);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
    const both = uptake(['report', '--publish', tmp.dir, '--out', path.join(tmp.dir, 'x.html')]);
    expect(both.code).toBe(1);
    expect(both.err).toMatch(/--publish <dir>' cannot be used with option '--out <file>'/);
    const format = uptake(['report', '--format', 'xml']);
    expect(format.code).toBe(1);
    expect(format.err).toMatch(/Allowed choices are json, csv, html, pdf/);
  });
});
