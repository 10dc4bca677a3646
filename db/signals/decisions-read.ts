import { createHmac } from 'node:crypto';
import { type BrokenRows, type CsvError, type CsvPart, type CsvReadResult, columnIndex, LISTED, listedError, readCsv } from './csv';
import { DECISION_ACTIONS } from './model';

/*
 * Reading and checking a decisions CSV, with no database: the part of a decisions import that can
 * run on another thread (decisions-worker.ts) while the importing thread only writes. The same
 * code runs in the importing thread when no worker can be started, so there is one validator.
 *
 * Rows leave here in compact batches: numbers in typed arrays (their buffers are transferred, not
 * copied, to the importing thread), team and initiative names and user hashes as indexes into
 * dictionaries that grow batch by batch (each batch carries only its new entries). Every problem
 * is reported with its row, column, value and what was expected, in file order.
 */

export const DECISION_COLUMNS = ['timestamp', 'initiative', 'team', 'user', 'recommendation_id', 'action', 'reason'] as const;
/** Columns a decisions file may add (free text, stored as written): what the AI recommended, what the person did. */
export const DECISION_OPTIONAL_COLUMNS = ['recommended', 'final'] as const;
/** Longest recommended or final text kept: a summary for the reviewer, not the whole case. */
export const DECISION_TEXT_MAX = 500;
/** The actions in the order of their stored codes (0 accepted … 3 ignored). */
export const ACTIONS = DECISION_ACTIONS;
const ACTION_CODE = new Map<string, number>(ACTIONS.map((a, i) => [a, i]));

export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** HMAC-SHA-256 of a user id with the workspace key, 128 bits in hex: counts habits, stores no name. */
export function hashUser(key: string, user: string): string {
  return createHmac('sha256', key).update(user).digest('hex').slice(0, 32);
}

const realDates = new Map<string, boolean>();
/** True for a calendar date that exists (2026-02-30 does not). Cached: a file has few distinct days. */
export function isRealDate(s: string): boolean {
  let ok = realDates.get(s);
  if (ok === undefined) {
    const d = new Date(`${s}T00:00:00Z`);
    ok = !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    if (realDates.size < 100_000) realDates.set(s, ok);
  }
  return ok;
}

/**
 * A decisions timestamp in ms since the epoch, or NaN when it is not an ISO 8601 timestamp with Z or
 * an offset on a real calendar date. The usual shape, YYYY-MM-DDTHH:MM:SSZ with every field in
 * range, is read digit by digit (a third of the cost); anything else goes the general way
 * (pattern, Date.parse, calendar check), which decides exactly as before.
 */
export function timestampMs(s: string): number {
  if (s.length === 20 && s.charCodeAt(19) === 90 /* Z */) {
    const ms = canonicalMs(s);
    if (ms !== null) return ms;
  }
  return generalTimestampMs(s);
}

