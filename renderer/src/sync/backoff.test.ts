import { describe, expect, it } from 'vitest';
import { backoffMs, mayRetry } from './backoff';

describe('automatic sync backs off while the folder fails', () => {
  it('waits 30 s after one failure, doubling with each, never more than 15 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 12].map(backoffMs)).toEqual([0, 30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
  });

  it('retries only once the wait since the last failure has passed', () => {
    const at = '2026-11-30T05:00:00.000Z';
    const t = Date.parse(at);
    expect(mayRetry(null, t)).toBe(true);
    expect(mayRetry({ at, failures: 3 }, t + 119_999)).toBe(false);
    expect(mayRetry({ at, failures: 3 }, t + 120_000)).toBe(true);
  });
});
