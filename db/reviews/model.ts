/** Override reviews: reason codes, verdicts and the queue's shape (pure; the renderer sees them). */
import { labelsOf } from '../values/model';
export const REVIEW_REASONS = [
  'model_wrong',
  'missing_context',
  'policy_exception',
  'customer_request',
  'habit',
  'distrust',
  'other',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];
export const REVIEW_REASON_LABELS = labelsOf(REVIEW_REASONS);

/** appropriate: the override was right (the AI was wrong); inappropriate: the AI was right. */
export const REVIEW_VERDICTS = ['appropriate', 'inappropriate'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** An overridden decision waiting for review. The user is shown only as a short hash. */
export interface ReviewItem {
  initiativeId: string;
  initiative: string;
  teamId: string;
  team: string;
  recommendationId: string;
  userHash: string;
  timestamp: string;
  reason: string | null;
  /** What the AI recommended and what the person did, when the decisions file has those columns. */
  recommended: string | null;
  final: string | null;
}

/** A verdict as stored (override_reviews). */
export interface Review {
  id: string;
  initiativeId: string;
  recommendationId: string;
  userHash: string;
  verdict: ReviewVerdict;
  reasonCode: ReviewReason;
  note: string | null;
  /** The failure pattern this override (judged appropriate) was linked to directly. */
  patternId: string | null;
  deleted: boolean;
}

/** An override of a review sample and, once judged, its verdict (by anyone: verdicts are shared). */
export interface ReviewSessionItem extends ReviewItem {
  review: Pick<Review, 'id' | 'verdict' | 'reasonCode' | 'note' | 'patternId'> | null;
}

/** A reviewer's sample on this device, in its order, with the progress made on it. */
export interface ReviewSession {
  startedAt: string;
  /** The filters it was drawn for (ids). */
  initiative: string | null;
  team: string | null;
  items: ReviewSessionItem[];
  reviewed: number;
}
