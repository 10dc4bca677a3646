import fs from 'node:fs';
import path from 'node:path';
import { fsError, writeFileAtomic } from '../fs';
import type { Engine } from '../open';
import { inTransaction } from '../records';
import { SignalKeys } from '../signals/keys';
import { monthlyUpsert, personUpsert } from '../signals/upserts';
import { getLocal, setLocal } from '../write';
import { devicesDir, SHARE_VERSION, sha256 } from './files';
import type { SyncProblem } from './model';

/** This database's device ids (see ownership in sync.ts). */
export interface Ownership {
  me: string;
  former: { id: string; upTo: number }[];
}

/*
 * Imported signal rows (usage, pulse, decisions) travel as immutable batches. The import_batches
 * record travels in the change files like any synced record; its rows are published once, by the
 * device that imported them, in their own files:
 *
 *   <folder>/<workspace>/devices/<device>/batches/<batch id>/<part, 6 digits>.json
 *
 * A part is two lines, a header (batch, kind, part number, whether it is the last, row count,
 * SHA-256 of the body) and a body (a dictionary of the text ids the part uses, and its rows as
 * arrays that point into it). Parts hold at most PART_ROWS rows, so a batch of a million rows is
 * written and read a part at a time.
 *
 * Which row wins a key is a total order, the same one a local import follows, so every device ends
 * with the same rows whatever order batches arrive in:
 *   usage, pulse (key month, team, initiative), people (key user hash, effective date): the batch
 *     with the higher HLC stamp (its creation's) wins; a local re-import of the same values takes
 *     the row too.
 *   decisions (key initiative, recommendation, user): the later `ts` wins; for the same `ts`, the
 *     batch imported first (lower stamp) keeps it.
 * A batch publishes the rows it holds when it is published (the rows it won on its device): a row
 * that wins everywhere wins on its own device, so it is always among them.
 */

const ROWS_FORMAT = 'uptake-batch-rows';
/** Rows per part file. */
export const PART_ROWS = 20_000;
const SIGNAL_KINDS = ['usage', 'pulse', 'decisions', 'people'] as const;
type SignalKind = (typeof SIGNAL_KINDS)[number];

const published = (batch: string) => `sync_batch_published:${batch}`;
const applied = (batch: string) => `sync_batch_applied:${batch}`;

export const batchDir = (folder: string, workspaceId: string, device: string, batch: string) =>
  path.join(devicesDir(folder, workspaceId), device, 'batches', batch);
const partName = (part: number) => `${String(part).padStart(6, '0')}.json`;

interface PartHeader {
  format: typeof ROWS_FORMAT;
  version: number;
  workspace: string;
  device: string;
  batch: string;
  kind: SignalKind;
  part: number;
  last: boolean;
  count: number;
  sha256: string;
}

type Cell = string | number | null;

/** The signal batches of this workspace that are closed, with the device that imported each and its creation stamp. */
interface BatchOrigin {
  id: string;
  kind: SignalKind;
  device: string;
  stamp: string;
  /** The change-log position of its first record here. */
  seq: number;
}

/** Did this database make the batch (under its device id, or an id it had before it found it was a copy)? */
const isOwn = (own: Ownership, b: BatchOrigin) => b.device === own.me || own.former.some((f) => f.id === b.device && b.seq <= f.upTo);

function closedBatches(engine: Engine): BatchOrigin[] {
  return engine.sqlite
    .prepare(
      `SELECT b.id, b.kind, c.device_id AS device, c.hlc AS stamp, c.seq FROM import_batches b
       JOIN change_log c ON c.tbl = 'import_batches' AND c.row_id = b.id
         AND c.hlc = (SELECT MIN(hlc) FROM change_log WHERE tbl = 'import_batches' AND row_id = b.id)
       WHERE b.open = 0 AND b.kind IN ('usage', 'pulse', 'decisions', 'people')
       GROUP BY b.id ORDER BY stamp`,
    )
    .all() as BatchOrigin[];
}

