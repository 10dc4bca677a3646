import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc, receive, tick } from './hlc';

describe('hlc', () => {
  it('orders by wall time, then counter, then device', () => {
    const a = formatHlc({ millis: 1000, counter: 0 }, 'aaaa');
    const b = formatHlc({ millis: 1000, counter: 1 }, 'aaaa');
    const c = formatHlc({ millis: 1000, counter: 1 }, 'bbbb');
    const d = formatHlc({ millis: 1001, counter: 0 }, 'aaaa');
    expect([d, c, b, a].sort()).toEqual([a, b, c, d]);
  });

  it('round-trips through parse', () => {
    const s = formatHlc({ millis: Date.UTC(2026, 10, 22, 10), counter: 42 }, '0123456789abcdef');
    expect(parseHlc(s)).toEqual({ millis: Date.UTC(2026, 10, 22, 10), counter: 42, deviceId: '0123456789abcdef' });
  });

  it('never goes backwards when the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 }), (clock) => {
        let state = { millis: 0, counter: 0 };
        let prev = formatHlc(state, 'd');
        for (const now of clock) {
          state = tick(state, now);
          const next = formatHlc(state, 'd');
          expect(next > prev).toBe(true);
          prev = next;
        }
      }),
    );
  });

  it('stamps after a received remote timestamp', () => {
    const local = { millis: 5000, counter: 3 };
    const remote = { millis: 9000, counter: 7 };
    const merged = receive(local, remote, 1000);
    expect(merged).toEqual({ millis: 9000, counter: 8 });
    expect(formatHlc(merged, 'a') > formatHlc(remote, 'z')).toBe(true);
  });
});
