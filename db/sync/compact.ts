import fs from 'node:fs';
import path from 'node:path';
import { fsError, writeFileAtomic } from '../fs';
import { parseHlc } from '../hlc';
import type { Engine } from '../open';
import { deviceId, getLocal, setLocal } from '../write';
import {
  CHANGE_FILE,
  type ChangeFileHeader,
  changeFileName,
  changesDir,
  devicesDir,
  readChangeFile,
  readHeaderLine,
  SHARE_VERSION,
} from './files';
import { seenNow } from './log';
import { SNAPSHOT_FILE, SNAPSHOT_FORMAT, type SnapshotHeader, snapshotsDir } from './snapshots';

/*
 * Compaction (docs/sync.md, "Compaction"): a device deletes its own change files once every
 * snapshot in the folder covers them and every other device has passed them, so the folder does
 * not keep every change since the workspace began. A device away longer than RETENTION_MS is not
 * waited for; when it comes back and the file it needs next is gone, its sync says it must join
 * again from a snapshot. Snapshots and this device's own files are read by their headers (first
 * lines) only.
 */

/** A device whose newest file and snapshot are older than this is not waited for. */
export const RETENTION_MS = 90 * 24 * 60 * 60_000;

/**
 * `devices/<device>/progress.json`: how far the device has read every other device, and when it
 * last synced. Change files say it too, but only a device that writes changes publishes them; a
 * device that only reads (a sponsor, a device that has just joined) would otherwise be invisible
 * and have the files it needs next removed. Only its device writes it (whole, atomically).
 */
const PROGRESS_FORMAT = 'uptake-progress';
const PROGRESS_NOTE = 'sync_progress';
/** A device that has read nothing new still says it is there once a day. */
const PROGRESS_REFRESH_MS = 24 * 60 * 60_000;

interface Progress {
  format: typeof PROGRESS_FORMAT;
  version: number;
  device: string;
  seen: Record<string, string>;
  at: string;
}

export const progressFile = (folder: string, workspaceId: string, device: string) =>
  path.join(devicesDir(folder, workspaceId), device, 'progress.json');

/** Writes this device's progress file when what it has read changed, or a day after it last did. */
export function writeProgress(engine: Engine, folder: string, workspaceId: string): void {
  const me = deviceId(engine);
  const seen = seenNow(engine);
  const noted = getLocal(engine, PROGRESS_NOTE);
  const last = noted ? (JSON.parse(noted) as { seen: Record<string, string>; at: string; device: string }) : null;
  const now = Date.now();
  if (last && last.device === me && JSON.stringify(last.seen) === JSON.stringify(seen) && now - Date.parse(last.at) < PROGRESS_REFRESH_MS)
    return;
  const progress: Progress = { format: PROGRESS_FORMAT, version: SHARE_VERSION, device: me, seen, at: new Date(now).toISOString() };
  const file = progressFile(folder, workspaceId, me);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, `${JSON.stringify(progress)}\n`);
  } catch (e) {
    throw fsError(e, path.dirname(file), 'sync files');
  }
  setLocal(engine, PROGRESS_NOTE, JSON.stringify({ device: me, seen, at: progress.at }));
}

function readProgress(folder: string, workspaceId: string, device: string): Progress | null {
  try {
    const p = JSON.parse(fs.readFileSync(progressFile(folder, workspaceId, device), 'utf8')) as Partial<Progress>;
    if (p.format !== PROGRESS_FORMAT || p.device !== device || typeof p.at !== 'string' || typeof p.seen !== 'object' || p.seen === null)
      return null;
    return p as Progress;
  } catch {
    return null;
  }
}

/** What the folder shows of one device. */
interface DeviceView {
  /** Its change files' numbers, lowest first. */
  seqs: number[];
  /** The header of its newest readable change file. */
  newest: ChangeFileHeader | null;
  /** Its snapshots' headers; null when one cannot be read (still arriving: nothing is decided on it). */
  snapshots: SnapshotHeader[] | null;
  /** Its progress file, if it has written one. */
  progress: Progress | null;
  /** When it last showed it was active: its newest stamp or progress there, else when its folder was made. */
  lastActive: number;
}

const stampMillis = (hlc: unknown): number => {
  try {
    return typeof hlc === 'string' ? parseHlc(hlc).millis : 0;
  } catch {
    return 0;
  }
};

const isSnapshotHeader = (h: unknown): h is SnapshotHeader => {
  const x = h as Partial<SnapshotHeader> | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    x.format === SNAPSHOT_FORMAT &&
    typeof x.covers === 'object' &&
    x.covers !== null &&
    typeof x.hlc === 'string'
  );
};

const list = (dir: string): string[] => {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
};

