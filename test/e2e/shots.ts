import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the end-to-end specs save their screenshots: an ignored folder, so running the tests
 * never changes a tracked file. `npm run screenshots` runs the specs that use it and copies the
 * pictures into docs/screenshots/, which the README shows.
 */
export const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'screenshots');
