import { parentPort } from 'node:worker_threads';
import { UserError } from '../errors';
import { batchBuffers, readDecisions } from './decisions-read';
import type { DecisionsJob, FromWorker, ToWorker } from './decisions-source';

/*
 * The worker thread of a decisions import: reads, parses, checks and hashes (decisions-read.ts) and
 * posts batches to the importing thread, which only writes. It runs the jobs it is sent one after
 * another (an import's check, then its writing pass) until it is ended. At most `maxInFlight`
 * batches are posted and not yet acknowledged; reading waits for an acknowledgement beyond that.
 */

function serve(port: NonNullable<typeof parentPort>): void {
  const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  let job: DecisionsJob | null = null;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', (message: ToWorker) => {
    if (message === 'ack') {
      inFlight--;
      if (wake && job && inFlight < job.maxInFlight) {
        const w = wake;
        wake = null;
        w();
      }
      return;
    }
    if (message.t === 'job' && !job) run(message.job);
  });

  const run = (next: DecisionsJob) => {
    job = next;
    inFlight = 0;
    readDecisions(
      next.file,
      next.fileName,
      next.secret,
      (batch) => {
        post({ t: 'batch', batch }, batchBuffers(batch));
        inFlight++;
        if (inFlight < next.maxInFlight) return;
        return new Promise<void>((resolve) => {
          wake = resolve;
        });
      },
      next.totalsEntries,
      next.checkOnly,
      next.part,
    ).then(
      (result) => {
        job = null;
        post({ t: 'done', result });
      },
      (e: unknown) => {
        job = null;
        post({
          t: 'fail',
          error:
            e instanceof UserError
              ? { user: true, code: e.code, message: e.message, details: e.details ?? null }
              : { user: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? (e.stack ?? '') : '' },
        });
      },
    );
  };
  post({ t: 'ready' });
}

if (parentPort) serve(parentPort);
