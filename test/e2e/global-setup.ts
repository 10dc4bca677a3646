import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCliBundle } from '../../scripts/cli-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Build the renderer and the CLI once, so the tests serve the current source rather than a stale build. */
export default async function globalSetup() {
  await ensureCliBundle();
  const vite = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');
  process.stderr.write('Building the renderer (vite build)…\n');
  execFileSync(vite, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
