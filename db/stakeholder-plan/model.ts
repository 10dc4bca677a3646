/** The communication plan: planned touchpoints per stakeholder group (pure; the renderer sees it). */
import { addDays, daysBetween } from '../stakeholder-sessions/model';
import { labelsOf } from '../values/model';

export const PLAN_CHANNELS = ['email', 'meeting', 'chat post', 'town hall', 'newsletter', 'one-to-one'] as const;
export type PlanChannel = (typeof PLAN_CHANNELS)[number];
export const PLAN_CHANNEL_LABELS = labelsOf(PLAN_CHANNELS, { 'chat post': 'Teams/Slack post', 'one-to-one': '1:1' });

/** Where a touchpoint stands as of a day: overdue first, then due today, then upcoming; done once a one-off is delivered. */
export const TOUCHPOINT_STATES = ['overdue', 'due', 'upcoming', 'done'] as const;
export type TouchpointState = (typeof TOUCHPOINT_STATES)[number];
export const TOUCHPOINT_STATE_LABELS = labelsOf(TOUCHPOINT_STATES, { due: 'Due today' });

/** The longest cadence a touchpoint repeats at: a year. */
export const PLAN_EVERY_MAX_DAYS = 365;

export interface Touchpoint {
  id: string;
  message: string;
  channel: PlanChannel;
  /** The group: a team (with its sub-teams) or a tag; exactly one is set. */
  teamId: string | null;
  team: string | null;
  tag: string | null;
  /** Days between deliveries; null for a one-off. */
  everyDays: number | null;
  ownerMemberId: string;
  owner: string | null;
  /** The first due date (YYYY-MM-DD). */
  startOn: string;
  /** The date of the session that last delivered it; null before the first. */
  lastDeliveredOn: string | null;
  lastSessionId: string | null;
  deleted: boolean;
}

/** A touchpoint as of a day: when it is next due and where that puts it. */
export interface PlannedTouchpoint extends Touchpoint {
  /** null once a one-off is delivered. */
  nextDue: string | null;
  state: TouchpointState;
  /** Days past `nextDue` (1 or more) when overdue, else null. */
  overdueDays: number | null;
}

/**
 * When a touchpoint is next due: its start date until first delivered; then, for a repeating one,
 * the last delivery + its cadence; a delivered one-off is not due again.
 */
export function nextDueOf(t: Pick<Touchpoint, 'startOn' | 'everyDays' | 'lastDeliveredOn'>): string | null {
  if (t.lastDeliveredOn === null) return t.startOn;
  return t.everyDays === null ? null : addDays(t.lastDeliveredOn, t.everyDays);
}

export function planAsOf(t: Touchpoint, today: string): PlannedTouchpoint {
  const nextDue = nextDueOf(t);
  if (nextDue === null) return { ...t, nextDue, state: 'done', overdueDays: null };
  const late = daysBetween(nextDue, today);
  return { ...t, nextDue, state: late > 0 ? 'overdue' : late === 0 ? 'due' : 'upcoming', overdueDays: late > 0 ? late : null };
}

/** The plan's order: overdue (most overdue first), due today, upcoming by date, then done; then by message. */
export function comparePlanned(a: PlannedTouchpoint, b: PlannedTouchpoint): number {
  const rank = (t: PlannedTouchpoint) => TOUCHPOINT_STATES.indexOf(t.state);
  return (
    rank(a) - rank(b) ||
    (a.nextDue ?? '').localeCompare(b.nextDue ?? '') ||
    (b.lastDeliveredOn ?? '').localeCompare(a.lastDeliveredOn ?? '') ||
    a.message.localeCompare(b.message) ||
    a.id.localeCompare(b.id)
  );
}
