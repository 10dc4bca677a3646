import Papa from 'papaparse';

/*
 * The one CSV writer of every CSV Uptake hands to a person (the report's CSV export, through the
 * CLI, the API and the app's Export menu). Names in it come from imported files, and a sponsor
 * opens the file in a spreadsheet: a cell that starts like a formula (=HYPERLINK(…), +cmd|…,
 * @SUM(…), -2+3) would run there. Such text cells get a leading apostrophe and are quoted, as
 * OWASP's CSV-injection advice says; Papa Parse does it (escapeFormulae) while it writes RFC 4180.
 * Numbers are written as numbers, a negative one included: only text is neutralised.
 */

/**
 * What makes a spreadsheet read a text cell as a formula: OWASP's list (=, +, -, @, tab, carriage
 * return), a line feed, and the full-width forms of the four signs, which some spreadsheets treat
 * the same. Papa Parse's own default pattern misses a payload with a line break in it (its `.*$`
 * does not cross lines), hence a pattern of our own that looks only at the first character.
 */
export const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export type CsvCell = string | number | null | undefined;

/** Header and rows as CSV text: CRLF line ends (a spreadsheet's own), a final CRLF, empty cells for null. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const text = Papa.unparse(
    { fields: [...header], data: rows.map((r) => r.map((c) => (c === undefined ? null : c))) },
    { newline: '\r\n', escapeFormulae: FORMULA_START },
  );
  return `${text}\r\n`;
}
