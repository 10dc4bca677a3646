import fs from 'node:fs';
import path from 'node:path';
import { checkWritableFolder } from '../fs';
import { ROLES, type Role } from '../members/model';
import { CHANGE_FILE, changesDir, DEVICE_ID, devicesDir, readChangeFile } from './files';
import type { JoinableWorkspace } from './model';
import { workspacesIn } from './sync';

/**
 * What a new device may join in a shared folder: each workspace there and its members, read from
 * the change files without applying them (the member records' fields, each the value of its
 * newest change), so the first-run screen can offer a list to pick from. Changes nothing.
 */
export function joinableWorkspaces(folderInput: string): JoinableWorkspace[] {
  const folder = checkWritableFolder(folderInput);
  return workspacesIn(folder).map((w) => {
    const fields = new Map<string, Map<string, { hlc: string; value: string | null }>>();
    let devices: string[] = [];
    try {
      devices = fs.readdirSync(devicesDir(folder, w.id)).filter((d) => DEVICE_ID.test(d));
    } catch {
      // No device has published yet.
    }
    for (const device of devices) {
      const dir = changesDir(folder, w.id, device);
      let files: string[] = [];
      try {
        files = fs.readdirSync(dir).filter((f) => CHANGE_FILE.test(f));
      } catch {
        continue;
      }
      for (const name of files) {
        const read = readChangeFile(path.join(dir, name), { workspace: w.id, device, seq: Number(CHANGE_FILE.exec(name)?.[1]) });
        if (!read.ok) continue;
        for (const c of read.changes) {
          if (c.tbl !== 'members') continue;
          const record = fields.get(c.rowId) ?? new Map();
          const prior = record.get(c.col);
          if (!prior || c.hlc > prior.hlc) record.set(c.col, { hlc: c.hlc, value: c.value });
          fields.set(c.rowId, record);
        }
      }
    }
    const members = [...fields.entries()].flatMap(([id, f]) => {
      const get = (col: string) => {
        const v = f.get(col)?.value;
        return v === undefined || v === null ? null : (JSON.parse(v) as unknown);
      };
      const name = get('name');
      const role = get('role');
      if (get('deleted') === true || typeof name !== 'string' || !ROLES.includes(role as Role)) return [];
      return [{ id, name, role: role as Role }];
    });
    return { ...w, members: members.sort((a, b) => a.name.localeCompare(b.name)) };
  });
}
