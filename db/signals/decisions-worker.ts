import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../errors';
import { batchBuffers, readDecisions } from './decisions-read';
import type { DecisionsJob, FromWorker } from './decisions-source';

/*
 * The worker thread of a decisions import: reads, parses, checks and hashes (decisions-read.ts) and
 * posts batches to the importing thread, which only writes. At most `maxInFlight` batches are
 * posted and not yet acknowledged; reading waits for an acknowledgement beyond that.
 */

function run(port: NonNullable<typeof parentPort>, job: DecisionsJob): void {
  const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', (message: unknown) => {
    if (message !== 'ack') return;
    inFlight--;
    if (wake && inFlight < job.maxInFlight) {
      const w = wake;
      wake = null;
      w();
    }
  });
  post({ t: 'ready' });
  readDecisions(
    job.file,
    job.fileName,
    job.secret,
    (batch) => {
      post({ t: 'batch', batch }, batchBuffers(batch));
      inFlight++;
      if (inFlight < job.maxInFlight) return;
      return new Promise<void>((resolve) => {
        wake = resolve;
      });
    },
    job.totalsEntries,
    job.checkOnly,
  ).then(
    (result) => {
      post({ t: 'done', result });
      port.close();
    },
    (e: unknown) => {
      post({
        t: 'fail',
        error:
          e instanceof UserError
            ? { user: true, code: e.code, message: e.message, details: e.details ?? null }
            : { user: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? (e.stack ?? '') : '' },
      });
      port.close();
    },
  );
}

if (parentPort) run(parentPort, (workerData as { job: DecisionsJob }).job);
