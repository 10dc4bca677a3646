import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { fsError } from '../fs';
import { parseHlc } from '../hlc';
import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { inTransaction, namesById } from '../records';
import { currentWorkspace } from '../workspace/workspace';
import { deviceId, getLocal, setLocal } from '../write';
import { CHANGE_FILE, changesDir, DEVICE_ID, devicesDir } from './files';
import type { SyncDevice, SyncStatus, SyncSummary } from './model';
import { applied, PUBLISHED_LOG_SEQ, SYNC_FOLDER, syncFolder } from './sync';

const LAST_RUN = 'sync_last_run';
const LAST_ERROR = 'sync_last_error';

/**
 * One sync, noted for the status view: when it completed and what it did, or why it failed and
 * how many times in a row (the app's automatic sync backs off on that count). A failure changes
 * nothing but these notes.
 */
export function runSync(
  engine: Engine,
  folder: string,
  options: { allowMassDelete?: boolean; snapshot?: boolean; compact?: boolean } = {},
): SyncSummary {
  let summary: SyncSummary;
  try {
    summary = syncFolder(engine, folder, options);
  } catch (e) {
    const last = readJson<{ failures?: number }>(engine, LAST_ERROR);
    const message = e instanceof UserError ? e.message : `Sync failed: ${(e as Error).message}`;
    const massDelete = e instanceof UserError ? e.details?.massDelete : undefined;
    setLocal(
      engine,
      LAST_ERROR,
      JSON.stringify({ at: new Date().toISOString(), message, failures: (last?.failures ?? 0) + 1, ...(massDelete ? { massDelete } : {}) }),
    );
    throw e;
  }
  const at = new Date().toISOString();
  // One commit for the notes (each commit waits for the disk).
  inTransaction(engine, () => {
    setLocal(engine, LAST_RUN, JSON.stringify({ at, summary }));
    engine.sqlite.prepare('DELETE FROM local_state WHERE key = ?').run(LAST_ERROR);
  });
  return summary;
}

function readJson<T>(engine: Engine, key: string): T | null {
  const text = getLocal(engine, key);
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** When a device's newest file was written: its header's last stamp, else the file's modification time. */
function lastPublished(file: string): string | null {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { hlcTo?: unknown };
    if (typeof header.hlcTo === 'string') return new Date(parseHlc(header.hlcTo).millis).toISOString();
  } catch {
    // Not arrived whole yet: the file's own time is the best there is.
  }
  try {
    return fs.statSync(file).mtime.toISOString();
  } catch {
    return null;
  }
}

/** Where this device's sync stands: its notes of the last run, what waits to go out and come in, the devices in the folder. */
export function syncStatus(engine: Engine): SyncStatus {
  const folder = getLocal(engine, SYNC_FOLDER);
  const me = deviceId(engine);
  const published = Number(getLocal(engine, PUBLISHED_LOG_SEQ) ?? 0);
  const pendingOutgoing = (
    engine.sqlite.prepare('SELECT COUNT(*) AS n FROM change_log WHERE device_id = ? AND seq > ?').get(me, published) as { n: number }
  ).n;
  const status: SyncStatus = {
    folder,
    device: me,
    lastRun: readJson(engine, LAST_RUN),
    lastError: readJson(engine, LAST_ERROR),
    pendingOutgoing,
    pendingIncoming: 0,
    devices: [],
    folderProblem: null,
  };
  const workspace = currentWorkspace(engine);
  if (!folder || !workspace) return status;
  const dir = devicesDir(folder, workspace.id);
  let entries: fs.Dirent[];
  try {
    if (!fs.statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    entries = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : [];
  } catch (e) {
    status.folderProblem = fsError(e, folder, 'sync files').message;
    return status;
  }
  const names = namesById(engine, listMembers);
  const authorOf = engine.sqlite.prepare('SELECT author_id AS author FROM change_log WHERE device_id = ? ORDER BY seq DESC LIMIT 1');
  for (const entry of entries) {
    if (!entry.isDirectory() || !DEVICE_ID.test(entry.name) || entry.name === me) continue;
    let files: string[] = [];
    try {
      files = fs
        .readdirSync(changesDir(folder, workspace.id, entry.name))
        .filter((f) => CHANGE_FILE.test(f))
        .sort();
    } catch {
      // A device folder without changes yet.
    }
    const done = Number(getLocal(engine, applied(entry.name)) ?? 0);
    const newest = files[files.length - 1];
    const author = (authorOf.get(entry.name) as { author: string | null } | undefined)?.author ?? null;
    const device: SyncDevice = {
      device: entry.name,
      member: author ? (names.get(author) ?? null) : null,
      lastPublished: newest ? lastPublished(path.join(changesDir(folder, workspace.id, entry.name), newest)) : null,
      files: files.length,
      // Compaction removes applied files: count those still there.
      applied: files.filter((f) => Number(CHANGE_FILE.exec(f)?.[1]) <= done).length,
    };
    status.pendingIncoming += files.filter((f) => Number(CHANGE_FILE.exec(f)?.[1]) > done).length;
    status.devices.push(device);
  }
  status.devices.sort((a, b) => (b.lastPublished ?? '').localeCompare(a.lastPublished ?? '') || a.device.localeCompare(b.device));
  return status;
}
