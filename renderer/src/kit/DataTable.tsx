import { Group, Table, type TableTdProps, type TableThProps, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { RowActions, type RowActionsProps } from '../components/RowActions';
import type { HistoryTarget } from '../history/target';
import type { RecordHistory } from './recordHistory';

export interface Column<R> {
  /** The header text; also the column's key. */
  header: string;
  th?: TableThProps;
  td?: TableTdProps & { [attribute: `data-${string}`]: string };
  cell: (row: R) => ReactNode;
  /**
   * 'low': dropped when the table is narrower than 1000 px (a 1024 px window with the sidebar), so
   * the page never scrolls sideways and the status and row actions stay in view. Keep what tells
   * rows apart and what needs acting on; drop detail the row's form or history also shows.
   */
  priority?: 'low';
}

interface DataTableProps<R extends HistoryTarget> {
  /** The table's accessible name. */
  label: string;
  rows: readonly R[];
  columns: readonly Column<R>[];
  /** Attributes of a row: its test id, whether it is deleted… */
  rowProps?: (row: R) => Record<`data-${string}`, string | undefined>;
  history: RecordHistory;
  /** What the acting member may do with a row; History is always there. */
  actions: (row: R) => Omit<RowActionsProps, 'name' | 'onHistory'>;
  horizontalSpacing?: number;
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
}: DataTableProps<R>) {
  return (
    <div className="data-table-frame">
      <Table className="data-table" highlightOnHover aria-label={label} horizontalSpacing={horizontalSpacing}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={c.header} pl={i === 0 ? 'lg' : undefined} data-priority={c.priority} {...c.th}>
                {c.header}
              </Table.Th>
            ))}
            <Table.Th w={48} pr="lg">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} {...rowProps?.(row)}>
              {columns.map((c, i) => (
                <Table.Td key={c.header} pl={i === 0 ? 'lg' : undefined} data-priority={c.priority} {...c.td}>
                  {c.cell(row)}
                </Table.Td>
              ))}
              <Table.Td pr="lg">
                <Group justify="flex-end">
                  <RowActions name={row.name} onHistory={() => history.open(row)} {...actions(row)} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
