import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { badInput, UserError } from '../errors';
import { triageJudge } from '../feedback/triagers';
import { checkWritableFolder, fsError, writeFileAtomic } from '../fs';
import { formatHlc, parseHlc, receive } from '../hlc';
import { addProfile, listMembers } from '../members/members';
import type { Role } from '../members/model';
import type { Engine } from '../open';
import { byName, inTransaction } from '../records';
import { roleMayWrite, type SyncedTableName } from '../synced';
import { currentWorkspace } from '../workspace/workspace';
import { deviceId, getLocal, setLocal } from '../write';
import { applyBatches, publishBatches } from './batches';
import { awayTooLong, compactOwnFiles, RETENTION_MS, viewDevice, writeProgress } from './compact';
import {
  CHANGE_FILE,
  type ChangeFileHeader,
  changeFileName,
  changeFileText,
  changesDir,
  DEVICE_ID,
  devicesDir,
  type FieldChange,
  readChangeFile,
  SHARE_FORMAT,
  SHARE_VERSION,
  sha256,
  workspaceDir,
} from './files';
import {
  applied,
  appliedHash,
  appliedHlc,
  COLUMNS,
  FILE_SEQ,
  FORMER_IDS,
  noteRead,
  ownership,
  ownSql,
  PREV_HASH,
  PUBLISHED_LOG_SEQ,
  rebuilder,
  SYNC_FOLDER,
  seenNote,
  seenNow,
} from './log';
import type { MassDelete, SyncProblem, SyncQuarantined, SyncRefusal, SyncSummary } from './model';
import { snapshotDue, startFromSnapshot, writeSnapshot } from './snapshots';

/*
 * Sync through a shared folder. Each device publishes its own change-log records (the per-field
 * changes its members made) as numbered, immutable files in its own folder, and applies the other
 * devices' files in their order. A field's value is the one of its change with the highest HLC
 * stamp (the device id inside the stamp breaks ties), whatever order files arrive in and however
 * often: every received change goes into the change log (losers too, so history shows both), and
 * a record is rebuilt from its log. A file is applied whole, in one transaction with the note that
 * it was applied, or not at all.
 */

export { applied, ownership, PUBLISHED_LOG_SEQ, SYNC_FOLDER } from './log';

interface LogRecord extends FieldChange {
  seq: number;
}

/** Records per change file (a file never splits the fields of one write). */
const FILE_RECORDS = 5_000;
/**
 * How far ahead of this device's clock a change file's stamps may be. A file stamped later is
 * quarantined: applying it would drag this device's clock (and every later edit's stamp) into the
 * future with it.
 */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/**
 * An incoming sync that would delete more than this share of a table's live records, or more than
 * `records` of them, stops before applying anything until it is allowed. Fewer than `minimum`
 * deletions never stop it (two of a workspace's five teams is not a mass delete).
 */
export const MASS_DELETE = { share: 0.2, records: 50, minimum: 5 } as const;
/** The most problems and ignored files a summary lists (the counts are always whole). */
const LIST_CAP = 100;

/** The stamp of the last change applied from a device ('' for none); a database synced by an earlier build finds it in the file. */
function appliedStamp(engine: Engine, folder: string, workspaceId: string, device: string): string {
  const noted = getLocal(engine, appliedHlc(device));
  if (noted) return noted;
  const seq = Number(getLocal(engine, applied(device)) ?? 0);
  if (seq === 0) return '';
  const read = readChangeFile(path.join(changesDir(folder, workspaceId, device), changeFileName(seq)), {
    workspace: workspaceId,
    device,
    seq,
  });
  return read.ok ? read.header.hlcTo : '';
}

/** Creates the workspace's folder and its format.json, or checks that this build can read it. */
function prepareWorkspaceFolder(folder: string, workspace: { id: string; name: string }): void {
  const dir = workspaceDir(folder, workspace.id);
  const format = path.join(dir, 'format.json');
  try {
    fs.mkdirSync(devicesDir(folder, workspace.id), { recursive: true });
    if (!fs.existsSync(format)) {
      writeFileAtomic(
        format,
        `${JSON.stringify({ format: SHARE_FORMAT, version: SHARE_VERSION, workspace: workspace.id, name: workspace.name }, null, 2)}\n`,
      );
    }
  } catch (e) {
    throw fsError(e, dir, 'sync files');
  }
  checkFormat(format);
}

