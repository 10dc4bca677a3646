/* The register's filters on the workspace's own fields (pure: unit-tested without a browser). */

/** A date field's filter on the register: where the date falls as of today (a review that is due, or soon). */
export const DATE_FILTERS = [
  { value: 'past', label: 'Before today' },
  { value: 'soon', label: 'In the next 30 days' },
  { value: 'later', label: 'Later' },
  { value: 'none', label: 'No date' },
] as const;

/** The most distinct values a number or text field's filter lists; past it a number is filtered by bands, a text by search. */
const MAX_LISTED_VALUES = 30;

/** The days a date filter counts from: today and 30 days on, YYYY-MM-DD in the user's time zone. */
export interface DateBounds {
  today: string;
  soon: string;
}

/** One entry of a field's filter: the value kept (in a saved view too) and what the list shows. */
export interface FilterOption {
  value: string;
  label: string;
}

/** A field as its filter needs it. */
interface FilterField {
  type: string;
  choices: readonly string[];
}

/*
 * A number or text field's filter value is one of:
 * - `none`: no value;
 * - `is:<value>`: that value (a number as JS writes it; a text trimmed and lower-cased, so spellings
 *   that differ only in case are one entry);
 * - `below:<x>`, `between:<x>:<y>`, `above:<y>`: a number's band, x and y included in the middle one.
 */
const NONE = 'none';
const IS = 'is:';

/** A text as its filter compares it: trimmed, case ignored. */
const textKey = (text: string) => text.trim().toLocaleLowerCase();

/** A value that is set (not missing or empty), as a string or number. */
function present(value: unknown): string | number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A number field's value as a number, or null when it has none. */
function numberOf(value: unknown): number | null {
  const v = present(value);
  const n = v === null ? Number.NaN : Number(v);
  return Number.isFinite(n) ? n : null;
}

type NumberTest =
  | { kind: 'is'; n: number }
  | { kind: 'below'; n: number }
  | { kind: 'between'; lo: number; hi: number }
  | { kind: 'above'; n: number };

/** A number field's filter value read back, or null when it is not one (a text's, a date band). */
function numberTest(filter: string): NumberTest | null {
  const [kind, ...args] = filter.split(':');
  const ns = args.map((a) => (a.trim() === '' ? Number.NaN : Number(a)));
  const [a, b, extra] = ns;
  if (a === undefined || extra !== undefined || !ns.every(Number.isFinite)) return null;
  if (b === undefined) return kind === 'is' || kind === 'below' || kind === 'above' ? { kind, n: a } : null;
  return kind === 'between' && a <= b ? { kind, lo: a, hi: b } : null;
}

function passesNumber(test: NumberTest, n: number): boolean {
  switch (test.kind) {
    case 'is':
      return n === test.n;
    case 'below':
      return n < test.n;
    case 'between':
      return n >= test.lo && n <= test.hi;
    case 'above':
      return n > test.n;
  }
}

/**
 * Whether a stakeholder's value of a custom field passes that field's filter: a choice field's
 * filter is one of its choices; a date field's is one of DATE_FILTERS, as of `bounds`; a number or
 * text field's is a value, a number's band, or `none` (see fieldFilter).
 */
export function passesFieldFilter(type: string, value: unknown, filter: string, bounds: DateBounds): boolean {
  if (type === 'choice') return value === filter;
  if (type === 'date') {
    const date = typeof value === 'string' && value !== '' ? value : null;
    if (filter === 'none' || date === null) return filter === 'none' && date === null;
    if (filter === 'past') return date < bounds.today;
    if (filter === 'soon') return date >= bounds.today && date <= bounds.soon;
    return date > bounds.soon;
  }
  const set = present(value);
  if (filter === NONE || set === null) return filter === NONE && set === null;
  if (type === 'text') return filter.startsWith(IS) && textKey(String(set)) === filter.slice(IS.length);
  const test = numberTest(filter);
  const n = numberOf(set);
  return test !== null && n !== null && passesNumber(test, n);
}

