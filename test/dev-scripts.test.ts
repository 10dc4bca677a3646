import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Exit, outputOf } from './cli-path';

/*
 * The dev scripts (benchmarks, fuzz:sync) as a developer runs them, with a flag they do not take or
 * a value that is not one: exit 1, what was wrong and the usage, before any benchmark starts (one
 * that started would run for minutes, which the timeout below turns into a failure).
 */
const root = path.resolve(import.meta.dirname, '..');

function script(file: string, args: string[]): Promise<Exit> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', file), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return outputOf(child);
}

describe('dev scripts: a wrong flag is exit 1 with the usage, and nothing runs', { timeout: 180_000 }, () => {
  it('refuses unknown flags, flags without their value and numbers that are not whole numbers', async () => {
    const cases: [string, string[], RegExp][] = [
      ['bench/sync.ts', ['--bogus'], /^sync\.ts: Unknown option '--bogus'\.\nUsage: npm run bench:sync \[-- --changes N/],
      ['bench/sync.ts', ['--only', 'c'], /^sync\.ts: --only takes a \(publish and import\) or b .*not "c"\.\nUsage: npm run bench:sync/],
      ['fuzz-sync.ts', ['--runs', 'abc'], /^fuzz-sync\.ts: --runs takes a whole number, not "abc"\.\nUsage: npm run fuzz:sync/],
      ['fuzz-sync.ts', ['--seed'], /^fuzz-sync\.ts: Option '--seed <value>' argument missing\.\nUsage: npm run fuzz:sync/],
      ['bench/run.ts', ['--rows', '1e3'], /^run\.ts: --rows takes a whole number, not "1e3"\.\nUsage: npm run bench \[/],
      ['bench/search.ts', ['--item', '5'], /^search\.ts: Unknown option '--item'\.\nUsage: npm run bench:search/],
      [
        'bench/stakeholders.ts',
        ['--sessions', '-5'],
        /^stakeholders\.ts: Option '--sessions' argument is ambiguous[\s\S]*\nUsage: npm run bench:stakeholders/,
      ],
      ['bench/scroll.ts', ['extra'], /^scroll\.ts: Unexpected argument 'extra'.*\nUsage: npm run bench:scroll/],
      [
        'bench/first-figure.ts',
        ['--runs', 'x'],
        /^first-figure\.ts: --runs takes a whole number, not "x"\.\nUsage: npx tsx scripts\/bench\/first-figure\.ts/,
      ],
      [
        'bench/first-figure.ts',
        ['--against', '/nonexistent'],
        /^first-figure\.ts: --against \/nonexistent: no renderer build there \(no index\.html\)\. Give a folder made by `vite build --outDir DIR`\.\n$/,
      ],
    ];
    // Two at a time: each is a Node process loading tsx, on a machine shared with other work.
    const results: Exit[] = [];
    for (let i = 0; i < cases.length; i += 2) {
      results.push(...(await Promise.all(cases.slice(i, i + 2).map(([file, args]) => script(file, args)))));
    }
    for (const [i, [file, args, message]] of cases.entries()) {
      const r = results[i];
      const what = `${file} ${args.join(' ')}`;
      expect(r?.code, `${what}: ${r?.err}`).toBe(1);
      expect(r?.err, what).toMatch(message);
      expect(r?.out, what).toBe('');
    }
  });

  it('--help prints the usage, exit 0', async () => {
    const r = await script('bench/sync.ts', ['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: npm run bench:sync \[-- --changes N \(default 100000\) .*--only a\|b --verbose\]\n$/);
  });
});
