import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { noteWriter } from '../busy';
import { badInput, UserError } from '../errors';
import type { Engine } from '../open';
import { toCsv } from '../reports/csv';
import { settings } from '../schema';
import { SHADOW_PROCESS_KINDS } from '../shadow-processes/model';
import { fieldTargets, headerNames } from '../stakeholders/fields';
import { stakeholderSink } from '../stakeholders/import';
import { newId, write } from '../write';
import { findImportBatch } from './batches';
import { IMPORT_COLUMNS, isOwnHeader, PULSE_COLUMNS, SHADOW_COLUMNS, USAGE_COLUMNS } from './columns';
import { CsvErrors, type CsvReadResult, type CsvSink, columnIndex, fileProblem, formatCsvErrors, peekCsv, readCsv, wholeRow } from './csv';
import { checkDecisions } from './decisions-check';
import { DATE, type DecisionBatch, isRealDate, MONTH, ROW_OK, ROW_SKIPPED } from './decisions-read';
import { DecisionsReader } from './decisions-source';
import { SignalKeys } from './keys';
import { checkMappedFields, checkMapping, getMapping, matchingMapping } from './mappings';
import type { ImportBatch, ImportErrorData, ImportKind, ImportMapping, ImportPass, ImportSummary } from './model';
import { NAMES_HINT, NameResolver, suggestionsText } from './names';
import { peopleSink, todayUtc } from './people';
import { translateFile } from './translate';
import { monthlyUpsert } from './upserts';

export { IMPORT_COLUMNS, OPTIONAL_IMPORT_COLUMNS } from './columns';
export { ACTIONS, hashUser } from './decisions-read';
export type { ImportKind, ImportSummary } from './model';

export interface ImportOptions {
  dryRun?: boolean;
  createMissing?: boolean;
  /** Names in the file → existing team or initiative names, for every row ("did you mean"). */
  aliases?: Record<string, string>;
  /** Import a file even though the same file (same kind, same SHA-256) was imported before. */
  again?: boolean;
  /** Shown in messages and stored with the batch (defaults to the file's name). */
  displayName?: string;
  /** After each batch of rows each pass reads: which pass, and its rows so far. */
  onProgress?: (progress: { phase: ImportPass; rows: number }) => void;
  /**
   * Decisions only: where the file is read and checked. true: a worker thread (this thread if none
   * starts); false: this thread (the fallback; the tests compare both). Default: a worker thread
   * for files of 1 MiB or more. onParsed is told where it was.
   */
  worker?: boolean;
  onParsed?: (where: 'worker' | 'thread') => void;
  /** Decisions only, for tests: aggregate entries held in memory before they are written. */
  totalsEntries?: number;
  /**
   * Decisions only: whether the check reads the file's two halves on two worker threads at once
   * (decisions-check.ts). Default: for files of 4 MiB or more, when the reader runs on a worker.
   */
  checkInParts?: boolean;
  onChecked?: (how: 'halves' | 'whole') => void;
  /** People: the day a file without an effective_date column takes effect (default: today, UTC). */
  effectiveDate?: string;
  /**
   * A file in another system's format: the mapping to read it with (a preset's id, a saved
   * mapping's name, or the mapping itself). Without one, a file whose header is not Uptake's
   * own is read with the saved mapping or preset its header fits, if any.
   */
  mapping?: string | ImportMapping;
  /** Per-user reports: the month counted, and whether each app is counted as its own initiative too. */
  month?: string;
  perApp?: boolean;
}

const INTEGER = /^\d+$/;
/**
 * Whether a kind's rows belong to an import batch (kept as a batch row, so the same file is not
 * imported twice). The registers (shadow processes, stakeholders) are synced records matched to
 * the existing ones: a second import of a file updates them, and each change is in their history.
 */
const BATCHED = (kind: ImportKind) => kind !== 'shadow-processes' && kind !== 'stakeholders';
/** Page cache for a decisions import, in KiB. */
const DECISIONS_CACHE_KIB = 8192;

/** The workspace's key for hashing user ids (made once, synced with the workspace). */
export function userHashKey(engine: Engine, authorId: string | null): string {
  const row = engine.orm.select().from(settings).where(eq(settings.id, 'user_hash_key')).get();
  if (row) return JSON.parse(row.value) as string;
  const made = randomBytes(32).toString('hex');
  write(engine, authorId, 'settings', 'user_hash_key', { value: JSON.stringify(made) }, 'create');
  return made;
}

/**
 * Imports one CSV file, all or nothing, in two passes. The first reads and checks the whole file
 * holding no lock: a file with problems is refused listing every one, and other writers (another
 * window, the CLI) never wait on it. The second reads it again and writes it in one transaction,
 * begun IMMEDIATE, that holds the database's write lock; it is rolled back for a dry run, and
 * when the file changed between the passes.
 */
export async function importFile(
  engine: Engine,
  authorId: string | null,
  kind: ImportKind,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const name = options.displayName ?? path.basename(file);
  let mapping: ImportMapping | null = null;
  let header: string[] | null = null;
  // The workspace's custom fields: columns a stakeholder file may add, and targets its mapping may fill.
  const { names: fields, dates: dateFields } = fieldTargets(engine, kind);
  const ownHeader = (h: string[]) => isOwnHeader(kind, h, headerNames(fields));
  if (options.mapping !== undefined) {
    mapping =
      typeof options.mapping === 'string' ? getMapping(engine, options.mapping) : checkMapping(options.mapping, 'The mapping', fields);
    if (mapping.kind !== kind) {
      throw badInput(
        `The mapping "${mapping.id ?? mapping.name}" makes ${mapping.kind} files, not ${kind}: choose a ${kind} mapping, or import it as ${mapping.kind}.`,
      );
    }
  } else {
    // One look at the header (a few KiB), so a file in Uptake's own format takes the usual path untouched.
    header = peekCsv(file, 0)[0] ?? null;
    if (header && !ownHeader(header)) mapping = matchingMapping(engine, kind, header);
  }
  if (mapping) checkMappedFields(mapping, fields);
  const job: ImportJob = { engine, authorId, kind, file, name, options };
  if (!mapping) {
    try {
      return await importOwnFile(job);
    } catch (e) {
      if (header && !ownHeader(header) && e instanceof UserError && e.message.includes('the header row is wrong')) {
        throw new UserError(
          e.code,
          `${e.message}\nA file in another tool's format is read through a column mapping, and no saved mapping or preset fits this header: map its columns once on the Imports screen (or give --mapping NAME; \`uptake mappings list\` lists them) and the next file with the same header is read the same way.`,
          e.details,
        );
      }
      throw e;
    }
  }
  const translated = await translateFile(engine, mapping, file, name, {
    dateFields,
    ...(options.month ? { month: options.month } : {}),
    ...(options.perApp ? { perApp: true } : {}),
  });
  try {
    const summary = await importOwnFile({ ...job, file: translated.file, mapping: mapping.id ?? mapping.name });
    summary.mapping = mapping.id ?? mapping.name;
    if (translated.month) summary.month = translated.month;
    if (translated.notInDirectory) summary.notInDirectory = translated.notInDirectory;
    return summary;
  } catch (e) {
    throw e instanceof UserError ? inSourceTerms(e, translated.sourceOf) : e;
  } finally {
    translated.cleanup();
  }
}

