import { ensureCliBundle } from '../scripts/cli-bundle.mjs';

/** Makes the CLI's bundle once, before the tests' processes start (each would otherwise race to make it). */
export default async function setup() {
  await ensureCliBundle();
}
