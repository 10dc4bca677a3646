import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError, type UserErrorCode } from '../errors';
import type { CsvReadResult } from './csv';
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
}

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
}

export interface DecisionsRead extends CsvReadResult {
  /** Where the file was parsed. */
  parsedOn: 'worker' | 'thread';
}

/**
 * Reads `file`, calling `onBatch` on this thread for each batch in file order. `onBatch` may throw:
 * reading stops and the promise rejects with that error.
 */
export async function readDecisionBatches(
  file: string,
  fileName: string,
  secret: string,
  onBatch: (batch: DecisionBatch) => void,
  options: ReadOptions = {},
): Promise<DecisionsRead> {
  const job: DecisionsJob = {
    file,
    fileName,
    secret,
    maxInFlight: MAX_IN_FLIGHT,
    totalsEntries: options.totalsEntries ?? TOTALS_ENTRIES,
    checkOnly: options.checkOnly ?? false,
  };
  if (options.worker ?? fileSize(file) >= WORKER_MIN_BYTES) {
    const worker = startWorker(job);
    if (worker) {
      const read = await inWorker(worker, onBatch);
      if (read) return { ...read, parsedOn: 'worker' };
    }
  }
  return { ...(await readDecisions(file, fileName, secret, onBatch, job.totalsEntries, job.checkOnly)), parsedOn: 'thread' };
}

/** The file's size, or 0 when it cannot be read (the reader then says why). */
function fileSize(file: string): number {
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

function startWorker(job: DecisionsJob): Worker | null {
  try {
    const entry = workerEntry();
    if (!entry) return null;
    return new Worker(entry.script, {
      workerData: { ...(entry.workerData as object), job },
      ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
      // The reader keeps little alive: a small young generation (V8's default grows to 32 MB) is
      // collected often and cheaply, which keeps the import's memory down.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
  } catch {
    return null;
  }
}

/** Runs the worker to the end. Resolves null if it could not start (the caller then reads here). */
function inWorker(worker: Worker, onBatch: (batch: DecisionBatch) => void): Promise<CsvReadResult | null> {
  return new Promise((resolve, reject) => {
    let started = false;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      worker.removeAllListeners();
      // A settled run needs nothing more from the worker: end it (it may still be reading after a failure).
      worker.on('error', () => {});
      void worker.terminate();
      fn();
    };
    worker.on('message', (m: FromWorker) => {
      if (settled) return;
      switch (m.t) {
        case 'ready':
          started = true;
          return;
        case 'batch':
          try {
            onBatch(m.batch);
          } catch (e) {
            settle(() => reject(e));
            return;
          }
          worker.postMessage('ack');
          return;
        case 'done':
          settle(() => resolve(m.result));
          return;
        case 'fail': {
          const error = m.error.user
            ? new UserError(m.error.code, m.error.message, m.error.details ?? undefined)
            : Object.assign(new Error(m.error.message), { stack: m.error.stack });
          settle(() => reject(error));
          return;
        }
      }
    });
    worker.on('error', (e) => settle(() => (started ? reject(e) : resolve(null))));
    worker.on('exit', (code) =>
      settle(() => (started ? reject(new Error(`The decisions reader stopped unexpectedly (exit code ${code}).`)) : resolve(null))),
    );
  });
}
