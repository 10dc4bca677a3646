import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError, type UserErrorCode } from '../errors';
import type { CsvPart, CsvReadResult } from './csv';
import { type DecisionBatch, readDecisions, TOTALS_ENTRIES } from './decisions-read';

/*
 * Where a decisions file is read and checked: on a worker thread (decisions-worker.ts) when one can
 * be started, so parsing, checking and hashing use the second core while this thread writes; else
 * here, with the same code (decisions-read.ts) and the same batches, so the results are identical.
 *
 * The worker is found next to this module: from source (tsx, Vitest) it is decisions-worker.ts,
 * started through tsx-worker.cjs, which registers tsx's require hook in the worker; in the Electron
 * bundle (scripts/build-electron.mjs) it is decisions-worker.cjs next to main.cjs.
 */

export interface DecisionsJob {
  file: string;
  /** The name used in messages (the file's, or the upload's). */
  fileName: string;
  secret: string;
  maxInFlight: number;
  totalsEntries: number;
  /** Only check the file (DecisionParser's checkOnly): an import's first pass. */
  checkOnly: boolean;
  /** Only this part of the file. */
  part: CsvPart;
}

export type ToWorker = { t: 'job'; job: DecisionsJob } | 'ack';

export type FromWorker =
  | { t: 'ready' }
  | { t: 'batch'; batch: DecisionBatch }
  | { t: 'done'; result: CsvReadResult }
  | {
      t: 'fail';
      error:
        | { user: true; code: UserErrorCode; message: string; details: Record<string, unknown> | null }
        | { user: false; message: string; stack: string };
    };

/** Batches posted by the worker and not yet written: bounds memory however fast it parses. */
const MAX_IN_FLIGHT = 8;

/** Files smaller than this are read here: starting a worker (about 0.1 s under tsx) would cost more than it saves. */
const WORKER_MIN_BYTES = 1 << 20;

export interface ReadOptions {
  /**
   * true: on a worker thread (here if none starts); false: here (the fallback; tests compare both).
   * Default: on a worker for files of 1 MiB or more.
   */
  worker?: boolean;
  /** Aggregate entries held before they are written (decisions-read.ts TOTALS_ENTRIES; tests make it small). */
  totalsEntries?: number;
  /** Only check the file: batches carry the problems and the names, nothing to write. */
  checkOnly?: boolean;
  /** Only this part of the file (csv.ts CsvPart). */
  part?: CsvPart;
}

export interface DecisionsRead extends CsvReadResult {
  /** Where the file was parsed. */
  parsedOn: 'worker' | 'thread';
}

/**
 * Reads decisions files, one after another, on one worker thread, or on this thread when it does
 * not start: an import's check and its writing pass share the thread (one start, one isolate's
 * memory). Each read calls `onBatch` on this thread for each batch in file order; `onBatch` may
 * throw: reading stops, the worker is ended and the read rejects with that error.
 */
export class DecisionsReader {
  private worker: Worker | null;
  /** Resolves true once the worker runs, false when it did not start (reads are then done here). */
  private readonly ready: Promise<boolean>;

  /** `worker`: as ReadOptions.worker, for `file` (its size decides by default). */
  constructor(file: string, worker?: boolean) {
    this.worker = (worker ?? fileSize(file) >= WORKER_MIN_BYTES) ? startWorker() : null;
    const w = this.worker;
    this.ready = w
      ? new Promise((resolve) => {
          const fail = () => {
            this.worker = null;
            resolve(false);
          };
          w.once('message', (m: FromWorker) => (m.t === 'ready' ? resolve(true) : fail()));
          w.once('error', fail);
          w.once('exit', fail);
        })
      : Promise.resolve(false);
  }

  /** Whether reads run on the worker thread (false once it has failed to start, or has been ended). */
  async onWorker(): Promise<boolean> {
    return (await this.ready) && this.worker !== null;
  }

  async read(
    file: string,
    fileName: string,
    secret: string,
    onBatch: (batch: DecisionBatch) => void,
    options: Omit<ReadOptions, 'worker'> = {},
  ): Promise<DecisionsRead> {
    const job: DecisionsJob = {
      file,
      fileName,
      secret,
      maxInFlight: MAX_IN_FLIGHT,
      totalsEntries: options.totalsEntries ?? TOTALS_ENTRIES,
      checkOnly: options.checkOnly ?? false,
      part: options.part ?? {},
    };
    const worker = (await this.onWorker()) ? this.worker : null;
    if (worker) return { ...(await this.inWorker(worker, job, onBatch)), parsedOn: 'worker' };
    return {
      ...(await readDecisions(file, fileName, secret, onBatch, job.totalsEntries, job.checkOnly, job.part)),
      parsedOn: 'thread',
    };
  }

  /** Ends the worker; resolves once it is gone, so its memory is free before what comes next. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    worker.removeAllListeners();
    worker.on('error', () => {});
    await worker.terminate();
  }

  /** One job on the worker, to its end. */
  private inWorker(worker: Worker, job: DecisionsJob, onBatch: (batch: DecisionBatch) => void): Promise<CsvReadResult> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const onMessage = (m: FromWorker) => {
        if (settled) return;
        switch (m.t) {
          case 'batch':
            try {
              onBatch(m.batch);
            } catch (e) {
              // The worker may still be reading: it is ended, and no read comes after a failure.
              fail(e);
              return;
            }
            worker.postMessage('ack');
            return;
          case 'done':
            done(() => resolve(m.result));
            return;
          case 'fail': {
            const error = m.error.user
              ? new UserError(m.error.code, m.error.message, m.error.details ?? undefined)
              : Object.assign(new Error(m.error.message), { stack: m.error.stack });
            done(() => reject(error));
            return;
          }
        }
      };
      const onError = (e: unknown) => fail(e);
      const onExit = (code: number) => fail(new Error(`The decisions reader stopped unexpectedly (exit code ${code}).`));
      const done = (then: () => void) => {
        if (settled) return;
        settled = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        then();
      };
      const fail = (e: unknown) =>
        done(
          () =>
            void this.close().then(
              () => reject(e),
              () => reject(e),
            ),
        );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ t: 'job', job } satisfies ToWorker);
    });
  }
}

/** The file's size, or 0 when it cannot be read (the reader then says why). */
export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function workerEntry(): { script: string; workerData: unknown; execArgv?: string[] } | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return {
      script: fileURLToPath(new URL('./tsx-worker.cjs', here)),
      workerData: { entry: fileURLToPath(new URL('./decisions-worker.ts', here)) },
      // The worker needs none of the parent's flags (tsx's own hooks are registered by tsx-worker.cjs).
      execArgv: [],
    };
  }
  const bundled = fileURLToPath(new URL('./decisions-worker.cjs', here));
  return fs.existsSync(bundled) ? { script: bundled, workerData: {} } : null;
}

function startWorker(): Worker | null {
  try {
    const entry = workerEntry();
    if (!entry) return null;
    return new Worker(entry.script, {
      workerData: entry.workerData,
      ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
      // The reader keeps little alive: a small young generation (V8's default grows to 32 MB) is
      // collected often and cheaply, which keeps the import's memory down.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
  } catch {
    return null;
  }
}
