/**
 * Lists of values (kinds, statuses, reasons) are declared once, in their area's model, and their
 * labels derived here: a value's label is the value in sentence case ("rolling_out" → "Rolling
 * out"), unless the list gives another (pure; the renderer sees the labels through the contract).
 */
export function labelsOf<const V extends string>(values: readonly V[], other: Partial<Record<V, string>> = {}): Record<V, string> {
  return Object.fromEntries(values.map((v) => [v, other[v] ?? sentenceCase(v)])) as Record<V, string>;
}

/** "in_progress" → "In progress"; "format variation" → "Format variation"; "businessSponsor" → "Business sponsor". */
export function sentenceCase(value: string): string {
  const words = value.replaceAll('_', ' ').replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
