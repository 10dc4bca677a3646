import fs from 'node:fs';
import path from 'node:path';
import { badInput } from '../errors';
import { fsError, writeFileAtomic } from '../fs';
import type { Engine } from '../open';
import type { SyncedTableName } from '../synced';
import { deviceId, getLocal, setLocal } from '../write';
import {
  bodyItems,
  CHANGE_FILE,
  changesDir,
  DEVICE_ID,
  devicesDir,
  type FieldChange,
  formatProblem,
  isChange,
  isText,
  readHeaderAndBody,
  SHARE_VERSION,
  sha256,
} from './files';
import { appliedHash, appliedHlc, COLUMNS, FILE_SEQ, noteRead, ownership, ownSql, PREV_HASH, PUBLISHED_LOG_SEQ, rebuilder } from './log';
import type { SyncProblem } from './model';

/*
 * Snapshots: a device's replicated state written whole, so a new device starts from it instead of
 * replaying every change file since the workspace began.
 *
 *   <folder>/<workspace id>/devices/<device id>/snapshots/<n, 12 digits>.json
 *
 * Two lines like a change file: a header (format, version, workspace, device, the snapshot's
 * number, the newest stamp it holds, per device the change file it covers up to with that file's
 * SHA-256 and last stamp, the record count and the SHA-256 of the body) and a body: for every field
 * of every synced record the change that wins (value, stamp, device, author; deletes are the
 * `deleted` field), and the whole history of members' roles and import batches (roles judge later
 * files by what their device had seen; a batch's creation stamp orders its rows). A device's
 * changes not yet in one of its files are left out: the snapshot holds exactly what the files it
 * covers hold. Signal rows stay in their batches' part files, which the snapshot's batch records
 * point to.
 */

export const SNAPSHOT_FORMAT = 'uptake-snapshot';
/** A device writes a snapshot once it has published this many changes since its last one (or when asked). */
export const SNAPSHOT_EVERY = 10_000;
/** Each device keeps its newest two: a joining device falls back to the older if the newer is damaged. */
const KEEP = 2;
export const SNAPSHOT_FILE = /^(\d{12})\.json$/;
const SNAPSHOT_SEQ = 'sync_snapshot_seq';
/** PUBLISHED_LOG_SEQ when this device last wrote a snapshot. */
const SNAPSHOT_LOG_SEQ = 'sync_snapshot_log_seq';
/** Tables whose whole history a snapshot keeps (not only each field's winner). */
const FULL_HISTORY = ['members', 'import_batches'];

export const snapshotsDir = (folder: string, workspaceId: string, device: string) =>
  path.join(devicesDir(folder, workspaceId), device, 'snapshots');
const snapshotName = (n: number) => `${String(n).padStart(12, '0')}.json`;

/** How far a snapshot covers one device's change files. */
export interface Covered {
  seq: number;
  /** SHA-256 of that file (the next file's `prev`), null for none. */
  hash: string | null;
  /** Its last stamp ('' for none). */
  hlc: string;
}

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  workspace: string;
  device: string;
  seq: number;
  /** The newest stamp the snapshot holds: which snapshot is newest. */
  hlc: string;
  covers: Record<string, Covered>;
  count: number;
  sha256: string;
}

export interface SnapshotRecord extends FieldChange {
  /** The device whose file brought the change. */
  device: string;
}

/** Whether this device is due a snapshot: it has published SNAPSHOT_EVERY changes since its last. */
export function snapshotDue(engine: Engine): boolean {
  const published = Number(getLocal(engine, PUBLISHED_LOG_SEQ) ?? 0);
  const since = Number(getLocal(engine, SNAPSHOT_LOG_SEQ) ?? 0);
  if (published <= since) return false;
  const own = ownSql(ownership(engine));
  const count = engine.sqlite
    .prepare(`SELECT COUNT(*) FROM change_log WHERE ${own.sql} AND seq > ? AND seq <= ?`)
    .pluck()
    .get(...own.params, since, published) as number;
  return count >= SNAPSHOT_EVERY;
}

/**
 * Writes this device's snapshot (after a sync has published its changes) and removes its own
 * snapshots older than the newest KEEP. Returns the file.
 */
