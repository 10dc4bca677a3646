import { eq } from 'drizzle-orm';
import { badInput } from '../errors';
import { recordHistory } from '../history/history';
import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { inTransaction, namesById, type RecordKit, recordKit, type Session, stringList, withNulls } from '../records';
import { stakeholderConcerns } from '../schema';
import { listTeams } from '../teams/teams';
import { fieldValues, setFieldValues } from './fields';
import {
  ADKAR_ELEMENTS,
  type AdkarElement,
  barrierPoint,
  type ConcernKind,
  type ConcernStatus,
  type FieldValue,
  isOpenConcern,
  quadrantOf,
  RATING_MAX,
  RATING_MIN,
  type Stakeholder,
  type StakeholderConcern,
  type StakeholderTimelineEntry,
  type SupportLevel,
} from './model';

/*
 * The register's rows in plain SQL, read as arrays and shaped once, rather than through drizzle:
 * at 10,000 stakeholders building every row's object column by column was most of the screen's
 * load (docs/stakeholders.md, "How fast").
 */
const registerSql = (where: string) =>
  `SELECT id, name, title, team_id, email, influence, interest, support, awareness, desire, knowledge, ability,
     reinforcement, owner_member_id, tags, notes, deleted FROM stakeholders ${where}`;
type Row = [
  id: string,
  name: string,
  title: string | null,
  teamId: string,
  email: string | null,
  influence: number,
  interest: number,
  support: SupportLevel,
  awareness: number | null,
  desire: number | null,
  knowledge: number | null,
  ability: number | null,
  reinforcement: number | null,
  ownerMemberId: string | null,
  tags: string,
  notes: string | null,
  deleted: number,
];

