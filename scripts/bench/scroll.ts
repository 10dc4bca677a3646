import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from '../find-chromium';
import { describeMachine } from './machine';
import { benchWorkspace, stakeholderBenchFlags } from './stakeholder-data';

/*
 * Register scrolling in Chromium (figures, not pass/fail): `npm run bench:scroll [-- --stakeholders N
 * --speed PX | --db FILE]`. The workspace of `npm run bench:stakeholders` (10,000 stakeholders, 100,000
 * sessions) served by `uptake serve` as the tests serve it, the Stakeholders screen opened in
 * headless Chromium at 1440 × 900, then the window scrolled from the first row to the last by PX
 * pixels each animation frame (default 120: a brisk flick of the wheel, several rows a frame),
 * three passes. Each frame's time is taken from requestAnimationFrame; a frame counts as dropped
 * when it took longer than 1.5 frames at the display's rate (the median frame of an idle second).
 * "Pulled back" counts frames that began above where the previous one left the window: the list
 * itself scrolling against the user (it did, every other frame, until rows were measured exactly).
 * Needs the web app built (`npm run build:renderer`).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const flags = stakeholderBenchFlags('bench:scroll', { speed: 120 }, '--speed PX (default 120)');
const count = flags.stakeholders;
const speed = flags.speed;
const passes = 3;

const browser = await findChromium();
if (!browser) {
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
  console.error('The web app is not built: run `npm run build:renderer` first.');
  process.exit(1);
}

console.log(describeMachine());
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-bench-scroll-'));
const made = benchWorkspace(dir, count, count * 10, flags.db);
const { file } = made;
const rowCount = made.ids.length;
made.engine.close();
console.log(
  made.kept
    ? `read the kept workspace ${file}: ${rowCount.toLocaleString('en-US')} stakeholders`
    : `made ${count.toLocaleString('en-US')} stakeholders and ${(count * 10).toLocaleString('en-US')} sessions in ${made.seconds.toFixed(1)} s`,
);

const host = spawn(process.execPath, [path.join(root, 'scripts', 'uptake.mjs'), '--db', file, 'serve', '--port', '0'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  host.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    try {
      resolve((JSON.parse(out) as { url: string }).url);
    } catch {
      // The JSON arrives over several chunks.
    }
  });
  host.once('exit', (code) => reject(new Error(`uptake serve exited with ${code}`)));
});

interface Pass {
  frames: number;
  median: number;
  p95: number;
  worst: number;
  dropped: number;
  rowsInDom: number;
  pulledBack: number;
}

try {
  const chrome = await chromium.launch({ executablePath: browser.path, args: CHROMIUM_ARGS });
  const page = await chrome.newPage({ viewport: { width: 1440, height: 900 } });
  // tsx keeps function names with a helper the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  page.on('crash', () => console.error('The page crashed.'));
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  await page.locator('[data-screen][data-ready="true"]').waitFor();
  const t0 = performance.now();
  await page.goto(`${new URL(url).origin}/#/stakeholders`);
  await page.locator('[data-screen="stakeholders"][data-ready="true"]').waitFor({ timeout: 120_000 });
  await page.getByTestId('stakeholder-row').first().waitFor({ timeout: 120_000 });
  const shown = performance.now() - t0;
  const idle = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const times: number[] = [];
        const tick = (t: number) => {
          times.push(t);
          if (times.length < 61) requestAnimationFrame(tick);
          else {
            const gaps = times.slice(1).map((x, i) => x - (times[i] as number));
            resolve(gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)] as number);
          }
        };
        requestAnimationFrame(tick);
      }),
  );
  const results: Pass[] = [];
  for (let p = 0; p < passes; p++) {
    results.push(
      await page.evaluate(
        ({ step, frame }) =>
          new Promise<Pass>((resolve) => {
            window.scrollTo(0, 0);
            const gaps: number[] = [];
            let last = 0;
            let rowsInDom = 0;
            // Frames that began above where the last one left the window: something scrolled it back.
            let pulledBack = 0;
            let leftAt = 0;
            const tick = (t: number) => {
              if (window.scrollY < leftAt) pulledBack++;
              if (last) gaps.push(t - last);
              last = t;
              rowsInDom = Math.max(rowsInDom, document.querySelectorAll('[data-testid="stakeholder-row"]').length);
              const end = document.documentElement.scrollHeight - window.innerHeight;
              if (window.scrollY >= end) {
                const sorted = [...gaps].sort((a, b) => a - b);
                const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
                resolve({
                  frames: gaps.length,
                  median: at(0.5),
                  p95: at(0.95),
                  worst: sorted[sorted.length - 1] as number,
                  dropped: gaps.filter((g) => g > frame * 1.5).length,
                  rowsInDom,
                  pulledBack,
                });
                return;
              }
              window.scrollBy(0, step);
              leftAt = window.scrollY;
              requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          }),
        { step: speed, frame: idle },
      ),
    );
  }
  await chrome.close();
  console.log(`Stakeholders screen with ${rowCount.toLocaleString('en-US')} rows shown ${(shown / 1000).toFixed(2)} s after navigation`);
  console.log(`display frame (idle median): ${idle.toFixed(1)} ms; scrolling ${speed} px a frame, top to bottom, ${passes} passes:`);
  for (const [i, r] of results.entries())
    console.log(
      `  pass ${i + 1}: ${r.frames} frames, median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, worst ${r.worst.toFixed(1)} ms, dropped ${r.dropped} (${((100 * r.dropped) / r.frames).toFixed(1)} %), at most ${r.rowsInDom} rows in the page, pulled back ${r.pulledBack} times`,
    );
} finally {
  host.kill('SIGTERM');
  await new Promise((resolve) => host.once('exit', resolve));
  if (process.env.KEEP_BENCH_DB && !made.kept) console.log(`kept ${file} (run again with --db ${file})`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
