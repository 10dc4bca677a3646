import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { type CsvError, MAX_ROW_CHARS, readCsv } from '../../db/signals/csv';
import { tempDir } from '../helpers';

/*
 * The CSV reader on real files: rows cut by its 64 KiB reads come out whole, whatever the line
 * breaks; a quote that is never closed, text after a closing quote or a quote not doubled is a
 * row error naming the row the quote opened in, never rows swallowed into one value.
 */
const tmp = tempDir('uptake-csv-');
afterAll(() => tmp.cleanup());

let n = 0;
async function read(text: string) {
  const file = path.join(tmp.dir, `f${n++}.csv`);
  fs.writeFileSync(file, text);
  let header: string[] = [];
  const rows: { row: number; fields: string[] }[] = [];
  const broken: CsvError[] = [];
  const result = await readCsv(
    file,
    (h) => {
      header = h;
    },
    (chunk, first, problems) => {
      chunk.forEach((fields, i) => {
        const problem = problems?.get(i);
        if (problem) broken.push(problem);
        else rows.push({ row: first + i, fields });
      });
    },
  );
  fs.rmSync(file);
  return { header, rows, broken, result };
}

/** A field as a spreadsheet writes it: quoted when it has to be, quotes doubled. */
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

describe('the CSV reader', () => {
  it('reads what Papa Parse reads of the whole text, rows cut across its reads included, with any line break', async () => {
    const field = fc.oneof(
      fc.constantFrom('', 'plain', 'a, b', 'say "hi"', 'two\nlines', 'cr\r\nlf', ' padded '),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.boolean(),
        async (sample, eol, copies, blankEvery, lastEol) => {
          // Repeated until the text spans several 64 KiB reads, so rows are cut at every kind of
          // place; blank lines now and then, a line break after the last row or not.
          const lines = Array.from({ length: copies }, (_, c) => sample[c % sample.length] as string[]).flatMap((r, c) => [
            r.map(quote).join(','),
            ...(blankEvery > 0 && c % blankEvery === 0 ? [''] : []),
          ]);
          const text = `a,b,c${eol}${lines.join(eol)}${lastEol ? eol : ''}`;
          const expected = Papa.parse<string[]>(text, { newline: eol, skipEmptyLines: true }).data.slice(1);
          const got = await read(text);
          expect(got.broken).toEqual([]);
          expect(got.header).toEqual(['a', 'b', 'c']);
          expect(got.rows.map((r) => r.fields)).toEqual(expected);
          expect(got.rows.map((r) => r.row)).toEqual(expected.map((_, i) => i + 2));
          expect(got.result.rows).toBe(expected.length);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('names the row of a quote that is never closed, and reads the rows after it as rows', async () => {
    const good = Array.from({ length: 1000 }, (_, i) => `${i},x${i},y`);
    const { rows, broken } = await read(['a,b,c', '1,2,3', '4,5,"never closed', ...good].join('\n'));
    expect(rows.map((r) => r.row)).toEqual([2, ...good.map((_, i) => i + 4)]);
    expect(rows.at(-1)?.fields).toEqual(['999', 'x999', 'y']);
    expect(broken).toEqual([{ row: 3, column: 'c', value: 'never closed', expected: expect.stringMatching(/^a closing quote/) }]);
  });

  it('names the row of text after a closing quote, and of a quote not doubled, and reads the rows around them', async () => {
    const { rows, broken } = await read(['a,b,c', '1,"closed"then more,3', '4,5,6', '7,8,"he said "no" to it"', '9,10,11'].join('\r\n'));
    expect(rows).toEqual([
      { row: 3, fields: ['4', '5', '6'] },
      { row: 5, fields: ['9', '10', '11'] },
    ]);
    const after = expect.stringMatching(/^a comma or the end of the line after a closing quote/);
    expect(broken).toEqual([
      { row: 2, column: 'b', value: 'closed"then more,3', expected: after },
      { row: 4, column: 'c', value: 'he said "no" to it"', expected: after },
    ]);
  });

  it('gives up on a quote still open after a million characters, names its row and reads on from the next line', async () => {
    const rest = Array.from({ length: 40_000 }, (_, i) => `${i},some text here,more text`);
    expect(rest.join('\n').length).toBeGreaterThan(MAX_ROW_CHARS);
    const { rows, broken } = await read(`a,b,c\n1,2,3\n4,"opened,6\n${rest.join('\n')}\n`);
    expect(rows.map((r) => r.row)).toEqual([2, ...rest.map((_, i) => i + 4)]);
    expect(broken).toEqual([{ row: 3, column: 'b', value: 'opened,6', expected: expect.stringMatching(/^a closing quote/) }]);
  });

  it('a line with no line break in a million characters is one broken row; the lines after it are read', async () => {
    const { rows, broken } = await read(`a,b,c\n1,2,3\n${'x'.repeat(MAX_ROW_CHARS + 70_000)}\n4,5,6\n`);
    expect(rows).toEqual([
      { row: 2, fields: ['1', '2', '3'] },
      { row: 4, fields: ['4', '5', '6'] },
    ]);
    expect(broken).toEqual([{ row: 3, column: null, value: null, expected: expect.stringMatching(/^a line break within a million/) }]);
  });

  it('a broken header is the error, with its row', async () => {
    await expect(read('a,"b,c\n1,2,3\n')).rejects.toThrow(/row 1.*a closing quote/);
  });
});
