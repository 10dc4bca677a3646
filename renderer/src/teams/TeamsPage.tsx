import { Anchor, Badge, Box, Button, Group, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconCornerDownRight, IconHierarchy2, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { confirmDelete, notifyDone, notifyUndoable } from '../components/confirm';
import { Dash } from '../components/Dash';
import { EmptyTable } from '../components/EmptyTable';
import { Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { RowActions } from '../components/RowActions';
import { HistoryDrawer } from '../history/HistoryDrawer';
import type { HistoryTarget } from '../history/target';
import { useDialog } from '../kit/dialog';
import { teamHistory } from './history';
import { type TeamEditing, TeamFormDialog } from './TeamForm';

const number = new Intl.NumberFormat();

export function TeamsPage() {
  const [showDeleted, setShowDeleted] = useState(false);
  const editing = useDialog<TeamEditing>();
  const [history, setHistory] = useState<HistoryTarget | null>(null);
  const teams = useQuery(orpc.teams.list.queryOptions({ input: { includeDeleted: showDeleted }, placeholderData: keepPreviousData }));
  const canCreate = useCan('teams.create');
  const canUpdate = useCan('teams.update');
  const canDelete = useCan('teams.delete');
  const canRestore = useCan('teams.restore');

  const restore = useMutation(orpc.teams.restore.mutationOptions({ onSuccess: (t) => notifyDone(`Team “${t.name}” restored.`) }));
  const remove = useMutation(
    orpc.teams.delete.mutationOptions({
      onSuccess: (t) => notifyUndoable(`Team “${t.name}” deleted.`, () => restore.mutate({ id: t.id })),
    }),
  );

  const live = teams.data?.filter((t) => !t.deleted) ?? [];
  const total = live.reduce((sum, t) => sum + (t.headcount ?? 0), 0);

  return (
    <Page
      screen="teams"
      title="Teams"
      description={live.length > 0 ? `${live.length} team${live.length === 1 ? '' : 's'} · ${number.format(total)} people` : undefined}
      ready={teams.isSuccess}
      actions={
        <>
          <Switch size="xs" label="Show deleted" checked={showDeleted} onChange={(e) => setShowDeleted(e.currentTarget.checked)} mr="sm" />
          {canCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => editing.open({ team: null, parentId: null })}>
              New team
            </Button>
          )}
        </>
      }
    >
      <QueryState query={teams} what="teams">
        {(rows) =>
          rows.length === 0 ? (
            <EmptyTable
              icon={<IconHierarchy2 size={22} />}
              title="No teams yet"
              description={
                canCreate
                  ? 'Add the teams that will use AI, top-level first, then their sub-teams. Adoption is measured per team.'
                  : 'A change manager adds the teams that will use AI. Nothing to show until then.'
              }
              action={
                canCreate && (
                  <Button leftSection={<IconPlus size={16} />} onClick={() => editing.open({ team: null, parentId: null })}>
                    Add the first team
                  </Button>
                )
              }
            />
          ) : (
            <Table className="data-table" highlightOnHover aria-label="Teams">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th pl="lg">Name</Table.Th>
                  <Table.Th>Region</Table.Th>
                  <Table.Th>Business unit</Table.Th>
                  <Table.Th ta="right">Headcount</Table.Th>
                  <Table.Th ta="right">Sub-teams</Table.Th>
                  <Table.Th w={48} pr="lg">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((t) => (
                  <Table.Tr key={t.id} data-deleted={t.deleted ? 'true' : undefined} data-testid="team-row">
                    <Table.Td pl="lg">
                      <Box className="tree-name" style={{ paddingLeft: Math.max(0, t.depth - 1) * 20 }}>
                        {t.depth > 0 && <IconCornerDownRight size={14} className="tree-guide" aria-hidden />}
                        {t.deleted ? (
                          <Text size="sm" fw={t.depth === 0 ? 600 : 400} truncate="end">
                            {t.name}
                          </Text>
                        ) : (
                          <Anchor
                            href={`#/report/team/${t.id}`}
                            size="sm"
                            fw={t.depth === 0 ? 600 : 400}
                            c="inherit"
                            underline="hover"
                            truncate="end"
                            title={`Adoption report for ${t.name}`}
                          >
                            {t.name}
                          </Anchor>
                        )}
                        {t.deleted && (
                          <Badge size="xs" color="gray" variant="light">
                            Deleted
                          </Badge>
                        )}
                      </Box>
                    </Table.Td>
                    <Table.Td>{t.region ?? <Dash />}</Table.Td>
                    <Table.Td>{t.businessUnit ?? <Dash />}</Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {t.headcount === null ? <Dash /> : number.format(t.headcount)}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {t.subTeamCount === 0 ? <Dash /> : t.subTeamCount}
                    </Table.Td>
                    <Table.Td pr="lg">
                      <Group justify="flex-end">
                        <RowActions
                          name={t.name}
                          onHistory={() => setHistory({ id: t.id, name: t.name })}
                          onEdit={canUpdate && !t.deleted ? () => editing.open({ team: t, parentId: t.parentId }) : undefined}
                          onAddChild={canCreate && !t.deleted ? () => editing.open({ team: null, parentId: t.id }) : undefined}
                          onRestore={canRestore && t.deleted ? () => restore.mutate({ id: t.id }) : undefined}
                          onDelete={
                            canDelete && !t.deleted
                              ? () =>
                                  confirmDelete({
                                    title: `Delete ${t.name}?`,
                                    message:
                                      t.subTeamCount > 0
                                        ? `${t.name} has ${t.subTeamCount} sub-team${t.subTeamCount === 1 ? '' : 's'}; move or delete them first.`
                                        : 'The team disappears from lists and reports. Its history is kept and you can undo this.',
                                    confirmLabel: 'Delete team',
                                    onConfirm: () => remove.mutate({ id: t.id }),
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
      <TeamFormDialog dialog={editing} teams={teams.data ?? []} />
      <HistoryDrawer format={teamHistory} target={history} onClose={() => setHistory(null)} />
    </Page>
  );
}