function checkFormat(format: string): void {
  let parsed: { format?: unknown; version?: unknown };
  try {
    parsed = JSON.parse(fs.readFileSync(format, 'utf8')) as typeof parsed;
  } catch {
    // Not arrived yet or damaged: the change files carry their own format version.
    return;
  }
  if (parsed.format === SHARE_FORMAT && typeof parsed.version === 'number' && parsed.version > SHARE_VERSION) {
    throw badInput(
      `${format} says the folder was written by a newer Uptake (format ${parsed.version}; this one reads ${SHARE_VERSION}). Update Uptake on this device, then sync again; nothing was changed.`,
    );
  }
}

interface LogRecord extends FieldChange {
  seq: number;
}

/**
 * A copied database (the same device id on two machines) is found by its own folder: a file after
 * the last one this database published that it did not write, or its last file changed. The copy
 * that finds it takes a new device id, reads the other copy's files as another device's from where
 * they were one, and publishes its own changes from then on under the new id.
 */
function detectCopy(engine: Engine, folder: string, workspaceId: string): { formerDevice: string; device: string; message: string } | null {
  const me = deviceId(engine);
  const dir = changesDir(folder, workspaceId, me);
  const mine = Number(getLocal(engine, FILE_SEQ) ?? 0);
  const prev = getLocal(engine, PREV_HASH);
  let copied = false;
  if (mine > 0) {
    // Only a whole, valid file that is not ours counts: a damaged or half-synced one says nothing.
    const last = path.join(dir, changeFileName(mine));
    const read = fs.existsSync(last) ? readChangeFile(last, { workspace: workspaceId, device: me, seq: mine }) : null;
    copied = read?.ok === true && read.fileHash !== prev;
  }
  const next = path.join(dir, changeFileName(mine + 1));
  if (!copied && fs.existsSync(next)) {
    const read = readChangeFile(next, { workspace: workspaceId, device: me, seq: mine + 1 });
    if (read.ok) {
      // A publish of ours that stopped after writing the file holds exactly our next records.
      const after = Number(getLocal(engine, PUBLISHED_LOG_SEQ) ?? 0);
      const own = ownSql(ownership(engine));
      const ours = engine.sqlite
        .prepare(`SELECT COUNT(*) AS n, MIN(hlc) AS first, MAX(hlc) AS last FROM change_log WHERE ${own.sql} AND seq > ? AND hlc <= ?`)
        .get(...own.params, after, read.header.hlcTo) as { n: number; first: string | null; last: string | null };
      copied = !(
        read.header.prev === prev &&
        ours.n === read.header.count &&
        ours.first === read.header.hlcFrom &&
        ours.last === read.header.hlcTo
      );
    }
  }
  if (!copied) return null;
  const made = randomBytes(8).toString('hex');
  inTransaction(engine, () => {
    const lastFile = path.join(dir, changeFileName(mine));
    const lastRead = mine > 0 && prev ? readChangeFile(lastFile, { workspace: workspaceId, device: me, seq: mine }) : null;
    if (mine > 0 && prev) {
      setLocal(engine, applied(me), String(mine));
      setLocal(engine, appliedHash(me), prev);
      if (lastRead?.ok && sha256(fs.readFileSync(lastFile, 'utf8')) === prev) setLocal(engine, appliedHlc(me), lastRead.header.hlcTo);
    }
    const upTo = (engine.sqlite.prepare('SELECT MAX(seq) FROM change_log').pluck().get() as number | null) ?? 0;
    setLocal(engine, FORMER_IDS, JSON.stringify([...ownership(engine).former, { id: me, upTo }]));
    setLocal(engine, 'device_id', made);
    setLocal(engine, FILE_SEQ, '0');
    engine.sqlite.prepare('DELETE FROM local_state WHERE key = ?').run(PREV_HASH);
  });
  return {
    formerDevice: me,
    device: made,
    message: `This database is a copy of another one that syncs as device ${me} (its files in the shared folder are not this database's). It now syncs as device ${made}; nothing was lost.`,
  };
}

