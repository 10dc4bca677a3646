import { type CsvError, CsvErrors, type CsvReadResult, halves, hashFile } from './csv';
import { type DecisionBatch, ROW_SKIPPED } from './decisions-read';
import { DecisionsReader, fileSize } from './decisions-source';
import { type NameResolver, ROWS_LISTED } from './names';

/*
 * An import's first pass over a decisions file: every row checked and every team and initiative
 * name resolved, before the import takes the write lock. The writing pass keeps both cores busy
 * (one thread parses, one writes); this pass would keep only one busy, so a big file is checked in
 * two halves on two worker threads at once while this thread hashes the whole file. The second
 * half's rows are numbered from its own start until the first half's row count is known; its
 * problems and names are then told in file order, so the outcome is the one reading the file whole
 * gives. When the middle falls inside a value in quotes (a line break within it), the halves do not
 * meet at a row, and the file is read whole after all.
 */

/** Files this large are checked in two halves (below it, starting a second thread costs more than it saves). */
export const HALVES_MIN_BYTES = 4 << 20;

export interface DecisionsCheck {
  read: CsvReadResult;
  names: NameResolver;
  errors: CsvErrors;
}

/** Rows read so far, for progress. */
interface Counter {
  rows: number;
}

/** Problems and names of one part, told as they come (the first half) or kept until its row numbers are known (the second). */
class PartSink {
  readonly dictionaries = { team: [] as string[], initiative: [] as string[] };
  /** Per dictionary index: the first rows it was met in and how often (kept only when deferred). */
  private readonly met = { team: [] as { rows: number[]; count: number }[], initiative: [] as { rows: number[]; count: number }[] };
  private readonly ids = { team: [] as (string | null)[], initiative: [] as (string | null)[] };
  readonly errors: CsvError[] = [];
  errorCount = 0;

  constructor(
    private readonly names: NameResolver,
    private readonly target: CsvErrors,
    private readonly deferred: boolean,
  ) {}

  batch(b: DecisionBatch): void {
    this.dictionaries.team.push(...b.newTeams);
    this.dictionaries.initiative.push(...b.newInitiatives);
    if (this.deferred) {
      this.errors.push(...b.errors);
      this.errorCount += b.errorCount;
    } else {
      for (const e of b.errors) this.target.add(e);
      this.target.count += b.errorCount - b.errors.length;
    }
    for (let i = 0; i < b.count; i++) {
      if (b.state[i] === ROW_SKIPPED) continue;
      this.name('team', b.team[i] as number, b.first + i);
      this.name('initiative', b.initiative[i] as number, b.first + i);
    }
  }

  /** An unknown name is looked up again in each row, which notes the row; a known one once. */
  private name(kind: 'team' | 'initiative', i: number, row: number): void {
    if (i < 0) return;
    if (this.deferred) {
      let m = this.met[kind][i];
      if (!m) {
        m = { rows: [], count: 0 };
        this.met[kind][i] = m;
      }
      m.count++;
      if (m.rows.length < ROWS_LISTED) m.rows.push(row);
      return;
    }
    if ((this.ids[kind][i] ?? null) !== null) return;
    const n = this.dictionaries[kind][i] ?? '';
    this.ids[kind][i] = kind === 'team' ? this.names.team(n, row) : this.names.initiative(n, row);
  }

  /**
   * A deferred part's problems and names, its rows moved down by the rows before it: the rows each
   * spelling of a name was first met in, in row order (as reading whole notes them), then the rest counted.
   */
  tell(shift: number): void {
    for (const e of this.errors) this.target.add({ ...e, row: e.row + shift });
    this.target.count += this.errorCount - this.errors.length;
    const first: [number, 'team' | 'initiative', string][] = [];
    for (const kind of ['team', 'initiative'] as const) {
      this.met[kind].forEach((m, i) => {
        for (const row of m.rows) first.push([row + shift, kind, this.dictionaries[kind][i] ?? '']);
      });
    }
    first.sort((a, b) => a[0] - b[0]);
    for (const [row, kind, n] of first) {
      if (kind === 'team') this.names.team(n, row);
      else this.names.initiative(n, row);
    }
    for (const kind of ['team', 'initiative'] as const) {
      this.met[kind].forEach((m, i) => {
        this.names.counted(kind, this.dictionaries[kind][i] ?? '', m.count - m.rows.length);
      });
    }
  }
}

