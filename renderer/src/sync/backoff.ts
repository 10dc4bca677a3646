/** The longest wait between automatic attempts while the folder keeps failing. */
const MAX_BACKOFF_MS = 15 * 60_000;

/** Wait before the next automatic attempt after `failures` failures in a row: none, then 30 s, 1 min, 2 min, … up to 15 min. */
export function backoffMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** (failures - 1));
}

/** Whether an automatic sync may run now, given the engine's note of the last failure (null: none). */
export function mayRetry(lastError: { at: string; failures: number } | null | undefined, now: number): boolean {
  if (!lastError) return true;
  return now - Date.parse(lastError.at) >= backoffMs(lastError.failures);
}