/** Open concerns per stakeholder (isOpenConcern, counted in SQL: the register lists thousands). */
function openConcernCounts(engine: Engine): Map<string, number> {
  const rows = engine.sqlite
    .prepare(
      "SELECT stakeholder_id AS id, COUNT(*) AS n FROM stakeholder_concerns WHERE deleted = 0 AND status <> 'resolved' GROUP BY stakeholder_id",
    )
    .all() as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

// One collator for the whole sort: String.localeCompare builds one per call, slow over 10,000 names.
const byName = new Intl.Collator(undefined, { sensitivity: 'variant' }).compare;

function toStakeholder(
  r: Row,
  teams: Map<string, string>,
  members: Map<string, string>,
  open: Map<string, number>,
  values: Map<string, Record<string, FieldValue>>,
): Stakeholder {
  const scores = { awareness: r[8], desire: r[9], knowledge: r[10], ability: r[11], reinforcement: r[12] };
  const ownerMemberId = r[13];
  return {
    id: r[0],
    name: r[1],
    title: r[2],
    teamId: r[3],
    team: teams.get(r[3]) ?? null,
    email: r[4],
    influence: r[5],
    interest: r[6],
    support: r[7],
    ...scores,
    ownerMemberId,
    owner: ownerMemberId ? (members.get(ownerMemberId) ?? null) : null,
    tags: stringList(r[14]),
    notes: r[15],
    quadrant: quadrantOf(r[5], r[6]),
    barrierPoint: barrierPoint(scores),
    openConcerns: open.get(r[0]) ?? 0,
    fields: values.get(r[0]) ?? {},
    deleted: r[16] === 1,
  };
}

function lookups(engine: Engine) {
  return {
    teams: namesById(engine, listTeams),
    members: namesById(engine, listMembers),
  };
}

export function listStakeholders(engine: Engine, includeDeleted = false): Stakeholder[] {
  const { teams, members } = lookups(engine);
  const open = openConcernCounts(engine);
  const values = fieldValues(engine);
  const rows = engine.sqlite
    .prepare(registerSql(includeDeleted ? '' : 'WHERE deleted = 0'))
    .raw()
    .all() as Row[];
  return rows
    .sort((a, b) => byName(a[1], b[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((r) => toStakeholder(r, teams, members, open, values));
}

function findStakeholder(engine: Engine, id: string): Stakeholder | undefined {
  const row = engine.sqlite.prepare(registerSql('WHERE id = ?')).raw().get(id) as Row | undefined;
  if (!row) return undefined;
  const { teams, members } = lookups(engine);
  const open = new Map([[id, listConcerns(engine, id).filter(isOpenConcern).length]]);
  return toStakeholder(row, teams, members, open, fieldValues(engine, id));
}

const records: RecordKit<Stakeholder> = recordKit({ table: 'stakeholders', label: 'stakeholder', find: findStakeholder });
export const getStakeholder = records.get;

export interface StakeholderFields extends Partial<Record<AdkarElement, number | null | undefined>> {
  name: string;
  title?: string | null | undefined;
  teamId: string;
  email?: string | null | undefined;
  influence: number;
  interest: number;
  support: SupportLevel;
  ownerMemberId?: string | null | undefined;
  tags?: string[] | undefined;
  notes?: string | null | undefined;
  /** Custom field values by field id (db/stakeholders/fields.ts); null or empty clears one. */
  fields?: Record<string, unknown> | undefined;
}

function checkRefs(engine: Engine, p: Partial<StakeholderFields>) {
  for (const field of ['influence', 'interest', ...ADKAR_ELEMENTS] as const) {
    const v = p[field];
    if (v !== undefined && v !== null && (!Number.isInteger(v) || v < RATING_MIN || v > RATING_MAX))
      throw badInput(`${field}: ${v} is not a rating; ratings are whole numbers from ${RATING_MIN} to ${RATING_MAX}.`);
  }
  // One row each, not the lists: an import checks these for every one of thousands of people.
  const live = (table: 'teams' | 'members', id: string) =>
    engine.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted = 0`).get(id) !== undefined;
  if (p.teamId && !live('teams', p.teamId)) throw badInput(`teamId: no team with id ${p.teamId}. Choose one of the workspace's teams.`);
  if (p.ownerMemberId && !live('members', p.ownerMemberId))
    throw badInput(`ownerMemberId: no member with id ${p.ownerMemberId}. Choose a member of the workspace, or leave the owner empty.`);
}

/** Tags are kept trimmed, without blanks or repeats, in the order given. */
const storeTags = (tags: string[] | undefined): string | undefined =>
  tags === undefined ? undefined : JSON.stringify([...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))]);

export function createStakeholder(s: Session, { fields, ...input }: StakeholderFields): Stakeholder {
  return inTransaction(s.engine, () => {
    const created = records.create(s, () => {
      checkRefs(s.engine, input);
      return {
        ...withNulls(input, ['title', 'email', ...ADKAR_ELEMENTS, 'ownerMemberId', 'notes']),
        tags: storeTags(input.tags) ?? '[]',
        ratedAt: null,
        ratedInSessionId: null,
      };
    });
    if (!fields) return created;
    setFieldValues(s, created.id, fields);
    return records.get(s.engine, created.id);
  });
}

export function updateStakeholder(s: Session, { id, fields, ...patch }: Partial<StakeholderFields> & { id: string }): Stakeholder {
  return inTransaction(s.engine, () => {
    const updated = records.update(s, id, () => {
      checkRefs(s.engine, patch);
      return { ...patch, tags: storeTags(patch.tags) };
    });
    if (!fields) return updated;
    setFieldValues(s, id, fields);
    return records.get(s.engine, id);
  });
}

export type SessionRatings = Partial<Record<AdkarElement, number>> & { support?: SupportLevel | undefined };

/**
 * Re-rates a stakeholder in a session: the changed ratings are written with the session's date and
 * id in the same change, so the history shows who changed what and the timeline dates it at the
 * session. Ratings equal to the current ones write nothing.
 */
export function rateInSession(s: Session, id: string, ratings: SessionRatings, session: { id: string; at: string }): void {
  records.update(s, id, (current) => {
    checkRefs(s.engine, ratings);
    const changed = Object.entries(ratings).filter(([field, v]) => v !== undefined && current[field as keyof Stakeholder] !== v);
    if (changed.length === 0) return {};
    return { ...Object.fromEntries(changed), ratedAt: session.at, ratedInSessionId: session.id };
  });
}

export const deleteStakeholder = (s: Session, id: string): Stakeholder => records.remove(s, id);
export const restoreStakeholder = (s: Session, id: string): Stakeholder => records.restore(s, id);

// Concerns

export function listConcerns(engine: Engine, stakeholderId: string, includeDeleted = false): StakeholderConcern[] {
  return engine.orm
    .select()
    .from(stakeholderConcerns)
    .where(eq(stakeholderConcerns.stakeholderId, stakeholderId))
    .all()
    .filter((c) => includeDeleted || !c.deleted)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(({ lastHlc: _hlc, ...c }) => c);
}

const concerns: RecordKit<StakeholderConcern> = recordKit({
  table: 'stakeholder_concerns',
  label: 'concern',
  find: (engine, id) => {
    const row = engine.orm.select().from(stakeholderConcerns).where(eq(stakeholderConcerns.id, id)).get();
    if (!row) return undefined;
    const { lastHlc: _hlc, ...c } = row;
    return c;
  },
});

export interface ConcernFields {
  stakeholderId: string;
  kind: ConcernKind;
  label?: string | null | undefined;
  status?: ConcernStatus | undefined;
  note?: string | null | undefined;
  raisedInSessionId?: string | null | undefined;
}

function checkConcern(c: { kind: ConcernKind; label: string | null }) {
  if (c.kind === 'other' && !c.label)
    throw badInput('label: a concern of kind "other" needs a label saying what it is (for example "Pay").');
}

export function createConcern(s: Session, input: ConcernFields): StakeholderConcern {
  return concerns.create(s, () => {
    records.live(s.engine, input.stakeholderId);
    const fields = {
      ...input,
      label: input.label ?? null,
      status: input.status ?? 'raised',
      note: input.note ?? null,
      raisedInSessionId: input.raisedInSessionId ?? null,
      addressedInSessionId: null,
    };
    checkConcern(fields);
    return fields;
  });
}

export function updateConcern(
  s: Session,
  { id, ...patch }: Partial<Omit<ConcernFields, 'stakeholderId' | 'raisedInSessionId'>> & { id: string; addressedInSessionId?: string },
): StakeholderConcern {
  return concerns.update(s, id, (current) => {
    checkConcern({ kind: patch.kind ?? current.kind, label: patch.label === undefined ? current.label : patch.label });
    return patch;
  });
}

export const deleteConcern = (s: Session, id: string): StakeholderConcern => concerns.remove(s, id);

// The timeline

const RATING_FIELDS = new Set<string>(['support', 'influence', 'interest', ...ADKAR_ELEMENTS]);
const when = (at: string): number => Date.parse(at);

/**
 * A stakeholder's dated history, newest first: their creation, every change of support,
 * influence, interest or an ADKAR score (dated at the session when made in one), every change of
 * one of their concerns, and the sessions they attended. Read from the change log, so it is the
 * same history the drawer shows, and it includes changes synced in from other devices.
 */
export function stakeholderTimeline(engine: Engine, id: string): StakeholderTimelineEntry[] {
  records.get(engine, id);
  const entries: StakeholderTimelineEntry[] = [];
  const attended = engine.sqlite
    .prepare(
      `SELECT s.id, s.at, s.kind, a.sentiment FROM session_attendees a JOIN stakeholder_sessions s ON s.id = a.session_id
       WHERE a.stakeholder_id = ? AND a.deleted = 0 AND s.deleted = 0`,
    )
    .all(id) as { id: string; at: string; kind: string; sentiment: string | null }[];
  const sessionKinds = new Map(attended.map((a) => [a.id, a.kind]));
  for (const h of recordHistory(engine, 'stakeholders', id)) {
    const changes = h.changes.filter((c) => RATING_FIELDS.has(c.field));
    if (!h.created && changes.length === 0) continue;
    const ratedAt = h.changes.find((c) => c.field === 'ratedAt')?.to;
    const sessionId = h.changes.find((c) => c.field === 'ratedInSessionId')?.to;
    const session =
      typeof sessionId === 'string' ? { id: sessionId, kind: sessionKinds.get(sessionId) ?? 'session', sentiment: null } : null;
    const at = typeof ratedAt === 'string' ? ratedAt : h.at;
    entries.push({ at, hlc: h.hlc, author: h.author, kind: h.created ? 'created' : 'rating', concernId: null, session, changes });
  }
  for (const c of listConcerns(engine, id, true)) {
    for (const h of recordHistory(engine, 'stakeholder_concerns', c.id)) {
      const changes = h.changes.filter((x) => !['stakeholderId', 'raisedInSessionId', 'addressedInSessionId'].includes(x.field));
      entries.push({ at: h.at, hlc: h.hlc, author: h.author, kind: 'concern', concernId: c.id, session: null, changes });
    }
  }
  for (const a of attended) {
    const session = { id: a.id, kind: a.kind, sentiment: a.sentiment };
    entries.push({ at: a.at, hlc: '', author: null, kind: 'session', concernId: null, session, changes: [] });
  }
  return entries.sort((a, b) => when(b.at) - when(a.at) || b.hlc.localeCompare(a.hlc));
}