/** An error about a mapped file, its columns named as the source names them. */
function inSourceTerms(e: UserError, sourceOf: Record<string, string>): UserError {
  let message = e.message;
  for (const [target, source] of Object.entries(sourceOf)) message = message.replaceAll(`column "${target}"`, `column "${source}"`);
  const rename = <T extends { column: string | null }>(list: unknown): T[] | undefined =>
    Array.isArray(list) ? (list as T[]).map((p) => ({ ...p, column: p.column ? (sourceOf[p.column] ?? p.column) : null })) : undefined;
  const details = e.details ? { ...e.details } : undefined;
  if (details) {
    const problems = rename(details.problems);
    const errors = rename(details.errors);
    if (problems) details.problems = problems;
    if (errors) details.errors = errors;
  }
  return new UserError(e.code, message, details);
}

/** One import of one file: into which database, by whom, what kind, the file read and what messages call it, and how. */
interface ImportJob {
  engine: Engine;
  authorId: string | null;
  kind: ImportKind;
  file: string;
  /** options.displayName, or the file's base name. */
  name: string;
  options: ImportOptions;
  /** A file in another format: the mapping it was read through (`file` is then the rows it gave, in Uptake's format). */
  mapping?: string;
}

async function importOwnFile(job: ImportJob): Promise<ImportSummary> {
  const { engine, kind, file, name, options } = job;
  if (engine.sqlite.inTransaction) throw new Error('importFile must not run inside another transaction');
  // One worker thread reads a decisions file for both passes.
  const reader = kind === 'decisions' ? new DecisionsReader(file, options.worker) : null;
  try {
    const checked = await checkFile(job, reader);
    // Known from the first pass's hash, so said before anything is written (and without reading the file again).
    const earlier = options.again || !BATCHED(kind) ? null : findImportBatch(engine, kind, checked);
    if (earlier && !options.dryRun) throw alreadyImported(name, earlier, job.mapping);
    const summary = await writeFile(job, reader, checked);
    if (earlier) summary.alreadyImported = earlier;
    return summary;
  } finally {
    await reader?.close();
  }
}

/** An import's second pass: reads the file again and writes it, holding the write lock. */
async function writeFile(
  { engine, authorId, kind, file, name, options }: ImportJob,
  reader: DecisionsReader | null,
  /** The SHA-256 the first pass read. */
  checked: string,
): Promise<ImportSummary> {
  const errors = new CsvErrors();
  const names = new NameResolver(engine, authorId, options.createMissing ?? false, false, options.aliases);
  const summary = emptySummary(kind, name, options.dryRun ?? false, names.created);
  // A dry run writes in a transaction it rolls back: its progress says it counts, not that it writes.
  const pass: ImportPass = options.dryRun ? 'counting' : 'writing';
  // A decisions import walks tens of MB of B-tree: a bigger page cache than the connection's 2 MB
  // saves re-reading and re-writing evicted pages when keys arrive in random order (8 MB: a third
  // faster there; 16 MB gains another tenth but takes the import process near 256 MB). Its
  // many-row statements keep a statement journal (to undo one that fails): in memory, not spilled
  // to a temporary file (a sixth of the writing time). Both set back afterwards (Uptake keeps no
  // temporary tables, which a change of temp_store would drop).
  const cacheSize = engine.sqlite.pragma('cache_size', { simple: true }) as number;
  const tempStore = engine.sqlite.pragma('temp_store', { simple: true }) as number;
  if (kind === 'decisions') {
    engine.sqlite.pragma(`cache_size = ${-DECISIONS_CACHE_KIB}`);
    engine.sqlite.pragma('temp_store = MEMORY');
  }
  let unnote = () => {};
  try {
    engine.sqlite.exec('BEGIN IMMEDIATE');
    // Noted once the lock is ours: a writer that waits in vain is told which import it waited for.
    unnote = noteWriter(engine.file, `an import of ${name}`);
    const batchId = BATCHED(kind) ? newId() : null;
    if (batchId) {
      write(engine, authorId, 'import_batches', batchId, { kind, fileName: name, sha256: '', counts: '{}', open: true }, 'create');
    }
    let read: CsvReadResult;
    let finish: () => void;
    const restoreGuard = kind === 'decisions' ? liftRowGuard(engine) : () => {};
    if (kind === 'decisions') {
      const sink = decisionsSink(engine, authorId, batchId ?? '', names, errors, summary);
      finish = sink.finish;
      const decisions = await (reader ?? new DecisionsReader(file, false)).read(
        file,
        name,
        sink.secret,
        (batch) => {
          sink.batch(batch);
          options.onProgress?.({ phase: pass, rows: summary.rows });
        },
        options.totalsEntries ? { totalsEntries: options.totalsEntries } : {},
      );
      options.onParsed?.(decisions.parsedOn);
      read = decisions;
    } else {
      const sink = makeSink(engine, authorId, kind, batchId, names, errors, summary, false, options.effectiveDate);
      finish = sink.finish;
      read = await readCsv(
        file,
        (header) => sink.header(name, header),
        (rows, first, broken) => {
          sink.rows(rows, first, broken);
          summary.rows += rows.length;
          options.onProgress?.({ phase: pass, rows: summary.rows });
        },
      );
    }
    if (read.sha256 !== checked) {
      throw badInput(`${name} changed while it was being imported; nothing was imported. Import it again once it is saved.`);
    }
    summary.sha256 = read.sha256;
    const unknown = names.problems();
    if (errors.count > 0 || unknown) throw importErrors(name, errors, unknown);
    finish();
    restoreGuard();
    if (batchId) {
      summary.batchId = batchId;
      const counts = { rows: summary.rows, new: summary.new, changed: summary.changed, unchanged: summary.unchanged };
      write(engine, authorId, 'import_batches', batchId, { sha256: read.sha256, counts: JSON.stringify(counts), open: false }, 'update');
    }
    engine.sqlite.exec(options.dryRun ? 'ROLLBACK' : 'COMMIT');
    if (options.dryRun) summary.batchId = null;
    return summary;
  } catch (e) {
    if (engine.sqlite.inTransaction) engine.sqlite.exec('ROLLBACK');
    throw e;
  } finally {
    unnote();
    if (kind === 'decisions') {
      engine.sqlite.pragma(`cache_size = ${cacheSize}`);
      engine.sqlite.pragma(`temp_store = ${tempStore}`);
    }
  }
}