/** The rows a batch holds, in key order, with text ids (a cursor: never all in memory). */
function rowsOf(engine: Engine, kind: SignalKind, batch: string): IterableIterator<Record<string, Cell>> {
  if (kind === 'usage') {
    return engine.sqlite
      .prepare(
        `SELECT month, team_id AS team, initiative_id AS initiative, licensed_users AS a, active_users AS b,
           workflows_started AS c, workflows_completed AS d FROM usage WHERE batch_id = ? ORDER BY month, team_id, initiative_id`,
      )
      .iterate(batch) as IterableIterator<Record<string, Cell>>;
  }
  if (kind === 'pulse') {
    return engine.sqlite
      .prepare(
        `SELECT month, team_id AS team, initiative_id AS initiative, respondents AS a, trust_mean AS b, manual_backup AS c
         FROM pulse WHERE batch_id = ? ORDER BY month, team_id, initiative_id`,
      )
      .iterate(batch) as IterableIterator<Record<string, Cell>>;
  }
  if (kind === 'people') {
    return engine.sqlite
      .prepare(
        `SELECT user, effective_from AS month, team_id AS team, region AS a, manager AS b
         FROM people WHERE batch_id = ? ORDER BY user, effective_from`,
      )
      .iterate(batch) as IterableIterator<Record<string, Cell>>;
  }
  return engine.sqlite
    .prepare(
      `SELECT i.value AS initiative, d.recommendation_id AS rec, u.value AS user, d.ts, d.month, t.value AS team, d.action,
         d.reason, d.recommended, d.final
       FROM decisions d
       JOIN signal_keys i ON i.id = d.initiative JOIN signal_keys u ON u.id = d.user JOIN signal_keys t ON t.id = d.team
       WHERE d.batch = (SELECT id FROM signal_keys WHERE kind = 'batch' AND value = ?)`,
    )
    .iterate(batch) as IterableIterator<Record<string, Cell>>;
}

/** One part's body: the text ids it uses once, rows pointing into them. */
class PartBuilder {
  keys: string[] = [];
  private index = new Map<string, number>();
  rows: Cell[][] = [];
  key(value: Cell | undefined): number {
    const v = String(value);
    let i = this.index.get(v);
    if (i === undefined) {
      i = this.keys.length;
      this.keys.push(v);
      this.index.set(v, i);
    }
    return i;
  }
  add(kind: SignalKind, r: Record<string, Cell>): void {
    if (kind === 'usage')
      this.rows.push([r.month ?? null, this.key(r.team), this.key(r.initiative), r.a ?? 0, r.b ?? 0, r.c ?? 0, r.d ?? 0]);
    else if (kind === 'pulse') this.rows.push([r.month ?? null, this.key(r.team), this.key(r.initiative), r.a ?? 0, r.b ?? 0, r.c ?? 0]);
    else if (kind === 'people') this.rows.push([r.user ?? null, r.month ?? null, this.key(r.team), r.a ?? null, r.b ?? null]);
    else {
      const row: Cell[] = [
        this.key(r.initiative),
        r.rec ?? null,
        this.key(r.user),
        r.ts ?? 0,
        r.month ?? 0,
        this.key(r.team),
        r.action ?? 0,
      ];
      // Trailing nulls are left off: most decisions have no reason or texts.
      const tail = [r.reason ?? null, r.recommended ?? null, r.final ?? null];
      while (tail.length > 0 && tail[tail.length - 1] === null) tail.pop();
      this.rows.push([...row, ...tail]);
    }
  }
}

/** Publishes the rows of this device's closed signal batches that no file holds yet. */
export function publishBatches(
  engine: Engine,
  folder: string,
  workspaceId: string,
  me: string,
  /** This device's id and any it had before (a copied database): batches made under them are its own. */
  own: Ownership,
): { batches: number; rows: number } {
  let batches = 0;
  let rows = 0;
  for (const b of closedBatches(engine)) {
    if (!isOwn(own, b) || getLocal(engine, published(b.id))) continue;
    const dir = batchDir(folder, workspaceId, me, b.id);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw fsError(e, dir, 'sync files');
    }
    let part = new PartBuilder();
    let n = 1;
    const write = (last: boolean) => {
      const body = JSON.stringify({ keys: part.keys, rows: part.rows });
      const header: PartHeader = {
        format: ROWS_FORMAT,
        version: SHARE_VERSION,
        workspace: workspaceId,
        device: me,
        batch: b.id,
        kind: b.kind,
        part: n,
        last,
        count: part.rows.length,
        sha256: sha256(body),
      };
      const file = path.join(dir, partName(n));
      // Rewriting a part that a stopped publish left is harmless: the batch's rows are the same.
      try {
        writeFileAtomic(file, `${JSON.stringify(header)}\n${body}\n`);
      } catch (e) {
        throw fsError(e, dir, 'sync files');
      }
      rows += part.rows.length;
      part = new PartBuilder();
      n++;
    };
    // A read transaction: the rows do not change while they are written out.
    engine.sqlite.transaction(() => {
      for (const r of rowsOf(engine, b.kind, b.id)) {
        part.add(b.kind, r);
        if (part.rows.length === PART_ROWS) write(false);
      }
      write(true);
      setLocal(engine, published(b.id), String(n - 1));
    })();
    batches++;
  }
  return { batches, rows };
}

type ReadPart = { ok: true; header: PartHeader; keys: string[]; rows: Cell[][] } | { ok: false; problem: SyncProblem };

