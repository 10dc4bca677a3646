import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readOpenFile } from '../fs';
import type { SyncProblem } from './model';

/*
 * The files on the shared folder. The folder holds immutable files only, and each device writes
 * in its own folder, so no two devices ever write the same file:
 *
 *   <folder>/<workspace id>/format.json
 *   <folder>/<workspace id>/devices/<device id>/changes/<seq, 12 digits>.json
 *
 * A change file is two lines: a header (JSON) and a body (JSON). The header names the format,
 * workspace, device, the file's sequence number, the HLC range and record count of the body, the
 * SHA-256 of the body line and the SHA-256 of the device's previous file, so a file that is short,
 * altered or out of step is seen before anything of it is applied.
 */

export const SHARE_FORMAT = 'uptake-share';
export const CHANGES_FORMAT = 'uptake-changes';
/** The newest version of the folder's layout and files this build reads and writes. */
export const SHARE_VERSION = 1;

/** Only files named exactly like this are read: conflicted copies, temp files and placeholders are not. */
export const CHANGE_FILE = /^(\d{12})\.json$/;
export const DEVICE_ID = /^[0-9a-z]{16}$/;

export const changeFileName = (seq: number) => `${String(seq).padStart(12, '0')}.json`;

export const workspaceDir = (folder: string, workspaceId: string) => path.join(folder, workspaceId);
export const devicesDir = (folder: string, workspaceId: string) => path.join(workspaceDir(folder, workspaceId), 'devices');
export const changesDir = (folder: string, workspaceId: string, device: string) =>
  path.join(devicesDir(folder, workspaceId), device, 'changes');

/** One change of one field of one record, as the change log holds it (value: JSON text). */
export interface FieldChange {
  hlc: string;
  authorId: string | null;
  tbl: string;
  rowId: string;
  col: string;
  value: string | null;
}

export interface ChangeFileHeader {
  format: typeof CHANGES_FORMAT;
  version: number;
  workspace: string;
  device: string;
  seq: number;
  /** SHA-256 of the device's previous change file (null for its first). */
  prev: string | null;
  hlcFrom: string;
  hlcTo: string;
  count: number;
  /** SHA-256 of the body line. */
  sha256: string;
  /**
   * How far this device had read each other device's changes when it wrote the file (the stamp of
   * the last change applied): the member records its author's role is judged by, and the files a
   * reader must have applied first. Absent in files of earlier builds.
   */
  seen?: Record<string, string>;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The file's text: header line, body line. */
export function changeFileText(header: Omit<ChangeFileHeader, 'format' | 'version' | 'sha256' | 'count'>, changes: FieldChange[]): string {
  const body = JSON.stringify({ changes });
  const full: ChangeFileHeader = {
    format: CHANGES_FORMAT,
    version: SHARE_VERSION,
    ...header,
    count: changes.length,
    sha256: sha256(body),
  };
  return `${JSON.stringify(full)}\n${body}\n`;
}

export type ReadChangeFile =
  | { ok: true; header: ChangeFileHeader; changes: FieldChange[]; fileHash: string }
  | { ok: false; problem: SyncProblem };

export const isText = (x: unknown): x is string => typeof x === 'string';
export const isChange = (c: unknown): c is FieldChange => {
  const x = c as Record<string, unknown>;
  return (
    typeof c === 'object' &&
    c !== null &&
    isText(x.hlc) &&
    (x.authorId === null || isText(x.authorId)) &&
    isText(x.tbl) &&
    isText(x.rowId) &&
    isText(x.col) &&
    (x.value === null || isText(x.value))
  );
};

/**
 * Reads a file of the share's two-line form (a header line, a body line) whole; what is short,
 * empty or unreadable is "still arriving" and tried again.
 */
export function readHeaderAndBody<H>(
  file: string,
): { ok: true; header: H; bodyLine: string; text: string } | { ok: false; problem: SyncProblem } {
  const fail = (reason: string) => ({ ok: false as const, problem: { file, reason, retry: true } });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (text.length === 0) return fail('is empty (still arriving?)');
  const [headLine, bodyLine, rest] = text.split('\n');
  if (!headLine || bodyLine === undefined || rest !== '') return fail('is incomplete (still arriving?)');
  try {
    return { ok: true, header: JSON.parse(headLine) as H, bodyLine, text };
  } catch {
    return fail('has an unreadable header (still arriving, or damaged)');
  }
}

/**
 * The header line of a share file, parsed, reading only as far as the line ends (a change file's
 * body may be megabytes); null when it is missing, still arriving or unreadable.
 */
export function readHeaderLine(file: string): unknown {
  try {
    return readOpenFile(file, (fd) => {
      const chunks: Buffer[] = [];
      const chunk = Buffer.alloc(16_384);
      for (;;) {
        const n = fs.readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) return null;
        const end = chunk.subarray(0, n).indexOf(10);
        chunks.push(Buffer.from(chunk.subarray(0, end === -1 ? n : end)));
        if (end !== -1) return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      }
    });
  } catch {
    return null;
  }
}

/**
 * What is wrong with a share file's kind and version (null when it is one of ours that this Uptake
 * reads); `what` names the kind, e.g. "an Uptake snapshot".
 */
export function formatProblem(header: { format?: unknown; version?: unknown }, format: string, what: string): string | null {
  if (header.format !== format) return `is not ${what}`;
  if (typeof header.version !== 'number' || header.version > SHARE_VERSION) {
    return `was written by a newer Uptake (file format ${String(header.version)}); update Uptake to read it`;
  }
  return null;
}

/** The list a share file's body holds under `key`, when it is the header's `count` of readable items; else what is wrong. */
export function bodyItems<T>(bodyLine: string, key: string, count: unknown, isItem: (x: unknown) => x is T): T[] | string {
  let items: unknown;
  try {
    items = (JSON.parse(bodyLine) as Record<string, unknown>)[key];
  } catch {
    return 'has an unreadable body';
  }
  if (!Array.isArray(items) || items.length !== count || !items.every(isItem)) return 'holds records that are not field changes';
  return items;
}

/** Reads and checks one change file; never throws for what is in the file. */
export function readChangeFile(file: string, expect: { workspace: string; device: string; seq: number }): ReadChangeFile {
  const fail = (reason: string, retry: boolean): ReadChangeFile => ({ ok: false, problem: { file, reason, retry } });
  const lines = readHeaderAndBody<ChangeFileHeader>(file);
  if (!lines.ok) return { ok: false, problem: lines.problem };
  const { header, bodyLine, text } = lines;
  const unreadable = formatProblem(header, CHANGES_FORMAT, 'an Uptake change file');
  if (unreadable) return fail(unreadable, false);
  if (header.workspace !== expect.workspace || header.device !== expect.device || header.seq !== expect.seq) {
    return fail('says it belongs to another workspace, device or place in the sequence than where it lies', false);
  }
  if (sha256(bodyLine) !== header.sha256) return fail('does not match its checksum (still arriving, or damaged)', true);
  if (header.seen !== undefined && !(typeof header.seen === 'object' && header.seen !== null && Object.values(header.seen).every(isText))) {
    return fail('has a header whose list of devices seen is not readable', false);
  }
  const changes = bodyItems(bodyLine, 'changes', header.count, isChange);
  if (typeof changes === 'string') return fail(changes, false);
  return { ok: true, header, changes, fileHash: sha256(text) };
}
