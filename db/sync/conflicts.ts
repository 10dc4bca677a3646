import { badInput, UserError } from '../errors';
import { deleteInitiative, restoreInitiative, updateInitiative } from '../initiatives/initiatives';
import { listMembers, updateMember } from '../members/members';
import type { Engine } from '../open';
import type { Session } from '../records';
import { updateShadowProcess } from '../shadow-processes/shadow-processes';
import { SYNCED_TABLES, type SyncedTableName } from '../synced';
import { deleteTeam, restoreTeam, updateTeam } from '../teams/teams';
import { renameWorkspace } from '../workspace/workspace';
import { deviceId, getLocal, propertyName, readRow, setLocal } from '../write';
import type { ConflictValue, SyncConflict } from './model';
import { PUBLISHED_AT } from './status';
import { PUBLISHED_LOG_SEQ } from './sync';

/*
 * Conflicts: a field two devices changed without either having seen the other's change. The
 * change log keeps every value (the loser too), but it does not record what a device had
 * received when it wrote, so this device judges from what it knows itself (docs/sync.md):
 *
 * - the winning change was written here: the other device's value arrived here after it;
 * - the losing change was written here: the winning change is stamped before this device put the
 *   losing one on the share (its author cannot have seen it), or it is not on the share yet.
 *
 * A field where neither change was written here is left to the two devices concerned.
 */

interface LogRow {
  seq: number;
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

/** When each published stretch of this device's log reached the share: [last log seq, time], by seq. */
function publishTimes(engine: Engine): [number, number][] {
  const rows = engine.sqlite.prepare("SELECT key, value FROM local_state WHERE key LIKE 'sync_published_at:%'").all() as {
    key: string;
    value: string;
  }[];
  return rows.map((r): [number, number] => [Number(r.key.slice(PUBLISHED_AT.length)), Date.parse(r.value)]).sort((a, b) => a[0] - b[0]);
}

export function listConflicts(engine: Engine): SyncConflict[] {
  const me = deviceId(engine);
  const published = Number(getLocal(engine, PUBLISHED_LOG_SEQ) ?? 0);
  const times = publishTimes(engine);
  /** When this device's change `seq` reached the share; Infinity when it has not; null when it is not known (published before times were noted). */
  const publishedAt = (seq: number): number | null => {
    if (seq > published) return Number.POSITIVE_INFINITY;
    return times.find(([upTo]) => upTo >= seq)?.[1] ?? null;
  };
  const names = new Map(listMembers(engine, true).map((m) => [m.id, m.name]));
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
    'SELECT seq, hlc, device_id AS device, author_id AS author, value FROM change_log WHERE tbl = ? AND row_id = ? AND col = ? ORDER BY hlc',
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
    for (const loser of newestOf.values()) {
      if (loser.value === winner.value) continue;
      let concurrent = false;
      if (winner.device === me) concurrent = loser.seq > winner.seq;
      else if (loser.device === me) {
        const at = publishedAt(loser.seq);
        concurrent = at !== null && millis(winner.hlc) <= at;
      }
      if (!concurrent) continue;
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
  return conflicts.sort((a, b) => b.other.at.localeCompare(a.other.at) || a.record.localeCompare(b.record));
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