/**
 * The decisions insert guard (a row must carry the key of an open import batch: migration 0004)
 * is a trigger that runs once per row, a third of the time SQLite takes to insert a row here. A
 * decisions import lifts it inside its own transaction, whose write lock keeps every other
 * connection from writing meanwhile, and puts the same SQL back before it commits; a rollback
 * (a failed or dry run, a crash) puts it back by itself. So every committed state has the guard,
 * and the only writer it is lifted for is the import, whose rows all carry its open batch's key.
 */
function liftRowGuard(engine: Engine): () => void {
  const sql = engine.sqlite
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'decisions_guard_insert'")
    .pluck()
    .get() as string | undefined;
  if (!sql) throw new Error('decisions_guard_insert is missing: the database was not migrated');
  engine.sqlite.exec('DROP TRIGGER decisions_guard_insert');
  return () => engine.sqlite.exec(sql);
}

/**
 * An import's first pass: reads and checks the whole file as the second pass will, resolving
 * names without creating any, writing nothing and holding no lock. Throws every problem found
 * (capped lists); returns the SHA-256 of what it read, which the second pass must read again.
 */
async function checkFile({ engine, kind, file, name, options }: ImportJob, reader: DecisionsReader | null): Promise<string> {
  const makeNames = () => new NameResolver(engine, null, options.createMissing ?? false, true, options.aliases);
  let errors: CsvErrors;
  let names: NameResolver;
  let read: CsvReadResult;
  if (kind === 'decisions') {
    const fileReader = reader ?? new DecisionsReader(file, false);
    ({ read, names, errors } = await checkDecisions(
      file,
      name,
      fileReader,
      makeNames,
      options.checkInParts,
      (rows) => options.onProgress?.({ phase: 'checking', rows }),
      options.onChecked,
    ));
  } else {
    errors = new CsvErrors();
    names = makeNames();
    let checkedRows = 0;
    const sink = makeSink(engine, null, kind, null, names, errors, emptySummary(kind, name), true, options.effectiveDate);
    read = await readCsv(
      file,
      (header) => sink.header(name, header),
      (chunk, first, broken) => {
        sink.rows(chunk, first, broken);
        checkedRows += chunk.length;
        options.onProgress?.({ phase: 'checking', rows: checkedRows });
      },
    );
  }
  if (read.rows === 0) {
    const message = 'a header but no data rows';
    throw badInput(`${name} has ${message}; nothing was imported.`, fileProblem(name, null, 'at least one data row below the header'));
  }
  const unknown = names.problems();
  if (errors.count > 0 || unknown) throw importErrors(name, errors, unknown);
  return read.sha256;
}

/** An import's summary before it reads a row: a check's (a dry run that creates no names), or the second pass's. */
const emptySummary = (
  kind: ImportKind,
  file: string,
  dryRun = true,
  created: ImportSummary['created'] = { teams: [], initiatives: [] },
): ImportSummary => ({ kind, file, sha256: '', batchId: null, dryRun, rows: 0, new: 0, changed: 0, unchanged: 0, created });

/**
 * The error of a file with problems: its row errors and its unknown names together, so one run
 * lists both; every list capped (CsvErrors and NameResolver.problems).
 */
