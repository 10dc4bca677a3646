import fs from 'node:fs';
import path from 'node:path';

/**
 * Where Electron's binary is, or why it is not there. Read from node_modules/electron/path.txt
 * and dist/ directly: `require('electron')` would try to download the binary when it is missing.
 */
export type ElectronBinary = { installed: true; executablePath: string } | { installed: false; reason: string };

export function findElectronBinary(repoRoot: string): ElectronBinary {
  const pkg = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    const skipped = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ? ' (ELECTRON_SKIP_BINARY_DOWNLOAD is set)' : '';
    return {
      installed: false,
      reason: `Electron binary not installed: node_modules/electron/path.txt is missing, so its download was skipped or blocked${skipped}. Install it with \`node node_modules/electron/install.js\` where the download is allowed.`,
    };
  }
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const executablePath = path.join(dist, fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(executablePath)) {
    return { installed: false, reason: `Electron binary not installed: ${executablePath} is missing.` };
  }
  return { installed: true, executablePath };
}

/**
 * Chromium refuses to start as root with its setuid/namespace sandbox (containers, CI). The
 * renderer sandbox the app asks for (webPreferences.sandbox) stays on; only the OS layer goes.
 */
export const chromiumArgs = (): string[] => (process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : []);