/**
 * Checks a decisions file (see above). `reader` reads it whole, on its worker thread when it has
 * one; `inParts` asks for the two halves when there is such a worker (default: for files of
 * HALVES_MIN_BYTES or more). `makeNames` gives a fresh
 * resolver (a file read in halves that did not meet is read again from nothing).
 */
export async function checkDecisions(
  file: string,
  name: string,
  reader: DecisionsReader,
  makeNames: () => NameResolver,
  inParts: boolean | undefined,
  onProgress: (rows: number) => void,
  /** Told how the file is checked in the end (before a whole read, after halves that met). */
  onChecked?: (how: 'halves' | 'whole') => void,
): Promise<DecisionsCheck> {
  const wanted = inParts ?? fileSize(file) >= HALVES_MIN_BYTES;
  const split = wanted && (await reader.onWorker()) ? halves(file) : null;
  if (split) {
    const second = new DecisionsReader(file, true);
    try {
      if (await second.onWorker()) {
        const done = await inHalves(file, name, reader, second, split, makeNames, onProgress);
        if (done) {
          onChecked?.('halves');
          return done;
        }
      }
    } finally {
      await second.close();
    }
  }
  onChecked?.('whole');
  const names = makeNames();
  const errors = new CsvErrors();
  const sink = new PartSink(names, errors, false);
  const progress: Counter = { rows: 0 };
  const read = await reader.read(
    file,
    name,
    '',
    (b) => {
      progress.rows += b.count;
      onProgress(progress.rows);
      sink.batch(b);
    },
    { checkOnly: true },
  );
  return { read, names, errors };
}

/** The two halves at once; null when they did not meet at a row. */
async function inHalves(
  file: string,
  name: string,
  first: DecisionsReader,
  second: DecisionsReader,
  split: { at: number; header: string[] },
  makeNames: () => NameResolver,
  onProgress: (rows: number) => void,
): Promise<DecisionsCheck | null> {
  const names = makeNames();
  const errors = new CsvErrors();
  const head = new PartSink(names, errors, false);
  const tail = new PartSink(names, errors, true);
  const progress: Counter = { rows: 0 };
  const count = (b: DecisionBatch) => {
    progress.rows += b.count;
    onProgress(progress.rows);
  };
  const a = first.read(
    file,
    name,
    '',
    (b) => {
      count(b);
      head.batch(b);
    },
    { checkOnly: true, part: { end: split.at } },
  );
  const b = second.read(
    file,
    name,
    '',
    (x) => {
      count(x);
      tail.batch(x);
    },
    { checkOnly: true, part: { start: split.at, header: split.header } },
  );
  // A first half that fails ends the second at once: its problem is the one reported.
  a.catch(() => second.close());
  const hash = hashFile(file);
  // Every promise is awaited (none left to reject unheard); the first half's failure comes first, as reading whole would have it.
  const [ra, rb, rh] = await Promise.allSettled([a, b, hash]);
  if (ra.status === 'rejected') throw ra.reason;
  // Halves that do not meet at a row, or a second half that cannot be read (its message would
  // name an offset counted from the middle): read whole, which says what reading whole says.
  if (!ra.value.endsRow || rb.status === 'rejected') return null;
  if (rh.status === 'rejected') throw rh.reason;
  tail.tell(ra.value.rows);
  return { read: { sha256: rh.value, bytes: ra.value.bytes, rows: ra.value.rows + rb.value.rows }, names, errors };
}