function importErrors(name: string, errors: CsvErrors, unknown: ReturnType<NameResolver['problems']>) {
  const data: ImportErrorData = {
    file: name,
    problems: errors.list.map((e) => ({ row: e.row, column: e.column, value: e.value, message: e.expected })),
    problemCount: errors.count,
    names: unknown?.names ?? [],
    nameCount: unknown?.nameCount ?? 0,
  };
  const details = { ...(errors.count > 0 ? { errors: errors.list, errorCount: errors.count } : {}), ...unknown?.details, ...data };
  const hint = unknown ? `${suggestionsText(unknown.names)}${NAMES_HINT}` : '';
  if (errors.count === 0 && unknown) {
    return badInput(`${name}: ${unknown.text}. Nothing was imported. ${hint}`, details);
  }
  const also = unknown ? `\nAlso ${unknown.text}. ${hint}` : '';
  return badInput(`${formatCsvErrors(name, errors)}${also}`, details);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The refusal of a file imported before: nothing is written unless the import is asked to go again.
 * A file read through a mapping is compared by the rows it gives (their SHA-256), not its bytes.
 */
function alreadyImported(name: string, earlier: ImportBatch, mapping?: string): UserError {
  // One spelling of a day that no reader misreads (the shared formatting module is the renderer's).
  const [y, m, d] = earlier.importedAt.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = `${d} ${MONTHS[m - 1]} ${y}`;
  const by = earlier.importedBy ? ` by ${earlier.importedBy}` : '';
  const data: ImportErrorData = {
    file: name,
    problems: [],
    problemCount: 0,
    names: [],
    nameCount: 0,
    alreadyImported: earlier,
    ...(mapping === undefined ? {} : { mapping }),
  };
  const batch = `batch ${earlier.id.slice(0, 8)}, "${earlier.fileName}"`;
  return new UserError(
    'CONFLICT',
    mapping === undefined
      ? `${name} was already imported on ${day}${by} (${batch}): the same ${earlier.kind} file, byte for byte. Nothing was written.`
      : `The ${earlier.kind} rows of ${name} were already imported on ${day}${by} (${batch}): ${name}, read through the mapping "${mapping}", gives the same rows as that import, value for value. Nothing was written.`,
    { ...data },
  );
}

function makeSink(
  engine: Engine,
  authorId: string | null,
  kind: Exclude<ImportKind, 'decisions'>,
  batchId: string | null,
  names: NameResolver,
  errors: CsvErrors,
  summary: ImportSummary,
  /** Only check the rows (the first pass): nothing is looked up or written. */
  checkOnly = false,
  /** People: the day a file without an effective_date column takes effect. */
  effectiveDate = todayUtc(),
): CsvSink {
  switch (kind) {
    case 'people':
      return peopleSink(engine, batchId ?? '', names, errors, summary, checkOnly ? null : userHashKey(engine, authorId), effectiveDate);
    case 'usage':
      return keyedSink(engine, 'usage', USAGE, batchId ?? '', names, errors, summary, checkOnly);
    case 'pulse':
      return keyedSink(engine, 'pulse', PULSE, batchId ?? '', names, errors, summary, checkOnly);
    case 'shadow-processes':
      return shadowSink(engine, authorId, names, errors, summary, checkOnly);
    case 'stakeholders':
      return stakeholderSink({ engine, authorId, names, errors, summary, checkOnly });
  }
}

/* ---------- usage and pulse: small files keyed by (month, team, initiative), upsert ---------- */

interface KeyedSpec {
  columns: readonly string[];
  /** Value columns, in table order, with their parsers. */
  values: { column: string; sql: string; parse: (v: string) => number | string }[];
  /** Cross-field checks: returns the problem, or null. */
  check: (v: Record<string, number>) => { column: string; expected: string } | null;
}

const count = (v: string): number | string =>
  INTEGER.test(v) && Number(v) <= Number.MAX_SAFE_INTEGER ? Number(v) : 'a whole number, 0 or more';

const USAGE: KeyedSpec = {
  columns: USAGE_COLUMNS,
  values: [
    { column: 'licensed_users', sql: 'licensed_users', parse: count },
    { column: 'active_users', sql: 'active_users', parse: count },
    { column: 'workflows_started', sql: 'workflows_started', parse: count },
    { column: 'workflows_completed', sql: 'workflows_completed', parse: count },
  ],
  check: (v) =>
    (v.active_users ?? 0) > (v.licensed_users ?? 0)
      ? { column: 'active_users', expected: `at most licensed_users (${v.licensed_users})` }
      : (v.workflows_completed ?? 0) > (v.workflows_started ?? 0)
        ? { column: 'workflows_completed', expected: `at most workflows_started (${v.workflows_started})` }
        : null,
};

const PULSE: KeyedSpec = {
  columns: PULSE_COLUMNS,
  values: [
    { column: 'respondents', sql: 'respondents', parse: count },
    {
      column: 'trust_mean',
      sql: 'trust_mean',
      parse: (v) => {
        const n = Number(v);
        return v.trim() !== '' && Number.isFinite(n) && n >= 1 && n <= 5 ? n : 'a number from 1 to 5';
      },
    },
    { column: 'manual_backup', sql: 'manual_backup', parse: count },
  ],
  check: (v) =>
    (v.manual_backup ?? 0) > (v.respondents ?? 0) ? { column: 'manual_backup', expected: `at most respondents (${v.respondents})` } : null,
};

function keyedSink(
  engine: Engine,
  table: 'usage' | 'pulse',
  spec: KeyedSpec,
  batchId: string,
  names: NameResolver,
  errors: CsvErrors,
  summary: ImportSummary,
  checkOnly: boolean,
): CsvSink {
  let idx: Record<string, number> = {};
  const seen = new Map<string, number>();
  const cols = spec.values.map((v) => v.sql);
  const select = engine.sqlite
    .prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE month = ? AND team_id = ? AND initiative_id = ?`)
    .raw();
  const upsert = monthlyUpsert(engine, table, cols);
  return {
    header: (name, header) => {
      idx = columnIndex(name, header, spec.columns);
    },
    rows: (rows, first, broken) => {
      rows.forEach((r, i) => {
        const row = first + i;
        if (!wholeRow(errors, r, i, row, broken, spec.columns.length)) return;
        const cell = (c: string) => (r[idx[c] ?? -1] ?? '').trim();
        let ok = true;
        const bad = (column: string, expected: string) => {
          errors.add({ row, column, value: cell(column), expected });
          ok = false;
        };
        const month = cell('month');
        if (!MONTH.test(month)) bad('month', 'a month as YYYY-MM, e.g. 2026-03');
        if (!cell('team')) bad('team', 'a team name');
        if (!cell('initiative')) bad('initiative', 'an initiative name');
        const values: Record<string, number> = {};
        for (const v of spec.values) {
          const parsed = v.parse(cell(v.column));
          if (typeof parsed === 'string') bad(v.column, parsed);
          else values[v.column] = parsed;
        }
        if (ok) {
          const problem = spec.check(values);
          if (problem) bad(problem.column, problem.expected);
        }
        const teamId = cell('team') ? names.team(cell('team'), row) : null;
        const initiativeId = cell('initiative') ? names.initiative(cell('initiative'), row) : null;
        if (!ok || !teamId || !initiativeId) return;
        const key = `${month}\u0001${teamId}\u0001${initiativeId}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          errors.add({
            row,
            column: null,
            value: null,
            expected: `a different (month, team, initiative): row ${earlier} has the same key. Which of the two is meant? Keep one.`,
          });
          return;
        }
        seen.set(key, row);
        if (checkOnly) return;
        const next = spec.values.map((v) => values[v.column] ?? 0);
        const existing = select.get(month, teamId, initiativeId) as number[] | undefined;
        if (!existing) summary.new++;
        // An unchanged row still takes this batch's id: the latest import holding a key is the
        // one sync orders by (db/sync/batches.ts), on every device the same.
        else if (existing.every((x, j) => x === next[j])) summary.unchanged++;
        else summary.changed++;
        if (errors.count === 0) upsert.run(month, teamId, initiativeId, ...next, batchId);
      });
    },
    finish: () => {},
  };
}

/* ---------- decisions: millions of rows, hashed users, dedupe, exact aggregates ---------- */

/*
 * The file is read, checked and hashed by decisions-read.ts (on a worker thread: decisions-source.ts);
 * this thread gets compact batches and only resolves names to keys and writes, in the import's one
 * transaction. A row is inserted; when its key (initiative, recommendation, user) is already there,
 * a later timestamp replaces it and an equal or older one is a duplicate. Rows are inserted
 * CHUNK_ROWS at a time in one statement; a chunk that meets an existing key fails as a whole
 * (nothing of it is written) and is done row by row, each row looked up first from then on until
 * one is new again (a re-import is all duplicates).
 */

interface DecisionsSink {
  /** The workspace's key for hashing user ids, for the reader. */
  secret: string;
  batch(batch: DecisionBatch): void;
  finish(): void;
}

