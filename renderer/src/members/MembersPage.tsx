import { Avatar, Badge, Group, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type Member, ROLE_LABELS, type Role } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useRecordRights, useWorkspace } from '../api/workspace';
import { Dash } from '../components/Dash';
import { EmptyTable } from '../components/EmptyTable';
import { type Column, DataTable } from '../kit/DataTable';
import { useDelete } from '../kit/deletion';
import { useDialog } from '../kit/dialog';
import { ListPage } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { initials } from '../shell/ProfileMenu';
import { memberHistory } from './history';
import { type MemberEditing, MemberFormDialog } from './MemberForm';

const ROLE_COLORS: Record<Role, string> = { change_manager: 'indigo', champion: 'teal', sponsor: 'grape' };

const columns = (meId: string | undefined): Column<Member>[] => [
  {
    header: 'Name',
    cell: (m) => (
      <Group gap={10} wrap="nowrap">
        <Avatar size={24} radius="xl" color={ROLE_COLORS[m.role]} variant="light" aria-hidden>
          {initials(m.name)}
        </Avatar>
        <Text size="sm" fw={500}>
          {m.name}
        </Text>
        {m.id === meId && (
          <Badge size="xs" variant="outline" color="gray" c="var(--mantine-color-text)">
            You
          </Badge>
        )}
      </Group>
    ),
  },
  { header: 'Email', cell: (m) => m.email ?? <Dash /> },
  {
    header: 'Role',
    cell: (m) => (
      <Badge variant="dot" color={ROLE_COLORS[m.role]} c="var(--mantine-color-text)" fw={500}>
        {ROLE_LABELS[m.role]}
      </Badge>
    ),
  },
  { header: 'Profile on this device', cell: (m) => (m.hasProfileHere ? <Text size="sm">Yes</Text> : <Dash />) },
];

export function MembersPage() {
  const editing = useDialog<MemberEditing>();
  const history = useRecordHistory(memberHistory);
  const members = useQuery(orpc.members.list.queryOptions());
  const me = useWorkspace().data?.me;
  const can = useRecordRights('members');
  const remove = useDelete(orpc.members.delete.mutationOptions(), (m) => `${m.name} removed from the workspace.`);

  return (
    <ListPage
      screen="members"
      title="Members"
      description={
        members.data ? `${members.data.length} ${members.data.length === 1 ? 'person works' : 'people work'} in this workspace` : undefined
      }
      query={members}
      what="members"
      add={{ allowed: can.create, onAdd: () => editing.open({ member: null }), label: 'New member' }}
      empty={
        <EmptyTable
          icon={<IconUsers size={22} />}
          title="No members"
          description="Add the change managers, champions and sponsors who work with you."
        />
      }
      history={history}
      dialogs={<MemberFormDialog dialog={editing} />}
    >
      {(rows) => (
        <DataTable
          label="Members"
          rows={rows}
          columns={columns(me?.id)}
          rowProps={() => ({ 'data-testid': 'member-row' })}
          history={history}
          actions={(m) => ({
            onEdit: can.update ? () => editing.open({ member: m }) : undefined,
            deleteLabel: 'Remove',
            onDelete: can.delete
              ? () =>
                  remove(m, {
                    title: `Remove ${m.name}?`,
                    message: `${m.name} leaves the workspace; triad roles they fill become missing. What they did stays in the history.`,
                    confirmLabel: 'Remove member',
                  })
              : undefined,
          })}
        />
      )}
    </ListPage>
  );
}
