/** Stakeholder sessions, their follow-up actions and relationship health: value lists and shapes (pure; the renderer sees it). */
import type { Quadrant, SupportLevel } from '../stakeholders/model';
import { labelsOf } from '../values/model';

export const SESSION_KINDS = ['one-to-one', 'workshop', 'steering committee', 'training', 'town hall', 'demo'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_KIND_LABELS = labelsOf(SESSION_KINDS);

/** How an attendee came across in the session. */
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export const SENTIMENT_LABELS = labelsOf(SENTIMENTS);

export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS = labelsOf(ACTION_STATUSES);

/** Days between contacts per quadrant until a change manager sets the workspace's own (docs/stakeholders.md). */
export type ContactCadence = Record<Quadrant, number>;
export const DEFAULT_CONTACT_CADENCE: ContactCadence = {
  'manage closely': 14,
  'keep satisfied': 30,
  'keep informed': 30,
  monitor: 90,
};
export const CADENCE_MIN_DAYS = 1;
export const CADENCE_MAX_DAYS = 365;

export interface SessionAttendee {
  id: string;
  stakeholderId: string;
  /** The stakeholder's name, null when they were removed from the register. */
  name: string | null;
  sentiment: Sentiment | null;
}

export interface StakeholderSession {
  id: string;
  /** Local date and time, YYYY-MM-DDTHH:MM. */
  at: string;
  kind: SessionKind;
  initiativeId: string | null;
  initiative: string | null;
  facilitatorMemberId: string;
  facilitator: string | null;
  notes: string | null;
  decisions: string | null;
  attendees: SessionAttendee[];
  deleted: boolean;
}

export interface StakeholderAction {
  id: string;
  what: string;
  ownerMemberId: string;
  owner: string | null;
  /** YYYY-MM-DD. */
  due: string;
  status: ActionStatus;
  sessionId: string | null;
  stakeholderId: string | null;
  stakeholder: string | null;
  deleted: boolean;
}

/** A stakeholder's contact record as of one day. */
export interface RelationshipHealth {
  stakeholderId: string;
  name: string;
  team: string | null;
  quadrant: Quadrant;
  support: SupportLevel;
  /** The date (YYYY-MM-DD) of the latest session they attended, on or before the day; null when none. */
  lastContact: string | null;
  sessions30: number;
  sessions90: number;
  cadenceDays: number;
  /** When the next contact is due: last contact + cadence; null when never contacted (due now). */
  dueOn: string | null;
  /** Days past the due date (1 or more); null when not past it, or never contacted (see needsContact). */
  overdueDays: number | null;
}

/** Whole days from `from` to `to` (YYYY-MM-DD), counted in UTC so a clock change is no day. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An open action whose due date is before `today`. */
export const isOverdue = (a: Pick<StakeholderAction, 'status' | 'due'>, today: string): boolean => a.status === 'open' && a.due < today;
