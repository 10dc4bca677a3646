import { currentLocale } from '../locale/locale';

/* How the forms read and write dates: in the locale chosen in Settings (or the system's). */
export function appLocale(): string {
  return currentLocale();
}

type DatePart = 'day' | 'month' | 'year';

export interface DatePattern {
  order: DatePart[];
  separator: string;
  /** What a date box shows when empty, e.g. dd/mm/yyyy. */
  placeholder: string;
}

const PARTS: readonly string[] = ['day', 'month', 'year'];

/** How the locale writes a date in numbers: the order of its parts and what separates them. */
export function datePattern(locale: string = appLocale()): DatePattern {
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(
    new Date(Date.UTC(2026, 10, 30)),
  );
  const order = parts.filter((p) => PARTS.includes(p.type)).map((p) => p.type as DatePart);
  const separator = parts.find((p) => p.type === 'literal')?.value.trim() || '/';
  const word = { day: 'dd', month: 'mm', year: 'yyyy' } as const;
  return order.length === 3
    ? { order, separator, placeholder: order.map((p) => word[p]).join(separator) }
    : { order: ['year', 'month', 'day'], separator: '-', placeholder: 'yyyy-mm-dd' };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A stored calendar date (YYYY-MM-DD) as the locale writes it: 03/08/2026, 08/03/2026, 03.08.2026. */
export function formatDateInput(iso: string, pattern: DatePattern): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso);
  if (!m) return iso;
  const value = { year: m[1], month: m[2], day: m[3] };
  return pattern.order.map((p) => value[p]).join(pattern.separator);
}

/**
 * A typed date, in the locale's order (any of / . - or a space between the parts, a two-digit
 * year in this century) or as YYYY-MM-DD: the stored date, `null` when empty, or why not.
 */
export function parseDateInput(text: string, pattern: DatePattern): { iso: string } | { error: string } | null {
  const t = text.trim();
  if (t === '') return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const parts = iso ? [iso[1], iso[2], iso[3]] : t.split(/[\s./-]+/);
  const order: DatePart[] = iso ? ['year', 'month', 'day'] : pattern.order;
  const problem = { error: `Enter a date as ${pattern.placeholder}` };
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p ?? ''))) return problem;
  const value: Record<DatePart, number> = { day: 0, month: 0, year: 0 };
  order.forEach((p, i) => {
    value[p] = Number(parts[i]);
  });
  if (value.year < 100) value.year += 2000;
  const d = new Date(Date.UTC(value.year, value.month - 1, value.day));
  if (value.year < 1000 || d.getUTCFullYear() !== value.year || d.getUTCMonth() !== value.month - 1 || d.getUTCDate() !== value.day) {
    return { error: `There is no such date: enter it as ${pattern.placeholder}` };
  }
  return { iso: `${value.year}-${pad(value.month)}-${pad(value.day)}` };
}
