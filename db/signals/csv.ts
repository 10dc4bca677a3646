import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { badInput } from '../errors';
import { readOpenFile } from '../fs';
import type { ImportErrorData } from './model';

/*
 * Streaming CSV reading for imports: RFC 4180 quoting, a leading BOM and CRLF (or CR) line breaks
 * accepted, strict UTF-8 (a file in another encoding is an error naming the byte), SHA-256 of the
 * raw bytes computed in the same pass. Rows reach the caller in chunks, never the whole file at once.
 *
 * The rows are split here (CsvSplitter), not by a library: a value in quotes that is never closed,
 * or goes on after its closing quote, must be a row error naming the row the quote opened in, with
 * every other row still read and numbered as it stands in the file. Papa Parse (still the
 * renderer's preview parser and the CSV writer) reads such a value on to the next quote that closes
 * something, swallowing the rows between into it and shifting every later row number; an unclosed
 * quote made the rest of a file one value. A quote inside a value that does not start with one
 * (5" screen) is read as it stands, as spreadsheets and Papa Parse read it: it moves no boundary.
 */

export interface CsvError {
  row: number;
  column: string | null;
  value: string | null;
  expected: string;
}

export interface CsvReadResult {
  sha256: string;
  bytes: number;
  rows: number;
  /** A part read with an `end`: whether the part ends where a row ends (false: inside a value in quotes). */
  endsRow?: boolean;
}

/**
 * A part of a file, read on its own: an import's check reads the two halves of a big file on two
 * threads. Both bounds fall just after a line feed (a byte that is never inside a UTF-8 character).
 */
export interface CsvPart {
  /** The first byte read; the rows from there are numbered from 2, as if the header were just before. */
  start?: number;
  /** The byte after the last one read; the part's last row is not finished by force, and `endsRow` says whether it was whole. */
  end?: number;
  /** The header row, given when `start` is (it is not read again). */
  header?: string[];
}

/** How many entries an error lists (rows, names, columns); the rest are counted ("and N more"). */
export const LISTED = 100;

/** A listed error with its value cut short: a cell may be a million characters, and errors travel (worker, HTTP). */
export function listedError(error: CsvError): CsvError {
  return error.value !== null && error.value.length > 200 ? { ...error, value: `${error.value.slice(0, 200)}…` } : error;
}

/** What an import writes a kind of file with: the header once, then the rows in chunks, then the end. */
export interface CsvSink {
  header(name: string, header: string[]): void;
  rows(rows: string[][], firstRow: number, broken: BrokenRows | null): void;
  finish(): void;
}

export class CsvErrors {
  readonly list: CsvError[] = [];
  count = 0;
  constructor(readonly limit = LISTED) {}
  add(error: CsvError) {
    this.count++;
    if (this.list.length < this.limit) this.list.push(listedError(error));
  }
}

/** The data of an error about the whole file (row 1: its header; null: no row in particular). */
export function fileProblem(file: string, row: number | null, message: string): ImportErrorData & Record<string, unknown> {
  return { file, problems: [{ row, column: null, value: null, message }], problemCount: 1, names: [], nameCount: 0 };
}

/** Formats the errors of a failed import: file, row, column, value, what was expected. */
export function formatCsvErrors(file: string, errors: CsvErrors): string {
  const name = path.basename(file);
  const lines = errors.list.map((e) => {
    const where = `row ${e.row}${e.column ? `, column "${e.column}"` : ''}`;
    const value = e.value === null ? '' : `, value ${JSON.stringify(e.value.length > 60 ? `${e.value.slice(0, 60)}…` : e.value)}`;
    return `  ${where}${value}: ${e.expected}`;
  });
  const more = errors.count > errors.list.length ? `\n  …and ${errors.count - errors.list.length} more` : '';
  const rows = new Set(errors.list.map((e) => e.row)).size;
  const what = errors.count === 1 ? '1 problem' : `${errors.count} problems${rows > 1 ? ` in ${rows}${more ? '+' : ''} rows` : ''}`;
  return `${name}: ${what}; nothing was imported. Fix the file and import it again.\n${lines.join('\n')}${more}`;
}

