import { Group, Table, type TableTdProps, type TableThProps, Text, VisuallyHidden } from '@mantine/core';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { RowActions, type RowActionsProps } from '../components/RowActions';
import type { HistoryTarget } from '../history/target';
import type { RecordHistory } from './recordHistory';

export interface Column<R> {
  /** The header text; also the column's key. */
  header: string;
  /** The header clipped to the column's width (ClippedText): a name the workspace chose, of any length. */
  clipHeader?: boolean;
  th?: TableThProps;
  td?: TableTdProps & { [attribute: `data-${string}`]: string };
  cell: (row: R) => ReactNode;
  /**
   * 'low': dropped when the table is narrower than 1000 px (a 1024 px window with the sidebar), so
   * the page never scrolls sideways and the status and row actions stay in view. Keep what tells
   * rows apart and what needs acting on; drop detail the row's form or history also shows.
   */
  priority?: 'low';
  /** An optional column (a workspace's custom field): hidden until chosen in the column chooser. */
  hiddenByDefault?: boolean;
}

export interface DataTableProps<R extends HistoryTarget> {
  /** The table's accessible name. */
  label: string;
  rows: readonly R[];
  columns: readonly Column<R>[];
  /** Attributes of a row: its test id, whether it is deleted (`tombstoneRow`)… */
  rowProps?: (row: R) => Record<`data-${string}`, string | undefined>;
  history: RecordHistory;
  /** What the acting member may do with a row; History is always there, and all there is without this. */
  actions?: ((row: R) => Omit<RowActionsProps, 'name' | 'onHistory'>) | undefined;
  horizontalSpacing?: number;
  /** A row's usual height in px: the first guess of the virtualiser for long lists (rows are measured as they render). */
  rowHeight?: number;
  /** The id of the row a link from another screen opened: marked (`aria-current`, highlighted) and scrolled into view once. */
  current?: string | undefined;
}

/** `rowProps` of a table that lists deleted records too: each row's test id, and `data-deleted` (greyed out) on theirs. */
export const tombstoneRow = (testId: string) => (row: { deleted: boolean }) => ({
  'data-testid': testId,
  'data-deleted': row.deleted ? 'true' : undefined,
});

/**
 * From this many rows only the rows in view (and a margin) are in the DOM, so a register of
 * 10,000 scrolls smoothly; shorter lists render whole (find-in-page and printing see every row).
 */
export const VIRTUAL_FROM = 150;

/**
 * Stands in for the rows out of view; no cells, so nothing to read or focus. It takes the same
 * bottom border as every row (app.css, `.data-table tr`): the tables collapse borders, so a row
 * beside a borderless one would be half a pixel shorter, and that change of height as rows scroll
 * past made the virtualiser jump.
 */
function Spacer({ height }: { height: number }) {
  // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty table row is not focusable; the rule mistakes it for an interactive element
  return <tr aria-hidden="true" style={{ height }} />;
}