/** Publishes this device's change-log records that no file holds yet. */
function publish(engine: Engine, folder: string, workspaceId: string): { files: number; changes: number } {
  const me = deviceId(engine);
  const dir = changesDir(folder, workspaceId, me);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fsError(e, dir, 'sync files');
  }
  const own = ownSql(ownership(engine));
  const select = engine.sqlite.prepare(
    `SELECT seq, hlc, author_id AS authorId, tbl, row_id AS rowId, col, value FROM change_log
     WHERE ${own.sql} AND seq > ? ORDER BY seq LIMIT ?`,
  );
  let files = 0;
  let changes = 0;
  for (;;) {
    const after = Number(getLocal(engine, PUBLISHED_LOG_SEQ) ?? 0);
    const batch = select.all(...own.params, after, FILE_RECORDS + 1) as LogRecord[];
    if (batch.length === 0) break;
    // A file ends where a write ends: the fields of one stamp travel together (a receiver builds a
    // record from the fields of its stamp it has; the rest could never follow under the same stamp).
    let end = Math.min(batch.length, FILE_RECORDS);
    const lastHlc = batch[FILE_RECORDS - 1]?.hlc;
    if (batch.length > FILE_RECORDS && batch[FILE_RECORDS]?.hlc === lastHlc) {
      while (end > 0 && batch[end - 1]?.hlc === lastHlc) end--;
      // One write of more fields than a file holds goes whole.
      if (end === 0) end = batch.length;
    }
    const records = batch.slice(0, end);
    const seq = Number(getLocal(engine, FILE_SEQ) ?? 0) + 1;
    const prev = getLocal(engine, PREV_HASH);
    const first = records[0];
    const last = records[records.length - 1];
    if (!first || !last) break;
    const seen = seenNow(engine);
    const text = changeFileText(
      { workspace: workspaceId, device: me, seq, prev, hlcFrom: first.hlc, hlcTo: last.hlc, seen },
      records.map(({ hlc, authorId, tbl, rowId, col, value }) => ({ hlc, authorId, tbl, rowId, col, value })),
    );
    const file = path.join(dir, changeFileName(seq));
    if (fs.existsSync(file)) {
      // A publish that stopped after writing the file and before noting it: the same records make the same file.
      if (fs.readFileSync(file, 'utf8') !== text) {
        throw badInput(
          `${file} already exists with other content: another database uses this device's id (a copied database?). Nothing was changed; ask for help before syncing this database again.`,
        );
      }
    } else {
      try {
        writeFileAtomic(file, text);
      } catch (e) {
        throw fsError(e, dir, 'sync files');
      }
    }
    inTransaction(engine, () => {
      setLocal(engine, FILE_SEQ, String(seq));
      setLocal(engine, PREV_HASH, sha256(text));
      setLocal(engine, PUBLISHED_LOG_SEQ, String(last.seq));
      setLocal(engine, seenNote(me, last.hlc), JSON.stringify(seen));
    });
    files++;
    changes += records.length;
  }
  return { files, changes };
}

interface DeviceProgress {
  imported: { files: number; changes: number };
  /** Other devices whose next file this device needs was removed while it was away. */
  gone: string[];
  problems: SyncProblem[];
  quarantined: SyncQuarantined[];
  refused: SyncRefusal[];
  latest: string | null;
}

/** One change of a field, as the change log (or the file being applied) holds it. */
interface Stamped {
  hlc: string;
  device: string;
  value: string | null;
}

/**
 * What the device that wrote a file knew of a field at a stamp: the change with the highest stamp
 * among those it had (its own up to that stamp, each other device's up to where the file's `seen`
 * says it had read them; files of earlier builds, without `seen`, by the stamp alone), the file's
 * own changes counted before they are written. Roles and who fills an initiative's triad are
 * judged by it, so a device that had received a demotion or a reassignment cannot get a change
 * through by stamping it earlier, and one that had not heard of it is not refused for it.
 */
