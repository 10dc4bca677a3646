import { Box, Button, Group, ScrollArea, SegmentedControl, Table, Tabs, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { recommendationUrl } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useWorkspace } from '../api/workspace';
import { Dash } from '../components/Dash';
import { QueryState } from '../components/QueryState';
import { useLocale } from '../locale/locale';
import { RecommendationId } from '../reviews/ReviewRow';
import { type FigureKey, fmt } from './formulas';
import type { ReportRow, SourceKind } from './types';

const PAGE = 25;
const FREE_TEXT = new Set(['reason', 'recommended', 'final']);

const SOURCE_LABELS: Record<SourceKind, string> = {
  usage: 'Usage',
  decisions: 'Decisions',
  pulse: 'Pulse',
  shadowProcesses: 'Shadow register',
};

type Action = 'accepted' | 'edited' | 'overridden' | 'ignored';

/** The stored inputs a figure is computed from. */
export function figureSources(key: FigureKey, row: ReportRow): SourceKind[] {
  const shadow: SourceKind[] = row.shadowSource === 'register' ? ['shadowProcesses'] : ['pulse'];
  switch (key) {
    case 'activation':
    case 'completion':
    case 'formal':
      return ['usage'];
    case 'reliance':
    case 'overrideRate':
      return ['decisions'];
    case 'trust':
      return ['pulse'];
    case 'shadowFree':
      return shadow;
    case 'real':
      return row.shadowSource === 'register' ? ['decisions', 'pulse', 'shadowProcesses'] : ['decisions', 'pulse'];
    case 'gap':
      return [
        'usage',
        ...(row.shadowSource === 'register' ? (['decisions', 'pulse', 'shadowProcesses'] as const) : (['decisions', 'pulse'] as const)),
      ];
  }
}

interface Slice {
  initiative: string | null;
  team: string | null;
  from: string | null;
  to: string | null;
}

/** "The rows that fed it": a page of each source behind a figure, in the figure's slice. */
export function SourceRowsPanel({ figure, row, slice }: { figure: FigureKey; row: ReportRow; slice: Slice }) {
  const sources = figureSources(figure, row);
  const [tab, setTab] = useState<string | null>(sources[0] ?? null);
  const active = sources.includes(tab as SourceKind) ? (tab as SourceKind) : (sources[0] ?? 'usage');
  return (
    <Box data-testid="source-rows">
      <Text size="xs" fw={600} c="dimmed" mb={4}>
        Rows behind this figure
      </Text>
      {sources.length > 1 ? (
        <Tabs value={active} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            {sources.map((s) => (
              <Tabs.Tab key={s} value={s} fz="xs">
                {SOURCE_LABELS[s]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {sources.map((s) => (
            <Tabs.Panel key={s} value={s} pt="xs">
              <SourceTable source={s} slice={slice} defaultAction={null} />
            </Tabs.Panel>
          ))}
        </Tabs>
      ) : (
        <SourceTable
          key={`${figure}-${active}`}
          source={active}
          slice={slice}
          defaultAction={figure === 'overrideRate' ? 'overridden' : null}
        />
      )}
    </Box>
  );
}

function SourceTable({ source, slice, defaultAction }: { source: SourceKind; slice: Slice; defaultAction: Action | null }) {
  const locale = useLocale();
  const n = (x: number) => fmt.decimal(x, locale);
  const [offset, setOffset] = useState(0);
  const [action, setAction] = useState<Action | null>(defaultAction);
  const link = useWorkspace().data?.recommendationLink ?? null;
  const rows = useQuery(
    orpc.reports.rows.queryOptions({
      input: { ...slice, source, action: source === 'decisions' ? action : null, offset, limit: PAGE },
      placeholderData: keepPreviousData,
    }),
  );
  return (
    <Box>
      {source === 'decisions' && (
        <SegmentedControl
          size="xs"
          mb="xs"
          aria-label="Show decisions"
          value={action ?? 'all'}
          onChange={(v) => {
            setAction(v === 'all' ? null : (v as Action));
            setOffset(0);
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'accepted', label: 'Accepted' },
            { value: 'edited', label: 'Edited' },
            { value: 'overridden', label: 'Overridden' },
            { value: 'ignored', label: 'Ignored' },
          ]}
        />
      )}
      <QueryState query={rows} what="the rows">
        {(data) => {
          // A team's or an initiative's own figure: its name on every row says nothing, so drop the column.
          const fixed = new Set([slice.team ? 'team' : '', slice.initiative ? 'initiative' : '']);
          const shown = data.columns
            .map((c, j) => ({ ...c, j }))
            .filter((c) => !(fixed.has(c.key) && new Set(data.rows.map((r) => r[c.j])).size <= 1));
          return data.total === 0 ? (
            <Text size="sm" c="dimmed">
              {source === 'shadowProcesses'
                ? 'No registered shadow processes were active in this slice.'
                : `No ${SOURCE_LABELS[source].toLowerCase()} rows in this slice.`}
            </Text>
          ) : (
            <>
              <ScrollArea type="auto" mah={320} viewportProps={{ tabIndex: 0, 'aria-label': `${SOURCE_LABELS[source]} rows, scrollable` }}>
                <Table className="data-table" fz="xs" verticalSpacing={3} aria-label={`${SOURCE_LABELS[source]} rows`} miw={560}>
                  <Table.Thead>
                    <Table.Tr>
                      {shown.map((c) => (
                        <Table.Th key={c.key} ta={c.numeric ? 'right' : undefined}>
                          {c.label}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.rows.map((r, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a page of stored rows has no id to show; position within the page is stable
                      <Table.Tr key={offset + i} data-testid="source-row">
                        {shown.map((column) => {
                          const cell = r[column.j] ?? null;
                          return (
                            <Table.Td
                              key={column.key}
                              ta={column.numeric ? 'right' : undefined}
                              className={column.numeric ? 'tabular' : undefined}
                              // Free text (up to 500 characters) is cut to one line; the whole of it is in the tooltip.
                              style={
                                FREE_TEXT.has(column.key)
                                  ? { whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }
                                  : { whiteSpace: 'nowrap' }
                              }
                              title={
                                (FREE_TEXT.has(column.key) || column.key === 'timestamp') && typeof cell === 'string' ? cell : undefined
                              }
                            >
                              {cell === null ? (
                                <Dash />
                              ) : typeof cell === 'number' ? (
                                n(cell)
                              ) : column.key === 'timestamp' ? (
                                // Stored in UTC (ISO 8601, the tooltip); read in the reader's time zone, as on Override review.
                                fmt.dateTime(cell, locale)
                              ) : column.key === 'recommendation_id' ? (
                                <RecommendationId id={cell} link={recommendationUrl(link, cell)} />
                              ) : (
                                cell
                              )}
                            </Table.Td>
                          );
                        })}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
              <Group justify="space-between" mt={6}>
                <Text size="xs" c="dimmed" className="tabular" data-testid="source-range">
                  {fmt.count(offset + 1, locale)}–{fmt.count(offset + data.rows.length, locale)} of {fmt.count(data.total, locale)}
                  {source === 'decisions' ? ' · newest first · users as a keyed hash' : ''}
                </Text>
                <Group gap={4}>
                  <Button size="compact-xs" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                    Previous
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="default"
                    disabled={offset + PAGE >= data.total}
                    onClick={() => setOffset(offset + PAGE)}
                  >
                    Next
                  </Button>
                </Group>
              </Group>
            </>
          );
        }}
      </QueryState>
    </Box>
  );
}
