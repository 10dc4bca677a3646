import { badInput, UserError } from '../errors';
import { deleteInitiative, restoreInitiative, updateInitiative } from '../initiatives/initiatives';
import { listMembers, updateMember } from '../members/members';
import type { Engine } from '../open';
import type { Session } from '../records';
import { namesById } from '../records';
import { updateShadowProcess } from '../shadow-processes/shadow-processes';
import { SYNCED_TABLES, type SyncedTableName } from '../synced';
import { deleteTeam, restoreTeam, updateTeam } from '../teams/teams';
import { renameWorkspace } from '../workspace/workspace';
import { deviceId, getLocal, propertyName, readRow, setLocal } from '../write';
import { SEEN_NOTE, seenNote, seenNow } from './log';
import type { ConflictValue, SyncConflict } from './model';

/*
 * Conflicts: a field two devices changed without either having seen the other's change. The
 * change log keeps every value (the loser too), and each change file says how far its device had
 * read every other device when it wrote the file (`seen`, noted here per file as SEEN_NOTE). So
 * whether the winning change's device had seen the losing one is read from the files, not from the
 * order this device happened to receive them: every device that holds the same files lists the same
 * conflicts, a third device too (docs/sync.md).
 */

interface LogRow {
  hlc: string;
  device: string;
  author: string | null;
  value: string | null;
}

const KEPT = 'sync_kept:';
const keptKey = (c: { table: string; id: string; field: string; other: { hlc: string } }) =>
  `${KEPT}${c.table}|${c.id}|${c.field}|${c.other.hlc}`;
const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));
const millis = (hlc: string) => Date.parse(hlc.slice(0, 24));

/**
 * What the device that wrote a change had read of each other device (the `seen` of the file that
 * holds it); null when that is not known (a file of an earlier build, or a change this device took
 * from a snapshot). A change of this device not in a file yet was made after its last sync read
 * the folder: what it has read now.
 */
function seenByChange(engine: Engine): (r: LogRow) => Record<string, string> | null {
  const me = deviceId(engine);
  const fileOf = engine.sqlite
    .prepare<[string, string], string>('SELECT value FROM local_state WHERE key >= ? AND key < ? ORDER BY key LIMIT 1')
    .pluck();
  let now: Record<string, string> | undefined;
  return (r) => {
    const noted = fileOf.get(seenNote(r.device, r.hlc), `${SEEN_NOTE}${r.device};`);
    if (noted === undefined) {
      if (r.device !== me) return null;
      now ??= seenNow(engine);
      return now;
    }
    return JSON.parse(noted) as Record<string, string> | null;
  };
}

export function listConflicts(engine: Engine): SyncConflict[] {
  const seenBy = seenByChange(engine);
  const names = namesById(engine, listMembers);
  const value = (r: LogRow): ConflictValue => ({
    hlc: r.hlc,
    at: new Date(millis(r.hlc)).toISOString(),
    device: r.device,
    author: r.author ? (names.get(r.author) ?? 'Unknown member') : null,
    value: parse(r.value),
  });
  // Only fields more than one device wrote can conflict.
  const fields = engine.sqlite
    .prepare('SELECT tbl, row_id AS id, col FROM change_log GROUP BY tbl, row_id, col HAVING COUNT(DISTINCT device_id) > 1')
    .all() as { tbl: string; id: string; col: string }[];
  const logOf = engine.sqlite.prepare(
    'SELECT hlc, device_id AS device, author_id AS author, value FROM change_log WHERE tbl = ? AND row_id = ? AND col = ? ORDER BY hlc',
  );
  const conflicts: SyncConflict[] = [];
  for (const f of fields) {
    if (!(SYNCED_TABLES as readonly string[]).includes(f.tbl)) continue;
    const table = f.tbl as SyncedTableName;
    const log = logOf.all(f.tbl, f.id, f.col) as LogRow[];
    const winner = log[log.length - 1];
    if (!winner) continue;
    const newestOf = new Map<string, LogRow>();
    for (const r of log) if (r.device !== winner.device) newestOf.set(r.device, r);
    // The loser, stamped earlier, cannot have seen the winner (a device's clock moves past what it
    // reads); the winner's device had seen it when its `seen` reaches the loser's stamp. Not known
    // counts as seen: only what the files show is listed.
    const seen = seenBy(winner);
    for (const loser of newestOf.values()) {
      if (loser.value === winner.value || seen === null || (seen[loser.device] ?? '') >= loser.hlc) continue;
      const row = readRow(engine, table, f.id);
      const field = propertyName(table, f.col);
      const conflict: SyncConflict = {
        table,
        id: f.id,
        record: typeof row?.name === 'string' ? row.name : f.id,
        field,
        current: value(winner),
        other: value(loser),
      };
      if (getLocal(engine, keptKey(conflict)) === null) conflicts.push(conflict);
    }
  }
  return conflicts.sort(
    (a, b) =>
      b.other.at.localeCompare(a.other.at) ||
      a.record.localeCompare(b.record) ||
      `${a.table}|${a.id}|${a.field}|${a.other.hlc}`.localeCompare(`${b.table}|${b.id}|${b.field}|${b.other.hlc}`),
  );
}

type Apply = (s: Session, id: string, field: string, value: unknown) => unknown;
const patch = (id: string, field: string, value: unknown) => ({ id, [field]: value }) as never;

/** How the other value goes back in: through the same domain function (and its rules) as an edit on the record's screen. */
const APPLY: Partial<Record<SyncedTableName, Apply>> = {
  teams: (s, id, field, value) =>
    field === 'deleted' ? (value ? deleteTeam(s, id) : restoreTeam(s, id)) : updateTeam(s, patch(id, field, value)),
  initiatives: (s, id, field, value) =>
    field === 'deleted' ? (value ? deleteInitiative(s, id) : restoreInitiative(s, id)) : updateInitiative(s, patch(id, field, value)),
  members: (s, id, field, value) => {
    if (field === 'deleted') throw badInput('A member deleted on one device and changed on another: restore or delete them on Members.');
    return updateMember(s, patch(id, field, value));
  },
  shadow_processes: (s, id, field, value) => {
    if (field === 'deleted') throw badInput('Restore or delete this shadow process on its own screen.');
    return updateShadowProcess(s, patch(id, field, value));
  },
  workspace: (s, _id, field, value) => {
    if (field !== 'name' || typeof value !== 'string')
      throw badInput('Only the workspace name can be changed here: change the rest in Settings.');
    return renameWorkspace(s, value);
  },
};

/**
 * Settles one conflict. "current" keeps the value the record has (the other is no longer listed
 * on this device); "other" writes the other value again as a new change, through the record's
 * domain rules, so it wins everywhere once synced and the history shows both.
 */
export function resolveConflict(
  s: Session,
  input: { table: string; id: string; field: string; otherHlc: string; keep: 'current' | 'other' },
): SyncConflict {
  const conflict = listConflicts(s.engine).find(
    (c) => c.table === input.table && c.id === input.id && c.field === input.field && c.other.hlc === input.otherHlc,
  );
  if (!conflict) {
    throw new UserError(
      'CONFLICT',
      'This conflict is no longer open (it was settled here or by a sync since the list was shown). Refresh the list.',
    );
  }
  if (input.keep === 'current') {
    setLocal(s.engine, keptKey(conflict), conflict.current.hlc);
    return conflict;
  }
  const apply = APPLY[conflict.table as SyncedTableName];
  if (!apply) throw badInput(`A ${conflict.table} record cannot be changed here: change it on its own screen.`);
  apply(s, conflict.id, conflict.field, conflict.other.value);
  return conflict;
}