/**
 * Rows of one chunk whose text the CSV reader could not split into fields the way the file meant:
 * by index in the chunk's rows, the problem to report for that row (its fields are not checked).
 */
export type BrokenRows = ReadonlyMap<number, CsvError>;

/**
 * Longest text one row may take. A value in quotes may hold commas and line breaks, so an opening
 * quote that is never closed makes the rest of the file one value: beyond this the reader stops
 * and names the row where the quote opened, instead of holding (and re-reading) the whole rest of
 * the file as one row.
 */
export const MAX_ROW_CHARS = 1 << 20;

const QUOTE_HELP = 'A value with commas, quotes or line breaks goes in quotes, each quote inside it doubled ("").';

/**
 * Reads `file` as CSV. `onHeader` gets the header row; `onRows` gets successive chunks of data
 * rows with the row number (1-based, the header is row 1) of the chunk's first row, and the rows of
 * the chunk that are broken (a quote opened and never closed, text after a closing quote): those
 * are row errors, and their fields mean nothing. When `onRows` returns a promise, reading the file
 * pauses until it settles (a consumer on another thread bounds what is in flight this way), so
 * memory stays bounded however large the file.
 */
export async function readCsv(
  file: string,
  onHeader: (header: string[]) => void,
  onRows: (rows: string[][], firstRow: number, broken: BrokenRows | null) => void | Promise<void>,
  part: CsvPart = {},
): Promise<CsvReadResult> {
  const stat = withCsvFile(file, (_fd, stat) => stat);
  const name = path.basename(file);
  if (stat.size === 0) throw badInput(`${name} is empty: it needs a header row and at least one data row.`);

  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // 64 KiB reads: about 650 decisions rows reach onRows at a time, and each chunk of text stays a
  // small object that dies young (bigger ones go to V8's large-object space until a full GC).
  const start = part.start ?? 0;
  const raw = fs.createReadStream(file, {
    highWaterMark: 1 << 16,
    start,
    ...(part.end !== undefined ? { end: part.end - 1 } : {}),
  });
  let offset = start;
  let failure: unknown = null;
  let callbackError: unknown = null;

  const splitter = new CsvSplitter(part.header ? '\n' : null);
  let header: string[] | null = null;
  let rowNumber = 0;
  if (part.header) {
    header = part.header;
    rowNumber = 1;
    onHeader(header);
  }

  /**
   * Splits `text` after what is pending and hands on every complete row: blank lines skipped, the
   * header first, broken rows marked. Returns the consumer's promise, if any.
   */
  const feed = (text: string, final: boolean): void | Promise<void> => {
    const split = splitter.push(text, final);
    let rows = split.rows;
    let problems = split.problems;
    if (rows.length === 0) return;
    if (!header) {
      const first = rows[0] as string[];
      const problem = problems?.get(0);
      if (problem) throw badInput(formatCsvErrors(name, oneError(rowProblem(problem, 1, null))));
      header = first.map((h) => h.trim());
      rowNumber = 1;
      onHeader(header);
      rows = rows.slice(1);
      if (problems) problems = new Map([...problems].map(([i, p]) => [i - 1, p]));
      if (rows.length === 0) return;
    }
    const first = rowNumber + 1;
    rowNumber += rows.length;
    let broken: Map<number, CsvError> | null = null;
    if (problems) {
      broken = new Map();
      for (const [i, p] of problems) broken.set(i, rowProblem(p, first + i, header));
    }
    return onRows(rows, first, broken);
  };

  await new Promise<void>((resolve) => {
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      resolve();
    };
    const stop = (e: unknown) => {
      callbackError ??= e;
      raw.destroy();
      settle();
    };
    /** Holds the reading back until the consumer is ready for more. */
    const waitFor = (wait: void | Promise<void>, then: () => void) => {
      if (!wait) return then();
      raw.pause();
      wait.then(then, stop);
    };
    raw.on('data', (chunk: string | Buffer) => {
      if (settled) return;
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(buf);
      let text: string;
      try {
        text = decoder.decode(buf, { stream: true });
      } catch {
        failure = badInput(
          `${name} is not valid UTF-8 (a byte near offset ${offset} is not). Save it as "CSV UTF-8" and import it again; nothing was imported.`,
        );
        raw.destroy();
        settle();
        return;
      }
      offset += buf.length;
      try {
        waitFor(feed(text, false), () => raw.resume());
      } catch (e) {
        stop(e);
      }
    });
    raw.on('end', () => {
      if (settled) return;
      let rest: string;
      try {
        rest = decoder.decode();
      } catch {
        failure = badInput(`${name} ends in the middle of a UTF-8 character. Save it as "CSV UTF-8"; nothing was imported.`);
        settle();
        return;
      }
      try {
        // A part that stops before the file does leaves its last row unfinished if the bound fell inside it.
        waitFor(feed(rest, part.end === undefined), settle);
      } catch (e) {
        stop(e);
      }
    });
    raw.on('error', (e) => {
      failure ??= unreadable(file, e);
      settle();
    });
  });
  if (callbackError) throw callbackError;
  if (failure) throw failure;
  if (!header) throw badInput(`${name} has no header row.`);
  const result: CsvReadResult = { sha256: hash.digest('hex'), bytes: stat.size, rows: rowNumber - 1 };
  if (part.end !== undefined) result.endsRow = splitter.atRowStart('\n');
  return result;
}