function knownBy(engine: Engine, device: string, header: ChangeFileHeader, changes: FieldChange[]) {
  const logged = engine.sqlite.prepare<[string, string, string], Stamped>(
    'SELECT hlc, device_id AS device, value FROM change_log WHERE tbl = ? AND row_id = ? AND col = ? ORDER BY hlc',
  );
  const key = (tbl: string, rowId: string, col: string) => `${tbl}\u0000${rowId}\u0000${col}`;
  // The file's own changes of a table, indexed by field the first time the table is asked about
  // (a file of imported rows is not indexed for a question about roles).
  const inFile = new Map<string, Map<string, Stamped[]>>();
  const fileChanges = (tbl: string) => {
    let fields = inFile.get(tbl);
    if (!fields) {
      fields = new Map();
      for (const c of changes) {
        if (c.tbl !== tbl) continue;
        const k = key(c.tbl, c.rowId, c.col);
        const stamped = { hlc: c.hlc, device, value: c.value };
        const list = fields.get(k);
        if (list) list.push(stamped);
        else fields.set(k, [stamped]);
      }
      inFile.set(tbl, fields);
    }
    return fields;
  };
  // A field's changes, read once per file (the file's own inserts may add them again: the same
  // stamps, so the verdict is the same).
  const histories = new Map<string, Stamped[]>();
  const history = (tbl: string, rowId: string, col: string): Stamped[] => {
    const k = key(tbl, rowId, col);
    let all = histories.get(k);
    if (!all) {
      all = [...logged.all(tbl, rowId, col), ...(fileChanges(tbl).get(k) ?? [])].sort((a, b) =>
        a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0,
      );
      histories.set(k, all);
    }
    return all;
  };
  const seen = header.seen;
  const knew = (r: Stamped, hlc: string) => (r.device === device ? r.hlc <= hlc : seen ? r.hlc <= (seen[r.device] ?? '') : r.hlc <= hlc);
  return {
    history,
    /** The field's change the writing device knew at `hlc` (the latest), if any. */
    at(tbl: string, rowId: string, col: string, hlc: string): Stamped | undefined {
      let best: Stamped | undefined;
      for (const r of history(tbl, rowId, col)) if (knew(r, hlc) && (!best || r.hlc > best.hlc)) best = r;
      return best;
    },
  };
}

/**
 * The role a change's author had as the device that wrote it knew it (knownBy). A member created
 * after its first change on its own device (the workspace's creator) takes its first role.
 */
function roleJudge(device: string, known: ReturnType<typeof knownBy>) {
  return (author: string | null, hlc: string): Role | null => {
    if (!author) return null;
    const best = known.at('members', author, 'role', hlc) ?? known.history('members', author, 'role').find((r) => r.device === device);
    return best?.value ? (JSON.parse(best.value) as Role) : null;
  };
}

