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

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Today as YYYY-MM-DD in the user's time zone: what "overdue" and "last 30 days" count from. */
export const today = (): string => day(new Date());

/** A day `days` from today, YYYY-MM-DD (a follow-up's usual due date). */
export function inDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return day(d);
}

/** Now, to the quarter hour before, as HH:MM: the time a session just logged most likely started. */
export function nowTime(): string {
  const d = new Date();
  return `${pad(d.getHours())}:${pad(Math.floor(d.getMinutes() / 15) * 15)}`;
}
