import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The CLI as users start it (`npx uptake`, `npm run uptake`): scripts/uptake.mjs, which runs the
 * bundle of the sources that scripts/cli-bundle.mjs keeps up to date. Run as
 * `spawn(process.execPath, [UPTAKE, ...args])`.
 */
export const UPTAKE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'uptake.mjs');
