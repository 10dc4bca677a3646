import { Anchor, Badge, Box, Text } from '@mantine/core';
import { IconCornerDownRight, IconHierarchy2 } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Team } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useRecordRights } from '../api/workspace';
import { Dash } from '../components/Dash';
import { type Column, DataTable, tombstoneRow } from '../kit/DataTable';
import { useDelete, useRestore } from '../kit/deletion';
import { useDialog } from '../kit/dialog';
import { ListPage } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { localeCount, localeNumber } from '../locale/locale';
import { teamHistory } from './history';
import { type TeamEditing, TeamFormDialog } from './TeamForm';

const number = localeNumber;

const COLUMNS: readonly Column<Team>[] = [
  {
    header: 'Name',
    cell: (t) => (
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
    ),
  },
  { header: 'Region', cell: (t) => t.region ?? <Dash /> },
  { header: 'Business unit', cell: (t) => t.businessUnit ?? <Dash /> },
  {
    header: 'Headcount',
    th: { ta: 'right' },
    td: { ta: 'right', className: 'tabular' },
    cell: (t) => (t.headcount === null ? <Dash /> : number.format(t.headcount)),
  },
  {
    header: 'Sub-teams',
    th: { ta: 'right' },
    td: { ta: 'right', className: 'tabular' },
    cell: (t) => (t.subTeamCount === 0 ? <Dash /> : t.subTeamCount),
  },
];

export function TeamsPage() {
  const [showDeleted, setShowDeleted] = useState(false);
  const editing = useDialog<TeamEditing>();
  const history = useRecordHistory(teamHistory);
  const teams = useQuery(orpc.teams.list.queryOptions({ input: { includeDeleted: showDeleted }, placeholderData: keepPreviousData }));
  const can = useRecordRights('teams');
  const restore = useRestore(orpc.teams.restore.mutationOptions(), (t) => `Team “${t.name}” restored.`);
  const remove = useDelete(orpc.teams.delete.mutationOptions(), (t) => `Team “${t.name}” deleted.`, restore);

  const live = teams.data?.filter((t) => !t.deleted) ?? [];
  const total = live.reduce((sum, t) => sum + (t.headcount ?? 0), 0);

  return (
    <ListPage
      screen="teams"
      title="Teams"
      description={live.length > 0 ? `${localeCount(live.length, 'team')} · ${localeCount(total, 'person', 'people')}` : undefined}
      query={teams}
      what="teams"
      showDeleted={{ checked: showDeleted, onChange: setShowDeleted }}
      add={{
        allowed: can.create,
        onAdd: () => editing.open({ team: null, parentId: null }),
        label: 'New team',
        firstLabel: 'Add the first team',
      }}
      empty={{
        icon: <IconHierarchy2 size={22} />,
        title: 'No teams yet',
        howToAdd: 'Add the teams that will use AI, top-level first, then their sub-teams. Adoption is measured per team.',
        whoAdds: 'A change manager adds the teams that will use AI. Nothing to show until then.',
      }}
      history={history}
      dialogs={<TeamFormDialog dialog={editing} teams={teams.data ?? []} />}
    >
      {(rows) => (
        <DataTable
          label="Teams"
          rows={rows}
          columns={COLUMNS}
          rowProps={tombstoneRow('team-row')}
          history={history}
          actions={(t) => ({
            onEdit: can.update && !t.deleted ? () => editing.open({ team: t, parentId: t.parentId }) : undefined,
            onAddChild: can.create && !t.deleted ? () => editing.open({ team: null, parentId: t.id }) : undefined,
            onRestore: can.restore && t.deleted ? () => restore(t) : undefined,
            onDelete:
              can.delete && !t.deleted
                ? () =>
                    remove(t, {
                      title: `Delete ${t.name}?`,
                      message:
                        t.subTeamCount > 0
                          ? `${t.name} has ${localeCount(t.subTeamCount, 'sub-team')}; move or delete them first.`
                          : 'The team disappears from lists and reports. Its history is kept and you can undo this.',
                      confirmLabel: 'Delete team',
                    })
                : undefined,
          })}
        />
      )}
    </ListPage>
  );
}
