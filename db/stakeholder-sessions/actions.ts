import { eq } from 'drizzle-orm';
import { badInput, forbidden } from '../errors';
import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { findRow, namesById, type RecordKit, recordKit, type Session, tableRows } from '../records';
import { stakeholderActions, stakeholderSessions } from '../schema';
import { checkInScope, teamScope } from '../stakeholders/scope';
import { getStakeholder } from '../stakeholders/stakeholders';
import { type ActionStatus, isOverdue, type StakeholderAction } from './model';

type Row = typeof stakeholderActions.$inferSelect;

function toActions(engine: Engine, rows: Row[]): StakeholderAction[] {
  const members = namesById(engine, listMembers);
  const people = new Map(
    (engine.sqlite.prepare('SELECT id, name FROM stakeholders WHERE deleted = 0').all() as { id: string; name: string }[]).map((p) => [
      p.id,
      p.name,
    ]),
  );
  return rows.map(({ lastHlc: _hlc, ...r }) => ({
    ...r,
    owner: members.get(r.ownerMemberId) ?? null,
    stakeholder: r.stakeholderId ? (people.get(r.stakeholderId) ?? null) : null,
  }));
}

const STATUS_ORDER: Record<ActionStatus, number> = { open: 0, done: 1, cancelled: 2 };

/**
 * The follow-up actions as of `today` (YYYY-MM-DD): open and overdue first (the most overdue
 * first), then the other open ones by due date, then done and cancelled ones, latest due first.
 */
export function listActions(engine: Engine, today: string, includeDeleted = false): StakeholderAction[] {
  const rank = (a: StakeholderAction) => (isOverdue(a, today) ? 0 : 1 + STATUS_ORDER[a.status]);
  return toActions(engine, tableRows(engine, stakeholderActions, includeDeleted)).sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.status === 'open' ? a.due.localeCompare(b.due) : b.due.localeCompare(a.due)) ||
      a.what.localeCompare(b.what) ||
      a.id.localeCompare(b.id),
  );
}

const actions: RecordKit<StakeholderAction> = recordKit({
  table: 'stakeholder_actions',
  label: 'action',
  find: findRow(stakeholderActions, toActions),
});

export interface ActionFields {
  what: string;
  ownerMemberId: string;
  due: string;
  status?: ActionStatus | undefined;
  sessionId?: string | null | undefined;
  stakeholderId?: string | null | undefined;
}

function checkAction(s: Session, p: Partial<ActionFields>) {
  if (p.ownerMemberId !== undefined && !listMembers(s.engine).some((m) => m.id === p.ownerMemberId))
    throw badInput(`ownerMemberId: no member with id ${p.ownerMemberId}. Choose the member who will do it.`);
  if (p.stakeholderId) getStakeholder(s.engine, p.stakeholderId);
  if (p.sessionId && !s.engine.orm.select().from(stakeholderSessions).where(eq(stakeholderSessions.id, p.sessionId)).get())
    throw badInput(`sessionId: no session with id ${p.sessionId}.`);
}

/** A champion names only the stakeholders of the teams they champion in an action. */
function checkScope(s: Session, stakeholderId: string | null | undefined) {
  const author = listMembers(s.engine, true).find((m) => m.id === s.authorId);
  if (stakeholderId && author?.role === 'champion')
    checkInScope(teamScope(s.engine, author), getStakeholder(s.engine, stakeholderId).teamId);
}

/** A champion works on the actions they own and those of the sessions they ran. */
function checkChampion(s: Session, a: { ownerMemberId: string; sessionId?: string | null | undefined }) {
  const author = listMembers(s.engine, true).find((m) => m.id === s.authorId);
  if (author?.role !== 'champion' || a.ownerMemberId === s.authorId) return;
  const session = a.sessionId
    ? s.engine.orm.select().from(stakeholderSessions).where(eq(stakeholderSessions.id, a.sessionId)).get()
    : undefined;
  if (session?.facilitatorMemberId !== s.authorId)
    throw forbidden(
      'Champions add and change the actions they own or that come from a session they ran. A change manager can change this one.',
    );
}

export function createAction(s: Session, input: ActionFields): StakeholderAction {
  return actions.create(s, () => {
    checkAction(s, input);
    checkScope(s, input.stakeholderId);
    checkChampion(s, input);
    return { ...input, status: input.status ?? 'open', sessionId: input.sessionId ?? null, stakeholderId: input.stakeholderId ?? null };
  });
}

export function updateAction(s: Session, { id, ...patch }: Partial<ActionFields> & { id: string }): StakeholderAction {
  return actions.update(s, id, (current) => {
    checkAction(s, patch);
    checkScope(s, patch.stakeholderId);
    checkChampion(s, current);
    checkChampion(s, { ...current, ...patch });
    return patch;
  });
}

export const deleteAction = (s: Session, id: string): StakeholderAction => actions.remove(s, id);
