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
