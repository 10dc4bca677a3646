import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { namesById } from '../records';
import type { SyncedTableName } from '../synced';
import { propertyName, rowLog } from '../write';
import type { HistoryEntry } from './model';

const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));

/**
 * A record's history from the change log, newest first: one entry per write (one HLC), each
 * field with its value before and after. "Before" is the previous record of the same field in
 * HLC order, so after a sync conflict the losing value still shows as a step in the history.
 */
export function recordHistory(engine: Engine, table: SyncedTableName, id: string): HistoryEntry[] {
  const names = namesById(engine, listMembers);
  const last = new Map<string, unknown>();
  const entries: HistoryEntry[] = [];
  for (const rec of rowLog(engine, table, id)) {
    let entry = entries[entries.length - 1];
    if (!entry || entry.hlc !== rec.hlc) {
      entry = {
        hlc: rec.hlc,
        at: rec.hlc.slice(0, 24),
        deviceId: rec.deviceId,
        author: rec.authorId ? { id: rec.authorId, name: names.get(rec.authorId) ?? 'Unknown member' } : null,
        created: entries.length === 0,
        changes: [],
      };
      entries.push(entry);
    }
    const field = propertyName(table, rec.col);
    const to = parse(rec.value);
    entry.changes.push({ field, from: last.has(field) ? last.get(field) : null, to });
    last.set(field, to);
  }
  return entries.reverse();
}