const CHUNK_ROWS = 64;
const DECISION_COLUMNS_SQL = 'initiative, recommendation_id, user, ts, month, team, action, reason, batch';
/** With the file's optional columns (decisions-read.ts DECISION_OPTIONAL_COLUMNS), after the others. */
const DECISION_TEXTS_SQL = ', recommended, final';
const values = (rows: number, columns: number) =>
  Array.from({ length: rows }, () => `(${Array.from({ length: columns }, () => '?').join(', ')})`).join(', ');

function decisionsSink(
  engine: Engine,
  authorId: string | null,
  batchId: string,
  names: NameResolver,
  errors: CsvErrors,
  summary: ImportSummary,
): DecisionsSink {
  const secret = userHashKey(engine, authorId);
  const keys = new SignalKeys(engine);
  const batchKey = keys.get('batch', batchId);
  // Parameters per row: 9, or 11 once the file turns out to have recommended/final (its first
  // batch says so), so a file without them binds nothing more per row.
  let W = 9;
  const statements = (texts: boolean) => {
    const columns = texts ? DECISION_COLUMNS_SQL + DECISION_TEXTS_SQL : DECISION_COLUMNS_SQL;
    const w = texts ? 11 : 9;
    return {
      insert: engine.sqlite.prepare(`INSERT INTO decisions (${columns}) VALUES ${values(1, w)} ON CONFLICT DO NOTHING`),
      insertChunk: engine.sqlite.prepare(`INSERT INTO decisions (${columns}) VALUES ${values(CHUNK_ROWS, w)}`),
      // A replacing row replaces its texts too (a file without them leaves none).
      update: engine.sqlite.prepare(
        `UPDATE decisions SET ts = ?, month = ?, team = ?, action = ?, reason = ?, batch = ?, ${texts ? 'recommended = ?, final = ?' : 'recommended = NULL, final = NULL'} WHERE initiative = ? AND recommendation_id = ? AND user = ?`,
      ),
    };
  };
  let { insert, insertChunk, update } = statements(false);
  const select = engine.sqlite
    .prepare('SELECT ts, month, team, action FROM decisions WHERE initiative = ? AND recommendation_id = ? AND user = ?')
    .raw();

  // The reader's dictionaries (names as written in the file, user hashes) and their keys, resolved on first use.
  const teamNames: string[] = [];
  const initiativeNames: string[] = [];
  const userHashes: string[] = [];
  const userKeys: number[] = [];
  const resolver = (kind: 'team' | 'initiative', dictionary: string[]) => {
    const cache: (number | null)[] = [];
    const lookup = (name: string, row: number) => (kind === 'team' ? names.team(name, row) : names.initiative(name, row));
    const resolve = (i: number, row: number): number | null => {
      if (i < 0) return null;
      const cached = cache[i];
      if (cached === null) lookup(dictionary[i] ?? '', row); // notes the row of an unknown name
      if (cached !== undefined) return cached;
      const id = lookup(dictionary[i] ?? '', row);
      const key = id ? keys.get(kind, id) : null;
      cache[i] = key;
      return key;
    };
    return { resolve, known: (i: number) => cache[i] ?? null };
  };
  const teams = resolver('team', teamNames);
  const initiatives = resolver('initiative', initiativeNames);
  const userKey = (u: number) => {
    let key = userKeys[u];
    if (key === undefined) {
      key = keys.get('user', userHashes[u] as string);
      userKeys[u] = key;
    }
    return key;
  };
  const totals = new DecisionTotals(engine, {
    team: teams.known,
    initiative: initiatives.known,
    user: (u) => userKeys[u] ?? null,
  });

  // Rows waiting to fill a chunk, in file order and carried from one batch to the next (so the
  // rows at a batch's end do not each take a statement of their own): their parameters, and the
  // aggregate cell and entry the reader numbered them with.
  let params: (number | string | null)[] = new Array(CHUNK_ROWS * W);
  const stagedCell = new Int32Array(CHUNK_ROWS);
  const stagedEntry = new Int32Array(CHUNK_ROWS);
  let staged = 0;
  let single: (number | string | null)[] = new Array(W);
  let seeking = false;

  /** One row, its parameters at p[o…o+W-1]: inserted, or compared with the row already there. */
  const one = (p: (number | string | null)[], o: number, cell: number, entry: number) => {
    const initiative = p[o] as number;
    const rec = p[o + 1] as string;
    const user = p[o + 2] as number;
    const ts = p[o + 3] as number;
    const month = p[o + 4] as number;
    const team = p[o + 5] as number;
    const action = p[o + 6] as number;
    const reason = p[o + 7] as string | null;
    const texts = W === 11;
    let old: [number, number, number, number] | undefined;
    if (seeking) {
      old = select.get(initiative, rec, user) as typeof old;
      if (!old) {
        if (texts) insert.run(initiative, rec, user, ts, month, team, action, reason, batchKey, p[o + 9], p[o + 10]);
        else insert.run(initiative, rec, user, ts, month, team, action, reason, batchKey);
        seeking = false;
      }
    } else if (
      (texts
        ? insert.run(initiative, rec, user, ts, month, team, action, reason, batchKey, p[o + 9], p[o + 10])
        : insert.run(initiative, rec, user, ts, month, team, action, reason, batchKey)
      ).changes === 0
    ) {
      seeking = true;
      old = select.get(initiative, rec, user) as typeof old;
    }
    if (!old) {
      summary.new++;
      totals.count(cell, entry, action);
    } else if (ts > old[0]) {
      if (texts) update.run(ts, month, team, action, reason, batchKey, p[o + 9], p[o + 10], initiative, rec, user);
      else update.run(ts, month, team, action, reason, batchKey, initiative, rec, user);
      totals.subtract(initiative, old[2], old[1], user, old[3]);
      totals.count(cell, entry, action);
      summary.changed++;
    } else {
      summary.unchanged++;
    }
  };

  /** The staged rows one by one (fewer than a chunk: at the end, or before the aggregates' numbering restarts). */
  const drain = () => {
    for (let j = 0; j < staged; j++) one(params, j * W, stagedCell[j] as number, stagedEntry[j] as number);
    staged = 0;
  };

  /** A full chunk in one statement; when a key in it was there already or repeats, nothing is written and it goes row by row. */
  const flush = () => {
    try {
      // Spread: better-sqlite3 then reads arguments, faster than the elements of one array.
      insertChunk.run(...params);
    } catch (e) {
      // The statement is undone as a whole (SQLite's ABORT); the transaction stays.
      if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
      drain();
      return;
    }
    for (let j = 0; j < CHUNK_ROWS; j++) totals.count(stagedCell[j] as number, stagedEntry[j] as number, params[j * W + 6] as number);
    summary.new += CHUNK_ROWS;
    staged = 0;
  };

  /** Row i of batch b with its keys: staged for a chunk, or on its own while seeking the end of known rows. */
  const row = (b: DecisionBatch, i: number, initiative: number, team: number, user: number) => {
    const p = seeking ? single : params;
    const o = seeking ? 0 : staged * W;
    p[o] = initiative;
    p[o + 1] = b.recs[i] as string;
    p[o + 2] = user;
    p[o + 3] = b.ts[i] as number;
    p[o + 4] = b.month[i] as number;
    p[o + 5] = team;
    p[o + 6] = b.action[i] as number;
    p[o + 7] = b.reasons[i] ?? null;
    p[o + 8] = batchKey;
    if (W === 11) {
      p[o + 9] = b.recommended?.[i] ?? null;
      p[o + 10] = b.final?.[i] ?? null;
    }
    if (seeking) {
      one(single, 0, b.cell[i] as number, b.entry[i] as number);
      return;
    }
    stagedCell[staged] = b.cell[i] as number;
    stagedEntry[staged] = b.entry[i] as number;
    if (++staged === CHUNK_ROWS) flush();
  };

  return {
    secret,
    batch: (b) => {
      if (W === 9 && (b.recommended || b.final)) {
        // The first batch (nothing staged yet): every row of this file carries the texts.
        W = 11;
        ({ insert, insertChunk, update } = statements(true));
        params = new Array(CHUNK_ROWS * W);
        single = new Array(W);
      }
      teamNames.push(...b.newTeams);
      initiativeNames.push(...b.newInitiatives);
      userHashes.push(...b.newUsers);
      for (const e of b.errors) errors.add(e);
      errors.count += b.errorCount - b.errors.length;
      if (b.totalsRestart) {
        // Staged rows are counted in the numbering about to end.
        drain();
        totals.write();
      }
      totals.define(b.newCells, b.newEntries);
      // Names are resolved for every row (unknown ones are listed with all their rows); rows are
      // written only while the file has no problem (the import fails otherwise).
      const n = b.count;
      for (let i = 0; i < n; i++) {
        const state = b.state[i];
        if (state === ROW_SKIPPED) continue;
        const line = b.first + i;
        const team = teams.resolve(b.team[i] as number, line);
        const initiative = initiatives.resolve(b.initiative[i] as number, line);
        if (state !== ROW_OK || team === null || initiative === null || errors.count > 0) continue;
        row(b, i, initiative, team, userKey(b.user[i] as number));
      }
      summary.rows += n;
    },
    finish: () => {
      drain();
      totals.write(true);
    },
  };
}

