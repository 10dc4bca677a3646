import { Alert, Anchor, Box, Button, Group, List, ScrollArea, Stack, Table, Text } from '@mantine/core';
import Papa from 'papaparse';
import { useEffect, useRef, useState } from 'react';
import type { ImportErrorData, UnknownName } from '../../../db/api/types';
import { plural } from '../../../db/reports/shared/plural';
import { formatDateTime } from '../history/format';

/** A row of the file as the engine numbers it: the header is row 1, blank lines are not counted. */
export interface NumberedRow {
  row: number;
  cells: string[];
}

export interface Preview {
  header: string[];
  rows: NumberedRow[];
  /** Average size of a row in the sample, to turn the rows read into a share of the file. */
  bytesPerRow: number;
}

const FIRST_ROWS = 10;
/** Rows shown either side of a problem's row beyond the first ones. */
const AROUND = 2;

/** The first rows of a file, parsing only its first 64 KiB (a decisions log can be huge). */
export function usePreview(file: File | null): Preview | null {
  const [preview, setPreview] = useState<Preview | null>(null);
  useEffect(() => {
    setPreview(null);
    if (!file) return;
    let cancelled = false;
    void file
      .slice(0, 64 * 1024)
      .text()
      .then((text) => {
        if (cancelled) return;
        const [header = [], ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
        setPreview({
          header,
          rows: rows.slice(0, FIRST_ROWS).map((cells, i) => ({ row: i + 2, cells })),
          bytesPerRow: rows.length > 0 ? text.length / (rows.length + 1) : 0,
        });
      });
    return () => {
      cancelled = true;
    };
  }, [file]);
  return preview;
}

/**
 * The rows around `row` when it lies beyond the preview's first rows: the file is parsed as a
 * stream up to there and no further (a problem may be a million rows into a decisions log).
 */
function useRowWindow(file: File | null, row: number | null, firstRows: number): NumberedRow[] {
  const [window, setWindow] = useState<NumberedRow[]>([]);
  useEffect(() => {
    setWindow([]);
    if (!file || row === null || row <= firstRows + 1) return;
    let cancelled = false;
    const found: NumberedRow[] = [];
    let n = 0;
    Papa.parse<string[]>(file, {
      skipEmptyLines: true,
      step: (result, parser) => {
        n++;
        if (cancelled) return parser.abort();
        if (n >= row - AROUND && n > firstRows + 1) found.push({ row: n, cells: result.data });
        if (n >= row + AROUND) parser.abort();
      },
      complete: () => {
        if (!cancelled) setWindow(found);
      },
    });
    return () => {
      cancelled = true;
    };
  }, [file, row, firstRows]);
  return window;
}

/** The file as a table with its row numbers; the row of the problem chosen is highlighted and scrolled to. */
export function FilePreview({
  file,
  preview,
  focusRow,
  problemRows,
}: {
  file: File | null;
  preview: Preview;
  focusRow: number | null;
  /** Rows with a problem: marked, the focused one highlighted. */
  problemRows: ReadonlySet<number>;
}) {
  const last = preview.rows.at(-1)?.row ?? 1;
  const around = useRowWindow(file, focusRow, last - 1);
  const focused = useRef<HTMLTableRowElement | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll again when the rows around a problem arrive
  useEffect(() => {
    focused.current?.scrollIntoView({ block: 'nearest' });
  }, [focusRow, around]);
  const windowed = around.length > 0 ? around : [];
  const gap = windowed.length > 0 && (windowed[0]?.row ?? 0) > last + 1;
  const row = (r: NumberedRow) => {
    const isFocus = r.row === focusRow;
    return (
      <Table.Tr
        key={r.row}
        ref={isFocus ? focused : undefined}
        data-row={r.row}
        data-problem={problemRows.has(r.row) ? 'true' : undefined}
        data-focused={isFocus ? 'true' : undefined}
        className="preview-row"
      >
        <Table.Td className="tabular preview-row-number" ta="right">
          {r.row}
        </Table.Td>
        {r.cells.map((cell, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity but their position
          <Table.Td key={j}>{cell}</Table.Td>
        ))}
      </Table.Tr>
    );
  };
  return (
    <Box>
      <Text size="xs" c="dimmed" mb={4}>
        Preview: the first {preview.rows.length === 1 ? 'row' : plural(preview.rows.length, 'row')}
        {windowed.length > 0 ? `, and rows ${windowed[0]?.row}–${windowed.at(-1)?.row} around row ${focusRow}` : ''}
      </Text>
      {/* Focusable so the frame can be scrolled from the keyboard. */}
      <Box className="import-preview-frame" tabIndex={0} role="region" aria-label="Preview of the file">
        <Table
          className="data-table import-preview"
          fz="xs"
          aria-label="Preview"
          data-testid="import-preview"
          withColumnBorders
          stickyHeader
        >
          <Table.Thead>
            <Table.Tr data-row={1} data-focused={focusRow === 1 ? 'true' : undefined} className="preview-row">
              <Table.Th ta="right" className="tabular preview-row-number" title="Row 1 is the header">
                1
              </Table.Th>
              {preview.header.map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns have no identity but their position
                <Table.Th key={i}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map(row)}
            {gap && (
              <Table.Tr aria-hidden="true">
                <Table.Td className="preview-row-number" ta="right" c="dimmed">
                  …
                </Table.Td>
                <Table.Td colSpan={preview.header.length} />
              </Table.Tr>
            )}
            {windowed.map(row)}
          </Table.Tbody>
        </Table>
      </Box>
    </Box>
  );
}

/** The engine's data of a refused import, when the error carries it. */
export function importErrorData(data: unknown): ImportErrorData | null {
  if (typeof data !== 'object' || data === null || !('problems' in data) || !Array.isArray(data.problems)) return null;
  return data as ImportErrorData;
}

const rowsText = (n: UnknownName) => {
  const more = n.count - n.rows.length;
  return `${n.rows.length === 1 && more === 0 ? 'row' : 'rows'} ${n.rows.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
};

/**
 * Every problem of a file at once: unknown names first (each with "did you mean" when one is
 * close, then "create them"), then the rows, each a link to its row in the preview.
 */
export function ProblemsView({
  data,
  message,
  dryRun,
  busy,
  onShowRow,
  onUseName,
  onCreate,
  onAgain,
}: {
  data: ImportErrorData | null;
  /** The engine's message, shown when the error has no data (a file that cannot be read). */
  message: string;
  dryRun: boolean;
  busy: boolean;
  onShowRow: (row: number) => void;
  onUseName: (name: string, existing: string) => void;
  onCreate: () => void;
  onAgain: () => void;
}) {
  if (data?.alreadyImported) {
    const b = data.alreadyImported;
    return (
      <Alert color="yellow" variant="light" title="Already imported" role="alert" data-testid="import-error">
        <Text size="sm">
          {data.mapping ? `The rows this file gives through the mapping “${data.mapping}” were` : 'This file was'} already imported on{' '}
          {formatDateTime(b.importedAt)}
          {b.importedBy ? ` by ${b.importedBy}` : ''} (batch <span className="tabular">{b.id.slice(0, 8)}</span>, “{b.fileName}”): nothing
          was written. Import it again anyway?
        </Text>
        <Group mt="sm" gap="xs">
          <Button size="xs" onClick={onAgain} disabled={busy}>
            Import again anyway
          </Button>
        </Group>
      </Alert>
    );
  }
  const counts = [
    data?.problemCount ? plural(data.problemCount, 'problem') : '',
    data?.nameCount ? plural(data.nameCount, 'unknown name') : '',
  ].filter(Boolean);
  const title = data
    ? `${counts.join(' and ') || 'A problem'} in ${data.file}: nothing was written`
    : dryRun
      ? 'The check stopped: nothing was written'
      : 'Nothing was written';
  const names = data?.names ?? [];
  const creatable = names.filter((n) => !n.ambiguous);
  const moreNames = (data?.nameCount ?? 0) - names.length;
  const moreProblems = (data?.problemCount ?? 0) - (data?.problems.length ?? 0);
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="import-error">
      {!data && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {message}
        </Text>
      )}
      {names.length > 0 && (
        <Stack gap={6} mb={data && data.problems.length > 0 ? 'sm' : 0} data-testid="import-names">
          <Text size="sm" fw={500}>
            Names the workspace does not have
          </Text>
          {names.map((n) => (
            <Group key={`${n.kind}:${n.name}`} gap="sm" data-testid="import-name">
              <Text size="sm">
                {n.kind === 'team' ? 'Team' : 'Initiative'} “{n.name}”{' '}
                <Anchor component="button" type="button" size="sm" onClick={() => onShowRow(n.rows[0] ?? 1)}>
                  {rowsText(n)}
                </Anchor>
                {n.ambiguous ? ': more than one team has this name; rename one of them.' : ''}
                {n.suggestion ? <>. Did you mean {n.suggestion}?</> : ''}
              </Text>
              {n.suggestion && (
                <Button size="compact-xs" variant="light" disabled={busy} onClick={() => onUseName(n.name, n.suggestion ?? '')}>
                  Use {n.suggestion}
                </Button>
              )}
            </Group>
          ))}
          {moreNames > 0 && (
            <Text size="xs" c="dimmed">
              and {moreNames.toLocaleString()} more
            </Text>
          )}
          {creatable.length > 0 && (
            <Group gap="xs">
              <Button size="xs" variant={creatable.some((n) => n.suggestion) ? 'default' : 'filled'} disabled={busy} onClick={onCreate}>
                Create them and import
              </Button>
              <Text size="xs" c="dimmed">
                Adds the names not mapped above to the workspace as new teams and initiatives, then imports the file.
              </Text>
            </Group>
          )}
        </Stack>
      )}
      {data && data.problems.length > 0 && (
        <ScrollArea.Autosize mah={220} type="auto">
          <List size="sm" spacing={2} listStyleType="none" data-testid="import-problems">
            {data.problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row can have several problems; the list is fixed
              <List.Item key={i}>
                {p.row !== null ? (
                  <Anchor component="button" type="button" size="sm" className="tabular" onClick={() => onShowRow(p.row ?? 1)}>
                    Row {p.row}
                  </Anchor>
                ) : (
                  'The file'
                )}
                {p.column ? <>, {p.column}</> : null}
                {p.value !== null ? (
                  <>
                    , value <code>{p.value === '' ? '(empty)' : p.value}</code>
                  </>
                ) : null}
                : expected {p.message}
              </List.Item>
            ))}
          </List>
          {moreProblems > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              and {moreProblems.toLocaleString()} more
            </Text>
          )}
        </ScrollArea.Autosize>
      )}
    </Alert>
  );
}