export function writeSnapshot(engine: Engine, folder: string, workspaceId: string): { file: string; records: number } {
  const me = deviceId(engine);
  const own = ownSql(ownership(engine));
  const published = Number(getLocal(engine, PUBLISHED_LOG_SEQ) ?? 0);
  const covers: Record<string, Covered> = {};
  const notes = engine.sqlite
    .prepare("SELECT key, value FROM local_state WHERE key >= 'sync_applied:' AND key < 'sync_applied;'")
    .all() as { key: string; value: string }[];
  for (const { key, value } of notes) {
    const device = key.slice('sync_applied:'.length);
    covers[device] = { seq: Number(value), hash: getLocal(engine, appliedHash(device)), hlc: getLocal(engine, appliedHlc(device)) ?? '' };
  }
  const lastOwn = published
    ? ((engine.sqlite.prepare('SELECT hlc FROM change_log WHERE seq = ?').pluck().get(published) as string | undefined) ?? '')
    : '';
  covers[me] = { seq: Number(getLocal(engine, FILE_SEQ) ?? 0), hash: getLocal(engine, PREV_HASH), hlc: lastOwn };
  // Own records reach other devices under this device's id, whatever id they were made under.
  const full = FULL_HISTORY.map((t) => `'${t}'`).join(', ');
  const records = engine.sqlite
    .prepare(
      `WITH log AS (
         SELECT hlc, CASE WHEN ${own.sql} THEN ? ELSE device_id END AS device, author_id AS authorId, tbl, row_id AS rowId, col, value
         FROM change_log WHERE NOT (${own.sql} AND seq > ?)
       )
       SELECT hlc, device, authorId, tbl, rowId, col, value FROM log WHERE tbl IN (${full})
       UNION ALL
       SELECT MAX(hlc) AS hlc, device, authorId, tbl, rowId, col, value FROM log WHERE tbl NOT IN (${full}) GROUP BY tbl, rowId, col
       ORDER BY hlc, tbl, rowId, col`,
    )
    .all(...own.params, me, ...own.params, published) as SnapshotRecord[];
  const newest = records.reduce((m, r) => (r.hlc > m ? r.hlc : m), '');
  const seq = Number(getLocal(engine, SNAPSHOT_SEQ) ?? 0) + 1;
  const body = JSON.stringify({ records });
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    version: SHARE_VERSION,
    workspace: workspaceId,
    device: me,
    seq,
    hlc: newest,
    covers,
    count: records.length,
    sha256: sha256(body),
  };
  const dir = snapshotsDir(folder, workspaceId, me);
  const file = path.join(dir, snapshotName(seq));
  try {
    fs.mkdirSync(dir, { recursive: true });
    writeFileAtomic(file, `${JSON.stringify(header)}\n${body}\n`);
  } catch (e) {
    throw fsError(e, dir, 'sync files');
  }
  setLocal(engine, SNAPSHOT_SEQ, String(seq));
  setLocal(engine, SNAPSHOT_LOG_SEQ, String(published));
  for (const name of fs.readdirSync(dir)) {
    const m = SNAPSHOT_FILE.exec(name);
    if (m && Number(m[1]) <= seq - KEEP) fs.rmSync(path.join(dir, name), { force: true });
  }
  return { file, records: records.length };
}

const isRecord = (c: unknown): c is SnapshotRecord => isChange(c) && isText((c as { device?: unknown }).device);

export type ReadSnapshot = { ok: true; header: SnapshotHeader; records: SnapshotRecord[] } | { ok: false; problem: SyncProblem };

/** Reads and checks one snapshot; never throws for what is in the file. */
export function readSnapshot(file: string, expect: { workspace: string; device: string }): ReadSnapshot {
  const fail = (reason: string, retry: boolean): ReadSnapshot => ({ ok: false, problem: { file, reason, retry } });
  const lines = readHeaderAndBody<SnapshotHeader>(file);
  if (!lines.ok) return { ok: false, problem: lines.problem };
  const { header, bodyLine } = lines;
  const unreadable = formatProblem(header, SNAPSHOT_FORMAT, 'an Uptake snapshot');
  if (unreadable) return fail(unreadable, false);
  if (header.workspace !== expect.workspace || header.device !== expect.device) {
    return fail('says it belongs to another workspace or device than where it lies', false);
  }
  if (sha256(bodyLine) !== header.sha256) return fail('does not match its checksum (still arriving, or damaged)', true);
  const coversOk =
    typeof header.covers === 'object' &&
    header.covers !== null &&
    Object.entries(header.covers).every(
      ([d, c]) => DEVICE_ID.test(d) && Number.isInteger(c?.seq) && c.seq >= 0 && (c.hash === null || isText(c.hash)) && isText(c.hlc),
    );
  if (!coversOk || !isText(header.hlc)) return fail('has a header whose list of devices covered is not readable', false);
  const records = bodyItems(bodyLine, 'records', header.count, isRecord);
  if (typeof records === 'string') return fail(records, false);
  const unknown = records.find((r) => !COLUMNS.get(r.tbl)?.has(r.col));
  if (unknown) return fail(`changes ${unknown.tbl}.${unknown.col}, which this version of Uptake does not know: update Uptake`, false);
  return { ok: true, header, records };
}

