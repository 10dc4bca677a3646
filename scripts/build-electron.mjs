#!/usr/bin/env node
// Bundles the Electron shell: electron/main.ts -> dist/electron/main.cjs, electron/preload.ts -> dist/electron/preload.cjs,
// and the decisions import's worker, db/signals/decisions-worker.ts -> dist/electron/decisions-worker.cjs.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const chromeMajor = 140; // Electron 45 ships Chromium 142; anything it runs, Chromium 140 runs.

fs.rmSync(outdir, { recursive: true, force: true });

// Every bundle: one CommonJS file in dist/electron, named by its entry point.
const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  metafile: true,
  outdir,
  outExtension: { '.js': '.cjs' },
};

// Main runs in Electron's Node (22.x). db/paths.ts reads import.meta.url, which a CJS bundle
// does not have: it is defined from __filename (main passes migrationsDir explicitly anyway).
// better-sqlite3 stays external: main loads it with the Electron-ABI binary from electron-native.mjs.
const main = await esbuild.build({
  ...common,
  entryPoints: { main: 'electron/main.ts' },
  platform: 'node',
  target: 'node22',
  external: ['electron', 'better-sqlite3'],
  define: { 'import.meta.url': '__uptakeImportMetaUrl' },
  banner: { js: "const __uptakeImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The decisions import reads and checks its file on a worker thread (db/signals/decisions-source.ts):
// main starts dist/electron/decisions-worker.cjs, next to main.cjs. It needs only Node's builtins.
const worker = await esbuild.build({
  ...common,
  entryPoints: { 'decisions-worker': 'db/signals/decisions-worker.ts' },
  platform: 'node',
  target: 'node22',
});

// The preload runs sandboxed: it may require only 'electron'. Building for the browser platform
// makes any Node import fail here rather than at runtime in the window.
const preload = await esbuild.build({
  ...common,
  entryPoints: { preload: 'electron/preload.ts' },
  platform: 'browser',
  target: `chrome${chromeMajor}`,
  external: ['electron'],
});

const imports = (result) =>
  [
    ...new Set(Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path))),
  ].sort();

const preloadImports = imports(preload);
if (preloadImports.some((name) => name !== 'electron')) {
  console.error(`The preload may require only 'electron', but requires: ${preloadImports.join(', ')}.`);
  process.exit(1);
}
const allowedMain = new Set(['electron', 'better-sqlite3']);
const mainImports = imports(main).filter((name) => !allowedMain.has(name) && !isBuiltin(name));
if (mainImports.length > 0) {
  console.error(
    `main.cjs requires packages that are not bundled: ${mainImports.join(', ')}. Bundle them or add them to electron-builder's files.`,
  );
  process.exit(1);
}

const workerImports = imports(worker).filter((name) => !isBuiltin(name));
if (workerImports.length > 0) {
  console.error(`decisions-worker.cjs may require only Node's builtins, but requires: ${workerImports.join(', ')}.`);
  process.exit(1);
}

const size = (file) => `${(fs.statSync(path.join(outdir, file)).size / 1024).toFixed(0)} KiB`;
console.error(
  `Built dist/electron/main.cjs (${size('main.cjs')}), dist/electron/decisions-worker.cjs (${size('decisions-worker.cjs')}) and dist/electron/preload.cjs (${size('preload.cjs')}) for Electron ${electronVersion}.`,
);
