import { afterEach, describe, expect, it } from 'vitest';
import { localDay } from './days';

describe('a moment’s calendar day is the reader’s', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('is the day before in New York for a moment just after midnight UTC', () => {
    process.env.TZ = 'America/New_York';
    expect(localDay('2026-11-03T02:30:00.000Z')).toBe('2026-11-02');
    expect(localDay('2026-11-03T12:00:00.000Z')).toBe('2026-11-03');
  });

  it('is the next day in Tokyo for a moment late in the UTC evening', () => {
    process.env.TZ = 'Asia/Tokyo';
    expect(localDay('2026-11-02T22:30:00.000Z')).toBe('2026-11-03');
  });

  it('keeps a text that is not a moment as it is', () => {
    expect(localDay('not a date')).toBe('not a date');
  });
});