/** A list's table: the columns, then each row's action menu. The first column lines up with the page header. */
export function DataTable<R extends HistoryTarget>({
  label,
  rows,
  columns,
  rowProps,
  history,
  actions,
  horizontalSpacing,
  rowHeight = 53,
  current,
}: DataTableProps<R>) {
  const virtual = rows.length >= VIRTUAL_FROM;
  const body = useRef<HTMLTableSectionElement>(null);
  // The page scrolls as a whole (the window), so the virtualiser needs where the rows start in it.
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    if (virtual && body.current) setScrollMargin(body.current.getBoundingClientRect().top + window.scrollY);
  }, [virtual]);
  const virtualizer = useWindowVirtualizer({
    count: virtual ? rows.length : 0,
    estimateSize: () => rowHeight,
    // The exact height, not the rounded one: a row of 50.6 px rounds to 50 or 51 by where it sits,
    // and every such "change" made the virtualiser scroll back by a pixel from an offset a frame
    // old, undoing the scroll in between (the register stuttered and crawled at half speed).
    measureElement: (element) => element.getBoundingClientRect().height,
    overscan: 15,
    scrollMargin,
    // Draw the new rows after the scroll, not inside its event: the overscan covers the frame's
    // move, so the window scrolls at the display's pace while React catches up.
    useFlushSync: false,
  });
  const currentIndex = current === undefined ? -1 : rows.findIndex((r) => r.id === current);
  // Once per row opened, not again as the list reloads or the reader scrolls away.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (currentIndex < 0 || scrolledTo.current === current) return;
    scrolledTo.current = current ?? null;
    if (virtual) virtualizer.scrollToIndex(currentIndex, { align: 'center' });
    else body.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'center' });
  }, [current, currentIndex, virtual, virtualizer]);
  const items = virtual ? virtualizer.getVirtualItems() : null;
  const first = items?.[0];
  const last = items?.[items.length - 1];
  const padTop = first ? first.start - scrollMargin : 0;
  const padBottom = last ? virtualizer.getTotalSize() - (last.end - scrollMargin) : 0;
  const shown = items
    ? items.map((item) => ({ row: rows[item.index] as R, index: item.index }))
    : rows.map((row, index) => ({ row, index }));
  return (
    <div className="data-table-frame">
      <Table
        className="data-table"
        highlightOnHover
        withRowBorders={false}
        aria-label={label}
        horizontalSpacing={horizontalSpacing}
        aria-rowcount={virtual ? rows.length + 1 : undefined}
      >
        <DataTableHead columns={columns} />
        <Table.Tbody ref={body}>
          {padTop > 0 && <Spacer height={padTop} />}
          {shown.map(({ row, index }) => (
            <DataRow
              key={row.id}
              row={row}
              index={index}
              columns={columns}
              rowProps={rowProps}
              history={history}
              actions={actions}
              current={row.id === current}
              measure={virtual ? virtualizer.measureElement : undefined}
            />
          ))}
          {padBottom > 0 && <Spacer height={padBottom} />}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** The header row; apart so that scrolling, which draws the table again, leaves it alone. */
const DataTableHead = memo(function DataTableHead({ columns }: { columns: readonly Column<never>[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) => (
          <Table.Th key={c.header} pl={i === 0 ? 'lg' : undefined} data-priority={c.priority} {...c.th}>
            {c.clipHeader ? <ClippedText text={c.header} /> : c.header}
          </Table.Th>
        ))}
        <Table.Th w={48} pr="lg">
          <VisuallyHidden>Actions</VisuallyHidden>
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
});

interface DataRowProps<R extends HistoryTarget> extends Pick<DataTableProps<R>, 'columns' | 'rowProps' | 'history' | 'actions'> {
  row: R;
  index: number;
  /** The row a link opened (DataTable's `current`). */
  current: boolean;
  /** The virtualiser's measuring ref, for long lists. */
  measure?: ((node: Element | null) => void) | undefined;
}

function DataRowOf<R extends HistoryTarget>({ row, index, columns, rowProps, history, actions, current, measure }: DataRowProps<R>) {
  return (
    <Table.Tr
      {...rowProps?.(row)}
      aria-current={current ? 'true' : undefined}
      {...(measure ? { ref: measure, 'data-index': index, 'aria-rowindex': index + 2 } : {})}
    >
      {columns.map((c, i) => (
        <Table.Td key={c.header} pl={i === 0 ? 'lg' : undefined} data-priority={c.priority} {...c.td}>
          {c.cell(row)}
        </Table.Td>
      ))}
      <Table.Td pr="lg">
        <Group justify="flex-end">
          <RowActions name={row.name} onHistory={() => history.open(row)} {...actions?.(row)} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * One row, drawn again only when its own props change: scrolling a long list re-renders the table
 * every frame, and without this every row in view was drawn again each time, not only the new ones.
 */
const DataRow = memo(DataRowOf) as typeof DataRowOf;

/**
 * A cell's text on one line, cut with an ellipsis at the column's width and read in full in its
 * title. It is one line of a text that may break between any two letters, not a line that cannot
 * break: the table then sizes the column from a letter's width up to the whole text's, so a long
 * value gives way to the room there is instead of widening the table past the window, a short one
 * keeps its whole width, and the cut falls at the column's edge, not at the last whole word.
 */
export function ClippedText({ text }: { text: string }) {
  return (
    <Text inherit lineClamp={1} title={text} style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>
      {text}
    </Text>
  );
}

/** The header of a table laid out by hand: a cell per label, right-aligned for the labels in `right` (columns of numbers). */
export function TableHead({ labels, right = [] }: { labels: readonly string[]; right?: readonly string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {labels.map((label) => (
          <Table.Th key={label} ta={right.includes(label) ? 'right' : undefined}>
            {label}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
