/**
 * A count with its noun, as a sentence says it: "1 row", "0 rows", "1,200 rows". The one place
 * that decides singular or plural, so no message says "1 rows". English only, like the app.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${noun(count, singular, pluralForm)}`;
}

/** The noun for a count, without the number: singular for exactly one. */
export function noun(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}
