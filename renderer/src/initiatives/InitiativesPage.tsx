import { Badge, Box, Button, Group, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconBulb, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Initiative, type PersonRef, TRIAD_LABELS, TRIAD_ROLES } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { confirmDelete, notifyDone, notifyUndoable } from '../components/confirm';
import { Dash } from '../components/Dash';
import { EmptyTable } from '../components/EmptyTable';
import { Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { RowActions } from '../components/RowActions';
import { formatDate } from '../history/format';
import { HistoryDrawer } from '../history/HistoryDrawer';
import type { HistoryTarget } from '../history/target';
import { useDialog } from '../kit/dialog';
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

export function InitiativesPage() {
  const [showDeleted, setShowDeleted] = useState(false);
  const editing = useDialog<InitiativeEditing>();
  const [history, setHistory] = useState<HistoryTarget | null>(null);
  const initiatives = useQuery(
    orpc.initiatives.list.queryOptions({ input: { includeDeleted: showDeleted }, placeholderData: keepPreviousData }),
  );
  const canCreate = useCan('initiatives.create');
  const canUpdate = useCan('initiatives.update');
  const canDelete = useCan('initiatives.delete');
  const canRestore = useCan('initiatives.restore');

  const restore = useMutation(
    orpc.initiatives.restore.mutationOptions({ onSuccess: (i) => notifyDone(`Initiative “${i.name}” restored.`) }),
  );
  const remove = useMutation(
    orpc.initiatives.delete.mutationOptions({
      onSuccess: (i) => notifyUndoable(`Initiative “${i.name}” deleted.`, () => restore.mutate({ id: i.id })),
    }),
  );

  const live = initiatives.data?.filter((i) => !i.deleted) ?? [];
  const flagged = live.filter((i) => i.missingRoles.length > 0).length;

  return (
    <Page
      screen="initiatives"
      title="Initiatives"
      description={
        live.length > 0
          ? `${live.length} AI initiative${live.length === 1 ? '' : 's'}${flagged > 0 ? ` · ${flagged} with an incomplete triad` : ''}`
          : undefined
      }
      ready={initiatives.isSuccess}
      actions={
        <>
          <Switch size="xs" label="Show deleted" checked={showDeleted} onChange={(e) => setShowDeleted(e.currentTarget.checked)} mr="sm" />
          {canCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => editing.open({ initiative: null })}>
              New initiative
            </Button>
          )}
        </>
      }
    >
      <QueryState query={initiatives} what="initiatives">
        {(rows) =>
          rows.length === 0 ? (
            <EmptyTable
              icon={<IconBulb size={22} />}
              title="No initiatives yet"
              description={
                canCreate
                  ? 'Add each AI tool you are rolling out, with its business sponsor, AI product owner and technical lead.'
                  : 'A change manager adds the AI initiatives being rolled out. Nothing to show until then.'
              }
              action={
                canCreate && (
                  <Button leftSection={<IconPlus size={16} />} onClick={() => editing.open({ initiative: null })}>
                    Add the first initiative
                  </Button>
                )
              }
            />
          ) : (
            <Table className="data-table" highlightOnHover aria-label="Initiatives">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th pl="lg">Name</Table.Th>
                  <Table.Th w={116}>Status</Table.Th>
                  <Table.Th w={110}>Go-live</Table.Th>
                  <Table.Th miw={140}>Model versions</Table.Th>
                  {TRIAD_ROLES.map((r) => (
                    <Table.Th key={r}>{TRIAD_LABELS[r]}</Table.Th>
                  ))}
                  <Table.Th w={48} pr="lg">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((i) => (
                  <Table.Tr key={i.id} data-deleted={i.deleted ? 'true' : undefined} data-testid="initiative-row">
                    <Table.Td pl="lg" maw={300}>
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
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={i.status} />
                    </Table.Td>
                    <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                      {i.goLive ? formatDate(i.goLive) : <Dash />}
                    </Table.Td>
                    <Table.Td>
                      {i.modelVersions.length === 0 ? (
                        <Dash />
                      ) : (
                        <Group gap={4}>
                          {i.modelVersions.map((v) => (
                            <Badge key={v} variant="default" size="sm" fw={400} styles={{ label: { overflow: 'visible' } }}>
                              {v}
                            </Badge>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                    {TRIAD_ROLES.map((r) => (
                      <Table.Td key={r} maw={160}>
                        <Person person={i[r]} />
                      </Table.Td>
                    ))}
                    <Table.Td pr="lg">
                      <Group justify="flex-end">
                        <RowActions
                          name={i.name}
                          onHistory={() => setHistory({ id: i.id, name: i.name })}
                          onEdit={canUpdate && !i.deleted ? () => editing.open({ initiative: i }) : undefined}
                          onRestore={canRestore && i.deleted ? () => restore.mutate({ id: i.id }) : undefined}
                          onDelete={
                            canDelete && !i.deleted
                              ? () =>
                                  confirmDelete({
                                    title: `Delete ${i.name}?`,
                                    message: 'The initiative disappears from lists and reports. Its history is kept and you can undo this.',
                                    confirmLabel: 'Delete initiative',
                                    onConfirm: () => remove.mutate({ id: i.id }),
                                  })
                              : undefined
                          }
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <InitiativeFormDialog dialog={editing} />
      <HistoryDrawer format={initiativeHistory} target={history} onClose={() => setHistory(null)} />
    </Page>
  );
}
