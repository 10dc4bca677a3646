import { eq } from 'drizzle-orm';
import { badInput, forbidden } from '../errors';
import { listInitiatives } from '../initiatives/initiatives';
import { listMembers } from '../members/members';
import type { Role } from '../members/model';
import type { Engine } from '../open';
import { inTransaction, namesById, type RecordKit, recordKit, type Session, tableRows } from '../records';
import { sessionAttendees, stakeholderSessions } from '../schema';
import type { ConcernKind } from '../stakeholders/model';
import { inScope, type TeamScope, teamScope, teamsOfStakeholders } from '../stakeholders/scope';
import {
  createConcern,
  getStakeholder,
  listConcerns,
  rateInSession,
  type SessionRatings,
  updateConcern,
} from '../stakeholders/stakeholders';
import { newId, write } from '../write';
import { type ActionFields, createAction } from './actions';
import type { Sentiment, SessionAttendee, SessionKind, StakeholderSession } from './model';

/** The role of the member a change is logged under; null for the system (demo, migrations). */
export function authorRole(s: Session): Role | null {
  if (!s.authorId) return null;
  return listMembers(s.engine, true).find((m) => m.id === s.authorId)?.role ?? null;
}

type SessionRow = typeof stakeholderSessions.$inferSelect;

function attendeesBySession(engine: Engine, sessionId?: string): Map<string, SessionAttendee[]> {
  const rows = engine.sqlite
    .prepare(
      `SELECT a.id, a.session_id AS sessionId, a.stakeholder_id AS stakeholderId, a.sentiment, p.name
       FROM session_attendees a LEFT JOIN stakeholders p ON p.id = a.stakeholder_id AND p.deleted = 0
       WHERE a.deleted = 0 ${sessionId ? 'AND a.session_id = ?' : ''} ORDER BY p.name, a.id`,
    )
    .all(...(sessionId ? [sessionId] : [])) as (SessionAttendee & { sessionId: string })[];
  const by = new Map<string, SessionAttendee[]>();
  for (const { sessionId: sid, ...a } of rows) {
    const list = by.get(sid) ?? [];
    list.push(a);
    by.set(sid, list);
  }
  return by;
}

function toSessions(engine: Engine, rows: SessionRow[], attendees: Map<string, SessionAttendee[]>): StakeholderSession[] {
  const members = namesById(engine, listMembers);
  const initiatives = namesById(engine, listInitiatives);
  return rows.map(({ lastHlc: _hlc, ...r }) => ({
    ...r,
    initiative: r.initiativeId ? (initiatives.get(r.initiativeId) ?? null) : null,
    facilitator: members.get(r.facilitatorMemberId) ?? null,
    attendees: attendees.get(r.id) ?? [],
  }));
}

/** The session log, newest first. */
export function listSessions(engine: Engine, includeDeleted = false): StakeholderSession[] {
  const rows = tableRows(engine, stakeholderSessions, includeDeleted).sort((a, b) =>
    a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1,
  );
  return toSessions(engine, rows, attendeesBySession(engine));
}

const sessions: RecordKit<StakeholderSession> = recordKit({
  table: 'stakeholder_sessions',
  label: 'session',
  find: (engine, id) => {
    const row = engine.orm.select().from(stakeholderSessions).where(eq(stakeholderSessions.id, id)).get();
    return row ? toSessions(engine, [row], attendeesBySession(engine, id))[0] : undefined;
  },
});
export const getSession = sessions.get;

export interface AttendeeInput extends SessionRatings {
  stakeholderId: string;
  sentiment?: Sentiment | null | undefined;
}

export interface SessionFields {
  at: string;
  kind: SessionKind;
  initiativeId?: string | null | undefined;
  facilitatorMemberId: string;
  notes?: string | null | undefined;
  decisions?: string | null | undefined;
  attendees: AttendeeInput[];
  /** New concerns raised in the session. */
  raise?: { stakeholderId: string; kind: ConcernKind; label?: string | null | undefined; note?: string | null | undefined }[] | undefined;
  /** Existing concerns the session moved on. */
  address?: { concernId: string; status: 'being addressed' | 'resolved' }[] | undefined;
  /** Follow-up actions agreed in the session. */
  actions?: Omit<ActionFields, 'sessionId'>[] | undefined;
}

const hasRatings = (a: AttendeeInput): boolean =>
  Object.entries(a).some(([k, v]) => k !== 'stakeholderId' && k !== 'sentiment' && v !== undefined);

function checkSession(s: Session, role: Role | null, p: Partial<SessionFields>, current: StakeholderSession | null) {
  if (p.facilitatorMemberId !== undefined && !listMembers(s.engine).some((m) => m.id === p.facilitatorMemberId))
    throw badInput(`facilitatorMemberId: no member with id ${p.facilitatorMemberId}. Choose the member who ran the session.`);
  if (p.initiativeId && !listInitiatives(s.engine).some((i) => i.id === p.initiativeId))
    throw badInput(`initiativeId: no initiative with id ${p.initiativeId}. Choose one of the workspace's initiatives, or none.`);
  if (p.attendees !== undefined) {
    if (p.attendees.length === 0) throw badInput('attendees: a session needs at least one attendee from the stakeholder register.');
    const seen = new Set<string>();
    for (const a of p.attendees) {
      if (seen.has(a.stakeholderId)) throw badInput(`attendees: ${a.stakeholderId} is listed twice; list each attendee once.`);
      seen.add(a.stakeholderId);
    }
  }
  if (role !== 'champion') return;
  const runBy = p.facilitatorMemberId ?? current?.facilitatorMemberId;
  if (runBy !== s.authorId || (current && current.facilitatorMemberId !== s.authorId))
    throw forbidden(
      'Champions log and change the sessions they ran: the facilitator must be you. A change manager can log it for someone else.',
    );
  if (p.attendees?.some(hasRatings))
    throw forbidden(
      'Champions do not re-rate stakeholders: leave support and ADKAR as they are, and note what changed; a change manager re-rates.',
    );
  const scope = teamScope(s.engine, { id: s.authorId ?? '', role });
  const teamOf = teamsOfStakeholders(s.engine);
  const before = new Set(current?.attendees.map((a) => a.stakeholderId));
  const outside = (p.attendees ?? []).filter((a) => !before.has(a.stakeholderId) && !inScope(scope, teamOf.get(a.stakeholderId) ?? ''));
  if (outside.length > 0)
    throw forbidden(
      `Champions log sessions with the stakeholders of the teams they champion; ${outside.length === 1 ? 'one attendee is' : `${outside.length} attendees are`} in another team. Leave them out, or ask a change manager to log the session.`,
    );
}

