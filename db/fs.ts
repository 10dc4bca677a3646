import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { badInput } from './errors';

/*
 * Files other people read: published reports, exports, and (with sync) the change files on a
 * shared folder. A reader never sees half a file: each file is written to a temp file in the
 * same folder, fsynced, then renamed over the target (a rename within one folder is atomic on
 * every platform Uptake runs on, network shares included). Every file-system error becomes a
 * message naming the path and what to do.
 */

/** A file-system error as a message that names the path and says what to do (a UserError), or the error itself. */
export function fsError(e: unknown, target: string, what: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return badInput(
      `Uptake may not write ${what} in ${target} (permission denied). Choose a folder you can write to, or ask its owner for write access.`,
    );
  }
  if (code === 'EROFS') return badInput(`${target} is on a read-only drive or share. Choose a folder you can write to.`);
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return badInput(`There is no space left for ${what} in ${target}. Free some space, then try again.`);
  if (code === 'ENOENT')
    return badInput(`The folder ${target} does not exist (any more). Check the path and that the share is connected, then try again.`);
  return e instanceof Error ? e : new Error(String(e));
}

/** Checks that `folder` is an existing folder this process may write in; says which path and what to do when not. */
export function checkWritableFolder(folder: string): string {
  if (!path.isAbsolute(folder)) {
    throw badInput(
      `The folder "${folder}" is a relative path. Give the full path of the shared folder (for example /mnt/share/uptake or \\\\server\\share\\uptake).`,
    );
  }
  const dir = path.resolve(folder);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw badInput(
        `The folder ${dir} does not exist. Check the path (is the network share connected?), or create the folder, then try again.`,
      );
    }
    throw fsError(e, dir, 'files');
  }
  if (!stat.isDirectory()) throw badInput(`${dir} is a file, not a folder. Give the folder itself.`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    throw fsError(e, dir, 'files');
  }
  return dir;
}

/** `read` on the file opened for reading, which is closed after; null when the file cannot be opened (gone, or not readable). */
export function readOpenFile<T>(file: string, read: (fd: number) => T): T | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    return read(fd);
  } finally {
    fs.closeSync(fd);
  }
}

interface Pending {
  target: string;
  temp: string;
  bytes: number;
}

/** Phase one: the content in a fsynced temp file beside the target. Removes the temp file if anything fails. */
function writeTemp(target: string, data: string | Uint8Array): Pending {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, 'wx', 0o644);
    let offset = 0;
    while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    return { target, temp, bytes: buffer.length };
  } catch (e) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw fsError(e, dir, path.basename(target));
  }
}

/** Makes a rename durable where the OS allows it (not on Windows, where a folder cannot be opened). */
function syncFolder(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort: some file systems (and Windows) refuse to fsync a folder.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/**
 * Refuses a file path that names an existing folder, saying so with the path as given: `example`
 * (a file name) makes the advice concrete, e.g. "reports is a folder: give a file name, e.g.
 * reports/report.csv".
 */
export function checkNotFolder(file: string, example?: string): void {
  if (!fs.statSync(path.resolve(file), { throwIfNoEntry: false })?.isDirectory()) return;
  const eg = example ? `, e.g. ${path.join(file, example)}` : ' (a file in it, or elsewhere)';
  throw badInput(`${file} is a folder: give a file name${eg}.`);
}

/**
 * Writes several files atomically each: every temp file is written and fsynced first, and only
 * when all of them are complete are they renamed into place. A failure leaves the previous
 * files untouched and no temp file behind.
 */
export function writeFilesAtomic(files: { path: string; data: string | Uint8Array }[]): { path: string; bytes: number }[] {
  // Before any temp file: renaming a file over a folder fails only after the content is written.
  for (const f of files) checkNotFolder(f.path);
  const pending: Pending[] = [];
  try {
    for (const f of files) pending.push(writeTemp(path.resolve(f.path), f.data));
    for (const p of pending) {
      try {
        fs.renameSync(p.temp, p.target);
      } catch (e) {
        throw fsError(e, path.dirname(p.target), path.basename(p.target));
      }
    }
  } catch (e) {
    for (const p of pending) fs.rmSync(p.temp, { force: true });
    throw e;
  }
  for (const dir of new Set(pending.map((p) => path.dirname(p.target)))) syncFolder(dir);
  return pending.map((p) => ({ path: p.target, bytes: p.bytes }));
}

/** One file, atomically (temp file in the same folder, fsync, rename). Returns its size in bytes. */
export function writeFileAtomic(file: string, data: string | Uint8Array): number {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw badInput(`The folder ${dir} does not exist. Create it, or write the file somewhere else.`);
  const [written] = writeFilesAtomic([{ path: file, data }]);
  return written?.bytes ?? 0;
}