/** Applies the files of one other device that come after the last one applied, in order, each whole. */
function pullDevice(
  engine: Engine,
  folder: string,
  workspaceId: string,
  device: string,
  progress: DeviceProgress,
  away: { upTo: number } | null,
): void {
  const insert = engine.sqlite.prepare(
    'INSERT OR IGNORE INTO change_log (hlc, device_id, author_id, tbl, row_id, col, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const rebuild = rebuilder(engine);
  const memberName = engine.sqlite.prepare('SELECT name FROM members WHERE id = ?').pluck();
  const me = deviceId(engine);
  const dir = changesDir(folder, workspaceId, device);
  for (;;) {
    const seq = Number(getLocal(engine, applied(device)) ?? 0) + 1;
    const file = path.join(dir, changeFileName(seq));
    if (!fs.existsSync(file)) {
      // Only a device away longer than the retention was not waited for; for any other a missing
      // file is one still arriving.
      if (away && away.upTo >= seq) {
        progress.problems.push({
          file,
          reason: `was removed from the folder while this device was away (more than ${RETENTION_MS / 86_400_000} days): this database cannot catch up`,
          retry: false,
        });
        progress.gone.push(device);
      }
      return;
    }
    const read = readChangeFile(file, { workspace: workspaceId, device, seq });
    if (!read.ok) {
      progress.problems.push(read.problem);
      return;
    }
    const { header, changes, fileHash } = read;
    const refused: SyncRefusal[] = [];
    const newest = changes.reduce((m, c) => (c.hlc > m ? c.hlc : m), header.hlcTo);
    const ahead = stampMillis(newest) - Date.now();
    if (ahead > MAX_CLOCK_AHEAD_MS) {
      // This device's later files wait behind it; other devices' files do not.
      progress.quarantined.push({ file, device, aheadSeconds: Math.round(ahead / 1000) });
      return;
    }
    const expectedPrev = getLocal(engine, appliedHash(device));
    if ((header.prev ?? null) !== expectedPrev) {
      progress.problems.push({ file, reason: 'does not follow the file before it (a file of this device was replaced)', retry: false });
      return;
    }
    // The files this one was written after must be applied first: its authors' roles are judged by them.
    const behind = Object.entries(header.seen ?? {}).find(([d, hlc]) => d !== me && appliedStamp(engine, folder, workspaceId, d) < hlc);
    if (behind) {
      progress.problems.push({
        file,
        reason: `waits for the files of device ${behind[0]} that were read before it was written`,
        retry: true,
      });
      return;
    }
    const unknown = changes.find((c) => !COLUMNS.get(c.tbl)?.has(c.col));
    if (unknown) {
      progress.problems.push({
        file,
        reason: `changes ${unknown.tbl}.${unknown.col}, which this version of Uptake does not know: update Uptake`,
        retry: false,
      });
      return;
    }
    try {
      inTransaction(engine, () => {
        const touched = new Map<string, { table: SyncedTableName; id: string }>();
        const known = knownBy(engine, device, header, changes);
        const roleOf = roleJudge(device, known);
        const triage = triageJudge(engine, changes, (tbl, rowId, col, hlc) => known.at(tbl, rowId, col, hlc)?.value ?? null);
        for (const c of changes) {
          const role = roleOf(c.authorId, c.hlc);
          if (!triage(c, role, roleMayWrite(role, c.tbl as SyncedTableName, c.col, c.value))) {
            refused.push({
              file,
              device,
              member: c.authorId,
              memberName: c.authorId ? ((memberName.get(c.authorId) as string | undefined) ?? null) : null,
              role,
              table: c.tbl,
              recordId: c.rowId,
              field: c.col,
            });
            continue;
          }
          if (insert.run(c.hlc, device, c.authorId, c.tbl, c.rowId, c.col, c.value).changes > 0) {
            touched.set(`${c.tbl}\u0000${c.rowId}`, { table: c.tbl as SyncedTableName, id: c.rowId });
          }
        }
        for (const { table, id } of touched.values()) rebuild(table, id);
        noteRead(engine, device, { seq, hash: fileHash, hlc: header.hlcTo, seen: header.seen ?? null });
      });
      progress.refused.push(...refused);
    } catch (e) {
      progress.problems.push({ file, reason: `could not be applied: ${(e as Error).message}`, retry: false });
      return;
    }
    progress.imported.files++;
    progress.imported.changes += changes.length;
    if (!progress.latest || header.hlcTo > progress.latest) progress.latest = header.hlcTo;
  }
}

const stampMillis = (hlc: string): number => {
  try {
    return parseHlc(hlc).millis;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};

/** The changes other devices' files would bring that no sync has applied yet, file by file (each read once). */
function* pendingChanges(
  engine: Engine,
  folder: string,
  workspaceId: string,
  devices: string[],
): Generator<{ device: string; changes: FieldChange[] }> {
  for (const device of devices) {
    for (let seq = Number(getLocal(engine, applied(device)) ?? 0) + 1; ; seq++) {
      const file = path.join(changesDir(folder, workspaceId, device), changeFileName(seq));
      if (!fs.existsSync(file)) break;
      const read = readChangeFile(file, { workspace: workspaceId, device, seq });
      if (!read.ok) break;
      yield { device, changes: read.changes };
    }
  }
}

/** The tables whose live records the pending files would delete en masse. */
function massDeletes(engine: Engine, folder: string, workspaceId: string, devices: string[]): MassDelete[] {
  const deleting = new Map<string, { ids: Set<string>; devices: Set<string> }>();
  for (const { device, changes } of pendingChanges(engine, folder, workspaceId, devices)) {
    for (const c of changes) {
      if (c.col !== 'deleted' || c.value !== 'true' || !COLUMNS.has(c.tbl)) continue;
      let t = deleting.get(c.tbl);
      if (!t) {
        t = { ids: new Set(), devices: new Set() };
        deleting.set(c.tbl, t);
      }
      t.ids.add(c.rowId);
      t.devices.add(device);
    }
  }
  const found: MassDelete[] = [];
  for (const [table, t] of deleting) {
    const isLive = engine.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted = 0`).pluck();
    const live = engine.sqlite.prepare(`SELECT COUNT(*) FROM ${table} WHERE deleted = 0`).pluck().get() as number;
    let count = 0;
    for (const id of t.ids) if (isLive.get(id)) count++;
    if (count >= MASS_DELETE.minimum && (count > MASS_DELETE.records || count > live * MASS_DELETE.share)) {
      found.push({ table, deleting: count, live, devices: [...t.devices].sort() });
    }
  }
  return found.sort((a, b) => a.table.localeCompare(b.table));
}

/** Later local changes must sort after every change received. */
function advanceClock(engine: Engine, seen: string | null): void {
  if (!seen) return;
  const me = deviceId(engine);
  const last = getLocal(engine, 'hlc');
  const local = last ? parseHlc(last) : { millis: 0, counter: 0 };
  setLocal(engine, 'hlc', formatHlc(receive(local, parseHlc(seen), Date.now()), me));
}

/**
 * One sync: publish this device's new changes, then apply every other device's new files. The
 * workspace is this database's; a database without one (a new device) names the workspace to
 * take from the folder.
 */
export function syncFolder(
  engine: Engine,
  folderInput: string,
  options: { workspace?: string; allowMassDelete?: boolean; snapshot?: boolean; compact?: boolean; progress?: boolean } = {},
): SyncSummary {
  const folder = checkWritableFolder(folderInput);
  const local = currentWorkspace(engine);
  const workspaceId = local?.id ?? options.workspace;
  if (!workspaceId) {
    throw badInput(
      'This database has no workspace yet: name the workspace to take from the shared folder (its id, the name of its folder there).',
    );
  }
  if (local && options.workspace && options.workspace !== local.id) {
    throw badInput(`This database holds workspace ${local.id}, not ${options.workspace}: sync it with its own workspace's folder.`);
  }
  if (local) prepareWorkspaceFolder(folder, local);
  else if (!fs.existsSync(workspaceDir(folder, workspaceId))) {
    throw badInput(`${folder} has no workspace ${workspaceId}. Check the folder and the workspace id, then try again.`);
  } else checkFormat(path.join(workspaceDir(folder, workspaceId), 'format.json'));
  const copy = local ? detectCopy(engine, folder, workspaceId) : null;
  const me = deviceId(engine);
  // Judged before this sync publishes (which would make this device look active again).
  const away = local ? awayTooLong(viewDevice(folder, workspaceId, me), Date.now()) : false;
  const ignored: string[] = [];
  const devices: string[] = [];
  const lowest = new Map<string, number>();
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(devicesDir(folder, workspaceId), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(e, devicesDir(folder, workspaceId), 'sync files');
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || !DEVICE_ID.test(entry.name)) {
      ignored.push(path.join(devicesDir(folder, workspaceId), entry.name));
      continue;
    }
    if (entry.name === me) continue;
    devices.push(entry.name);
    const dir = changesDir(folder, workspaceId, entry.name);
    for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const m = CHANGE_FILE.exec(name);
      if (!m) ignored.push(path.join(dir, name));
      else if (Number(m[1]) < (lowest.get(entry.name) ?? Number.POSITIVE_INFINITY)) lowest.set(entry.name, Number(m[1]));
    }
  }
  // A new device starts from the newest whole snapshot; the mass-delete check then looks at the
  // files after it. Both in one transaction: a refused sync changes nothing here or on the share.
  let startedFrom: SyncSummary['startedFrom'] = null;
  const snapshotProblems: SyncProblem[] = [];
  const start = () => {
    if (!local) startedFrom = startFromSnapshot(engine, folder, workspaceId, devices, snapshotProblems);
    if (!options.allowMassDelete) {
      const mass = massDeletes(engine, folder, workspaceId, devices);
      if (mass.length > 0) {
        const what = mass.map((m) => `${m.deleting} of the ${m.live} ${m.table.replaceAll('_', ' ')}`).join(', ');
        throw badInput(
          `This sync would delete ${what} (from device ${[...new Set(mass.flatMap((m) => m.devices))].join(', ')}). Nothing was applied. If that is intended, sync again allowing it (uptake sync --allow-mass-delete); if not, ask who deleted them.`,
          { massDelete: mass },
        );
      }
    }
  };
  if (local) start();
  else inTransaction(engine, start);
  if (getLocal(engine, SYNC_FOLDER) !== folder) setLocal(engine, SYNC_FOLDER, folder);
  // A batch's rows go out before the record that points to them, so they are rarely waited for.
  const publishedBatches = local ? publishBatches(engine, folder, workspaceId, me, ownership(engine)) : { batches: 0, rows: 0 };
  const published = local ? publish(engine, folder, workspaceId) : { files: 0, changes: 0 };
  // A device away that long finds which files of each device were removed: those before its lowest
  // file, and those a snapshot covers when none is left.
  const removed = away
    ? new Map(
        devices.map((d) => [
          d,
          Math.max((lowest.get(d) ?? 1) - 1, ...(viewDevice(folder, workspaceId, d).snapshots ?? []).map((s) => s.covers[d]?.seq ?? 0)),
        ]),
      )
    : null;
  const progress: DeviceProgress = {
    imported: { files: 0, changes: 0 },
    gone: [],
    problems: [],
    quarantined: [],
    refused: [],
    latest: null,
  };
  // A file may wait for another device's files (read before it was written): devices are read
  // again while any file was applied, and the problems are those of the last round.
  for (let round = 0; round <= devices.length; round++) {
    const before = progress.imported.files;
    progress.problems = [];
    progress.quarantined = [];
    progress.gone = [];
    for (const device of devices) {
      pullDevice(engine, folder, workspaceId, device, progress, removed ? { upTo: removed.get(device) ?? 0 } : null);
    }
    if (progress.imported.files === before) break;
  }
  const appliedBatches = applyBatches(engine, folder, workspaceId, ownership(engine), progress.problems);
  advanceClock(engine, progress.latest);
  // After publishing and applying: the snapshot holds what this device's files and those it applied hold.
  // A device that must join again writes none and removes nothing: what it holds is behind.
  const behind = progress.gone.length > 0;
  const snapshotWritten = local && !behind && (options.snapshot || snapshotDue(engine)) ? writeSnapshot(engine, folder, workspaceId) : null;
  // A join writes its progress once the member is found (a refused join leaves nothing on the share).
  if (!behind && options.progress !== false && currentWorkspace(engine)) writeProgress(engine, folder, workspaceId);
  const compacted =
    local && !behind && (options.compact || snapshotWritten) ? compactOwnFiles(folder, workspaceId, me, devices, Date.now()) : null;
  const problems = [...snapshotProblems, ...progress.problems];
  const rejoin = behind
    ? `This device was away from the shared folder longer than the others wait (${RETENTION_MS / 86_400_000} days), and the change files it needs next from device ${progress.gone.sort().join(', ')} have been removed (a snapshot holds them now). This database cannot catch up: join the workspace again with a new database file (in the app: "Join a workspace from a shared folder" on the first screen; on the command line: uptake --db NEW.db join --folder ${folder} --member "YOUR NAME"). This device's own changes were published to the folder before this message, so the new database receives them.`
    : null;
  return {
    folder,
    workspace: workspaceId,
    device: me,
    copy,
    published,
    imported: progress.imported,
    batches: { published: publishedBatches, imported: appliedBatches },
    devices: devices.sort(),
    startedFrom,
    snapshotWritten,
    compacted,
    rejoin,
    problems: problems.slice(0, LIST_CAP),
    moreProblems: Math.max(0, problems.length - LIST_CAP),
    quarantined: progress.quarantined.slice(0, LIST_CAP),
    moreQuarantined: Math.max(0, progress.quarantined.length - LIST_CAP),
    refused: progress.refused.slice(0, LIST_CAP),
    moreRefused: Math.max(0, progress.refused.length - LIST_CAP),
    ignored: ignored.sort().slice(0, LIST_CAP),
    moreIgnored: Math.max(0, ignored.length - LIST_CAP),
  };
}

