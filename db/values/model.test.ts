import { describe, expect, it } from 'vitest';
import { labelsOf, sentenceCase } from './model';

describe('value lists: labels derived from the values', () => {
  it('a value reads in sentence case, whether written with underscores, spaces or in camel case', () => {
    expect(sentenceCase('rolling_out')).toBe('Rolling out');
    expect(sentenceCase('format variation')).toBe('Format variation');
    expect(sentenceCase('businessSponsor')).toBe('Business sponsor');
    expect(sentenceCase('other')).toBe('Other');
  });
  it('every value gets a label, the list’s own where it gives one', () => {
    const statuses = ['new', 'in_progress', 'wont_fix'] as const;
    expect(labelsOf(statuses, { wont_fix: "Won't fix" })).toEqual({ new: 'New', in_progress: 'In progress', wont_fix: "Won't fix" });
  });
});
