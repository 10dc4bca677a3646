/** Override reviews: reason codes, verdicts and the queue's shape (pure; the renderer sees them). */
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
export const REVIEW_REASON_LABELS: Record<ReviewReason, string> = {
  model_wrong: 'Model wrong',
  missing_context: 'Missing context',
  policy_exception: 'Policy exception',
  customer_request: 'Customer request',
  habit: 'Habit',
  distrust: 'Distrust',
  other: 'Other',
};

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
