import { ORPCError } from '@orpc/client';

/** The user-facing text of an error: the server's own message when it sent one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ORPCError) return error.message || 'The request failed.';
  if (error instanceof TypeError)
    return 'Uptake cannot reach its engine. If you started it with `uptake serve`, check it is still running.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** The engine's error code (`BAD_INPUT`, `FORBIDDEN`, …) when the server sent one. */
export function errorCode(error: unknown): string | null {
  if (!(error instanceof ORPCError)) return null;
  const data: unknown = error.data;
  if (typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string') return data.code;
  return null;
}

/** Errors that retrying will not fix: the input or the permission was wrong. */
export function isUserError(error: unknown): boolean {
  return errorCode(error) !== null;
}

export interface SplitMessage {
  /** Per-field messages, for the form fields the message names. */
  fields: Record<string, string>;
  /** What is left for a form-level alert. */
  rest: string[];
}

/**
 * The engine prefixes a message about one field with the field's name ("name: a team named …"),
 * and lists invalid input one field per line. Split such a message across the form's fields.
 */
export function splitFieldErrors(message: string, fieldNames: readonly string[]): SplitMessage {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const raw of message.split('\n')) {
    const line = raw.trim();
    if (line === '' || /^Invalid input for /.test(line) || /^Run `uptake/.test(line)) continue;
    const match = /^([A-Za-z][\w.]*): (.+)$/.exec(line);
    const field = match?.[1]?.split('.')[0];
    if (match?.[2] && field && fieldNames.includes(field)) {
      fields[field] ??= capitalise(match[2]);
      continue;
    }
    rest.push(line);
  }
  return { fields, rest };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
