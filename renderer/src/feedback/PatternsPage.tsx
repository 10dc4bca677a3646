import { Anchor, Text } from '@mantine/core';
import { IconStack2 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type FailurePattern, FEEDBACK_CATEGORY_LABELS, PATTERN_STATUS_LABELS, type PatternStatus } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useRecordRights } from '../api/workspace';
import { Dash } from '../components/Dash';
import { formatDate } from '../history/format';
import { type Column, DataTable, tombstoneRow } from '../kit/DataTable';
import { localDay } from '../kit/days';
import { useDelete, useRestore } from '../kit/deletion';
import { useDialog } from '../kit/dialog';
import { ListPage } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { StatusBadge } from '../kit/StatusBadge';
import { localeNumber } from '../locale/locale';
import { ExportFeedbackMenu } from './ExportFeedback';
import { type PatternEditing, PatternFormDialog } from './PatternForm';
import { patternHistory } from './pattern-history';

const number = localeNumber;
const NOWRAP = { style: { whiteSpace: 'nowrap' } } as const;
export const PATTERN_STATUS_COLOR: Record<PatternStatus, string> = { open: 'red', monitoring: 'yellow', fixed: 'green' };
const READ_ONLY = 'Change managers name patterns; group feedback into them from the Feedback queue.';
/** The reader's day the item was reported, not the UTC day of its timestamp. */
const day = (iso: string | null) => (iso ? formatDate(localDay(iso)) : null);

export function PatternStatusBadge({ status }: { status: PatternStatus }) {
  return <StatusBadge label={PATTERN_STATUS_LABELS[status]} dot={PATTERN_STATUS_COLOR[status]} testId="pattern-status" />;
}

const columns: Column<FailurePattern>[] = [
  {
    header: 'Pattern · category',
    td: { miw: 220 },
    cell: (p) => (
      <>
        <Anchor href={`#/patterns/${p.id}`} size="sm" fw={500} c={p.deleted ? 'dimmed' : undefined}>
          {p.name}
        </Anchor>
        <Text size="xs" c="dimmed" lineClamp={1} title={p.description ?? undefined}>
          {FEEDBACK_CATEGORY_LABELS[p.category]}
          {p.description ? ` · ${p.description}` : ''}
        </Text>
      </>
    ),
  },
  {
    header: 'Items',
    th: { ta: 'right' },
    td: { ta: 'right', className: 'tabular', 'data-testid': 'pattern-count' },
    cell: (p) => number.format(p.count),
  },
  {
    header: 'Teams · regions',
    td: { maw: 220 },
    cell: (p) =>
      p.teams.length > 0 ? (
        <>
          <Text size="sm" lineClamp={1} title={p.teams.join(', ')}>
            {p.teams.join(', ')}
          </Text>
          {p.regions.length > 0 && (
            <Text size="xs" c="dimmed" lineClamp={1} title={p.regions.join(', ')} data-testid="pattern-regions">
              {p.regions.join(', ')}
            </Text>
          )}
        </>
      ) : (
        <Dash />
      ),
  },
  {
    header: 'First seen',
    priority: 'low',
    td: { className: 'tabular', 'data-testid': 'pattern-first-seen', ...NOWRAP },
    cell: (p) => day(p.firstSeen) ?? <Dash />,
  },
  {
    header: 'Last seen',
    td: { className: 'tabular', 'data-testid': 'pattern-last-seen', ...NOWRAP },
    cell: (p) => day(p.lastSeen) ?? <Dash />,
  },
  { header: 'Status', td: NOWRAP, cell: (p) => <PatternStatusBadge status={p.status} /> },
];

export function PatternsPage() {
  const [showDeleted, setShowDeleted] = useState(false);
  const editing = useDialog<PatternEditing>();
  const history = useRecordHistory(patternHistory);
  const patterns = useQuery(orpc.failurePatterns.list.queryOptions({ input: { includeDeleted: showDeleted } }));
  const can = useRecordRights('failurePatterns');
  const restore = useRestore(orpc.failurePatterns.restore.mutationOptions(), (p) => `“${p.name}” restored.`);
  const remove = useDelete(
    orpc.failurePatterns.delete.mutationOptions(),
    (p) => `“${p.name}” deleted.`,
    (p) => restore(p),
  );
  const live = (patterns.data ?? []).filter((p) => !p.deleted);
  const open = live.filter((p) => p.status !== 'fixed');
  return (
    <ListPage
      screen="patterns"
      title="Failure patterns"
      description={
        live.length > 0
          ? `${number.format(open.length)} open or monitored · ${number.format(live.reduce((n, p) => n + p.count, 0))} feedback items grouped`
          : 'The ways the AI fails in production, named once and followed to a fix.'
      }
      query={patterns}
      what="the failure patterns"
      showDeleted={{ checked: showDeleted, onChange: setShowDeleted }}
      actions={(patterns.data?.length ?? 0) > 0 && <ExportFeedbackMenu input={{ what: 'patterns' }} />}
      add={{ allowed: can.create, onAdd: () => editing.open({ pattern: null }), label: 'New pattern', disabledReason: READ_ONLY }}
      empty={{
        icon: <IconStack2 size={22} />,
        title: 'No failure patterns yet',
        howToAdd:
          'On the Feedback screen, tick the items that fail the same way and press “Group into pattern”, or name a pattern here first.',
        whoAdds: 'Change managers group feedback that fails the same way into named patterns. Nothing to show until then.',
      }}
      history={history}
      dialogs={<PatternFormDialog dialog={editing} />}
    >
      {(rows) => (
        <DataTable
          label="Failure patterns"
          horizontalSpacing={8}
          rows={rows}
          columns={columns}
          rowProps={tombstoneRow('pattern-row')}
          history={history}
          actions={(p) => ({
            onEdit: can.update && !p.deleted ? () => editing.open({ pattern: p }) : undefined,
            onDelete:
              can.delete && !p.deleted
                ? () =>
                    remove(p, {
                      title: `Delete ${p.name}?`,
                      message: 'Its feedback items keep their link, so restoring the pattern brings the grouping back.',
                      confirmLabel: 'Delete pattern',
                    })
                : undefined,
            onRestore: can.delete && p.deleted ? () => restore(p) : undefined,
          })}
        />
      )}
    </ListPage>
  );
}
