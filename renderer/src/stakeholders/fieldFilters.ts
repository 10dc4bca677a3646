/* The register's filters on the workspace's own fields (pure: unit-tested without a browser). */

/** A date field's filter on the register: where the date falls as of today (a review that is due, or soon). */
export const DATE_FILTERS = [
  { value: 'past', label: 'Before today' },
  { value: 'soon', label: 'In the next 30 days' },
  { value: 'later', label: 'Later' },
  { value: 'none', label: 'No date' },
] as const;

/** The days a date filter counts from: today and 30 days on, YYYY-MM-DD in the user's time zone. */
export interface DateBounds {
  today: string;
  soon: string;
}

/**
 * Whether a stakeholder's value of a custom field passes that field's filter: a choice field's
 * filter is one of its choices; a date field's is one of DATE_FILTERS, as of `bounds`.
 */
export function passesFieldFilter(type: string, value: unknown, filter: string, bounds: DateBounds): boolean {
  if (type !== 'date') return value === filter;
  const date = typeof value === 'string' && value !== '' ? value : null;
  if (filter === 'none' || date === null) return filter === 'none' && date === null;
  if (filter === 'past') return date < bounds.today;
  if (filter === 'soon') return date >= bounds.today && date <= bounds.soon;
  return date > bounds.soon;
}

/** Whether a filter value (a saved view's, say) is one the field offers now: a stale one is ignored, not applied. */
export function offersFilter(field: { type: string; choices: readonly string[] }, value: string): boolean {
  return field.type === 'date' ? DATE_FILTERS.some((f) => f.value === value) : field.choices.includes(value);
}
