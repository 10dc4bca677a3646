import { describe, expect, it } from 'vitest';
import { datePattern, formatDateInput, parseDateInput } from './locale';

describe('date boxes follow the locale', () => {
  const gb = datePattern('en-GB');
  const us = datePattern('en-US');
  const de = datePattern('de-DE');

  it('derives the order and separator of each locale', () => {
    expect(gb.placeholder).toBe('dd/mm/yyyy');
    expect(us.placeholder).toBe('mm/dd/yyyy');
    expect(de.placeholder).toBe('dd.mm.yyyy');
  });

  it('shows a stored date the locale’s way and reads it back', () => {
    expect(formatDateInput('2026-08-03', gb)).toBe('03/08/2026');
    expect(formatDateInput('2026-08-03', us)).toBe('08/03/2026');
    expect(formatDateInput('2026-08-03', de)).toBe('03.08.2026');
    for (const p of [gb, us, de]) expect(parseDateInput(formatDateInput('2026-08-03', p), p)).toEqual({ iso: '2026-08-03' });
  });

  it('reads short forms and ISO dates, and says why a text is not a date', () => {
    expect(parseDateInput('3/8/26', gb)).toEqual({ iso: '2026-08-03' });
    expect(parseDateInput('3.8.2026', de)).toEqual({ iso: '2026-08-03' });
    expect(parseDateInput('2026-08-03', us)).toEqual({ iso: '2026-08-03' });
    expect(parseDateInput('  ', gb)).toBeNull();
    expect(parseDateInput('31/02/2026', gb)).toEqual({ error: 'There is no such date: enter it as dd/mm/yyyy' });
    expect(parseDateInput('tomorrow', us)).toEqual({ error: 'Enter a date as mm/dd/yyyy' });
  });
});
