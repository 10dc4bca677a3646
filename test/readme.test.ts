import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../scripts/find-chromium';
import { UPTAKE } from './cli-path';
import { tempDir } from './helpers';

/*
 * The README's CLI section, run as written, top to bottom, on a fresh database: every line must
 * exit 0 (or the code its comment announces, "exit 1"). The commands run in a temp folder holding
 * a copy of examples/, as `npm run -s uptake --` runs them from the repository; absolute paths (the
 * shared folder to publish to) become folders in the temp folder.
 */
const root = path.resolve(import.meta.dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const tmp = tempDir('uptake-readme-');
fs.cpSync(path.join(root, 'examples'), path.join(tmp.dir, 'examples'), { recursive: true });
afterAll(() => tmp.cleanup());

/** The first ```sh block after a heading. */
function shellBlock(markdown: string, heading: string): string[] {
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`README.md has no heading "${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(markdown.slice(at));
  if (!block?.[1]) throw new Error(`README.md has no sh block under "${heading}"`);
  return block[1].split('\n').filter((line) => line.trim() !== '');
}

/** Splits a command line as sh does for these lines: words, '…' and "…" quoting, a # comment. */
function shellWords(line: string): { words: string[]; comment: string } {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated ${c} in: ${line}`);
      const quoted = line.slice(i + 1, end);
      if (c === '"' && /[$`\\]/.test(quoted)) throw new Error(`the README's CLI lines quote plain text only: ${line}`);
      word = (word ?? '') + quoted;
      i = end + 1;
    } else if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === '#' && word === null) {
      return { words, comment: line.slice(i + 1).trim() };
    } else if (/[|&;<>()$`\\]/.test(c)) {
      throw new Error(`the README's CLI lines are plain commands; "${c}" needs a shell: ${line}`);
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== null) words.push(word);
  return { words, comment: '' };
}

describe('the README on Node versions', () => {
  it("states package.json's engines, and the tests run on a supported version", () => {
    const { engines } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(engines.node).toBe('^20.19.0 || >=22.12.0');
    expect(readme).toContain(`\`${engines.node}\``);
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    expect(major === 20 ? minor >= 19 : major > 22 || (major === 22 && minor >= 12), process.versions.node).toBe(true);
  });
});

const PREFIX = ['npm', 'run', '-s', 'uptake', '--'];
const chromium = await findChromium().catch(() => null);

const commands = shellBlock(readme, '## The CLI').map((line) => {
  const { words, comment } = shellWords(line);
  expect(words.slice(0, PREFIX.length), line).toEqual(PREFIX);
  const args = words.slice(PREFIX.length);
  const expected = Number(/\bexit (\d)\b/.exec(comment)?.[1] ?? 0);
  let skip: string | null = null;
  if (args.includes('serve')) skip = 'serve runs until stopped (the web host has its own tests)';
  else if (args.includes('pdf') && !chromium) skip = 'no Chromium on this machine to print the PDF with';
  return { line, args, expected, skip };
});

describe("the README's CLI section", () => {
  it('is the whole workflow: init, imports of every example file, report in every format, publish, check', () => {
    const run = commands.map((c) => c.args.join(' ')).join('\n');
    for (const step of ['init', 'import usage', 'import decisions', 'import pulse', 'import shadow-processes', '--publish', 'check']) {
      expect(run).toContain(step);
    }
    for (const format of ['json', 'csv', 'html', 'pdf']) expect(run).toContain(`--format ${format}`);
  });

  for (const { line, args, expected, skip } of commands) {
    it(line, () => {
      if (skip) {
        console.log(`skipped: ${skip}`);
        return;
      }
      const mapped = args.map((a) => {
        if (!path.isAbsolute(a)) return a;
        const folder = path.join(tmp.dir, a);
        fs.mkdirSync(folder, { recursive: true });
        return folder;
      });
      const r = spawnSync(process.execPath, [UPTAKE, ...mapped], {
        cwd: tmp.dir,
        encoding: 'utf8',
        env: { ...process.env, UPTAKE_DB: '' },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(expected);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      if (expected !== 0) expect(r.stderr).toMatch(/^uptake: /);
    });
  }

  it('left what it says: the report files, a consistent database, and the story of the examples', () => {
    for (const file of [
      'report.csv',
      'report.html',
      'acme.json',
      'stakeholders.csv',
      path.join('mnt', 'share', 'uptake', 'uptake-report.html'),
    ]) {
      expect(fs.statSync(path.join(tmp.dir, file)).size, file).toBeGreaterThan(0);
    }
    if (chromium) expect(fs.readFileSync(path.join(tmp.dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const report = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'mnt', 'share', 'uptake', 'uptake-report.json'), 'utf8'));
    const north = report.rows.find((r: { team: string }) => r.team === 'Claims North');
    // Claims North looks adopted but overrides the AI: the examples tell the README's story.
    expect(north.formal).toBeGreaterThan(0.9);
    expect(north.alerts.map((a: { code: string }) => a.code)).toEqual(expect.arrayContaining(['HIGH_OVERRIDE', 'ADOPTION_GAP']));
    expect(report.rows.map((r: { team: string }) => r.team)).toEqual(['Claims North', 'Claims South']);
  });
});
