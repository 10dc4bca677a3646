import { badInput, forbidden } from '../errors';
import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { findRow, namesById, type RecordKit, recordKit, type Session } from '../records';
import { planTouchpoints } from '../schema';
import { authorRole, getSession } from '../stakeholder-sessions/stakeholder-sessions';
import { inScope, type TeamScope } from '../stakeholders/scope';
import { listTeams } from '../teams/teams';
import { comparePlanned, PLAN_EVERY_MAX_DAYS, type PlanChannel, type PlannedTouchpoint, planAsOf, type Touchpoint } from './model';

type Row = typeof planTouchpoints.$inferSelect;

function toTouchpoints(engine: Engine, rows: Row[]): Touchpoint[] {
  const teams = namesById(engine, listTeams);
  const members = namesById(engine, listMembers);
  return rows.map(({ lastHlc: _hlc, ...r }) => ({
    ...r,
    team: r.teamId ? (teams.get(r.teamId) ?? null) : null,
    owner: members.get(r.ownerMemberId) ?? null,
  }));
}

/**
 * The communication plan as of `today` (YYYY-MM-DD), what needs doing first: overdue touchpoints
 * (most overdue first), those due today, the upcoming ones by date, then delivered one-offs. With a
 * scope (a champion's teams), the touchpoints for those teams and those the member owns.
 */
export function listPlan(
  engine: Engine,
  today: string,
  options: { includeDeleted?: boolean; scope?: TeamScope; memberId?: string | null } = {},
): PlannedTouchpoint[] {
  const scope = options.scope ?? null;
  return toTouchpoints(engine, engine.orm.select().from(planTouchpoints).all())
    .filter((t) => options.includeDeleted || !t.deleted)
    .filter((t) => scope === null || t.ownerMemberId === options.memberId || (t.teamId !== null && inScope(scope, t.teamId)))
    .map((t) => planAsOf(t, today))
    .sort(comparePlanned);
}

const records: RecordKit<Touchpoint> = recordKit({
  table: 'plan_touchpoints',
  label: 'touchpoint',
  find: findRow(planTouchpoints, toTouchpoints),
});
export const getTouchpoint = records.get;

export interface TouchpointFields {
  message: string;
  channel: PlanChannel;
  teamId?: string | null | undefined;
  tag?: string | null | undefined;
  everyDays?: number | null | undefined;
  ownerMemberId: string;
  startOn: string;
}

function checkTouchpoint(engine: Engine, t: Pick<Touchpoint, 'teamId' | 'tag' | 'everyDays' | 'ownerMemberId'>) {
  if ((t.teamId === null) === (t.tag === null))
    throw badInput('group: a touchpoint is for one team or one tag; choose a team, or a tag, not both.');
  if (t.teamId !== null && !listTeams(engine).some((x) => x.id === t.teamId))
    throw badInput(`teamId: no team with id ${t.teamId}. Choose one of the workspace's teams.`);
  if (t.everyDays !== null && (!Number.isInteger(t.everyDays) || t.everyDays < 1 || t.everyDays > PLAN_EVERY_MAX_DAYS))
    throw badInput(
      `everyDays: ${t.everyDays} is not a cadence; repeat every 1 to ${PLAN_EVERY_MAX_DAYS} days, or leave it empty for once.`,
    );
  if (!listMembers(engine).some((m) => m.id === t.ownerMemberId))
    throw badInput(`ownerMemberId: no member with id ${t.ownerMemberId}. Choose the member who sends or holds it.`);
}

export function createTouchpoint(s: Session, input: TouchpointFields): Touchpoint {
  return records.create(s, () => {
    const fields = {
      ...input,
      teamId: input.teamId ?? null,
      tag: input.tag ?? null,
      everyDays: input.everyDays ?? null,
      lastDeliveredOn: null,
      lastSessionId: null,
    };
    checkTouchpoint(s.engine, fields);
    return fields;
  });
}

export function updateTouchpoint(s: Session, { id, ...patch }: Partial<TouchpointFields> & { id: string }): Touchpoint {
  return records.update(s, id, (current) => {
    checkTouchpoint(s.engine, { ...current, ...patch } as Touchpoint);
    return patch;
  });
}

export const deleteTouchpoint = (s: Session, id: string): Touchpoint => records.remove(s, id);
export const restoreTouchpoint = (s: Session, id: string): Touchpoint => records.restore(s, id);

/**
 * Marks a touchpoint done by the session that delivered it: the delivery is dated at the session,
 * which moves the next due date (a repeating touchpoint is next due a cadence later; a one-off is
 * done). The plan moves forward only: a session older than the last delivery is refused. A
 * champion marks done the touchpoints they own.
 */
export function deliverTouchpoint(s: Session, input: { id: string; sessionId: string }): Touchpoint {
  return records.update(s, input.id, (current) => {
    if (authorRole(s) === 'champion' && current.ownerMemberId !== s.authorId)
      throw forbidden(
        `Champions mark done the touchpoints they own; ${current.owner ?? 'someone else'} owns this one. Ask them or a change manager.`,
      );
    const session = getSession(s.engine, input.sessionId);
    if (session.deleted) throw badInput('sessionId: that session was removed; choose another, or log the one that delivered it.');
    const on = session.at.slice(0, 10);
    if (current.lastDeliveredOn !== null && on < current.lastDeliveredOn)
      throw badInput(
        `sessionId: that session (${on}) is before the last delivery (${current.lastDeliveredOn}); choose the session that delivered it this time.`,
      );
    return { lastDeliveredOn: on, lastSessionId: session.id };
  });
}