function readPart(file: string, expect: { workspace: string; device: string; batch: string; part: number }): ReadPart {
  const fail = (reason: string, retry: boolean): ReadPart => ({ ok: false, problem: { file, reason, retry } });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(
      code === 'ENOENT' ? 'has not arrived yet (the rows of an imported file)' : `could not be read (${code ?? String(e)})`,
      true,
    );
  }
  const [headLine, bodyLine, rest] = text.split('\n');
  if (!headLine || bodyLine === undefined || rest !== '') return fail('is incomplete (still arriving?)', true);
  let header: PartHeader;
  try {
    header = JSON.parse(headLine) as PartHeader;
  } catch {
    return fail('has an unreadable header (still arriving, or damaged)', true);
  }
  if (header.format !== ROWS_FORMAT) return fail('is not an Uptake batch file', false);
  if (typeof header.version !== 'number' || header.version > SHARE_VERSION) {
    return fail(`was written by a newer Uptake (file format ${String(header.version)}); update Uptake to read it`, false);
  }
  if (
    header.workspace !== expect.workspace ||
    header.device !== expect.device ||
    header.batch !== expect.batch ||
    header.part !== expect.part
  ) {
    return fail('says it belongs to another workspace, device, batch or part than where it lies', false);
  }
  if (sha256(bodyLine) !== header.sha256) return fail('does not match its checksum (still arriving, or damaged)', true);
  let body: { keys?: unknown; rows?: unknown };
  try {
    body = JSON.parse(bodyLine) as typeof body;
  } catch {
    return fail('has an unreadable body', false);
  }
  if (!Array.isArray(body.keys) || !Array.isArray(body.rows) || body.rows.length !== header.count || !body.rows.every(Array.isArray)) {
    return fail('holds rows that are not signal rows', false);
  }
  return { ok: true, header, keys: body.keys as string[], rows: body.rows as Cell[][] };
}

/**
 * Applies the rows of the other devices' batches whose record has arrived and whose files are all
 * there and whole; a batch waits (listed) until they are. Each batch in one transaction.
 */
export function applyBatches(
  engine: Engine,
  folder: string,
  workspaceId: string,
  own: Ownership,
  problems: SyncProblem[],
): { batches: number; rows: number } {
  let batches = 0;
  let rows = 0;
  const all = closedBatches(engine);
  const stampOf = new Map(all.map((b) => [b.id, b.stamp]));
  for (const b of all) {
    if (isOwn(own, b) || getLocal(engine, applied(b.id))) continue;
    const dir = batchDir(folder, workspaceId, b.device, b.id);
    const where = { workspace: workspaceId, device: b.device, batch: b.id };
    // First every part is checked (one at a time, so memory holds one part), then applied.
    let parts = 0;
    let problem: SyncProblem | null = null;
    for (let part = 1; ; part++) {
      const read = readPart(path.join(dir, partName(part)), { ...where, part });
      if (!read.ok) {
        problem = read.problem;
        break;
      }
      if (read.header.kind !== b.kind) {
        problem = { file: path.join(dir, partName(part)), reason: `holds ${read.header.kind} rows for a ${b.kind} import`, retry: false };
        break;
      }
      if (read.header.last) {
        parts = part;
        break;
      }
    }
    if (problem) {
      problems.push(problem);
      continue;
    }
    try {
      inTransaction(engine, () => {
        const apply = applier(engine, b.kind, b.id, b.stamp, stampOf);
        for (let part = 1; part <= parts; part++) {
          const read = readPart(path.join(dir, partName(part)), { ...where, part });
          if (!read.ok) throw new Error(read.problem.reason);
          for (const row of read.rows) apply.row(read.keys, row);
          rows += read.rows.length;
        }
        apply.finish();
        setLocal(engine, applied(b.id), String(parts));
      });
    } catch (e) {
      problems.push({ file: dir, reason: `could not be applied: ${(e as Error).message}`, retry: false });
      continue;
    }
    batches++;
  }
  return { batches, rows };
}

/**
 * Writes received rows by the rules above. Rows of a closed batch may be written only while it is
 * open (triggers); the batch is opened again for this transaction by setting it back to the
 * stamp of its creation (a change-log record of the batch, which the guard asks for) and closed
 * with its own last stamp, so its record ends exactly as it arrived.
 */
