/*
 * The one place that turns report numbers and dates into text, for the app and the exports alike
 * (renderer, db/reports/html.ts, the CLI). Pure: no Node, no DOM. Every function takes the
 * reader's locale (a BCP 47 tag such as "en-GB" or "de-DE"), so a figure reads the same on screen,
 * in the HTML/PDF export and in a footer.
 *
 * Percentages are rounded here and only here, and the gap shown beside them is the difference of
 * the two shown (rounded) figures, so "formal 89 %, real 70 %" is always followed by "+19 pts"
 * (docs/metrics.md, "Rounding"). Unrounded values stay in the JSON export.
 */

import { noun } from './plural';

/** The locale used when none is given or the given one is not valid. */
export const FALLBACK_LOCALE = 'en-GB';

/** The locales offered in Settings, besides the system's own. */
export const OFFERED_LOCALES: { value: string; label: string }[] = [
  { value: 'en-GB', label: 'English (United Kingdom)' },
  { value: 'en-US', label: 'English (United States)' },
  { value: 'de-DE', label: 'Deutsch (Deutschland)' },
  { value: 'fr-FR', label: 'Français (France)' },
  { value: 'nl-NL', label: 'Nederlands (Nederland)' },
  { value: 'es-ES', label: 'Español (España)' },
];

/** A locale tag in its canonical spelling, or null when it is not one ("xx_YY", "", "english"). */
export function canonicalLocale(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    if (!canonical) return null;
    // A well-formed tag the runtime has no data for would silently fall back; refuse it too.
    return Intl.NumberFormat.supportedLocalesOf([canonical]).length > 0 ? canonical : null;
  } catch {
    return null;
  }
}

/** Why a locale tag is refused, for a clear message; null when it is fine. */
export function localeProblem(tag: string): string | null {
  if (canonicalLocale(tag) !== null) return null;
  return `"${tag}" is not a locale this app knows; use a language tag such as en-GB, en-US or de-DE`;
}

/** The formatter for a locale and options from `formats`, made with `make` (given the canonical locale) on first use. */
function cachedFormat<F, O>(formats: Map<string, F>, locale: string, options: O, make: (locale: string, options: O) => F): F {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = make(canonicalLocale(locale) ?? FALLBACK_LOCALE, options);
    formats.set(key, f);
  }
  return f;
}
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** A cached `Intl.NumberFormat`, for the few figures the helpers below do not cover (a setting's "12.5%"). */
export const numberFormat = (locale: string, options: Intl.NumberFormatOptions) =>
  cachedFormat(numberFormats, locale, options, (l, o) => new Intl.NumberFormat(l, o));
const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  cachedFormat(dateFormats, locale, options, (l, o) => new Intl.DateTimeFormat(l, o));

/** What a figure without data says (never 0). */
export const NO_DATA = 'No data';

/** A share as a percentage rounded to `digits` decimals, as a number (0.894 → 89; with 1 digit 89.4). */
export function roundedPercent(x: number, digits = 0): number {
  const k = 10 ** digits;
  return Math.round(x * 100 * k) / k;
}

/** A share (0–1) as a percentage: "89%" (en-GB), "89 %" (de-DE); null is "No data". */
export function percent(x: number | null, locale: string, digits = 0): string {
  if (x === null || !Number.isFinite(x)) return NO_DATA;
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    roundedPercent(x, digits) / 100,
  );
}

/**
 * Percentage points, signed with a real minus sign: "+18 pts", "1 pt", "−2 pts", "0 pts".
 * `value` is already in points (18, not 0.18); one point is singular whatever its sign.
 */
export function pointsText(value: number | null, locale: string, digits = 0): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA;
  const k = 10 ** digits;
  const v = Math.round(value * k) / k;
  const body = numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Math.abs(v));
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  return `${sign}${body} ${Math.abs(v) === 1 ? 'pt' : 'pts'}`;
}

/** A difference of shares (0–1) in points, rounded on its own: for a gap whose parts are not shown beside it. */
export function points(x: number | null, locale: string, digits = 0): string {
  return x === null ? NO_DATA : pointsText(x * 100, locale, digits);
}

/**
 * The gap as it is shown beside its figures: the difference of the displayed (rounded) formal and
 * real percentages, so the three always add up. Null when either has no data.
 */
export function displayedGap(formal: number | null, real: number | null, digits = 0): number | null {
  if (formal === null || real === null) return null;
  const k = 10 ** digits;
  return Math.round((roundedPercent(formal, digits) - roundedPercent(real, digits)) * k) / k;
}

/** The displayed gap as text ("+19 pts"), from the two figures it is the difference of. */
export function gapText(formal: number | null, real: number | null, locale: string, digits = 0): string {
  return pointsText(displayedGap(formal, real, digits), locale, digits);
}

/** A whole count with the locale's grouping: "1,234" (en-GB), "1.234" (de-DE). */
export function count(n: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** A plain number with up to `digits` decimals (weights, weighted sums): "0.35", "0,35". */
export function decimal(n: number, locale: string, digits = 2): string {
  return numberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** A count with its noun: "1 row", "1,234 rows"; singular for exactly one. */
export function countOf(n: number, locale: string, singular: string, pluralForm = `${singular}s`): string {
  return `${count(n, locale)} ${noun(n, singular, pluralForm)}`;
}

/** "2026-11" → "Nov 2026" (en-GB), "Nov. 2026" (de-DE); `long` gives "November 2026". */
export function monthLabel(month: string, locale: string, long = false): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return dateFormat(locale, { month: long ? 'long' : 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A period of months in words: "Jan 2026 to Nov 2026", or one month. */
export function periodLabel(from: string | null, to: string | null, locale: string): string {
  if (!from || !to) return 'No months with data';
  return from === to ? monthLabel(from, locale) : `${monthLabel(from, locale)} to ${monthLabel(to, locale)}`;
}

function toDate(value: string | number | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A calendar date: "30 Nov 2026" (en-GB), "30. Nov. 2026" (de-DE). A bare "YYYY-MM-DD" is that day, wherever it is read. */
export function date(value: string | number | Date, locale: string, timeZone?: string): string {
  const bare = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = toDate(bare ? `${value}T00:00:00Z` : value);
  if (!d) return String(value);
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: bare ? 'UTC' : timeZone }).format(d);
}

/**
 * A moment: "30 Nov 2026, 10:05" (en-GB), "30. Nov. 2026, 10:05" (de-DE), in the reader's time zone
 * or the one given; with `timeZone: 'UTC'` it says so ("… 10:05 UTC"), for exports read anywhere.
 */
export function dateTime(value: string | number | Date, locale: string, timeZone?: string): string {
  const d = toDate(value);
  if (!d) return String(value);
  const text = dateFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(d);
  return timeZone === 'UTC' ? `${text} UTC` : text;
}
