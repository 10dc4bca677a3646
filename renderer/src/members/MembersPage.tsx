import { Avatar, Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLE_LABELS, type Role } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useCan, useWorkspace } from '../api/workspace';
import { confirmDelete, notifyDone } from '../components/confirm';
import { Dash } from '../components/Dash';
import { EmptyTable } from '../components/EmptyTable';
import { Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { RowActions } from '../components/RowActions';
import { HistoryDrawer } from '../history/HistoryDrawer';
import type { HistoryTarget } from '../history/target';
import { useDialog } from '../kit/dialog';
import { initials } from '../shell/ProfileMenu';
import { memberHistory } from './history';
import { type MemberEditing, MemberFormDialog } from './MemberForm';

const ROLE_COLORS: Record<Role, string> = { change_manager: 'indigo', champion: 'teal', sponsor: 'grape' };

export function MembersPage() {
  const editing = useDialog<MemberEditing>();
  const [history, setHistory] = useState<HistoryTarget | null>(null);
  const members = useQuery(orpc.members.list.queryOptions());
  const me = useWorkspace().data?.me;
  const canCreate = useCan('members.create');
  const canUpdate = useCan('members.update');
  const canDelete = useCan('members.delete');
  const remove = useMutation(
    orpc.members.delete.mutationOptions({ onSuccess: (m) => notifyDone(`${m.name} removed from the workspace.`) }),
  );

  return (
    <Page
      screen="members"
      title="Members"
      description={
        members.data ? `${members.data.length} ${members.data.length === 1 ? 'person works' : 'people work'} in this workspace` : undefined
      }
      ready={members.isSuccess}
      actions={
        canCreate && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => editing.open({ member: null })}>
            Add member
          </Button>
        )
      }
    >
      <QueryState query={members} what="members">
        {(rows) =>
          rows.length === 0 ? (
            <EmptyTable
              icon={<IconUsers size={22} />}
              title="No members"
              description="Add the change managers, champions and sponsors who work with you."
            />
          ) : (
            <Table className="data-table" highlightOnHover aria-label="Members">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th pl="lg">Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Profile on this device</Table.Th>
                  <Table.Th w={48} pr="lg">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((m) => (
                  <Table.Tr key={m.id} data-testid="member-row">
                    <Table.Td pl="lg">
                      <Group gap={10} wrap="nowrap">
                        <Avatar size={24} radius="xl" color={ROLE_COLORS[m.role]} variant="light" aria-hidden>
                          {initials(m.name)}
                        </Avatar>
                        <Text size="sm" fw={500}>
                          {m.name}
                        </Text>
                        {m.id === me?.id && (
                          <Badge size="xs" variant="outline" color="gray" c="var(--mantine-color-text)">
                            You
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{m.email ?? <Dash />}</Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={ROLE_COLORS[m.role]} c="var(--mantine-color-text)" fw={500}>
                        {ROLE_LABELS[m.role]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{m.hasProfileHere ? <Text size="sm">Yes</Text> : <Dash />}</Table.Td>
                    <Table.Td pr="lg">
                      <Group justify="flex-end">
                        <RowActions
                          name={m.name}
                          onHistory={() => setHistory({ id: m.id, name: m.name })}
                          onEdit={canUpdate ? () => editing.open({ member: m }) : undefined}
                          deleteLabel="Remove"
                          onDelete={
                            canDelete
                              ? () =>
                                  confirmDelete({
                                    title: `Remove ${m.name}?`,
                                    message: `${m.name} leaves the workspace; triad roles they fill become missing. What they did stays in the history.`,
                                    confirmLabel: 'Remove member',
                                    onConfirm: () => remove.mutate({ id: m.id }),
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
      <MemberFormDialog dialog={editing} />
      <HistoryDrawer format={memberHistory} target={history} onClose={() => setHistory(null)} />
    </Page>
  );
}
