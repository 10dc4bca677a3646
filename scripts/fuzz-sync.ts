/**
 * Long seeded runs of the sync convergence property (test/sync/property.ts), beyond the 200 runs
 * of `npm test`: `npm run fuzz:sync -- --runs 10000 --seed 42`. Prints the seed, the runs and the
 * time; on a failure, the shrunk counterexample and how to replay it. Its databases and shares
 * are temp files: `TMPDIR=/dev/shm` keeps them in memory, where fsync costs nothing (about four
 * times faster on a disk-backed VM).
 */
import fc from 'fast-check';
import { convergence, makeTemplate } from '../test/sync/property';
import { scriptFlags } from './bench/args';

const { runs, seed } = scriptFlags({
  usage: 'Usage: npm run fuzz:sync [-- --runs N (default 1000) --seed S (default: from the clock)]',
  numbers: { runs: 1000, seed: Date.now() % 2 ** 31 },
});
const template = makeTemplate();
const started = Date.now();
try {
  const result = fc.check(convergence(template.file), { numRuns: runs, seed });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.failed) {
    process.stdout.write(`${fc.defaultReportMessage(result)}\n`);
    process.stdout.write(
      `FAILED after ${result.numRuns} runs (seed ${seed}, ${seconds} s). Replay: npm run fuzz:sync -- --runs ${runs} --seed ${seed}\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`ok: ${result.numRuns} runs, seed ${seed}, ${seconds} s\n`);
  }
} finally {
  template.cleanup();
}