/**
 * A champion's list of attendees leaves out those outside their teams (they never saw them), so
 * an update keeps those as they were instead of removing them from the session.
 */
function keepHidden(s: Session, scope: TeamScope, current: StakeholderSession, attendees: AttendeeInput[]): AttendeeInput[] {
  const teamOf = teamsOfStakeholders(s.engine);
  const listed = new Set(attendees.map((a) => a.stakeholderId));
  const hidden = current.attendees.filter((a) => !listed.has(a.stakeholderId) && !inScope(scope, teamOf.get(a.stakeholderId) ?? ''));
  return [...attendees, ...hidden.map((a) => ({ stakeholderId: a.stakeholderId }))];
}

/** Writes the attendees (adding, updating sentiment, tombstoning those no longer listed), their ratings, concerns and actions. */
function applyDetails(s: Session, session: StakeholderSession, p: Partial<SessionFields>) {
  const at = p.at ?? session.at;
  if (p.attendees) {
    const existing = new Map(
      s.engine.orm
        .select()
        .from(sessionAttendees)
        .where(eq(sessionAttendees.sessionId, session.id))
        .all()
        .map((r) => [r.stakeholderId, r]),
    );
    for (const a of p.attendees) {
      getStakeholder(s.engine, a.stakeholderId);
      const row = existing.get(a.stakeholderId);
      const fields = { deleted: false, sentiment: a.sentiment === undefined ? (row?.sentiment ?? null) : a.sentiment };
      if (row) write(s.engine, s.authorId, 'session_attendees', row.id, fields, 'update');
      else
        write(
          s.engine,
          s.authorId,
          'session_attendees',
          newId(),
          { sessionId: session.id, stakeholderId: a.stakeholderId, ...fields },
          'create',
        );
      const { stakeholderId, sentiment: _s, ...ratings } = a;
      if (hasRatings(a)) rateInSession(s, stakeholderId, ratings, { id: session.id, at });
    }
    const listed = new Set(p.attendees.map((a) => a.stakeholderId));
    for (const [stakeholderId, row] of existing)
      if (!listed.has(stakeholderId) && !row.deleted) write(s.engine, s.authorId, 'session_attendees', row.id, { deleted: true }, 'update');
  }
  const attendees = new Set((p.attendees ?? session.attendees).map((a) => a.stakeholderId));
  for (const c of p.raise ?? []) {
    if (!attendees.has(c.stakeholderId))
      throw badInput(`raise: ${c.stakeholderId} did not attend this session; a concern raised in it belongs to one of its attendees.`);
    createConcern(s, { ...c, raisedInSessionId: session.id });
  }
  for (const { concernId, status } of p.address ?? []) {
    const owner = [...attendees].find((id) => listConcerns(s.engine, id).some((c) => c.id === concernId));
    if (!owner) throw badInput(`address: concern ${concernId} is not an open concern of an attendee of this session.`);
    updateConcern(s, { id: concernId, status, addressedInSessionId: session.id });
  }
  for (const a of p.actions ?? []) createAction(s, { ...a, sessionId: session.id });
}

export function createSession(s: Session, input: SessionFields): StakeholderSession {
  return inTransaction(s.engine, () => {
    checkSession(s, authorRole(s), input, null);
    const { attendees: _a, raise: _r, address: _d, actions: _x, ...fields } = input;
    const session = sessions.create(s, () => ({
      ...fields,
      initiativeId: fields.initiativeId ?? null,
      notes: fields.notes ?? null,
      decisions: fields.decisions ?? null,
    }));
    applyDetails(s, session, input);
    return sessions.get(s.engine, session.id);
  });
}

export function updateSession(s: Session, { id, ...patch }: Partial<SessionFields> & { id: string }): StakeholderSession {
  return inTransaction(s.engine, () => {
    const current = sessions.live(s.engine, id);
    const role = authorRole(s);
    checkSession(s, role, patch, current);
    const { attendees: _a, raise: _r, address: _d, actions: _x, ...fields } = patch;
    const session = sessions.update(s, id, () => fields);
    const scope = teamScope(s.engine, s.authorId ? { id: s.authorId, role: role ?? 'sponsor' } : null);
    applyDetails(s, session, patch.attendees && scope ? { ...patch, attendees: keepHidden(s, scope, current, patch.attendees) } : patch);
    return sessions.get(s.engine, id);
  });
}

export const deleteSession = (s: Session, id: string): StakeholderSession => sessions.remove(s, id);
export const restoreSession = (s: Session, id: string): StakeholderSession => sessions.restore(s, id);
