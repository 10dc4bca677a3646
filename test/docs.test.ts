import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../db/errors';
import { IMPORT_COLUMNS, importFile, importTemplate } from '../db/signals/import';
import { IMPORT_KINDS } from '../db/signals/model';
import { SHOTS } from './e2e/shots';
import { withWorkspace } from './helpers';

/*
 * The documentation a user reads must match the code: docs/metrics.md and examples/ give the
 * same columns the import checks, and nothing points at a file outside the repository.
 */
const root = path.resolve(import.meta.dirname, '..');
const metrics = fs.readFileSync(path.join(root, 'docs', 'metrics.md'), 'utf8');

describe('docs/metrics.md and examples/', () => {
  it.each(IMPORT_KINDS)('%s: the header the import checks is documented, with a row per column, and is the sample file’s', (kind) => {
    const header = IMPORT_COLUMNS[kind].join(',');
    expect(metrics).toContain(`\`${header}\``);
    for (const column of IMPORT_COLUMNS[kind]) expect(metrics).toMatch(new RegExp(`^\\| \`${column}\` \\|`, 'm'));
    const sample = fs.readFileSync(path.join(root, 'examples', `${kind}.csv`), 'utf8').split('\n');
    expect(sample[0]).toBe(header);
    const rows = sample.slice(1).filter((line) => line.trim() !== '');
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThanOrEqual(40);
  });

  it('says how many kinds of file there are, and which of them are refused when imported twice', async () => {
    const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
    expect(metrics).toContain(`the ${words[IMPORT_KINDS.length]} kinds of CSV file`);
    // Each kind's template imported twice into a real database: which kinds refuse the second time.
    const ws = await withWorkspace();
    try {
      const refused: string[] = [];
      for (const kind of IMPORT_KINDS) {
        const file = path.join(ws.dir, `${kind}.csv`);
        fs.writeFileSync(file, importTemplate(kind).csv);
        await importFile(ws.engine, null, kind, file, { createMissing: true });
        const again = await importFile(ws.engine, null, kind, file).then(
          () => null,
          (e: unknown) => e,
        );
        if (again instanceof UserError && again.code === 'CONFLICT') refused.push(kind);
        else expect(again).toBeNull();
      }
      const registers = IMPORT_KINDS.filter((k) => !refused.includes(k)).map((k) => k.replace('-', ' '));
      const text = metrics.replace(/\s+/g, ' ');
      expect(text).toContain(
        `- A ${refused.slice(0, -1).join(', ')} or ${refused.at(-1)} file byte for byte the same as one imported before`,
      );
      expect(text).toContain(`The registers (${registers.join(', ')}) are exempt on purpose`);
    } finally {
      ws.cleanup();
    }
  });

  it('documents every default weight and threshold the engine uses', async () => {
    const { DEFAULT_METRIC_SETTINGS: DEFAULT_SETTINGS } = await import('../db/metrics/model');
    for (const [group, values] of Object.entries(DEFAULT_SETTINGS)) {
      for (const [key, value] of Object.entries(values)) {
        expect(metrics, `${group}.${key}`).toMatch(new RegExp(`^\\| \`${group}\\.${key}\` \\| ${value} \\|`, 'm'));
      }
    }
  });

  it('no tracked file points at the design folder outside the repository or its old file name', () => {
    const outside = ['..', 'shared'].join('/');
    const oldName = ['METRICS', 'md'].join('.');
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !f.endsWith('.png') && fs.existsSync(path.join(root, f)));
    const offending = files.filter((f) => {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      return text.includes(outside) || text.includes(oldName);
    });
    expect(offending).toEqual([]);
  });

  it('tests save screenshots only to an ignored folder; `npm run screenshots` renews the README’s', () => {
    const picture = path.join(SHOTS, 'report-demo.png');
    expect(execFileSync('git', ['check-ignore', picture], { cwd: root, encoding: 'utf8' }).trim()).toBe(picture);
    const tests = fs.readdirSync(path.join(root, 'test'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.ts$/.test(f));
    const calls = tests.flatMap((f) =>
      [...fs.readFileSync(path.join(root, 'test', f), 'utf8').matchAll(/\.screenshot\(\{\s*path:\s*([^,]+),/g)].map((m) => `${f}: ${m[1]}`),
    );
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => !c.includes('path.join(SHOTS'))).toEqual([]);
    const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(scripts.screenshots).toBe('node scripts/screenshots.mjs');
  });

  it('docs/screenshots/ holds exactly the pictures the README and docs/*.md show', () => {
    const pages = [
      'README.md',
      ...fs
        .readdirSync(path.join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    const shown = new Set(
      pages.flatMap((page) =>
        [...fs.readFileSync(path.join(root, page), 'utf8').matchAll(/screenshots\/([\w.-]+\.png)/g)].map((m) => m[1]),
      ),
    );
    expect(shown.size).toBeGreaterThan(5);
    const kept = fs.readdirSync(path.join(root, 'docs', 'screenshots')).filter((f) => f.endsWith('.png'));
    expect(kept.sort()).toEqual([...shown].sort());
  });

  it('`npm run screenshots` refuses an unknown option with one line and exit 1, changing nothing', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'screenshots.mjs'), '--bogus'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('screenshots: unknown option --bogus; the one option is --no-run (copy from the last test run).\n');
  });
});
