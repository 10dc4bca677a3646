import { REVIEW_REASON_LABELS, REVIEW_REASONS, type ReviewSessionItem } from '../../../db/api/types';

/** An overridden decision of the reviewer's sample, with its verdict once it has one. */
export type QueueItem = ReviewSessionItem;
export type ReasonCode = (typeof REVIEW_REASONS)[number];
export type Verdict = 'appropriate' | 'inappropriate';

/** In the contract's order: the digit keys 1–7 pick them. */
export const REASONS: { code: ReasonCode; label: string; key: string }[] = REVIEW_REASONS.map((code, i) => ({
  code,
  key: String(i + 1),
  label: REVIEW_REASON_LABELS[code],
}));

export const reasonLabel = (code: ReasonCode) => REASONS.find((r) => r.code === code)?.label ?? code;

export const VERDICTS: Record<Verdict, { label: string; meaning: string; key: string }> = {
  appropriate: { label: 'Appropriate', meaning: 'the AI was wrong', key: 'A' },
  inappropriate: { label: 'Not appropriate', meaning: 'the AI was right', key: 'N' },
};

/** The reason the decision log gave, when it is already one of the codes. */
export function suggestedReason(item: Pick<QueueItem, 'reason'>): ReasonCode | null {
  const r = item.reason?.trim().toLowerCase().replaceAll(' ', '_');
  return REASONS.find((x) => x.code === r)?.code ?? null;
}

/**
 * The decision log's reason as the reviewer reads it: a known code by its label ("Model wrong",
 * as on the reason buttons), anything else in quotes as the user's own words; null when none.
 */
export function loggedReason(item: Pick<QueueItem, 'reason'>): string | null {
  if (!item.reason) return null;
  const code = suggestedReason(item);
  return code ? reasonLabel(code) : `“${item.reason}”`;
}

/** One key per decision: initiative, recommendation and (hashed) user, as the engine keys them. */
export const itemKey = (i: Pick<QueueItem, 'initiativeId' | 'recommendationId' | 'userHash'>) =>
  `${i.initiativeId}\u0001${i.recommendationId}\u0001${i.userHash}`;

export const verdictLabel = (v: Verdict) => VERDICTS[v].label;
