import { Badge, Box, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconBulb } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Initiative, type PersonRef, TRIAD_LABELS, TRIAD_ROLES } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useRecordRights } from '../api/workspace';
import { Dash } from '../components/Dash';
import { formatDate } from '../history/format';
import { type Column, DataTable, tombstoneRow } from '../kit/DataTable';
import { useDelete, useRestore } from '../kit/deletion';
import { useDialog } from '../kit/dialog';
import { ListPage } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { localeCount } from '../locale/locale';
import { initiativeHistory } from './history';
import { type InitiativeEditing, InitiativeFormDialog } from './InitiativeForm';
import { StatusBadge } from './StatusBadge';
import { describeMissing } from './triad';

function Person({ person }: { person: PersonRef | null }) {
  if (!person) {
    return (
      <Group gap={4} wrap="nowrap" className="text-warning">
        <IconAlertTriangle size={13} aria-hidden />
        <Text span size="sm" inherit>
          Missing
        </Text>
      </Group>
    );
  }
  return (
    <Box miw={0}>
      <Text size="sm" truncate="end">
        {person.name}
      </Text>
      {!person.memberId && (
        <Text size="xs" c="dimmed" title="Not a member of this workspace">
          External
        </Text>
      )}
    </Box>
  );
}

export function TriadFlag({ initiative }: { initiative: Initiative }) {
  if (initiative.missingRoles.length === 0) return null;
  return (
    <Badge
      className="flag-warning"
      variant="light"
      size="sm"
      leftSection={<IconAlertTriangle size={12} aria-hidden />}
      data-testid="triad-flag"
      style={{ textTransform: 'none' }}
    >
      Triad incomplete: {describeMissing(initiative.missingRoles)}
    </Badge>
  );
}

const COLUMNS: readonly Column<Initiative>[] = [
  {
    header: 'Name',
    td: { maw: 300 },
    cell: (i) => (
      <>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500} truncate="end">
            {i.name}
          </Text>
          {i.deleted && (
            <Badge size="xs" color="gray" variant="light">
              Deleted
            </Badge>
          )}
        </Group>
        {i.missingRoles.length > 0 ? (
          <Box mt={4}>
            <TriadFlag initiative={i} />
          </Box>
        ) : (
          i.description && (
            <Text size="xs" c="dimmed" truncate="end">
              {i.description}
            </Text>
          )
        )}
      </>
    ),
  },
  { header: 'Status', th: { w: 116 }, cell: (i) => <StatusBadge status={i.status} /> },
  {
    header: 'Go-live',
    th: { w: 110 },
    td: { className: 'tabular', style: { whiteSpace: 'nowrap' } },
    cell: (i) => (i.goLive ? formatDate(i.goLive) : <Dash />),
  },
  {
    header: 'Model versions',
    priority: 'low',
    th: { miw: 140 },
    cell: (i) =>
      i.modelVersions.length === 0 ? (
        <Dash />
      ) : (
        <Group gap={4}>
          {i.modelVersions.map((v) => (
            <Badge key={v} variant="default" size="sm" fw={400} styles={{ label: { overflow: 'visible' } }}>
              {v}
            </Badge>
          ))}
        </Group>
      ),
  },
  // The business sponsor stays; a missing product owner or technical lead is flagged under the name.
  ...TRIAD_ROLES.map((r) => ({
    header: TRIAD_LABELS[r],
    priority: r === 'businessSponsor' ? undefined : ('low' as const),
    td: { maw: 160 },
    cell: (i: Initiative) => <Person person={i[r]} />,
  })),
];

export function InitiativesPage() {
  const [showDeleted, setShowDeleted] = useState(false);
  const editing = useDialog<InitiativeEditing>();
  const history = useRecordHistory(initiativeHistory);
  const initiatives = useQuery(
    orpc.initiatives.list.queryOptions({ input: { includeDeleted: showDeleted }, placeholderData: keepPreviousData }),
  );
  const can = useRecordRights('initiatives');
  const restore = useRestore(orpc.initiatives.restore.mutationOptions(), (i) => `Initiative “${i.name}” restored.`);
  const remove = useDelete(orpc.initiatives.delete.mutationOptions(), (i) => `Initiative “${i.name}” deleted.`, restore);

  const live = initiatives.data?.filter((i) => !i.deleted) ?? [];
  const flagged = live.filter((i) => i.missingRoles.length > 0).length;

  return (
    <ListPage
      screen="initiatives"
      title="Initiatives"
      description={
        live.length > 0
          ? `${localeCount(live.length, 'AI initiative')}${flagged > 0 ? ` · ${flagged} with an incomplete triad` : ''}`
          : undefined
      }
      query={initiatives}
      what="initiatives"
      showDeleted={{ checked: showDeleted, onChange: setShowDeleted }}
      add={{
        allowed: can.create,
        onAdd: () => editing.open({ initiative: null }),
        label: 'New initiative',
        firstLabel: 'Add the first initiative',
      }}
      empty={{
        icon: <IconBulb size={22} />,
        title: 'No initiatives yet',
        howToAdd: 'Add each AI tool you are rolling out, with its business sponsor, AI product owner and technical lead.',
        whoAdds: 'A change manager adds the AI initiatives being rolled out. Nothing to show until then.',
      }}
      history={history}
      dialogs={<InitiativeFormDialog dialog={editing} />}
    >
      {(rows) => (
        <DataTable
          label="Initiatives"
          rows={rows}
          columns={COLUMNS}
          rowProps={tombstoneRow('initiative-row')}
          history={history}
          actions={(i) => ({
            onEdit: can.update && !i.deleted ? () => editing.open({ initiative: i }) : undefined,
            onRestore: can.restore && i.deleted ? () => restore(i) : undefined,
            onDelete:
              can.delete && !i.deleted
                ? () =>
                    remove(i, {
                      title: `Delete ${i.name}?`,
                      message: 'The initiative disappears from lists and reports. Its history is kept and you can undo this.',
                      confirmLabel: 'Delete initiative',
                    })
                : undefined,
          })}
        />
      )}
    </ListPage>
  );
}