/** How a number or text filter value reads in the list ("Below 1,200", "No value"), or null when it is not one of the type's. */
function filterLabel(type: string, filter: string, formatNumber: (n: number) => string): string | null {
  if (filter === NONE) return 'No value';
  if (type === 'text') return filter.startsWith(IS) && filter.length > IS.length ? filter.slice(IS.length) : null;
  const test = numberTest(filter);
  if (test === null) return null;
  switch (test.kind) {
    case 'is':
      return formatNumber(test.n);
    case 'below':
      return `Below ${formatNumber(test.n)}`;
    case 'between':
      return test.lo === test.hi ? formatNumber(test.lo) : `${formatNumber(test.lo)} to ${formatNumber(test.hi)}`;
    case 'above':
      return `Above ${formatNumber(test.n)}`;
  }
}

/** The distinct texts among `values`, case and spaces around ignored, each spelled as most people spell it, alphabetically. */
function textOptions(values: readonly unknown[]): FilterOption[] {
  const spellings = new Map<string, Map<string, number>>();
  for (const v of values) {
    const text = present(v);
    if (text === null) continue;
    const spelled = String(text).trim();
    const counts = spellings.get(textKey(spelled)) ?? new Map<string, number>();
    counts.set(spelled, (counts.get(spelled) ?? 0) + 1);
    spellings.set(textKey(spelled), counts);
  }
  // The most frequent spelling names the entry; of two as frequent, the first met.
  const options = [...spellings].map(([key, counts]) => ({
    value: `${IS}${key}`,
    label: [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0],
  }));
  return options.sort((a, b) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) || a.label.localeCompare(b.label));
}

/**
 * A long list of numbers in three bands of about as many people each: below the value a third of
 * the way up, from it to the value two thirds of the way up, and above; a band no one is in is left out.
 */
function numberBands(numbers: readonly number[]): string[] {
  const sorted = [...numbers].sort((a, b) => a - b);
  const lo = sorted[Math.floor(sorted.length / 3)] ?? 0;
  const hi = sorted[Math.floor((2 * sorted.length) / 3) - 1] ?? lo;
  const bands = [`below:${lo}`, `between:${lo}:${hi}`, `above:${hi}`];
  return bands.filter((band) => {
    const test = numberTest(band);
    return test !== null && sorted.some((n) => passesNumber(test, n));
  });
}

/** A number or text field's entries given the register's values of it: null for a text with too many to list. */
function valueOptions(type: string, values: readonly unknown[], formatNumber: (n: number) => string): FilterOption[] | null {
  let options: FilterOption[];
  if (type === 'text') {
    options = textOptions(values);
    if (options.length > MAX_LISTED_VALUES) return null;
  } else {
    const numbers = values.map(numberOf).filter((n) => n !== null);
    const distinct = [...new Set(numbers)].sort((a, b) => a - b);
    const filters = distinct.length > MAX_LISTED_VALUES ? numberBands(numbers) : distinct.map((n) => `${IS}${n}`);
    options = filters.map((value) => ({ value, label: filterLabel(type, value, formatNumber) ?? value }));
  }
  return [...options, { value: NONE, label: 'No value' }];
}

/** A field's filter on the register: what its list offers, and the value in force (null for none). */
export interface FieldFilter {
  options: FilterOption[];
  value: string | null;
}

/**
 * A field's filter, given the register's values of it (one per person) and the value chosen or
 * saved in a view: a choice field offers its choices, a date field DATE_FILTERS; a number or text
 * field its distinct values and "No value", a number with more than MAX_LISTED_VALUES in three
 * bands instead, and a text with that many has no filter (null). A saved number or text value no
 * one has now still applies and is listed, so the list shows what filters the register; a choice
 * or date value the field no longer offers (a removed choice, a type changed since) is ignored.
 */
export function fieldFilter(
  field: FilterField,
  values: readonly unknown[],
  chosen: string | undefined,
  formatNumber: (n: number) => string,
): FieldFilter | null {
  if (field.type === 'choice' || field.type === 'date') {
    const options = field.type === 'date' ? [...DATE_FILTERS] : field.choices.map((c) => ({ value: c, label: c }));
    return { options, value: options.find((o) => o.value === chosen)?.value ?? null };
  }
  const options = valueOptions(field.type, values, formatNumber);
  if (options === null) return null;
  const label = chosen === undefined ? null : filterLabel(field.type, chosen, formatNumber);
  if (chosen === undefined || label === null) return { options, value: null };
  if (options.some((o) => o.value === chosen)) return { options, value: chosen };
  // Listed before "No value", where the list's own values end.
  return { options: [...options.slice(0, -1), { value: chosen, label }, ...options.slice(-1)], value: chosen };
}
