/** A select's options for a closed set of values: each value with its label, in the set's order. */
export const labelledOptions = <V extends string>(values: readonly V[], labels: Readonly<Record<V, string>>) =>
  values.map((value) => ({ value, label: labels[value] }));