/**
 * What an import adds to decision_counts and decision_user_counts. New rows are counted in typed
 * arrays by the cells and entries the reader numbered (no lookups here); a replaced row's old
 * values are subtracted by key. Written in primary-key order (B-tree appends, not random
 * inserts) when the reader starts numbering again and at the end, so memory stays bounded.
 */
class DecisionTotals {
  /** Per cell: initiative and team (dictionary indexes) and month; per entry: cell and user index. */
  private cells = new Int32Array(3 * 1024);
  private entries = new Int32Array(2 * 16_384);
  private nCells = 0;
  private nEntries = 0;
  /** Per cell: accepted, edited, overridden, ignored. Per entry: total, acted, overridden. */
  private cellCounts = new Int32Array(4 * 1024);
  private entryCounts = new Int32Array(3 * 16_384);
  /** Subtractions for replaced rows: "initiative,team,month,user" → action counts. */
  private subtracted = new Map<string, number[]>();
  private anySubtracted = false;
  private readonly upCounts;
  private readonly upCountsChunk;
  private readonly upUsers;
  private readonly upUsersChunk;

  constructor(
    private readonly engine: Engine,
    /** Keys of the reader's dictionary indexes (null: never written, so nothing is counted). */
    private readonly keyOf: Record<'team' | 'initiative' | 'user', (i: number) => number | null>,
  ) {
    const counts = (rows: number) =>
      engine.sqlite.prepare(
        `INSERT INTO decision_counts (initiative, team, month, accepted, edited, overridden, ignored) VALUES ${values(rows, 7)}
         ON CONFLICT DO UPDATE SET accepted = accepted + excluded.accepted, edited = edited + excluded.edited,
           overridden = overridden + excluded.overridden, ignored = ignored + excluded.ignored`,
      );
    const users = (rows: number) =>
      engine.sqlite.prepare(
        `INSERT INTO decision_user_counts (initiative, team, month, user, total, acted, overridden) VALUES ${values(rows, 7)}
         ON CONFLICT DO UPDATE SET total = total + excluded.total, acted = acted + excluded.acted, overridden = overridden + excluded.overridden`,
      );
    this.upCounts = counts(1);
    this.upCountsChunk = counts(CHUNK_ROWS);
    this.upUsers = users(1);
    this.upUsersChunk = users(CHUNK_ROWS);
  }

  /** The reader's new cells and entries (numbered from where the earlier ones stop). */
  define(cells: Int32Array, entries: Int32Array): void {
    while (this.cells.length < this.nCells * 3 + cells.length) this.cells = grow(this.cells);
    this.cells.set(cells, this.nCells * 3);
    this.nCells += cells.length / 3;
    while (this.entries.length < this.nEntries * 2 + entries.length) this.entries = grow(this.entries);
    this.entries.set(entries, this.nEntries * 2);
    this.nEntries += entries.length / 2;
    while (this.cellCounts.length < this.nCells * 4) this.cellCounts = grow(this.cellCounts);
    while (this.entryCounts.length < this.nEntries * 3) this.entryCounts = grow(this.entryCounts);
  }

  count(cell: number, entry: number, action: number): void {
    const c = this.cellCounts;
    const k = cell * 4 + action;
    c[k] = (c[k] as number) + 1;
    const u = this.entryCounts;
    const o = entry * 3;
    u[o] = (u[o] as number) + 1;
    if (action !== 3) u[o + 1] = (u[o + 1] as number) + 1;
    if (action === 2) u[o + 2] = (u[o + 2] as number) + 1;
  }

