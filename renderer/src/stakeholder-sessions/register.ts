import {
  ACTION_STATUS_LABELS,
  SENTIMENT_LABELS,
  SENTIMENTS,
  SESSION_KIND_LABELS,
  SESSION_KINDS,
  type Sentiment,
} from '../../../db/api/types';
import type { ApiClient } from '../api/client';
import { labelled } from '../kit/fields';

/** A logged session as `stakeholderSessions.list` returns it. */
export type Session = Awaited<ReturnType<ApiClient['stakeholderSessions']['list']>>[number];
export type Action = Awaited<ReturnType<ApiClient['stakeholderActions']['list']>>[number];
export type Health = Awaited<ReturnType<ApiClient['stakeholderSessions']['health']>>[number];

export const KIND_OPTIONS = labelled(SESSION_KINDS, SESSION_KIND_LABELS);
export const SENTIMENT_OPTIONS = labelled(SENTIMENTS, SENTIMENT_LABELS);
export const SENTIMENT_COLORS: Record<Sentiment, string> = { negative: 'red', neutral: 'gray', positive: 'teal' };
export { ACTION_STATUS_LABELS, SENTIMENT_LABELS, SESSION_KIND_LABELS };
