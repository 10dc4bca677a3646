/* Calendar days as the forms and filters use them: YYYY-MM-DD in the user's time zone. */

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Today, YYYY-MM-DD: what "overdue" and "retired today" count from. */
export const today = (): string => day(new Date());

/** A day `days` from today, YYYY-MM-DD (a follow-up's usual due date, the end of "the next 30 days"). */
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

/**
 * The reader's calendar day of a moment (an ISO timestamp), YYYY-MM-DD: 2026-11-03T02:30Z is
 * 2 November in New York. Its first ten characters are the UTC day, which is not the reader's.
 */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : day(d);
}
