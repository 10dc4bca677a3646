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
 * own process group and signals go to the whole group, so Ctrl+C, a SIGTERM or a SIGHUP also
 * stops the grandchildren npm starts (vite, the web host), not only npm. Under `npm start` this
 * process runs below `sh -c`, and npm hands a SIGTERM to that shell only, which exits without
 * passing it on: so when its parent is gone, it stops the child the same way (as `uptake serve`
 * does under `npm run`), instead of leaving it running, holding the port and the database.
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
    const parent = process.ppid;
    const orphaned = process.env.npm_lifecycle_event
      ? setInterval(() => {
          if (process.ppid === parent) return;
          clearInterval(orphaned);
          console.error('Stopping (the npm process that started it has exited).');
          forward('SIGTERM');
        }, 250)
      : undefined;
    child.on('error', (e) => {
      clearInterval(orphaned);
      console.error(`Could not run ${command}: ${e.message}`);
      resolve(2);
    });
    child.on('exit', (code, signal) => {
      clearInterval(orphaned);
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