/** The lowest change file each device still has in the folder (after compaction, above 1). */
function lowestFiles(folder: string, workspaceId: string, devices: string[]): Map<string, number> {
  const lowest = new Map<string, number>();
  for (const device of devices) {
    const dir = changesDir(folder, workspaceId, device);
    let low = 0;
    for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const m = CHANGE_FILE.exec(name);
      if (m && (low === 0 || Number(m[1]) < low)) low = Number(m[1]);
    }
    if (low > 0) lowest.set(device, low);
  }
  return lowest;
}

/**
 * A new device (nothing applied yet) starts from the newest whole snapshot in the folder whose
 * devices' later change files are all still there, then reads only the files after it. A damaged
 * or short snapshot is listed and the next newest tried; without one, every file is replayed. When
 * neither is possible (files removed by compaction and no whole snapshot covers them) it says so.
 */
export function startFromSnapshot(
  engine: Engine,
  folder: string,
  workspaceId: string,
  devices: string[],
  problems: SyncProblem[],
): { file: string; device: string; records: number } | null {
  const hasApplied = engine.sqlite.prepare("SELECT 1 FROM local_state WHERE key LIKE 'sync_applied%' LIMIT 1").get();
  if (hasApplied) return null;
  const candidates: { file: string; device: string; n: number }[] = [];
  for (const device of devices) {
    const dir = snapshotsDir(folder, workspaceId, device);
    for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const m = SNAPSHOT_FILE.exec(name);
      if (m) candidates.push({ file: path.join(dir, name), device, n: Number(m[1]) });
    }
  }
  const lowest = lowestFiles(folder, workspaceId, devices);
  const read = candidates
    .map((c) => ({ ...c, read: readSnapshot(c.file, { workspace: workspaceId, device: c.device }) }))
    .flatMap((c) => {
      if (c.read.ok) return [{ ...c, header: c.read.header, records: c.read.records }];
      problems.push({ ...c.read.problem, reason: `${c.read.problem.reason}: skipped, an older snapshot or the change files are used` });
      return [];
    })
    // Newest first: the highest stamp held, then the device's own order.
    .sort((a, b) => (a.header.hlc === b.header.hlc ? b.n - a.n : a.header.hlc < b.header.hlc ? 1 : -1));
  const complete = (covers: Record<string, Covered>) => [...lowest].every(([device, low]) => low <= (covers[device]?.seq ?? 0) + 1);
  const chosen = read.find((c) => complete(c.header.covers));
  if (!chosen) {
    if (complete({})) return null;
    throw badInput(
      `${folder} no longer holds every change file of this workspace (older ones were removed once every device had them) and holds no whole snapshot that covers them. Ask someone whose Uptake syncs this workspace to sync (it writes a snapshot), then join again; nothing was changed.`,
    );
  }
  const me = deviceId(engine);
  const insert = engine.sqlite.prepare(
    'INSERT OR IGNORE INTO change_log (hlc, device_id, author_id, tbl, row_id, col, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const rebuild = rebuilder(engine);
  const touched = new Map<string, { table: SyncedTableName; id: string }>();
  for (const r of chosen.records) {
    insert.run(r.hlc, r.device, r.authorId, r.tbl, r.rowId, r.col, r.value);
    touched.set(`${r.tbl}\u0000${r.rowId}`, { table: r.tbl as SyncedTableName, id: r.rowId });
  }
  for (const { table, id } of touched.values()) rebuild(table, id);
  for (const [device, c] of Object.entries(chosen.header.covers)) {
    if (device === me || c.seq === 0) continue;
    // What the covered changes' devices had read is not in the snapshot: not known here.
    noteRead(engine, device, { ...c, seen: null });
  }
  return { file: chosen.file, device: chosen.device, records: chosen.records.length };
}
