import { Button, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconSpeakerphone } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { useCan, useRecordRights, useWorkspace } from '../api/workspace';
import { notifyDone } from '../components/confirm';
import { Dash } from '../components/Dash';
import { QueryState } from '../components/QueryState';
import { formatDate } from '../history/format';
import { HistoryDrawer } from '../history/HistoryDrawer';
import { type Column, DataTable } from '../kit/DataTable';
import { today } from '../kit/days';
import { useDelete } from '../kit/deletion';
import { useDialog } from '../kit/dialog';
import { type AddAction, AddActionButton, EmptyList } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { StatusBadge } from '../kit/StatusBadge';
import { type SessionEditing, SessionFormDialog } from '../stakeholder-sessions/SessionForm';
import { DeliverDialog } from './DeliverDialog';
import { touchpointHistory } from './history';
import { cadenceText, groupName, PLAN_CHANNEL_LABELS, type Planned, TOUCHPOINT_STATE_LABELS } from './register';
import { type TouchpointEditing, TouchpointFormDialog } from './TouchpointForm';

const NOWRAP = { style: { whiteSpace: 'nowrap' } } as const;
const READ_ONLY = 'Only change managers plan touchpoints.';

const stateOf = (t: Planned) =>
  t.state === 'overdue' ? (
    <StatusBadge label={t.overdueDays === 1 ? '1 day overdue' : `${t.overdueDays} days overdue`} urgent="red" />
  ) : t.state === 'due' ? (
    <StatusBadge label="Due today" urgent="orange" />
  ) : (
    <StatusBadge label={TOUCHPOINT_STATE_LABELS[t.state]} dot={t.state === 'done' ? 'gray' : 'blue'} />
  );

/**
 * The communication plan, a view of the Stakeholders screen: planned touchpoints per team or tag,
 * what is overdue and due first. Marking one done links the session that delivered it.
 */
export function PlanView() {
  const on = today();
  const me = useWorkspace().data?.me;
  const can = useRecordRights('stakeholderPlan');
  const canDeliver = useCan('stakeholderPlan.deliver');
  const plan = useQuery(orpc.stakeholderPlan.list.queryOptions({ input: { today: on } }));
  const editing = useDialog<TouchpointEditing>();
  const delivering = useDialog<Planned>();
  const logging = useDialog<SessionEditing>();
  const history = useRecordHistory(touchpointHistory);
  const deliver = useMutation(orpc.stakeholderPlan.deliver.mutationOptions());
  const restore = useMutation(
    orpc.stakeholderPlan.restore.mutationOptions({ onSuccess: (t) => notifyDone(`“${t.message}” is back in the plan.`) }),
  );
  const remove = useDelete(
    orpc.stakeholderPlan.delete.mutationOptions(),
    (t) => `“${t.message}” removed from the plan.`,
    (t) => restore.mutate({ id: t.id }),
  );
  // The touchpoint the session being logged will mark done.
  const forTouchpoint = delivering.value;
  const mayDeliver = (t: Planned) => canDeliver && (can.create || t.ownerMemberId === me?.id);
  const add: AddAction = {
    allowed: can.create,
    onAdd: () => editing.open({ touchpoint: null }),
    label: 'Plan touchpoint',
    firstLabel: 'Plan a touchpoint',
    disabledReason: READ_ONLY,
  };

  const columns: Column<Planned & { name: string }>[] = [
    { header: 'Status', td: { miw: 120, ...NOWRAP }, cell: stateOf },
    {
      header: 'Message · channel',
      td: { miw: 220 },
      cell: (t) => (
        <>
          <Text size="sm" fw={500} c={t.state === 'done' ? 'dimmed' : undefined}>
            {t.message}
          </Text>
          <Text size="xs" c="dimmed">
            {PLAN_CHANNEL_LABELS[t.channel]} · {cadenceText(t.everyDays)}
          </Text>
        </>
      ),
    },
    { header: 'For', td: NOWRAP, cell: (t) => groupName(t) },
    { header: 'Owner', priority: 'low', td: NOWRAP, cell: (t) => t.owner ?? <Dash /> },
    { header: 'Next due', td: { className: 'tabular', ...NOWRAP }, cell: (t) => (t.nextDue ? formatDate(t.nextDue) : <Dash />) },
    {
      header: 'Last delivered',
      priority: 'low',
      td: { className: 'tabular', ...NOWRAP },
      cell: (t) => (t.lastDeliveredOn ? formatDate(t.lastDeliveredOn) : <Dash />),
    },
    {
      header: 'Done',
      td: NOWRAP,
      cell: (t) =>
        t.state !== 'done' && mayDeliver(t) ? (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconCheck size={12} />}
            onClick={() => delivering.open(t)}
            aria-label={`Mark “${t.message}” done`}
          >
            Done
          </Button>
        ) : null,
    },
  ];

  return (
    <Stack gap="sm" pb="lg" data-testid="plan-view">
      <QueryState query={plan} what="the communication plan">
        {(all) => {
          const overdue = all.filter((t) => t.state === 'overdue').length;
          const due = all.filter((t) => t.state === 'due').length;
          return (
            <>
              <Group px="lg" justify="space-between" align="center">
                <Text size="sm" c="dimmed" data-testid="plan-summary">
                  {all.length === 0
                    ? 'Planned messages to each team or tag: what, how, how often, who sends it.'
                    : `${all.length} planned · ${overdue} overdue · ${due} due today · overdue first, then by due date`}
                </Text>
                <AddActionButton add={add} />
              </Group>
              {all.length === 0 ? (
                <EmptyList
                  add={add}
                  icon={<IconSpeakerphone size={22} />}
                  title="No touchpoints planned yet"
                  howToAdd="Plan what each team or tag hears and when: a message, a channel (email, a meeting, a Teams or Slack post…), once or every so many days, and who sends it. Overdue ones come first here."
                  whoAdds="Change managers plan the touchpoints: what each team or tag hears, how and when. Nothing to show until they do."
                />
              ) : (
                <DataTable
                  label="Communication plan"
                  horizontalSpacing={8}
                  rows={all.map((t) => ({ ...t, name: t.message }))}
                  columns={columns}
                  rowProps={(t) => ({ 'data-testid': 'touchpoint-row', 'data-state': t.state })}
                  history={history}
                  actions={(t) => ({
                    onEdit: can.create ? () => editing.open({ touchpoint: t }) : undefined,
                    onDelete: can.delete
                      ? () =>
                          remove(t, {
                            title: `Delete “${t.message}”?`,
                            message: 'It leaves the plan; its deliveries stay in its history, and you can restore it.',
                            confirmLabel: 'Delete touchpoint',
                          })
                      : undefined,
                  })}
                />
              )}
            </>
          );
        }}
      </QueryState>
      <TouchpointFormDialog dialog={editing} />
      <DeliverDialog dialog={delivering} onLogNew={() => logging.open({ session: null })} />
      <SessionFormDialog
        dialog={logging}
        onLogged={async (session) => {
          if (!forTouchpoint) return;
          try {
            await deliver.mutateAsync({ id: forTouchpoint.id, sessionId: session.id });
            notifyDone(`“${forTouchpoint.message}” marked done by the session.`);
          } catch (e) {
            // The session is logged either way; say why the touchpoint is not marked done.
            notifyDone(`Session logged; “${forTouchpoint.message}” is not marked done: ${errorMessage(e)}`);
          }
        }}
      />
      <HistoryDrawer format={history.format} target={history.target} onClose={history.close} />
    </Stack>
  );
}
