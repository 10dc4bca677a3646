import { Checkbox, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isOverdue } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useRecordRights, useWorkspace } from '../api/workspace';
import { notifyDone } from '../components/confirm';
import { Dash } from '../components/Dash';
import { formatDate } from '../history/format';
import { type Column, DataTable } from '../kit/DataTable';
import { today } from '../kit/days';
import { useDelete } from '../kit/deletion';
import { useDialog } from '../kit/dialog';
import { FilterBar, SegmentedFilter } from '../kit/filters';
import { ListPage, NoMatches } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { StatusBadge } from '../kit/StatusBadge';
import { type ActionEditing, ActionFormDialog } from './ActionForm';
import { actionHistory } from './history';
import { ACTION_STATUS_LABELS, type Action } from './register';

const READ_ONLY = 'Only champions and change managers add follow-up actions.';
const NOWRAP = { style: { whiteSpace: 'nowrap' } } as const;
const WHOSE = { all: 'Everyone’s', mine: 'My actions' } as const;
type Whose = keyof typeof WHOSE;
const WHICH = { open: 'Open', all: 'All' } as const;
type Which = keyof typeof WHICH;
type Row = Action & { name: string };

const statusOf = (action: Action, on: string) =>
  isOverdue(action, on) ? (
    <StatusBadge label="Overdue" urgent="red" testId="action-overdue" />
  ) : (
    <StatusBadge label={ACTION_STATUS_LABELS[action.status]} dot={action.status === 'open' ? 'blue' : 'gray'} />
  );

/** Follow-up actions from sessions: overdue first, then by due date; "My actions" for the acting member. */
export function ActionsPage() {
  const on = today();
  const me = useWorkspace().data?.me;
  const [whose, setWhose] = useState<Whose>('all');
  const [which, setWhich] = useState<Which>('open');
  const editing = useDialog<ActionEditing>();
  const history = useRecordHistory(actionHistory);
  const list = useQuery(orpc.stakeholderActions.list.queryOptions({ input: { today: on } }));
  const can = useRecordRights('stakeholderActions');
  const mark = useMutation(
    orpc.stakeholderActions.update.mutationOptions({
      onSuccess: (a) => notifyDone(a.status === 'done' ? `“${a.what}” done.` : `“${a.what}” is open again.`),
    }),
  );
  const remove = useDelete(orpc.stakeholderActions.delete.mutationOptions(), (a) => `“${a.what}” removed.`);
  const all = list.data ?? [];
  const open = all.filter((a) => a.status === 'open');
  const overdue = open.filter((a) => isOverdue(a, on)).length;
  const mayChange = (a: Action) => can.delete || (can.update && a.ownerMemberId === me?.id);

  const columns: Column<Row>[] = [
    {
      header: 'Done',
      th: { w: 56 },
      cell: (a) => (
        <Checkbox
          aria-label={`Mark “${a.what}” done`}
          checked={a.status === 'done'}
          disabled={!mayChange(a) || a.status === 'cancelled'}
          onChange={(e) => mark.mutate({ id: a.id, status: e.currentTarget.checked ? 'done' : 'open' })}
        />
      ),
    },
    {
      header: 'What · stakeholder',
      td: { miw: 240 },
      cell: (a) => (
        <>
          <Text
            size="sm"
            fw={500}
            c={a.status === 'open' ? undefined : 'dimmed'}
            td={a.status === 'cancelled' ? 'line-through' : undefined}
          >
            {a.what}
          </Text>
          <Text size="xs" c="dimmed">
            {a.stakeholder ?? 'No stakeholder'}
          </Text>
        </>
      ),
    },
    { header: 'Owner', td: NOWRAP, cell: (a) => a.owner ?? <Dash /> },
    { header: 'Due', td: { className: 'tabular', ...NOWRAP }, cell: (a) => formatDate(a.due) },
    { header: 'Status', td: { miw: 96, ...NOWRAP }, cell: (a) => statusOf(a, on) },
  ];

  return (
    <ListPage
      screen="stakeholder-actions"
      title="Actions"
      description={
        all.length > 0
          ? `${open.length} open · ${overdue} overdue · overdue first, then by due date`
          : 'The follow-ups agreed in sessions with stakeholders: what, who, by when.'
      }
      query={list}
      what="the follow-up actions"
      add={{
        allowed: can.create,
        onAdd: () => editing.open({ action: null }),
        label: 'New action',
        firstLabel: 'Add an action',
        disabledReason: READ_ONLY,
      }}
      filters={
        <FilterBar testId="action-filters">
          <SegmentedFilter id="action-whose" label="Whose" value={whose} onChange={setWhose} choices={WHOSE} />
          <SegmentedFilter id="action-which" label="Status" value={which} onChange={setWhich} choices={WHICH} />
        </FilterBar>
      }
      empty={{
        icon: <IconChecklist size={22} />,
        title: 'No follow-up actions yet',
        howToAdd: 'Add the follow-ups agreed with stakeholders when you log a session, or here: what, who does it, by when.',
        whoAdds: 'Change managers and champions add follow-up actions from their sessions. Nothing to show until they do.',
      }}
      history={history}
      dialogs={<ActionFormDialog dialog={editing} />}
    >
      {(rows) => {
        const shown = rows
          .filter((a) => (whose === 'all' || a.ownerMemberId === me?.id) && (which === 'all' || a.status === 'open'))
          .map((a) => ({ ...a, name: a.what }));
        if (shown.length === 0) {
          return (
            <NoMatches
              description={
                whose === 'mine'
                  ? `No ${which === 'open' ? 'open ' : ''}action is yours, ${me?.name ?? ''}. Show all actions to see everyone’s.`
                  : 'Every action is done or cancelled. Show all actions to see them.'
              }
              clearLabel="Show all actions"
              onClear={() => {
                setWhose('all');
                setWhich('all');
              }}
            />
          );
        }
        return (
          <DataTable
            label="Actions"
            horizontalSpacing={8}
            rows={shown}
            columns={columns}
            rowProps={(a) => ({ 'data-testid': 'action-row', 'data-overdue': isOverdue(a, on) ? 'true' : undefined })}
            history={history}
            actions={(a) => ({
              onEdit: mayChange(a) ? () => editing.open({ action: a }) : undefined,
              onDelete: can.delete
                ? () =>
                    remove(a, { title: `Delete “${a.what}”?`, message: 'It leaves the list of actions.', confirmLabel: 'Delete action' })
                : undefined,
            })}
          />
        );
      }}
    </ListPage>
  );
}