export function viewDevice(folder: string, workspaceId: string, device: string): DeviceView {
  const dir = changesDir(folder, workspaceId, device);
  const seqs = list(dir)
    .flatMap((name) => {
      const m = CHANGE_FILE.exec(name);
      return m ? [Number(m[1])] : [];
    })
    .sort((x, y) => x - y);
  // The newest whole file (checked as a reader checks it): a damaged header must not say more was read.
  let newest: ChangeFileHeader | null = null;
  for (let i = seqs.length - 1; i >= 0 && !newest; i--) {
    const seq = seqs[i] ?? 0;
    const read = readChangeFile(path.join(dir, changeFileName(seq)), { workspace: workspaceId, device, seq });
    if (read.ok) newest = read.header;
  }
  let snapshots: SnapshotHeader[] | null = [];
  const snapDir = snapshotsDir(folder, workspaceId, device);
  for (const name of list(snapDir)) {
    if (!SNAPSHOT_FILE.test(name)) continue;
    const h = readHeaderLine(path.join(snapDir, name));
    if (!isSnapshotHeader(h)) {
      snapshots = null;
      break;
    }
    snapshots.push(h);
  }
  const progress = readProgress(folder, workspaceId, device);
  let lastActive = Math.max(
    stampMillis(newest?.hlcTo),
    progress ? Date.parse(progress.at) || 0 : 0,
    ...(snapshots ?? []).map((s) => stampMillis(s.hlc)),
  );
  if (lastActive === 0) {
    try {
      lastActive = fs.statSync(path.join(devicesDir(folder, workspaceId), device)).mtimeMs;
    } catch {
      lastActive = 0;
    }
  }
  return { seqs, newest, snapshots, progress, lastActive };
}

export const awayTooLong = (view: DeviceView, now: number) => view.lastActive > 0 && now - view.lastActive > RETENTION_MS;

const covered = (s: SnapshotHeader, device: string) => {
  const seq = s.covers[device]?.seq;
  return Number.isInteger(seq) && (seq ?? 0) > 0 ? (seq as number) : 0;
};

/**
 * Removes this device's change files that are safe to remove: at most the lowest of what every
 * snapshot in the folder covers of it, and of what each other device not away longer than the
 * retention has passed (its snapshots' `covers`, or the last of this device's files whose stamps
 * its newest change file's `seen` reaches). Returns how many files it removed and up to which.
 */
export function compactOwnFiles(
  folder: string,
  workspaceId: string,
  me: string,
  others: string[],
  now: number,
): { files: number; upTo: number } {
  const nothing = { files: 0, upTo: 0 };
  const mine = viewDevice(folder, workspaceId, me);
  if (mine.seqs.length === 0 || !mine.snapshots) return nothing;
  const views = others.map((d) => viewDevice(folder, workspaceId, d));
  const snapshots: SnapshotHeader[] = [...mine.snapshots];
  for (const v of views) {
    // A device away that long is not waited for, nor are its snapshots: a new device that would
    // start from one finds it no longer whole and takes a newer one (one of those counted here).
    if (awayTooLong(v, now)) continue;
    if (!v.snapshots) return nothing;
    snapshots.push(...v.snapshots);
  }
  // With no snapshot a new device must replay every file: none goes.
  if (snapshots.length === 0) return nothing;
  let upTo = Math.min(...snapshots.map((s) => covered(s, me)));
  const dir = changesDir(folder, workspaceId, me);
  let lastStamps: [number, string][] | undefined;
  for (const v of views) {
    if (upTo === 0) return nothing;
    if (awayTooLong(v, now)) continue;
    const bySnapshot = Math.max(0, ...(v.snapshots ?? []).map((s) => covered(s, me)));
    const fromFile = v.newest?.seen?.[me] ?? '';
    const fromProgress = v.progress?.seen[me] ?? '';
    const seen = fromProgress > fromFile ? fromProgress : fromFile;
    let bySeen = 0;
    if (seen && bySnapshot < upTo) {
      lastStamps ??= mine.seqs.map((seq) => [
        seq,
        String((readHeaderLine(path.join(dir, changeFileName(seq))) as ChangeFileHeader | null)?.hlcTo ?? '\uffff'),
      ]);
      for (const [seq, hlc] of lastStamps) if (hlc <= seen) bySeen = seq;
    }
    upTo = Math.min(upTo, Math.max(bySnapshot, bySeen));
  }
  let files = 0;
  for (const seq of mine.seqs) {
    if (seq > upTo) break;
    try {
      fs.rmSync(path.join(dir, changeFileName(seq)), { force: true });
    } catch (e) {
      throw fsError(e, dir, 'sync files');
    }
    files++;
  }
  return { files, upTo };
}