/** The first rows of a CSV file (header first), read from its first 256 KiB. */
export function peekCsv(file: string, rows = 10): string[][] {
  return withCsvFile(file, (fd) => {
    const buf = Buffer.alloc(1 << 18);
    const got = fs.readSync(fd, buf, 0, buf.length, 0);
    const text = new TextDecoder('utf-8').decode(buf.subarray(0, got));
    const split = new CsvSplitter().push(text, got < buf.length);
    return split.rows.slice(0, rows + 1).map((r) => r.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c)));
  });
}

/**
 * Why a file given to an import cannot be read, as the user's mistake it is (a wrong path, a
 * folder, a file they may not read), naming the path.
 */
export function unreadable(file: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return badInput(`${file}: no such file. Check the path.`);
  if (code === 'EISDIR') return notAFile(file);
  if (code === 'EACCES' || code === 'EPERM') {
    return badInput(`Cannot read ${file}: permission denied. Ask its owner for read access, or import a copy you may read.`);
  }
  return badInput(`Cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
}

const notAFile = (file: string) => badInput(`${file} is a folder, not a CSV file. Give the path of the CSV file itself.`);

/**
 * `read` on the file an import reads, opened for reading and closed after. A missing file, a
 * folder or a file this process may not read is a message naming the path (`unreadable`).
 */
export function withCsvFile<T>(file: string, read: (fd: number, stat: fs.Stats) => T): T {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw unreadable(file, e);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw notAFile(file);
    return read(fd, stat);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Whether a sink may read a row: a row the splitter could not read, or one with another number of
 * fields than the header, is a row error (added to `errors`) and false.
 */
export function wholeRow(errors: CsvErrors, r: string[], i: number, row: number, broken: BrokenRows | null, width: number): boolean {
  const problem = broken?.get(i);
  if (problem) {
    errors.add(problem);
    return false;
  }
  if (r.length !== width) {
    errors.add({ row, column: null, value: null, expected: `${width} fields, found ${r.length} (check for a stray comma or quote)` });
    return false;
  }
  return true;
}

/** The SHA-256 of a file's bytes (an import's check, read in parts, hashes the whole file here). */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Where a big file can be cut in two for reading on two threads: the first line feed after its
 * middle, and its header row (read from its first 64 KiB). Null when there is no such place (no
 * line feed, a header that does not end in time, or bytes that are not UTF-8 there): then it is
 * read whole, and the whole read says what is wrong.
 */
export function halves(file: string): { at: number; header: string[] } | null {
  return readOpenFile(file, (fd) => {
    const size = fs.fstatSync(fd).size;
    const window = Buffer.alloc(1 << 16);
    const head = window.subarray(0, fs.readSync(fd, window, 0, window.length, 0));
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      return null;
    }
    const splitter = new CsvSplitter();
    const { rows, problems } = splitter.push(text, false);
    if (rows.length === 0 || problems?.has(0) || splitter.newlineUsed() !== '\n') return null;
    const header = (rows[0] as string[]).map((h) => h.trim());
    const middle = Math.floor(size / 2);
    const got = fs.readSync(fd, window, 0, window.length, middle);
    const lf = window.subarray(0, got).indexOf(LF);
    if (lf === -1) return null;
    const at = middle + lf + 1;
    return at > head.length && at < size ? { at, header } : null;
  });
}

function oneError(error: CsvError): CsvErrors {
  const errors = new CsvErrors();
  errors.add(error);
  return errors;
}

/** What the splitter could not read in a row, and the field (by position) where it starts. */
export interface SplitProblem {
  kind: 'unclosed' | 'after-quote' | 'too-long';
  field: number;
  /** The value from its opening quote to the end of that line ('' for too-long). */
  value: string;
}

/** A splitter problem as a row error: the row the quote opened in, the column, and what to do. */
function rowProblem(p: SplitProblem, row: number, header: string[] | null): CsvError {
  if (p.kind === 'too-long') {
    return {
      row,
      column: null,
      value: null,
      expected: 'a line break within a million characters: this row is longer. Is this a CSV file?',
    };
  }
  const at = { row, column: header?.[p.field] ?? null, value: p.value };
  if (p.kind === 'unclosed') {
    return {
      ...at,
      expected: `a closing quote: a value in quotes opens in this row and is never closed, so the rows after it would read as part of it. Close it. ${QUOTE_HELP}`,
    };
  }
  return {
    ...at,
    expected: `a comma or the end of the line after a closing quote: this value in quotes has text after its closing quote, a quote inside it that is not doubled, or no closing quote at all. ${QUOTE_HELP}`,
  };
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;

/** A row the splitter cannot finish with the text it has. */
const INCOMPLETE = null;

interface SplitRow {
  fields: string[];
  /** Where the next row starts; beyond the text: drop the text up to the next line break. */
  next: number;
  problem?: SplitProblem;
}

/**
 * Splits CSV text, pushed chunk by chunk, into rows. A row cut by a chunk's end is kept and split
 * when the rest arrives. A value in quotes that is not closed (by the end of the file, or within
 * MAX_ROW_CHARS) or that goes on after its closing quote makes its row a broken row, and splitting
 * goes on at the line after the one the quote opened in: the rows after it are read as the file
 * has them, and their numbers stay right.
 */
export class CsvSplitter {
  private pending = '';
  /** After a line too long to hold: its text up to the next line break is dropped. */
  private skipping = false;

  /** `newline`: '\n' also ends CRLF lines (the CR is dropped); '\r' for files with CR line breaks only; null: guessed from the first text. */
  constructor(private newline: '\n' | '\r' | null = null) {}

  /** The line break in use (null before any text). */
  newlineUsed(): '\n' | '\r' | null {
    return this.newline;
  }

  /** Whether everything pushed so far ended a row, with `newline` as the line break. */
  atRowStart(newline: '\n' | '\r'): boolean {
    return this.pending === '' && !this.skipping && this.newline === newline;
  }

  /** The complete rows of the pending text and `text` (all of it when `final`), with the broken ones by index. */
  push(text: string, final: boolean): { rows: string[][]; problems: Map<number, SplitProblem> | null } {
    let s = this.pending ? this.pending + text : text;
    const rows: string[][] = [];
    let problems: Map<number, SplitProblem> | null = null;
    if (this.newline === null) {
      if (!s) return { rows, problems };
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      this.newline = lineBreak(s) === '\r' ? '\r' : '\n';
    }
    const nl = this.newline;
    const len = s.length;
    let pos = 0;
    if (this.skipping) {
      const end = s.indexOf(nl);
      if (end === -1) {
        this.pending = '';
        return { rows, problems };
      }
      this.skipping = false;
      pos = end + 1;
    }
    // The next quote and line break at or after pos (-1: none), found again only once passed.
    let quote = -2;
    let lineEnd = -2;
    while (pos < len) {
      if (quote !== -1 && quote < pos) quote = s.indexOf('"', pos);
      if (lineEnd !== -1 && lineEnd < pos) lineEnd = s.indexOf(nl, pos);
      if (quote === -1 || (lineEnd !== -1 && quote > lineEnd)) {
        // A line without quotes: split at its commas.
        if (lineEnd === -1 && !final) break;
        const end = lineEnd === -1 ? len : lineEnd;
        const stop = nl === '\n' && end > pos && s.charCodeAt(end - 1) === CR ? end - 1 : end;
        if (stop > pos) rows.push(s.slice(pos, stop).split(','));
        pos = end + 1;
        continue;
      }
      const row = this.quoted(s, pos, lineEnd, final);
      if (row === INCOMPLETE) break;
      if (row.problem) {
        problems ??= new Map();
        problems.set(rows.length, row.problem);
      }
      rows.push(row.fields);
      pos = row.next;
      if (pos > len) this.skipping = true;
    }
    if (pos < len && len - pos > MAX_ROW_CHARS && !final) {
      // No line break in a million characters (and no open quote to blame): dropped to the next one.
      problems ??= new Map();
      problems.set(rows.length, { kind: 'too-long', field: 0, value: '' });
      rows.push([]);
      this.skipping = true;
      pos = len;
    }
    this.pending = pos < len ? s.slice(pos) : '';
    return { rows, problems };
  }

  /** The row starting at `pos`, which has a quote, field by field; INCOMPLETE when the text ends before it does. */
  private quoted(s: string, pos: number, lineEnd: number, final: boolean): SplitRow | typeof INCOMPLETE {
    const len = s.length;
    const lf = this.newline === '\n';
    const fields: string[] = [];
    let f = pos;
    let end = lineEnd;
    for (;;) {
      if (s.charCodeAt(f) !== QUOTE) {
        // Up to the next comma, or the end of the line.
        if (end !== -1 && end < f) end = s.indexOf(lf ? '\n' : '\r', f);
        if (end === -1 && !final) return INCOMPLETE;
        const stop = end === -1 ? len : end;
        const comma = s.indexOf(',', f);
        if (comma !== -1 && comma < stop) {
          fields.push(s.slice(f, comma));
          f = comma + 1;
          continue;
        }
        fields.push(s.slice(f, lf && stop > f && s.charCodeAt(stop - 1) === CR ? stop - 1 : stop));
        return { fields, next: stop + 1 };
      }
      const open = f;
      let search = open + 1;
      let escaped = false;
      let close: number;
      for (;;) {
        close = s.indexOf('"', search);
        // A quote at the very end may be the first of a doubled one: wait for the next character.
        if (close === -1 || (close === len - 1 && !final)) {
          if (!final && len - open <= MAX_ROW_CHARS) return INCOMPLETE;
          return this.broken(s, fields, open, 'unclosed', final);
        }
        if (s.charCodeAt(close + 1) !== QUOTE) break;
        escaped = true;
        search = close + 2;
      }
      let after = close + 1;
      // Spaces between the closing quote and the comma are allowed, as Papa Parse allows them.
      while (s.charCodeAt(after) === SPACE || s.charCodeAt(after) === TAB) after++;
      if (!final && (after >= len || (lf && s.charCodeAt(after) === CR && after + 1 >= len))) return INCOMPLETE;
      const value = escaped ? s.slice(open + 1, close).replaceAll('""', '"') : s.slice(open + 1, close);
      const c = s.charCodeAt(after);
      if (c === COMMA) {
        fields.push(value);
        f = after + 1;
        continue;
      }
      if (after >= len) {
        fields.push(value);
        return { fields, next: len };
      }
      if (lf ? c === LF || (c === CR && s.charCodeAt(after + 1) === LF) : c === CR) {
        fields.push(value);
        return { fields, next: after + (lf && c === CR ? 2 : 1) };
      }
      return this.broken(s, fields, open, 'after-quote', final);
    }
  }

  /** A broken row: splitting goes on at the line after the one its quote opened in. */
  private broken(s: string, fields: string[], open: number, kind: 'unclosed' | 'after-quote', final: boolean): SplitRow {
    const lineEnd = s.indexOf(this.newline ?? '\n', open);
    const next = lineEnd !== -1 ? lineEnd + 1 : final ? s.length : s.length + 1;
    return { fields: [], next, problem: { kind, field: fields.length, value: firstLine(s.slice(open + 1, open + 201)) } };
  }
}

/** A value that runs over several lines is shown up to its first line break. */
const firstLine = (value: string) => value.split(/\r\n|\n|\r/, 1)[0] ?? '';

/**
 * The file's line break, guessed as Papa Parse guesses it: outside quoted values, CRLF when most
 * carriage returns are followed by a line feed, CR when they are not, LF when a line feed comes first.
 */
function lineBreak(text: string): '\r\n' | '\n' | '\r' {
  const outside = text.slice(0, 1 << 20).replace(/"[\s\S]*?"/g, '');
  const byCr = outside.split('\r');
  const firstLf = outside.indexOf('\n');
  if (byCr.length === 1 || (firstLf !== -1 && firstLf < (byCr[0] as string).length)) return '\n';
  const crLf = byCr.filter((part) => part.startsWith('\n')).length;
  return crLf >= byCr.length / 2 ? '\r\n' : '\r';
}

/**
 * Checks the header has exactly the expected columns (in any order); returns each column's index.
 * `optional`: the kind's columns a file may leave out (those it has are in `expected`), so that a
 * wrong header's message says which columns are required and which may be added.
 */
export function columnIndex<C extends string>(
  file: string,
  header: string[],
  expected: readonly C[],
  optional: readonly string[] = [],
): Record<C, number> {
  const norm = header.map((h) => h.toLowerCase());
  const missing = expected.filter((c) => !norm.includes(c));
  const unexpected = header.filter((h) => !expected.includes(h.toLowerCase() as C));
  if (missing.length > 0 || unexpected.length > 0) {
    // A wrong file's first row can have thousands of cells: the list is capped like row errors.
    const name = (c: string) => JSON.stringify(c.length > 60 ? `${c.slice(0, 60)}…` : c);
    const more = unexpected.length > LISTED ? `, and ${(unexpected.length - LISTED).toLocaleString('en-US')} more` : '';
    const parts = [
      missing.length > 0 ? `missing ${missing.map((c) => `"${c}"`).join(', ')}` : '',
      unexpected.length > 0 ? `unexpected ${unexpected.slice(0, LISTED).map(name).join(', ')}${more}` : '',
    ].filter(Boolean);
    const required = expected.filter((c) => !optional.includes(c));
    const rule =
      optional.length === 0
        ? { message: `Row 1 must be exactly: ${expected.join(',')}`, expected: `exactly the columns ${expected.join(',')}, in any order` }
        : {
            message: `Row 1 must have the required columns ${required.join(', ')}, and may have any of the optional columns ${optional.join(', ')}, in any order`,
            expected: `the required columns ${required.join(', ')}, and any of the optional columns ${optional.join(', ')}, in any order`,
          };
    throw badInput(
      `${path.basename(file)}: the header row is wrong (${parts.join('; ')}). ${rule.message}. Nothing was imported.`,
      fileProblem(path.basename(file), 1, `${rule.expected} (${parts.join('; ')})`),
    );
  }
  return Object.fromEntries(expected.map((c) => [c, norm.indexOf(c)])) as Record<C, number>;
}
