#!/usr/bin/env node
/*
 * `npm start`: build, make sure better-sqlite3 is built for Electron, and launch the desktop app.
 * Where Electron's binary is not installed (its download blocked, ELECTRON_SKIP_BINARY_DOWNLOAD),
 * it says so in one line and starts the web host instead: the same app in the browser.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The path node_modules/electron would launch, without its index.js (which tries to download). */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return fs.existsSync(binary) ? binary : null;
}

const posix = process.platform !== 'win32';

/**
 * Runs a child with the terminal and resolves with its exit code. On POSIX the child leads its
 * own process group and signals go to the whole group, so Ctrl+C or a SIGTERM also stops the
 * grandchildren npm starts (vite, the web host), not only npm.
 */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', shell: !posix, detached: posix });
    const forward = (signal) => {
      try {
        if (posix && child.pid) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
    child.on('error', (e) => {
      console.error(`Could not run ${command}: ${e.message}`);
      resolve(2);
    });
    child.on('exit', (code, signal) => {
      for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(name, forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const electron = electronBinary();
if (!electron) {
  console.log("Electron's binary is not installed (its download was blocked); starting the web host instead.");
  process.exit(await run(npm, ['run', '-s', 'web']));
}

const steps = [
  [npm, ['run', '-s', 'build']],
  [process.execPath, [path.join(root, 'scripts', 'electron-native.mjs')]],
];
for (const [command, args] of steps) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
process.exit(await run(electron, [root, ...process.argv.slice(2)]));