/** timestampMs the general way, for any shape (and for the tests of the usual shape's shortcut). */
export function generalTimestampMs(s: string): number {
  const ms = TIMESTAMP.test(s) ? Date.parse(s) : Number.NaN;
  return Number.isNaN(ms) || !isRealDate(s.slice(0, 10)) ? Number.NaN : ms;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DDTHH:MM:SSZ with month, day, hour, minute and second in range; null for anything else. */
function canonicalMs(s: string): number | null {
  // Straight-line on purpose: a helper closure per digit costs several times more.
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  const mo0 = s.charCodeAt(5) - 48;
  const mo1 = s.charCodeAt(6) - 48;
  const d0 = s.charCodeAt(8) - 48;
  const d1 = s.charCodeAt(9) - 48;
  const h0 = s.charCodeAt(11) - 48;
  const h1 = s.charCodeAt(12) - 48;
  const mi0 = s.charCodeAt(14) - 48;
  const mi1 = s.charCodeAt(15) - 48;
  const s0 = s.charCodeAt(17) - 48;
  const s1 = s.charCodeAt(18) - 48;
  const digits =
    y0 >>> 0 <= 9 &&
    y1 >>> 0 <= 9 &&
    y2 >>> 0 <= 9 &&
    y3 >>> 0 <= 9 &&
    mo0 >>> 0 <= 9 &&
    mo1 >>> 0 <= 9 &&
    d0 >>> 0 <= 9 &&
    d1 >>> 0 <= 9 &&
    h0 >>> 0 <= 9 &&
    h1 >>> 0 <= 9 &&
    mi0 >>> 0 <= 9 &&
    mi1 >>> 0 <= 9 &&
    s0 >>> 0 <= 9 &&
    s1 >>> 0 <= 9;
  const separators =
    s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 84 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58;
  if (!digits || !separators) return null;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return null;
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The UTC month of an instant as YYYYMM (the civil-from-days algorithm: no Date object per row). */
export function utcMonth(ms: number): number {
  const z = Math.floor(ms / 86_400_000) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (month <= 2 ? 1 : 0)) * 100 + month;
}

/** What a row is: skipped (wrong number of fields: nothing else is checked), bad (a field is wrong), or ok. */
export const ROW_SKIPPED = 0;
export const ROW_BAD = 1;
export const ROW_OK = 2;

/** One chunk of rows. Arrays are indexed by the row's position in the batch. */
export interface DecisionBatch {
  /** Row number of the batch's first row (1-based; the header is row 1). */
  first: number;
  count: number;
  state: Uint8Array;
  /** Index into the team dictionary, -1 for a blank name (also for skipped rows). */
  team: Int32Array;
  initiative: Int32Array;
  /** For ok rows: index into the user-hash dictionary, the timestamp (ms), its UTC month (YYYYMM), the action code. */
  user: Int32Array;
  ts: Float64Array;
  month: Int32Array;
  action: Uint8Array;
  /** For ok rows: the recommendation id and the reason (null when empty); '' and null for the others. */
  recs: string[];
  reasons: (string | null)[];
  /**
   * For ok rows, when the file has the optional column: its text (null when empty). Null arrays
   * when the file has no such column, so a file without them costs nothing more per row.
   */
  recommended: (string | null)[] | null;
  final: (string | null)[] | null;
  /** Dictionary entries first used in this batch, in index order, appended to the earlier ones. */
  newTeams: string[];
  newInitiatives: string[];
  newUsers: string[];
  /** This batch's problems, in row order (at most `limit` in the whole file); errorCount counts all of them. */
  errors: CsvError[];
  errorCount: number;
  /**
   * For the aggregates, numbered here so the writing thread only adds up: for ok rows, the row's
   * cell (initiative, team, month) and entry (cell, user). New cells are (initiative, team, month)
   * triples of dictionary indexes and month, new entries (cell, user index) pairs. Numbering starts
   * again from 0 after `totalsRestart` (the writer writes what it holds first), so the numbers stay few.
   */
  cell: Int32Array;
  entry: Int32Array;
  newCells: Int32Array;
  newEntries: Int32Array;
  totalsRestart: boolean;
}

/**
 * Entries (cell, user) numbered before numbering starts again: bounds the memory of both threads.
 * Each restart makes the writer add its counts into rows it wrote before (an update, in the table
 * and its covering index, instead of an insert): 20,000 users over 7,200 cells make 720,000
 * entries, which took two rounds at 500,000 and a tenth more time. Just below the 786,432 pairs
 * at which the reader's PairNumbers table would double to 2^21 slots (12 MB more), with room for
 * the batch that crosses it; the writer's arrays then hold at most 2^20 entries (20 MB).
 */
export const TOTALS_ENTRIES = 780_000;

/** The buffers of a batch, to transfer rather than copy them to another thread. */
export function batchBuffers(b: DecisionBatch): ArrayBuffer[] {
  return [b.state, b.team, b.initiative, b.user, b.ts, b.month, b.action, b.cell, b.entry, b.newCells, b.newEntries].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Turns rows of a decisions CSV into batches: checks every field, hashes users (once per distinct user). */
export class DecisionParser {
  private idx = {} as Record<(typeof DECISION_COLUMNS)[number], number>;
  /** Fields per row, and the optional columns' positions (-1: absent). */
  private width: number = DECISION_COLUMNS.length;
  private recommendedAt = -1;
  private finalAt = -1;
  private readonly teams = new Map<string, number>();
  private readonly initiatives = new Map<string, number>();
  private readonly users = new Map<string, number>();
  private listed = 0;
  /** Aggregate cells by (initiative, team, month) and entries by (cell, user); see DecisionBatch. */
  private cells = new Map<number | string, number>();
  /** (cell, user index) → entry. */
  private entries = new PairNumbers();

  constructor(
    private readonly fileName: string,
    private readonly secret: string,
    /** Entries numbered before numbering starts again (tests make it small). */
    private readonly totalsEntries = TOTALS_ENTRIES,
    /** How many problems are listed in full (the rest are counted): CsvErrors' limit. */
    private readonly limit = LISTED,
    /**
     * Only check: every field as usual, and the team and initiative names, but no user hashes,
     * timestamps or aggregate numbers in the batches (an import's first pass, before it writes).
     */
    private readonly checkOnly = false,
  ) {}

  header(header: string[]): void {
    const norm = header.map((h) => h.toLowerCase());
    const optional = new Set<string>(DECISION_OPTIONAL_COLUMNS);
    // The required columns are checked as before; optional ones are located by name.
    const required = columnIndex(
      this.fileName,
      header.filter((_, j) => !optional.has(norm[j] as string)),
      DECISION_COLUMNS,
      DECISION_OPTIONAL_COLUMNS,
    );
    this.idx = Object.fromEntries(DECISION_COLUMNS.map((c) => [c, norm.indexOf(c)])) as typeof required;
    this.recommendedAt = norm.indexOf('recommended');
    this.finalAt = norm.indexOf('final');
    this.width = header.length;
  }

  /** Checks and numbers `rows` (row `first` onwards); `broken` rows are reported as they are and not read. */
  parse(rows: string[][], first: number, broken: BrokenRows | null = null): DecisionBatch {
    const n = rows.length;
    const totalsRestart = this.entries.size >= this.totalsEntries;
    if (totalsRestart) {
      this.cells = new Map();
      this.entries.clear();
    }
    const newCells: number[] = [];
    const newEntries: number[] = [];
    const checkOnly = this.checkOnly;
    const m = checkOnly ? 0 : n;
    const b: DecisionBatch = {
      first,
      count: n,
      state: new Uint8Array(n),
      team: new Int32Array(n),
      initiative: new Int32Array(n),
      user: new Int32Array(m),
      ts: new Float64Array(m),
      month: new Int32Array(m),
      action: new Uint8Array(m),
      recs: new Array<string>(m),
      reasons: new Array<string | null>(m),
      recommended: this.recommendedAt >= 0 ? new Array<string | null>(m).fill(null) : null,
      final: this.finalAt >= 0 ? new Array<string | null>(m).fill(null) : null,
      newTeams: [],
      newInitiatives: [],
      newUsers: [],
      errors: [],
      errorCount: 0,
      cell: new Int32Array(m),
      entry: new Int32Array(m),
      newCells: new Int32Array(0),
      newEntries: new Int32Array(0),
      totalsRestart,
    };
    const idx = this.idx;
    const width = this.width;
    const extra = this.recommendedAt >= 0 || this.finalAt >= 0;
    const fail = (error: CsvError) => {
      b.errorCount++;
      if (this.listed < this.limit) {
        this.listed++;
        b.errors.push(listedError(error));
      }
    };
    for (let i = 0; i < n; i++) {
      const r = rows[i] as string[];
      const row = first + i;
      if (!checkOnly) {
        b.recs[i] = '';
        b.reasons[i] = null;
      }
      const problem = broken?.get(i);
      if (problem || r.length !== width) {
        fail(
          problem ?? { row, column: null, value: null, expected: `${width} fields, found ${r.length} (check for a stray comma or quote)` },
        );
        b.state[i] = ROW_SKIPPED;
        b.team[i] = -1;
        b.initiative[i] = -1;
        continue;
      }
      const tsText = (r[idx.timestamp] ?? '').trim();
      const initiativeName = r[idx.initiative] ?? '';
      const teamName = r[idx.team] ?? '';
      const user = (r[idx.user] ?? '').trim();
      const rec = (r[idx.recommendation_id] ?? '').trim();
      const actionText = (r[idx.action] ?? '').trim();
      const reasonText = (r[idx.reason] ?? '').trim();
      let ok = true;
      const ms = timestampMs(tsText);
      if (Number.isNaN(ms)) {
        fail({ row, column: 'timestamp', value: tsText, expected: 'an ISO 8601 timestamp with Z or an offset, e.g. 2026-03-14T09:30:00Z' });
        ok = false;
      }
      const action = ACTION_CODE.get(actionText);
      if (action === undefined) {
        fail({ row, column: 'action', value: actionText, expected: `one of ${ACTIONS.join(', ')}` });
        ok = false;
      }
      if (!user) {
        fail({ row, column: 'user', value: '', expected: 'a user id (it is stored only as a keyed hash)' });
        ok = false;
      }
      if (!rec) {
        fail({ row, column: 'recommendation_id', value: '', expected: 'the id of the AI recommendation' });
        ok = false;
      }
      const teamBlank = !teamName.trim();
      if (teamBlank) {
        fail({ row, column: 'team', value: '', expected: 'a team name' });
        ok = false;
      }
      const initiativeBlank = !initiativeName.trim();
      if (initiativeBlank) {
        fail({ row, column: 'initiative', value: '', expected: 'an initiative name' });
        ok = false;
      }
      let recommendedText: string | null = null;
      let finalText: string | null = null;
      if (extra) {
        recommendedText = this.recommendedAt >= 0 ? (r[this.recommendedAt] ?? '').trim() || null : null;
        finalText = this.finalAt >= 0 ? (r[this.finalAt] ?? '').trim() || null : null;
        for (const [column, text] of [
          ['recommended', recommendedText],
          ['final', finalText],
        ] as const) {
          if (text !== null && text.length > DECISION_TEXT_MAX) {
            fail({
              row,
              column,
              value: `${text.slice(0, 40)}…`,
              expected: `at most ${DECISION_TEXT_MAX} characters (found ${text.length}); shorten it to a summary`,
            });
            ok = false;
          }
        }
      }
      b.team[i] = teamBlank ? -1 : dictionaryIndex(this.teams, teamName, b.newTeams);
      b.initiative[i] = initiativeBlank ? -1 : dictionaryIndex(this.initiatives, initiativeName, b.newInitiatives);
      if (!ok || action === undefined) {
        b.state[i] = ROW_BAD;
        continue;
      }
      if (checkOnly) {
        b.state[i] = ROW_OK;
        continue;
      }
      let u = this.users.get(user);
      if (u === undefined) {
        u = this.users.size;
        this.users.set(own(user), u);
        b.newUsers.push(hashUser(this.secret, user));
      }
      const month = utcMonth(ms);
      const t = b.team[i] as number;
      const ini = b.initiative[i] as number;
      // Dictionary indexes below 2^16 and a month below 2^20 pack into one exact number.
      const cellKey = t < 65_536 && ini < 65_536 ? (ini * 65_536 + t) * 1_048_576 + month : `${ini},${t},${month}`;
      let cell = this.cells.get(cellKey);
      if (cell === undefined) {
        cell = this.cells.size;
        this.cells.set(cellKey, cell);
        newCells.push(ini, t, month);
      }
      const size = this.entries.size;
      const entry = this.entries.number(cell, u);
      if (entry === size) newEntries.push(cell, u);
      b.state[i] = ROW_OK;
      b.user[i] = u;
      b.ts[i] = ms;
      b.month[i] = month;
      b.action[i] = action;
      b.recs[i] = rec;
      b.reasons[i] = reasonText === '' ? null : reasonText;
      if (extra) {
        if (b.recommended) b.recommended[i] = recommendedText;
        if (b.final) b.final[i] = finalText;
      }
      b.cell[i] = cell;
      b.entry[i] = entry;
    }
    b.newCells = Int32Array.from(newCells);
    b.newEntries = Int32Array.from(newEntries);
    return b;
  }
}

/**
 * Numbers pairs of non-negative 32-bit integers 0, 1, 2… in order of first sight: an open-addressing
 * hash table in typed arrays. Hundreds of thousands of pairs cost a few MB outside the JS heap,
 * against several times that in Maps, and a lookup is a few array reads.
 */
export class PairNumbers {
  private a = new Int32Array(1 << 12).fill(-1);
  private b = new Int32Array(1 << 12);
  private n = new Int32Array(1 << 12);
  size = 0;

  /** The number of (x, y), given it (the current size) if it is new. */
  number(x: number, y: number): number {
    const mask = this.a.length - 1;
    let i = hashPair(x, y) & mask;
    for (;;) {
      const k = this.a[i] as number;
      if (k === -1) break;
      if (k === x && this.b[i] === y) return this.n[i] as number;
      i = (i + 1) & mask;
    }
    this.a[i] = x;
    this.b[i] = y;
    this.n[i] = this.size;
    this.size++;
    if (this.size * 4 > this.a.length * 3) this.rehash();
    return this.size - 1;
  }

  clear(): void {
    this.a.fill(-1);
    this.size = 0;
  }

  private rehash(): void {
    const [a, b, n] = [this.a, this.b, this.n];
    const capacity = a.length * 2;
    this.a = new Int32Array(capacity).fill(-1);
    this.b = new Int32Array(capacity);
    this.n = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let j = 0; j < a.length; j++) {
      const x = a[j] as number;
      if (x === -1) continue;
      const y = b[j] as number;
      let i = hashPair(x, y) & mask;
      while (this.a[i] !== -1) i = (i + 1) & mask;
      this.a[i] = x;
      this.b[i] = y;
      this.n[i] = n[j] as number;
    }
  }
}

/** Mixes two 32-bit integers (a murmur3-style finaliser), so the low bits index a table well. */
function hashPair(x: number, y: number): number {
  let h = Math.imul(x, 0x9e3779b1) ^ y;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The dictionary index of `value`, adding it (and noting it in `added`) the first time. */
function dictionaryIndex(dictionary: Map<string, number>, value: string, added: string[]): number {
  let i = dictionary.get(value);
  if (i === undefined) {
    i = dictionary.size;
    dictionary.set(own(value), i);
    added.push(value);
  }
  return i;
}

/**
 * A copy of `s` that holds only its own characters. A field cut from the text of a read is a
 * slice of that 64 KiB text and keeps all of it alive: kept as a dictionary key, 20,000 users' ids
 * kept some 250 reads' text, 20 MB of the reader's heap.
 */
function own(s: string): string {
  // Rebuilt from its UTF-16 units: the same string, exactly, in new memory.
  return s.split('').join('');
}

/**
 * Reads a decisions CSV into batches. `emit` may return a promise to hold the reading back until
 * the batch is dealt with (the worker's bound on batches in flight).
 */
export function readDecisions(
  file: string,
  fileName: string,
  secret: string,
  emit: (batch: DecisionBatch) => void | Promise<void>,
  totalsEntries = TOTALS_ENTRIES,
  checkOnly = false,
  /** Only this part of the file (an import's check in two halves). */
  part: CsvPart = {},
): Promise<CsvReadResult> {
  const parser = new DecisionParser(fileName, secret, totalsEntries, LISTED, checkOnly);
  return readCsv(
    file,
    (header) => parser.header(header),
    (rows, first, broken) => emit(parser.parse(rows, first, broken)),
    part,
  );
}