function applier(engine: Engine, kind: SignalKind, batch: string, stamp: string, stampOf: Map<string, string>) {
  const last = engine.sqlite.prepare('SELECT last_hlc FROM import_batches WHERE id = ?').pluck().get(batch) as string;
  const reopen = engine.sqlite.prepare('UPDATE import_batches SET open = ?, last_hlc = ? WHERE id = ?');
  reopen.run(1, stamp, batch);
  const keys = new SignalKeys(engine);
  const text = (keysOf: string[], i: Cell | undefined) => keysOf[Number(i)] ?? '';
  const close = () => reopen.run(0, last, batch);
  if (kind === 'usage' || kind === 'pulse') {
    const cols =
      kind === 'usage'
        ? ['licensed_users', 'active_users', 'workflows_started', 'workflows_completed']
        : ['respondents', 'trust_mean', 'manual_backup'];
    const existing = engine.sqlite.prepare(`SELECT batch_id FROM ${kind} WHERE month = ? AND team_id = ? AND initiative_id = ?`).pluck();
    const upsert = monthlyUpsert(engine, kind, cols);
    return {
      row: (keysOf: string[], r: Cell[]) => {
        const [month, team, initiative, ...values] = r;
        const teamId = text(keysOf, team);
        const initiativeId = text(keysOf, initiative);
        const holder = existing.get(month, teamId, initiativeId) as string | undefined;
        // The batch made later wins; a row of a batch this device does not know yet counts as older.
        if (holder !== undefined && (stampOf.get(holder) ?? '') > stamp) return;
        upsert.run(month, teamId, initiativeId, ...values.slice(0, cols.length), batch);
      },
      finish: close,
    };
  }
  if (kind === 'people') {
    const existing = engine.sqlite.prepare('SELECT batch_id FROM people WHERE user = ? AND effective_from = ?').pluck();
    const upsert = personUpsert(engine);
    return {
      row: (keysOf: string[], r: Cell[]) => {
        const [user, from, team, region = null, manager = null] = r;
        const holder = existing.get(user, from) as string | undefined;
        if (holder !== undefined && (stampOf.get(holder) ?? '') > stamp) return;
        upsert.run(user, from, text(keysOf, team), region, manager, batch);
      },
      finish: close,
    };
  }
  const batchKey = keys.get('batch', batch);
  const batchIds = new Map<number, string>();
  const batchOf = engine.sqlite.prepare("SELECT value FROM signal_keys WHERE id = ? AND kind = 'batch'").pluck();
  const stampOfKey = (key: number) => {
    let id = batchIds.get(key);
    if (id === undefined) {
      id = (batchOf.get(key) as string | undefined) ?? '';
      batchIds.set(key, id);
    }
    return stampOf.get(id) ?? '';
  };
  const select = engine.sqlite.prepare('SELECT ts, batch FROM decisions WHERE initiative = ? AND recommendation_id = ? AND user = ?').raw();
  const insert = engine.sqlite.prepare(
    `INSERT INTO decisions (initiative, recommendation_id, user, ts, month, team, action, reason, batch, recommended, final)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (initiative, recommendation_id, user) DO UPDATE SET ts = excluded.ts, month = excluded.month, team = excluded.team,
       action = excluded.action, reason = excluded.reason, batch = excluded.batch, recommended = excluded.recommended, final = excluded.final`,
  );
  const touched = new Set<number>();
  return {
    row: (keysOf: string[], r: Cell[]) => {
      const [initiative, rec, user, ts, month, team, action, reason = null, recommended = null, final = null] = r;
      const initiativeKey = keys.get('initiative', text(keysOf, initiative));
      const userKey = keys.get('user', text(keysOf, user));
      const old = select.get(initiativeKey, rec, userKey) as [number, number] | undefined;
      if (old) {
        const [oldTs, oldBatch] = old;
        const t = Number(ts);
        if (t < oldTs || (t === oldTs && stampOfKey(oldBatch) <= stamp)) return;
      }
      insert.run(
        initiativeKey,
        rec,
        userKey,
        ts,
        month,
        keys.get('team', text(keysOf, team)),
        action,
        reason,
        batchKey,
        recommended,
        final,
      );
      touched.add(initiativeKey);
    },
    finish: () => {
      // The aggregates of the initiatives that changed are counted again from their rows.
      const delCounts = engine.sqlite.prepare('DELETE FROM decision_counts WHERE initiative = ?');
      const delUsers = engine.sqlite.prepare('DELETE FROM decision_user_counts WHERE initiative = ?');
      const counts = engine.sqlite.prepare(
        `INSERT INTO decision_counts (initiative, team, month, accepted, edited, overridden, ignored)
         SELECT initiative, team, month, SUM(action = 0), SUM(action = 1), SUM(action = 2), SUM(action = 3)
         FROM decisions WHERE initiative = ? GROUP BY team, month ORDER BY team, month`,
      );
      const users = engine.sqlite.prepare(
        `INSERT INTO decision_user_counts (initiative, team, month, user, total, acted, overridden)
         SELECT initiative, team, month, user, COUNT(*), SUM(action <> 3), SUM(action = 2)
         FROM decisions WHERE initiative = ? GROUP BY team, month, user ORDER BY team, month, user`,
      );
      for (const initiative of touched) {
        delCounts.run(initiative);
        delUsers.run(initiative);
        counts.run(initiative);
        users.run(initiative);
      }
      close();
    },
  };
}
