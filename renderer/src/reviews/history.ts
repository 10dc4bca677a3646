import { REVIEW_REASON_LABELS, type ReviewReason } from '../../../db/api/types';
import type { HistoryFormat } from '../history/format';
import { VERDICTS, type Verdict } from './reasons';

/** How a verdict's changes read in the history drawer. */
export const reviewHistory: HistoryFormat = {
  table: 'override_reviews',
  labels: { verdict: 'Verdict', reasonCode: 'Reason', note: 'Note', recommendationId: 'Recommendation' },
  values: {
    verdict: (v) => (typeof v === 'string' && v in VERDICTS ? VERDICTS[v as Verdict].label : undefined),
    reasonCode: (v) => (typeof v === 'string' && v in REVIEW_REASON_LABELS ? REVIEW_REASON_LABELS[v as ReviewReason] : undefined),
  },
};
