/** Feedback on a wrong prediction: categories, severities, the triage statuses and their transitions (pure; the renderer sees them). */
import type { ReviewReason } from '../reviews/model';
import { labelsOf } from '../values/model';
export const FEEDBACK_CATEGORIES = [
  'format variation',
  'terminology or jargon',
  'regional variation',
  'data field filled differently',
  'missing context',
  'outdated information',
  'other',
] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
export const FEEDBACK_CATEGORY_LABELS = labelsOf(FEEDBACK_CATEGORIES);

export const FEEDBACK_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type FeedbackSeverity = (typeof FEEDBACK_SEVERITIES)[number];
export const FEEDBACK_SEVERITY_LABELS = labelsOf(FEEDBACK_SEVERITIES);

export const FEEDBACK_CAUGHT = ['review', 'downstream'] as const;
export type FeedbackCaught = (typeof FEEDBACK_CAUGHT)[number];
export const FEEDBACK_CAUGHT_LABELS = labelsOf(FEEDBACK_CAUGHT, { review: 'Caught in review', downstream: 'Reached downstream' });

export const FEEDBACK_STATUSES = ['new', 'triaged', 'in_progress', 'resolved', 'wont_fix', 'duplicate'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const FEEDBACK_STATUS_LABELS = labelsOf(FEEDBACK_STATUSES, { wont_fix: "Won't fix" });
/** The statuses that close an item: it counts as done in an assignee's progress. */
export const DONE_STATUSES: readonly FeedbackStatus[] = ['resolved', 'wont_fix', 'duplicate'];
export const isDone = (s: FeedbackStatus): boolean => DONE_STATUSES.includes(s);

/**
 * Where each status may go. Closing is possible from every open status (an item may be a plain
 * duplicate before anyone triages it); a closed item reopens as triaged (resolved as in progress,
 * since the fix did not hold).
 */
export const FEEDBACK_TRANSITIONS: Record<FeedbackStatus, readonly FeedbackStatus[]> = {
  new: ['triaged', 'wont_fix', 'duplicate'],
  triaged: ['in_progress', 'resolved', 'wont_fix', 'duplicate'],
  in_progress: ['triaged', 'resolved', 'wont_fix', 'duplicate'],
  resolved: ['in_progress'],
  wont_fix: ['triaged'],
  duplicate: ['triaged'],
};
export const canMove = (from: FeedbackStatus, to: FeedbackStatus): boolean => from === to || FEEDBACK_TRANSITIONS[from].includes(to);

export interface Feedback {
  id: string;
  initiativeId: string;
  initiative: string | null;
  modelVersion: string | null;
  teamId: string;
  team: string | null;
  caseRef: string | null;
  aiSaid: string;
  whatWasRight: string;
  category: FeedbackCategory;
  severity: FeedbackSeverity;
  confidentlyWrong: boolean;
  /** The confidence the AI showed, 0–100 %, when it showed one. */
  statedConfidence: number | null;
  caught: FeedbackCaught;
  reporterId: string | null;
  reporter: string | null;
  /** ISO timestamp (UTC) the item was logged. */
  reportedAt: string;
  status: FeedbackStatus;
  assigneeId: string | null;
  assignee: string | null;
  /** The model version that fixed it (status resolved). */
  resolvedVersion: string | null;
  /** The original this item duplicates (status duplicate). */
  duplicateOfId: string | null;
  /** The failure pattern the item belongs to. */
  patternId: string | null;
  pattern: string | null;
  deleted: boolean;
}

export interface AssigneeProgress {
  assigneeId: string | null;
  assignee: string;
  done: number;
  pending: number;
}

/** Done and pending items per assignee ("Unassigned" for none), most pending first. */
export function progressByAssignee(items: readonly Pick<Feedback, 'assigneeId' | 'assignee' | 'status'>[]): AssigneeProgress[] {
  const by = new Map<string | null, AssigneeProgress>();
  for (const f of items) {
    const row = by.get(f.assigneeId) ?? {
      assigneeId: f.assigneeId,
      assignee: f.assigneeId ? (f.assignee ?? 'A removed member') : 'Unassigned',
      done: 0,
      pending: 0,
    };
    if (isDone(f.status)) row.done++;
    else row.pending++;
    by.set(f.assigneeId, row);
  }
  return [...by.values()].sort((a, b) => b.pending - a.pending || a.assignee.localeCompare(b.assignee));
}

/** Whole days from `reportedAt` to `now` (both ISO), never negative. */
export function ageInDays(reportedAt: string, now: string): number {
  return Math.max(0, Math.floor((Date.parse(now) - Date.parse(reportedAt)) / 86_400_000));
}

/** A failure pattern: feedback items that fail the same way, named once and followed to a fix. */
export const PATTERN_STATUSES = ['open', 'monitoring', 'fixed'] as const;
export type PatternStatus = (typeof PATTERN_STATUSES)[number];
export const PATTERN_STATUS_LABELS: Record<PatternStatus, string> = { open: 'Open', monitoring: 'Monitoring', fixed: 'Fixed' };

/**
 * A pattern with what its linked feedback says about it. Teams, first and last seen and the count
 * are derived from the live items linked to it, never stored, so they cannot disagree with them.
 */
export interface FailurePattern {
  id: string;
  name: string;
  category: FeedbackCategory;
  description: string | null;
  status: PatternStatus;
  count: number;
  teams: string[];
  /** The regions of those teams (Teams screen), without teams that have none. */
  regions: string[];
  /** ISO timestamps of the earliest and latest linked item, null without items. */
  firstSeen: string | null;
  lastSeen: string | null;
  deleted: boolean;
}

export interface PatternMonth {
  /** YYYY-MM */
  month: string;
  count: number;
}

/** Items per calendar month (UTC) from the first to the last, months without items included as 0. */
export function perMonth(reportedAt: readonly string[]): PatternMonth[] {
  const counts = new Map<string, number>();
  for (const at of reportedAt) counts.set(at.slice(0, 7), (counts.get(at.slice(0, 7)) ?? 0) + 1);
  const months = [...counts.keys()].sort();
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return [];
  const out: PatternMonth[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, count: counts.get(key) ?? 0 });
    if (key >= last) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/** A suggestion while logging feedback: an open item or a pattern that reads alike. */
export interface SimilarItem {
  kind: 'feedback' | 'pattern';
  id: string;
  /** What the AI said (feedback) or the pattern's name. */
  title: string;
  /** What was right (feedback) or the pattern's description. */
  detail: string | null;
  team: string | null;
  caseRef: string | null;
  /** The pattern the item is linked to (feedback), or the pattern itself. */
  patternId: string | null;
}

/** A comment on a feedback item; `mine` when the acting member wrote it (only they change or delete it). */
export interface FeedbackComment {
  id: string;
  feedbackId: string;
  authorId: string;
  author: string | null;
  body: string;
  /** ISO timestamp (UTC). */
  createdAt: string;
  /** Edited after it was written. */
  edited: boolean;
  deleted: boolean;
}

/** How free text names a pattern: trimmed, spaces collapsed, case ignored. */
export const patternKey = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The pattern a free-text failure pattern (the shadow register's, from before it linked patterns)
 * names: the live pattern whose name is the same text, case and surrounding spaces aside; null
 * when none is (the text is kept and shown as text).
 */
export function matchPatternName<P extends { id: string; name: string; deleted: boolean }>(
  text: string | null,
  patterns: readonly P[],
): P | null {
  if (!text || patternKey(text) === '') return null;
  return patterns.find((p) => !p.deleted && patternKey(p.name) === patternKey(text)) ?? null;
}

/** An override judged appropriate (the AI was wrong) that is an instance of a pattern. */
export interface PatternOverride {
  reviewId: string;
  initiativeId: string;
  initiative: string | null;
  recommendationId: string;
  reasonCode: ReviewReason;
  note: string | null;
  /** Linked directly on the review, or through the feedback it became (its case reference) joining the pattern. */
  via: 'review' | 'feedback';
}

/** A shadow process that names a pattern: chosen in the register, or by its old free text; deleted ones too, after the others. */
export interface PatternShadowProcess {
  id: string;
  name: string;
  team: string | null;
  usersInvolved: number;
  retiredOn: string | null;
  byText: boolean;
  /** Deleted from the register: listed for the record, with nothing to open. */
  deleted: boolean;
}
