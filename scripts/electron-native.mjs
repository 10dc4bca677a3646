#!/usr/bin/env node
/*
 * Builds better-sqlite3 for Electron's ABI into .cache/electron-native/better_sqlite3.node, which
 * the shell passes to open() as `nativeBinding`. node_modules/better-sqlite3 keeps its Node build
 * for the tests, the CLI, the web host and drizzle-kit, and is never touched: the package is
 * copied to .cache/electron-native/better-sqlite3 and built there (a prebuilt binary first, then
 * node-gyp against Electron's headers). Run by `npm start` (when Electron is installed) and
 * `npm run dist`; never by tests or CI. Options: --force (rebuild even if up to date), --arch ARCH.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');
const cacheDir = path.join(root, '.cache', 'electron-native');
const workDir = path.join(cacheDir, 'better-sqlite3');
const output = path.join(cacheDir, 'better_sqlite3.node');
const stampFile = path.join(cacheDir, 'better_sqlite3.json');

const args = process.argv.slice(2);
const force = args.includes('--force');
const archIndex = args.indexOf('--arch');
const arch = archIndex >= 0 && args[archIndex + 1] ? args[archIndex + 1] : process.arch;
const platform = process.platform;

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const electronVersion = readJson(path.join(modules, 'electron', 'package.json')).version;
const electronAbi = fs.readFileSync(path.join(modules, 'electron', 'abi_version'), 'utf8').trim();
const sqliteVersion = readJson(path.join(modules, 'better-sqlite3', 'package.json')).version;
const wanted = { electron: electronVersion, abi: electronAbi, betterSqlite3: sqliteVersion, platform, arch };
const target = `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${electronAbi}, ${platform}-${arch})`;

function upToDate() {
  if (!fs.existsSync(output) || !fs.existsSync(stampFile)) return false;
  try {
    return JSON.stringify(readJson(stampFile)) === JSON.stringify(wanted);
  } catch {
    return false;
  }
}

/** Runs a step quietly; its output is shown only when it fails. */
function run(label, command, commandArgs, env = {}) {
  console.error(`electron-native: ${label}…`);
  const result = spawnSync(command, commandArgs, {
    cwd: workDir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 15 * 60 * 1000,
  });
  const log = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
  if (result.status === 0) return { ok: true, log };
  // The lines that say why (a refused download, a missing compiler), not the stack traces.
  const lines = log.split('\n');
  const reasons = lines.filter(
    (line) => /(ERR!|warn|error)/i.test(line) && !/ERR! (stack +at |System|command|cwd|node -v|node-gyp -v|not ok)/.test(line),
  );
  const shown = (reasons.length > 0 ? reasons : lines).slice(-6).join('\n');
  console.error(`electron-native: ${label} failed${shown ? `:\n${shown.replace(/^/gm, '  ')}` : '.'}`);
  return { ok: false, log };
}

/**
 * A binary built for Electron refuses to load in Node with "NODE_MODULE_VERSION <its ABI>". One
 * that loads here was built for Node, which is exactly the mistake this script exists to avoid.
 */
function checkAbi(file) {
  const probe = spawnSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(file)})`], { encoding: 'utf8' });
  if (probe.status === 0) return `${file} was built for Node's ABI (${process.versions.modules}), not Electron's (${electronAbi}).`;
  const found = /NODE_MODULE_VERSION (\d+)/.exec(probe.stderr ?? '');
  if (found && found[1] !== electronAbi) return `${file} was built for ABI ${found[1]}, not Electron's (${electronAbi}).`;
  if (!found) console.error(`electron-native: could not confirm the ABI of ${file} from Node; continuing.`);
  return null;
}

function giveUp(reason) {
  console.error(
    `\nCould not build ${target}: ${reason} This step needs internet access once, either to download a prebuilt binary from better-sqlite3's GitHub releases or to fetch Electron's headers from https://electronjs.org/headers for node-gyp (which also needs Python and a C++ toolchain). Run \`node scripts/electron-native.mjs\` again where that is available (mirrors: npm_config_better_sqlite3_binary_host for prebuilt binaries, npm_config_disturl for headers). node_modules/better-sqlite3, the Node build used by the tests, the CLI and the web host, was not touched.`,
  );
  process.exit(1);
}

if (!force && upToDate()) {
  console.error(`electron-native: ${path.relative(root, output)} is up to date (${target}).`);
  process.exit(0);
}

fs.rmSync(workDir, { recursive: true, force: true });
fs.mkdirSync(cacheDir, { recursive: true });
// The copy leaves out build/ so nothing of the Node build can be mistaken for the Electron one.
const source = path.join(modules, 'better-sqlite3');
fs.cpSync(source, workDir, { recursive: true, filter: (file) => path.relative(source, file).split(path.sep)[0] !== 'build' });

const built = path.join(workDir, 'build', 'Release', 'better_sqlite3.node');
const electronEnv = {
  npm_config_runtime: 'electron',
  npm_config_target: electronVersion,
  npm_config_arch: arch,
  npm_config_target_arch: arch,
  npm_config_disturl: process.env.npm_config_disturl || 'https://electronjs.org/headers',
};

const prebuilt = run('downloading a prebuilt binary (prebuild-install)', process.execPath, [
  path.join(modules, 'prebuild-install', 'bin.js'),
  '--runtime',
  'electron',
  '--target',
  electronVersion,
  '--arch',
  arch,
  '--platform',
  platform,
  '--verbose',
]);
if (!prebuilt.ok || !fs.existsSync(built)) {
  const compiled = run(
    'building from source against Electron headers (node-gyp)',
    process.execPath,
    [
      path.join(modules, 'node-gyp', 'bin', 'node-gyp.js'),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      `--dist-url=${electronEnv.npm_config_disturl}`,
    ],
    electronEnv,
  );
  if (!compiled.ok || !fs.existsSync(built)) giveUp('no prebuilt binary could be downloaded and building from source failed.');
}

const wrongAbi = checkAbi(built);
if (wrongAbi) giveUp(wrongAbi);

const temporary = `${output}.${process.pid}.tmp`;
fs.copyFileSync(built, temporary);
fs.renameSync(temporary, output);
fs.writeFileSync(stampFile, `${JSON.stringify(wanted, null, 2)}\n`);
console.error(`electron-native: wrote ${path.relative(root, output)} (${target}).`);
