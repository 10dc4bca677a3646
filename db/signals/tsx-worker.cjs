// Starts a TypeScript worker from source (the CLI, tests and benchmarks run under tsx or Vitest):
// registers tsx's require hook in this worker thread, then loads workerData.entry. tsx's ESM
// loader would also work but starts its own loader thread, several times slower; the Electron
// build bundles the worker instead (scripts/build-electron.mjs) and never loads this file.
const { workerData } = require('node:worker_threads');
require('tsx/cjs/api').register();
require(workerData.entry);
