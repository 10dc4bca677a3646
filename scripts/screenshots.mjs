#!/usr/bin/env node
/*
 * `npm run screenshots`: renews the README's pictures in docs/screenshots/. The end-to-end specs
 * save screenshots to the ignored test-results/screenshots/ (test/e2e/shots.ts) so `npm test`
 * never rewrites tracked files; this runs the specs that take them and copies the results in.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shots = path.join(root, 'test-results', 'screenshots');
const docs = path.join(root, 'docs', 'screenshots');
const e2e = path.join(root, 'test', 'e2e');

// The specs that save a screenshot are the ones that use SHOTS or shootAtSizes (test/e2e/shots.ts).
const specs = fs
  .readdirSync(e2e)
  .filter((f) => f.endsWith('.spec.ts') && fs.readFileSync(path.join(e2e, f), 'utf8').match(/\bSHOTS\b|\bshootAtSizes\b/))
  .map((f) => path.join('test', 'e2e', f));

fs.rmSync(shots, { recursive: true, force: true });
const cli = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const run = spawnSync(process.execPath, [cli, 'test', '-c', 'playwright.config.ts', ...specs], { cwd: root, stdio: 'inherit' });
if (run.status !== 0) {
  process.stderr.write(`screenshots: the specs failed (exit code ${run.status ?? 'none'}); docs/screenshots/ is unchanged.\n`);
  process.exit(run.status || 2);
}

const taken = fs.existsSync(shots) ? fs.readdirSync(shots).filter((f) => f.endsWith('.png')) : [];
if (taken.length === 0) {
  process.stderr.write(`screenshots: the specs saved no picture in ${shots}; docs/screenshots/ is unchanged.\n`);
  process.exit(2);
}
fs.mkdirSync(docs, { recursive: true });
const changed = [];
for (const name of taken.sort()) {
  const from = path.join(shots, name);
  const to = path.join(docs, name);
  if (fs.existsSync(to) && fs.readFileSync(to).equals(fs.readFileSync(from))) continue;
  fs.copyFileSync(from, to);
  changed.push(name);
}
process.stdout.write(
  `${taken.length} screenshots taken; ${changed.length === 0 ? 'none changed' : `changed in docs/screenshots/: ${changed.join(', ')}`}.\n`,
);