export type { ChangeFileHeader };

/** The workspaces a shared folder holds: every folder with a format.json, with the name it gives. */
export function workspacesIn(folder: string): { id: string; name: string }[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (e) {
    throw fsError(e, folder, 'sync files');
  }
  const found: { id: string; name: string }[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    try {
      const format = JSON.parse(fs.readFileSync(path.join(folder, entry.name, 'format.json'), 'utf8')) as {
        format?: unknown;
        name?: unknown;
      };
      if (format.format === SHARE_FORMAT) found.push({ id: entry.name, name: typeof format.name === 'string' ? format.name : entry.name });
    } catch {
      // Not a workspace's folder (or its format.json has not arrived yet).
    }
  }
  return found.sort(byName);
}

/**
 * Makes an empty database a new device of a workspace on the shared folder, as a member a change
 * manager has added: it applies every change file there, then gives this device that member's
 * profile. All in one transaction: a member who is not found leaves the database as it was.
 */
export function joinWorkspace(
  engine: Engine,
  folderInput: string,
  memberName: string,
  workspaceId?: string,
): { workspace: { id: string; name: string }; memberId: string; sync: SyncSummary } {
  const folder = checkWritableFolder(folderInput);
  const existing = currentWorkspace(engine);
  if (existing) {
    throw new UserError('CONFLICT', `${engine.file} already holds the workspace ${existing.name}. Join with a new database file (--db).`);
  }
  const found = workspacesIn(folder);
  const list = (ws: { id: string; name: string }[]) =>
    ws
      .slice(0, 20)
      .map((w) => `${w.name} (${w.id})`)
      .join(', ');
  const chosen = workspaceId
    ? found.find((w) => w.id === workspaceId || w.name === workspaceId)
    : found.length === 1
      ? found[0]
      : undefined;
  if (!chosen) {
    if (found.length === 0)
      throw badInput(`${folder} holds no Uptake workspace yet. Check the folder; a change manager syncs the workspace there first.`);
    if (workspaceId) throw badInput(`${folder} has no workspace ${workspaceId}. It has: ${list(found)}.`);
    throw badInput(`${folder} holds ${found.length} workspaces: ${list(found)}. Say which one to join (--workspace ID).`);
  }
  const target = chosen;
  return inTransaction(engine, () => {
    const summary = syncFolder(engine, folder, { workspace: target.id, progress: false });
    const wanted = memberName.trim().toLocaleLowerCase();
    const members = listMembers(engine);
    const member = members.find((m) => m.id === memberName || m.name.toLocaleLowerCase() === wanted);
    if (!member) {
      throw badInput(
        `${target.name} has no member "${memberName}" (yet). Ask a change manager to add you and sync; members now: ${members
          .slice(0, 20)
          .map((m) => m.name)
          .join(', ')}${members.length > 20 ? `, and ${members.length - 20} more` : ''}.`,
      );
    }
    addProfile(engine, member.id);
    setLocal(engine, 'acting_member', member.id);
    writeProgress(engine, folder, target.id);
    return { workspace: currentWorkspace(engine) ?? target, memberId: member.id, sync: summary };
  });
}
