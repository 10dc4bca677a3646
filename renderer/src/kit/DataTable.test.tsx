import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';
import { type Column, DataTable, tombstoneRow } from './DataTable';
import type { RecordHistory } from './recordHistory';

interface Row {
  id: string;
  name: string;
  size: number;
  deleted: boolean;
}

const COLUMNS: Column<Row>[] = [
  { header: 'Name', cell: (r) => r.name },
  { header: 'Size', th: { ta: 'right' }, td: { ta: 'right', 'data-testid': 'size' }, cell: (r) => r.size * 10 },
];
const history: RecordHistory = { format: { table: 'teams', labels: {} }, target: null, open: () => {}, close: () => {} };

// Server rendering: the markup a screen gets, without a DOM in Node.
const html = renderToStaticMarkup(
  <MantineProvider>
    <DataTable
      label="Things"
      rows={[
        { id: 'a', name: 'Alpha', size: 1, deleted: false },
        { id: 'b', name: 'Beta', size: 2, deleted: true },
      ]}
      columns={COLUMNS}
      rowProps={tombstoneRow('thing-row')}
      history={history}
    />
  </MantineProvider>,
);
const texts = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]?.replace(/<[^>]+>/g, ''));

test('a list table has its headers in order, then a visually hidden Actions header', () => {
  expect(html).toMatch(/<table[^>]*aria-label="Things"/);
  expect(texts(/<th[^>]*>(.*?)<\/th>/g)).toEqual(['Name', 'Size', 'Actions']);
});

test('a list table has a row per record, with the screen’s attributes and cells, and a menu named after it', () => {
  expect(html.match(/data-testid="thing-row"/g)).toHaveLength(2);
  expect(html.match(/data-deleted="true"/g)).toHaveLength(1);
  expect(texts(/<td[^>]*data-testid="size"[^>]*>(.*?)<\/td>/g)).toEqual(['10', '20']);
  expect(html).toContain('aria-label="Actions for Alpha"');
  expect(html).toContain('aria-label="Actions for Beta"');
});
