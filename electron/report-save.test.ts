import { describe, expect, it } from 'vitest';
import { UserError } from '../db/errors';
import { PRINT_OPTIONS, parseSaveRequest, SAVE_FILTERS, saveFailure, suggestedFileName } from './report-save';

describe('saving a report from the app', () => {
  it('takes a format and the filters, and nothing else', () => {
    expect(parseSaveRequest({ format: 'pdf' })).toEqual({ format: 'pdf', slice: {} });
    expect(parseSaveRequest({ format: 'csv', slice: { team: 'Claims North', from: '2026-01', to: null } })).toEqual({
      format: 'csv',
      slice: { team: 'Claims North', from: '2026-01', to: null },
    });
    const refused: [unknown, RegExp][] = [
      [{ format: 'docx' }, /format must be one of json, csv, html, pdf/],
      [{ format: 'pdf', path: '/etc/passwd' }, /Unrecognized key.*path/],
      [{ format: 'html', content: '<script>' }, /content/],
      [{ format: 'json', slice: { from: '2026-13' } }, /slice\.from: a month as YYYY-MM/],
      [{ format: 'json', slice: { team: 'x'.repeat(201) } }, /slice\.team/],
      [null, /Invalid report request/],
    ];
    for (const [raw, message] of refused) {
      expect(() => parseSaveRequest(raw), JSON.stringify(raw)).toThrow(message);
    }
  });

  it('suggests the export’s file name, with .pdf for the PDF printed from the HTML', () => {
    expect(suggestedFileName('uptake-report-acme-2026-01-to-2026-06.html', 'pdf')).toBe('uptake-report-acme-2026-01-to-2026-06.pdf');
    expect(suggestedFileName('uptake-report-acme.csv', 'csv')).toBe('uptake-report-acme.csv');
    expect(SAVE_FILTERS.pdf[0]?.extensions).toEqual(['pdf']);
  });

  it('prints A4 as the report’s CSS lays it out, with its backgrounds and without browser headers', () => {
    expect(PRINT_OPTIONS).toEqual({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false });
  });

  it('passes the engine’s message through, and says what to do otherwise', () => {
    expect(saveFailure(new UserError('FORBIDDEN', 'Priya may not'))).toBe('Priya may not');
    expect(saveFailure(new Error('EACCES: permission denied'))).toMatch(/could not save the report: EACCES.*print it from a browser/);
  });
});
