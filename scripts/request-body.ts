import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Busboy from 'busboy';
import { rememberUploadFile } from '../db/signals/uploads';

/*
 * Reading request bodies in the web host within fixed caps: JSON bodies whole (they are small),
 * uploads streamed part by part into a temp file, so a 1 GB upload costs disk, not memory.
 */

export interface BodyLimits {
  /** A JSON body, and each non-file field of a multipart body. */
  json: number;
  /** The file of a multipart body (an upload to import). */
  upload: number;
}

export const MiB = 1024 * 1024;
export const DEFAULT_LIMITS: BodyLimits = { json: 1 * MiB, upload: 2048 * MiB };

/** A request the host refuses with this status and message, the connection still usable by others. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 507,
    message: string,
  ) {
    super(message);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * MiB) return `${+(n / (1024 * MiB)).toFixed(1)} GiB`;
  if (n >= MiB) return `${+(n / MiB).toFixed(1)} MiB`;
  return n >= 1024 ? `${+(n / 1024).toFixed(1)} KiB` : `${n} bytes`;
}

const tooLarge = (what: string, cap: number) =>
  new BodyError(413, `The ${what} is larger than this host accepts (at most ${formatBytes(cap)}). Nothing was changed.`);

/** Refuses a body whose declared length is already over the cap, before reading any of it. */
export function checkDeclaredLength(req: http.IncomingMessage, cap: number, what: string): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap) throw tooLarge(what, cap);
}

/** The whole body as text, refused once it passes `cap` bytes. */
export async function readText(req: http.IncomingMessage, cap: number): Promise<string> {
  checkDeclaredLength(req, cap, 'request');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > cap) throw tooLarge('request', cap);
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if (e instanceof BodyError) throw e;
    throw new BodyError(400, `The request was interrupted: ${(e as Error).message}.`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface Upload {
  /** What the RPC handler reads: the fields as text, each file as a File backed by its temp file. */
  form: FormData;
  /** Removes the temp files. */
  cleanup(): Promise<void>;
}

/**
 * Reads a multipart/form-data body: each file part is written to a temp file as it arrives (at
 * most one file, of at most `limits.upload` bytes), each other field kept as text (at most
 * `limits.json` bytes). Throws BodyError for a malformed or oversized body, leaving no temp file.
 */
export async function receiveMultipart(req: http.IncomingMessage, limits: BodyLimits): Promise<Upload> {
  const maxFields = 16;
  const total = limits.upload + maxFields * limits.json;
  checkDeclaredLength(req, total, 'upload');
  // Synchronously, so that no event of the request is missed before parse() listens for it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-upload-'));
  const cleanup = () => fsp.rm(dir, { recursive: true, force: true });
  try {
    const form = await parse(req, limits, dir, maxFields, total);
    return { form, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

interface SavedFile {
  field: string;
  file: string;
  name: string;
  type: string;
}

function parse(req: http.IncomingMessage, limits: BodyLimits, dir: string, maxFields: number, total: number): Promise<FormData> {
  return new Promise<FormData>((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({
        headers: req.headers,
        limits: { fieldSize: limits.json, fileSize: limits.upload, fields: maxFields, files: 1, parts: maxFields + 1, headerPairs: 50 },
      });
    } catch (e) {
      reject(new BodyError(400, `The upload is not a valid multipart/form-data body: ${(e as Error).message}.`));
      return;
    }
    const fields: [string, string][] = [];
    const files: SavedFile[] = [];
    const streams: Readable[] = [];
    const writes: Promise<void>[] = [];
    let settled = false;
    // Stops reading and, once every temp file is closed (so the caller can remove them), rejects.
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // Not in busboy's own call stack (a 'limit' or 'error' handler): it goes on using the
      // streams after its events return.
      setImmediate(() => {
        for (const stream of streams) stream.destroy();
        parser.destroy();
        Promise.allSettled(writes).then(() => reject(error));
      });
    };
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > total) fail(tooLarge('upload', limits.upload));
    });
    req.on('error', (e) => fail(new BodyError(400, `The upload was interrupted: ${e.message}.`)));
    const interrupted = () => {
      if (!req.complete) fail(new BodyError(400, 'The upload was interrupted before it was complete.'));
    };
    req.on('close', interrupted);
    if (req.destroyed) interrupted();
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) fail(tooLarge(`form field "${name.slice(0, 40)}"`, limits.json));
      else fields.push([name, value]);
    });
    parser.on('file', (name, stream, info) => {
      const file = path.join(dir, `${files.length}.upload`);
      files.push({ field: name, file, name: info.filename ?? 'upload', type: info.mimeType });
      streams.push(stream);
      stream.on('limit', () => fail(tooLarge('uploaded file', limits.upload)));
      writes.push(
        pipeline(stream, fs.createWriteStream(file)).catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'ENOSPC' || e.code === 'EDQUOT') {
            fail(new BodyError(507, `There is no space left in ${os.tmpdir()} for the upload. Free some space there, then upload again.`));
          } else fail(new BodyError(400, `The upload could not be received: ${e.message}.`));
        }),
      );
    });
    parser.on('filesLimit', () => fail(new BodyError(400, 'An upload carries one file; this request has more.')));
    parser.on('fieldsLimit', () => fail(new BodyError(400, `An upload carries at most ${maxFields} form fields; this request has more.`)));
    parser.on('partsLimit', () => fail(new BodyError(400, 'This upload has too many parts.')));
    parser.on('error', (e: unknown) =>
      fail(new BodyError(400, `The upload is not a valid multipart/form-data body: ${(e as Error).message}.`)),
    );
    parser.on('close', async () => {
      await Promise.all(writes);
      if (settled) return;
      try {
        const form = new FormData();
        for (const [name, value] of fields) form.append(name, value);
        for (const saved of files) {
          // A File that reads from the temp file on demand; appended without a file name so
          // FormData keeps this very object, which the import handler looks up to read it in place.
          const upload = new File([await fs.openAsBlob(saved.file, { type: saved.type })], saved.name, { type: saved.type });
          rememberUploadFile(upload, saved.file);
          form.append(saved.field, upload);
        }
        settled = true;
        resolve(form);
      } catch (e) {
        fail(e as Error);
      }
    });
    req.pipe(parser);
  });
}
