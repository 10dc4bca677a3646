import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../find-chromium';
import { refuse, scriptFlags } from './args';

/*
 * Time to the first figure: how long after the URL is opened the demo's report shows a headline
 * figure with its data, in Chromium, each run in a cold browser context (empty cache), against the
 * web host of `uptake serve` on the demo database. The renderer must be built (`npm run
 * build:renderer`); run.ts builds it. `tsx scripts/bench/first-figure.ts [--runs N] [--against DIR]`
 * runs it alone; `--against` times another build of the renderer (`vite build --outDir DIR` of an
 * older commit) in turn with this one, run by run, so that both see the same machine.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const uptake = (...args: string[]) => [process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'uptake.ts'), ...args]] as const;

export interface FirstFigure {
  /** The renderer build timed (its folder). */
  renderer: string;
  runs: number[];
  median: number;
  scriptKiB: number;
}

/** The JavaScript the report screen needs: every script the page loaded, in KiB (uncompressed). */
function servedScriptsKiB(renderer: string, urls: readonly string[]): number {
  const assets = path.join(renderer, 'assets');
  return urls.reduce((sum, u) => {
    const file = path.join(assets, path.basename(new URL(u).pathname));
    return sum + (fs.existsSync(file) ? fs.statSync(file).size / 1024 : 0);
  }, 0);
}

async function serve(database: string, renderer: string): Promise<{ url: string; child: ChildProcess }> {
  const [cmd, args] = uptake('--db', database, 'serve', '--port', '0');
  const child = spawn(cmd, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, UPTAKE_RENDERER_DIR: renderer },
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve((JSON.parse(out) as { url: string }).url);
      } catch {
        // More of the JSON is on its way.
      }
    });
    child.once('exit', (code) => reject(new Error(`uptake serve exited (${code}) before printing its URL`)));
  });
  return { url, child };
}

export const BUILT_RENDERER = path.join(root, 'dist', 'renderer');

export async function timeToFirstFigure(runs: number, renderers: readonly string[] = [BUILT_RENDERER]): Promise<FirstFigure[] | string> {
  const browserPath = await findChromium();
  if (!browserPath) return 'no Chromium found (apt-get install chromium): no time-to-first-figure figure';
  const missing = renderers.find((r) => !fs.existsSync(path.join(r, 'index.html')));
  if (missing) return `no renderer build in ${missing} (npm run build:renderer)`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-first-figure-'));
  const database = path.join(dir, 'demo.db');
  const [cmd, args] = uptake('--db', database, 'demo');
  const made = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`uptake demo failed:\n${made.stderr}`);
  const hosts: { url: string; child: ChildProcess }[] = [];
  const browser = await chromium.launch({ executablePath: browserPath.path, args: CHROMIUM_ARGS });
  const results: FirstFigure[] = renderers.map((renderer) => ({ renderer, runs: [], median: Number.NaN, scriptKiB: 0 }));
  try {
    for (const r of renderers) hosts.push(await serve(database, r));
    // One round first that is not counted: the hosts' and the OS's file caches warm, as for a user.
    for (let i = 0; i <= runs; i++) {
      for (const [k, host] of hosts.entries()) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        const loaded: string[] = [];
        page.on('response', (r) => {
          if (r.request().resourceType() === 'script') loaded.push(r.url());
        });
        const t0 = performance.now();
        await page.goto(host.url);
        // A headline figure with its number: the report's data has arrived and is drawn.
        await page
          .getByTestId('stat-tile')
          .first()
          .filter({ hasText: /\d\s?%/ })
          .waitFor({ timeout: 30_000 });
        const elapsed = performance.now() - t0;
        const result = results[k];
        if (result && i > 0) result.runs.push(elapsed);
        if (result) result.scriptKiB = servedScriptsKiB(result.renderer, loaded);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    for (const host of hosts) host.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const r of results) r.median = [...r.runs].sort((a, b) => a - b)[Math.floor(r.runs.length / 2)] ?? Number.NaN;
  return results;
}

export function describeFirstFigure(results: FirstFigure[] | string): string {
  if (typeof results === 'string') return `time to first figure: ${results}`;
  const [base] = results;
  return results
    .map((r) => {
      const ratio = base && r !== base ? `, ${(r.median / base.median).toFixed(2)}× this build's` : '';
      const which = r.renderer === BUILT_RENDERER ? 'this build' : r.renderer;
      return `time to first figure, ${which} (demo report, Chromium, cold context, median of ${r.runs.length}): ${r.median.toFixed(0)} ms${ratio} (runs ${r.runs
        .map((x) => x.toFixed(0))
        .join(', ')} ms); scripts loaded ${r.scriptKiB.toFixed(0)} KiB`;
    })
    .join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { runs, against } = scriptFlags({
    usage: 'Usage: npx tsx scripts/bench/first-figure.ts [--runs N (default 7)] [--against DIR (another renderer build)]',
    numbers: { runs: 7 },
    texts: ['against'],
  });
  if (against && !fs.existsSync(path.join(against, 'index.html'))) {
    refuse(`--against ${against}: no renderer build there (no index.html). Give a folder made by \`vite build --outDir DIR\`.`);
  }
  const results = await timeToFirstFigure(Math.max(1, runs), against ? [BUILT_RENDERER, path.resolve(against)] : [BUILT_RENDERER]);
  // Run alone, no figure is a failure (no Chromium, no build where --against points); in `npm run bench` it is one line of the figures.
  if (typeof results === 'string') refuse(results);
  console.log(describeFirstFigure(results));
}