  subtract(initiative: number, team: number, month: number, user: number, action: number): void {
    const k = `${initiative},${team},${month},${user}`;
    let s = this.subtracted.get(k);
    if (!s) {
      s = [0, 0, 0, 0];
      this.subtracted.set(k, s);
    }
    s[action] = (s[action] as number) + 1;
    this.anySubtracted = true;
  }

  /** Writes what is held, in key order, and starts again; at the end, removes cells that fell to zero. */
  write(final = false): void {
    const counts = new Chunked(this.upCountsChunk, this.upCounts, 7);
    const users = new Chunked(this.upUsersChunk, this.upUsers, 7);
    const nCells = this.nCells;
    const nEntries = this.nEntries;
    // Cells by key; entries grouped by cell (a counting sort), then by user key.
    const cellKey = new Float64Array(nCells * 3);
    const order: number[] = [];
    for (let c = 0; c < nCells; c++) {
      const initiative = this.keyOf.initiative(this.cells[c * 3] as number);
      const team = this.keyOf.team(this.cells[c * 3 + 1] as number);
      if (initiative === null || team === null) continue;
      cellKey[c * 3] = initiative;
      cellKey[c * 3 + 1] = team;
      cellKey[c * 3 + 2] = this.cells[c * 3 + 2] as number;
      order.push(c);
    }
    order.sort(
      (a, b) =>
        (cellKey[a * 3] as number) - (cellKey[b * 3] as number) ||
        (cellKey[a * 3 + 1] as number) - (cellKey[b * 3 + 1] as number) ||
        (cellKey[a * 3 + 2] as number) - (cellKey[b * 3 + 2] as number),
    );
    const start = new Int32Array(nCells + 1);
    for (let e = 0; e < nEntries; e++) {
      const next = (this.entries[e * 2] as number) + 1;
      start[next] = (start[next] as number) + 1;
    }
    for (let c = 0; c < nCells; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
    const fill = start.slice(0, nCells);
    const byCell = new Int32Array(nEntries);
    for (let e = 0; e < nEntries; e++) {
      const c = this.entries[e * 2] as number;
      byCell[fill[c] as number] = e;
      fill[c] = (fill[c] as number) + 1;
    }
    const cc = this.cellCounts;
    const ec = this.entryCounts;
    // decision_user_counts is keyed (initiative, team, user, month): the entries of all the months
    // of one initiative and team are written together, by user and then month.
    const inPair: [number, number, number][] = [];
    const flushPair = (initiative: number, team: number) => {
      inPair.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (const [user, month, e] of inPair) {
        users.row(initiative, team, month, user, ec[e * 3] as number, ec[e * 3 + 1] as number, ec[e * 3 + 2] as number);
      }
      inPair.length = 0;
    };
    for (let i = 0; i < order.length; i++) {
      const c = order[i] as number;
      const initiative = cellKey[c * 3] as number;
      const team = cellKey[c * 3 + 1] as number;
      const month = cellKey[c * 3 + 2] as number;
      const k = c * 4;
      if (cc[k] !== 0 || cc[k + 1] !== 0 || cc[k + 2] !== 0 || cc[k + 3] !== 0) {
        counts.row(initiative, team, month, cc[k] as number, cc[k + 1] as number, cc[k + 2] as number, cc[k + 3] as number);
      }
      for (let x = start[c] as number; x < (start[c + 1] as number); x++) {
        const e = byCell[x] as number;
        if (ec[e * 3] === 0) continue;
        const user = this.keyOf.user(this.entries[e * 2 + 1] as number);
        if (user !== null) inPair.push([user, month, e]);
      }
      const next = order[i + 1];
      if (next === undefined || cellKey[next * 3] !== initiative || cellKey[next * 3 + 1] !== team) flushPair(initiative, team);
    }
    // Replaced rows' old values, in key order too.
    const subtracted = [...this.subtracted].map(([k, s]) => [...k.split(',').map(Number), s] as [number, number, number, number, number[]]);
    subtracted.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[3] - b[3] || a[2] - b[2]);
    counts.end();
    for (const [initiative, team, month, user, s] of subtracted) {
      const [accepted = 0, edited = 0, overridden = 0, ignored = 0] = s;
      this.upCounts.run(initiative, team, month, -accepted, -edited, -overridden, -ignored);
      users.row(initiative, team, month, user, -(accepted + edited + overridden + ignored), -(accepted + edited + overridden), -overridden);
    }
    users.end();
    this.nCells = 0;
    this.nEntries = 0;
    this.cellCounts.fill(0);
    this.entryCounts.fill(0);
    this.subtracted.clear();
    if (final && this.anySubtracted) {
      this.engine.sqlite.exec('DELETE FROM decision_counts WHERE accepted = 0 AND edited = 0 AND overridden = 0 AND ignored = 0');
      this.engine.sqlite.exec('DELETE FROM decision_user_counts WHERE total = 0');
    }
  }
}

/** Rows for a multi-row INSERT, run CHUNK_ROWS at a time (the rest one by one). */
class Chunked {
  private readonly params: number[];
  private k = 0;
  constructor(
    private readonly many: Statement,
    private readonly one: Statement,
    private readonly columns: number,
  ) {
    this.params = new Array(CHUNK_ROWS * columns);
  }
  row(...values: number[]): void {
    for (const v of values) this.params[this.k++] = v;
    if (this.k === this.params.length) {
      this.many.run(...this.params);
      this.k = 0;
    }
  }
  end(): void {
    for (let o = 0; o < this.k; o += this.columns) this.one.run(this.params.slice(o, o + this.columns));
    this.k = 0;
  }
}

/** The same numbers in an array twice the size. */
function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

/* ---------- the shadow-process register as CSV ---------- */

