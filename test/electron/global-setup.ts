import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed (exit code ${result.status ?? 'none'}).`);
}

/**
 * Builds what the suite launches. The shell's bundles are always built (main-bundle.spec.ts loads
 * them against a stub). The renderer and the Electron-ABI better-sqlite3 only where Electron's
 * binary exists and app.spec.ts will really launch the app.
 */
export default function globalSetup(): void {
  const electron = findElectronBinary(repoRoot);
  if (!electron.installed) {
    console.log(`[electron tests] The Electron app tests are skipped: ${electron.reason}`);
    run(process.execPath, [path.join(repoRoot, 'scripts', 'build-electron.mjs')]);
    return;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error(
      'Electron is installed but there is no display to open its window on. Run the suite under a virtual one: `xvfb-run -a npm run test:electron`.',
    );
  }
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'build']);
  run(process.execPath, [path.join(repoRoot, 'scripts', 'electron-native.mjs')]);
}
