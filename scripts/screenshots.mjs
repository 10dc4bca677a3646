#!/usr/bin/env node
/*
 * `npm run screenshots`: renews the pictures the README and docs/*.md show, in docs/screenshots/.
 * The end-to-end specs save screenshots of every screen to the ignored test-results/screenshots/
 * (test/e2e/shots.ts), so `npm test` never rewrites tracked files; this runs the specs that take
 * them and copies in the pictures the docs name (`screenshots/NAME.png`), and only those:
 * docs/screenshots/ holds exactly what the docs show, and a picture nobody shows any more goes.
 *
 *   npm run screenshots              run the specs, then copy
 *   npm run screenshots -- --no-run  copy from the last run (test-results/screenshots/ as `npm test` left it)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shots = path.join(root, 'test-results', 'screenshots');
const docs = path.join(root, 'docs', 'screenshots');
const e2e = path.join(root, 'test', 'e2e');

function fail(message) {
  process.stderr.write(`screenshots: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--no-run');
if (unknown.length > 0) fail(`unknown option ${unknown[0]}; the one option is --no-run (copy from the last test run).`);
const run = !args.includes('--no-run');

// The pictures the docs show: README.md and docs/*.md, by their file name under screenshots/.
const pages = [
  'README.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('docs', f)),
];
const shown = new Map(); // picture → the first page that shows it
for (const page of pages) {
  for (const m of fs.readFileSync(path.join(root, page), 'utf8').matchAll(/screenshots\/([\w.-]+\.png)/g)) {
    if (!shown.has(m[1])) shown.set(m[1], page);
  }
}

if (run) {
  // The specs that save a screenshot are the ones that use SHOTS or shootAtSizes (test/e2e/shots.ts).
  const specs = fs
    .readdirSync(e2e)
    .filter((f) => f.endsWith('.spec.ts') && /\bSHOTS\b|\bshootAtSizes\b/.test(fs.readFileSync(path.join(e2e, f), 'utf8')))
    .map((f) => path.join('test', 'e2e', f));
  fs.rmSync(shots, { recursive: true, force: true });
  const cli = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
  const specRun = spawnSync(process.execPath, [cli, 'test', '-c', 'playwright.config.ts', ...specs], { cwd: root, stdio: 'inherit' });
  if (specRun.status !== 0) fail(`the specs failed (exit code ${specRun.status ?? 'none'}); docs/screenshots/ is unchanged.`);
} else if (!fs.existsSync(shots)) {
  fail(`${path.relative(root, shots)} does not exist: run npm test (or npm run screenshots without --no-run) first.`);
}

// Every picture the docs show must have been taken, or nothing is copied.
const missing = [...shown].filter(([name]) => !fs.existsSync(path.join(shots, name)));
if (missing.length > 0) {
  const listed = missing.slice(0, 5).map(([name, page]) => `${name} (shown in ${page})`);
  fail(
    `${missing.length} picture${missing.length === 1 ? '' : 's'} the docs show ${missing.length === 1 ? 'was' : 'were'} not taken: ${listed.join(', ')}${missing.length > 5 ? ', …' : ''}; docs/screenshots/ is unchanged.`,
  );
}

fs.mkdirSync(docs, { recursive: true });
const changed = [];
for (const name of [...shown.keys()].sort()) {
  const from = path.join(shots, name);
  const to = path.join(docs, name);
  if (fs.existsSync(to) && fs.readFileSync(to).equals(fs.readFileSync(from))) continue;
  fs.copyFileSync(from, to);
  changed.push(name);
}
const removed = fs.readdirSync(docs).filter((f) => f.endsWith('.png') && !shown.has(f));
for (const name of removed) fs.rmSync(path.join(docs, name));

process.stdout.write(
  `${shown.size} pictures shown in the docs; ${changed.length === 0 ? 'none changed' : `renewed: ${changed.join(', ')}`}` +
    `${removed.length === 0 ? '' : `; removed (no page shows them): ${removed.join(', ')}`}.\n`,
);