function shadowSink(
  engine: Engine,
  authorId: string | null,
  names: NameResolver,
  errors: CsvErrors,
  summary: ImportSummary,
  checkOnly: boolean,
): CsvSink {
  let idx = {} as Record<(typeof SHADOW_COLUMNS)[number], number>;
  const existing = new Map(
    (
      engine.sqlite.prepare('SELECT id, name, team_id FROM shadow_processes WHERE deleted = 0').all() as {
        id: string;
        name: string;
        team_id: string;
      }[]
    ).map((p) => [`${p.name.toLocaleLowerCase()}\u0001${p.team_id}`, p.id]),
  );
  const seen = new Map<string, number>();
  return {
    header: (name, header) => {
      idx = columnIndex(name, header, SHADOW_COLUMNS);
    },
    rows: (rows, first, broken) => {
      rows.forEach((r, i) => {
        const row = first + i;
        const problem = broken?.get(i);
        if (problem) {
          errors.add(problem);
          return;
        }
        const cell = (c: (typeof SHADOW_COLUMNS)[number]) => (r[idx[c]] ?? '').trim();
        let ok = true;
        const bad = (column: string, value: string, expected: string) => {
          errors.add({ row, column, value, expected });
          ok = false;
        };
        if (r.length !== SHADOW_COLUMNS.length) {
          errors.add({ row, column: null, value: null, expected: `${SHADOW_COLUMNS.length} fields, found ${r.length}` });
          return;
        }
        if (!cell('name')) bad('name', '', 'a name for the process');
        const kind = cell('kind').toLowerCase();
        if (!(SHADOW_PROCESS_KINDS as readonly string[]).includes(kind))
          bad('kind', cell('kind'), `one of ${SHADOW_PROCESS_KINDS.join(', ')}`);
        const users = cell('users_involved');
        if (!INTEGER.test(users)) bad('users_involved', users, 'a whole number, 0 or more');
        if (!DATE.test(cell('first_seen')) || !isRealDate(cell('first_seen')))
          bad('first_seen', cell('first_seen'), 'a date as YYYY-MM-DD');
        const retired = cell('retired_on');
        if (retired && (!DATE.test(retired) || !isRealDate(retired))) bad('retired_on', retired, 'a date as YYYY-MM-DD, or empty');
        if (retired && ok && retired < cell('first_seen'))
          bad('retired_on', retired, `a date on or after first_seen (${cell('first_seen')})`);
        if (!cell('team')) bad('team', '', 'a team name');
        const teamId = cell('team') ? names.team(cell('team'), row) : null;
        const initiativeId = cell('initiative') ? names.initiative(cell('initiative'), row) : null;
        if (!ok || !teamId || (cell('initiative') && !initiativeId) || errors.count > 0) return;
        const key = `${cell('name').toLocaleLowerCase()}\u0001${teamId}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          errors.add({ row, column: 'name', value: cell('name'), expected: `a process not already in row ${earlier} for the same team` });
          return;
        }
        seen.set(key, row);
        if (checkOnly) return;
        const fields = {
          name: cell('name'),
          teamId,
          initiativeId: initiativeId ?? null,
          kind,
          owner: cell('owner') || null,
          usersInvolved: Number(users),
          reason: cell('reason') || null,
          failurePattern: cell('failure_pattern') || null,
          firstSeen: cell('first_seen'),
          retiredOn: retired || null,
        };
        const id = existing.get(key);
        if (id) {
          const result = write(engine, authorId, 'shadow_processes', id, fields, 'update');
          if (result.changed.length > 0) summary.changed++;
          else summary.unchanged++;
        } else {
          write(engine, authorId, 'shadow_processes', newId(), fields, 'create');
          summary.new++;
        }
      });
    },
    finish: () => {},
  };
}

/** The example month, teams and initiative every template shows, so that the files of one example agree. */
const COMMON_EXAMPLES: Record<string, [string, string]> = {
  month: ['2026-01', '2026-01'],
  team: ['Claims North', 'Claims South'],
  initiative: ['Claims triage assistant', 'Claims triage assistant'],
};

/**
 * Two example rows of each kind, by column, as docs/metrics.md describes them. A column without
 * an example here is left empty in the template (every column the import adds later is optional or
 * gets one). A kind that gives no month, team or initiative shows COMMON_EXAMPLES'.
 */
const TEMPLATE_EXAMPLES: Record<ImportKind, Record<string, [string, string]>> = {
  usage: {
    licensed_users: ['40', '30'],
    active_users: ['34', '22'],
    workflows_started: ['380', '260'],
    workflows_completed: ['341', '218'],
  },
  decisions: {
    timestamp: ['2026-01-05T08:00:00+01:00', '2026-01-05T09:30:00Z'],
    user: ['E1042', 'E2011'],
    recommendation_id: ['rec-4100', 'rec-7200'],
    action: ['accepted', 'overridden'],
    reason: ['', 'Estimate ignored the flood history, so the reserve was set by hand'],
  },
  pulse: {
    respondents: ['28', '21'],
    trust_mean: ['2.3', '3.4'],
    manual_backup: ['13', '5'],
  },
  people: {
    user: ['E1042', 'lena.fischer@example.com'],
    region: ['North', 'South'],
    manager: ['E1001', 'E2001'],
    effective_date: ['2026-01-01', '2026-01-01'],
  },
  'shadow-processes': {
    name: ['Claims reserve tracker', 'Paper referral log'],
    team: ['Claims North', 'Claims North'],
    initiative: ['Claims triage assistant', ''],
    kind: ['spreadsheet', 'paper'],
    owner: ['Sam Patel', 'Lena Fischer'],
    users_involved: ['9', '4'],
    reason: ['Reserves are re-checked by hand', 'Referrals are still logged on paper'],
    failure_pattern: ['Flood claims under-reserved', ''],
    first_seen: ['2025-11-03', '2025-09-15'],
    retired_on: ['', '2026-04-30'],
  },
  stakeholders: {
    name: ['Priya Raman', 'Tom Becker'],
    title: ['Head of Claims North', 'Senior claims handler'],
    email: ['priya.raman@example.com', ''],
    influence: ['5', '2'],
    interest: ['4', '3'],
    support: ['sceptical', 'supportive'],
    awareness: ['4', '5'],
    desire: ['2', '4'],
    knowledge: ['', '4'],
    ability: ['', '3'],
    reinforcement: ['', ''],
    barrier_point: ['desire', 'ability'],
    quadrant: ['manage closely', 'monitor'],
    open_concerns: ['0', '0'],
    owner: ['', ''],
    tags: ['sponsor; steering group', 'early adopter'],
    notes: ['Wants proof on flood claims before backing the rollout', ''],
  },
};

/** A template of a kind of file: its header (IMPORT_COLUMNS) and two example rows, as CSV. */
export function importTemplate(kind: ImportKind): { fileName: string; csv: string } {
  const columns = IMPORT_COLUMNS[kind];
  const examples = TEMPLATE_EXAMPLES[kind];
  const rows = [0, 1].map((i) => columns.map((c) => (examples[c] ?? COMMON_EXAMPLES[c])?.[i] ?? ''));
  return { fileName: `${kind}-template.csv`, csv: toCsv(columns, rows) };
}
