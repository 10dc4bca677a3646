import { Anchor, Button, Text } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { orpc } from '../api/query';
import { useCan, useRecordRights } from '../api/workspace';
import { notifyDone } from '../components/confirm';
import { Dash } from '../components/Dash';
import { formatDate } from '../history/format';
import { type Column, DataTable } from '../kit/DataTable';
import { today } from '../kit/days';
import { useDelete } from '../kit/deletion';
import { useDialog } from '../kit/dialog';
import { FilterBar, SegmentedFilter, TeamFilter } from '../kit/filters';
import { ListPage, NoMatches } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { StatusBadge } from '../kit/StatusBadge';
import { localeNumber } from '../locale/locale';
import { teamAndBelow } from '../teams/hierarchy';
import { shadowHistory } from './history';
import { RetireFormDialog } from './RetireForm';
import { isRetired, KIND_LABELS, type ShadowProcess, type StatusFilter } from './register';
import { type ShadowEditing, ShadowFormDialog } from './ShadowForm';

const number = localeNumber;
const READ_ONLY = 'Only champions and change managers can add or change shadow processes.';

function ProcessStatus({ process, on }: { process: ShadowProcess; on: string }) {
  if (isRetired(process, on)) return <StatusBadge label="Retired" dot="gray" muted />;
  return <StatusBadge label={process.retiredOn ? 'Retiring' : 'Active'} dot="orange" />;
}

const NOWRAP = { style: { whiteSpace: 'nowrap' } } as const;
const STATUSES: Record<StatusFilter, string> = { all: 'All', active: 'Active', retired: 'Retired' };

/** The register's columns, as of the day `on` (what is retired by then). */
const columns = (on: string): Column<ShadowProcess>[] => [
  {
    header: 'Name · reason',
    td: { miw: 220 },
    cell: (p) => (
      <>
        <Text size="sm" fw={500} c={isRetired(p, on) ? 'dimmed' : undefined}>
          {p.name}
        </Text>
        {p.reason ? (
          <Text size="xs" c="dimmed" lineClamp={1} title={p.reason} data-testid="shadow-reason">
            {p.reason}
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            No reason recorded
          </Text>
        )}
        {p.patternId ? (
          <Anchor href={`#/patterns/${p.patternId}`} size="xs" lineClamp={1} data-testid="shadow-pattern">
            Pattern: {p.pattern}
          </Anchor>
        ) : (
          p.failurePattern && (
            <Text size="xs" c="dimmed" lineClamp={1} title={p.failurePattern} data-testid="shadow-pattern-text">
              Pattern (not linked): {p.failurePattern}
            </Text>
          )
        )}
      </>
    ),
  },
  {
    header: 'Team · initiative',
    td: NOWRAP,
    cell: (p) => (
      <>
        <Text size="sm">{p.team ?? <Dash />}</Text>
        <Text size="xs" c="dimmed" truncate="end" maw={180} title={p.initiative ?? undefined}>
          {p.initiative ?? 'All initiatives'}
        </Text>
      </>
    ),
  },
  { header: 'Kind', td: NOWRAP, cell: (p) => KIND_LABELS[p.kind] },
  { header: 'Owner', priority: 'low', td: NOWRAP, cell: (p) => p.owner ?? <Dash /> },
  {
    header: 'Users',
    th: { ta: 'right' },
    td: { ta: 'right', className: 'tabular', 'data-testid': 'users-involved' },
    cell: (p) => number.format(p.usersInvolved),
  },
  { header: 'First seen', priority: 'low', td: { className: 'tabular', ...NOWRAP }, cell: (p) => formatDate(p.firstSeen) },
  {
    header: 'Retired on',
    priority: 'low',
    td: { className: 'tabular', ...NOWRAP },
    cell: (p) => (p.retiredOn ? formatDate(p.retiredOn) : <Dash />),
  },
  { header: 'Status', cell: (p) => <ProcessStatus process={p} on={on} /> },
];

/** The register; at `/shadow-processes/:id`, with that process marked and scrolled to. */
export function ShadowPage({ params }: { params?: Record<string, string | undefined> }) {
  const [team, setTeam] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilter>('all');
  const editing = useDialog<ShadowEditing>();
  const retiring = useDialog<ShadowProcess>();
  const history = useRecordHistory(shadowHistory);
  const [, navigate] = useLocation();
  const register = useQuery(orpc.shadowProcesses.list.queryOptions({ input: {} }));
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const can = useRecordRights('shadowProcesses');
  const canImport = useCan('imports.upload');

  const reactivate = useMutation(
    orpc.shadowProcesses.update.mutationOptions({ onSuccess: (p) => notifyDone(`“${p.name}” is active again.`) }),
  );
  const remove = useDelete(orpc.shadowProcesses.delete.mutationOptions(), (p) => `“${p.name}” removed from the register.`);

  const on = today();
  const all = register.data ?? [];
  const active = all.filter((p) => !isRetired(p, on));
  const people = active.reduce((sum, p) => sum + p.usersInvolved, 0);
  // A team includes its sub-teams, as in the report.
  const selected = teams.data?.find((t) => t.id === team);
  const inTeam = teamAndBelow(teams.data, selected);
  const filtered = team !== null || status !== 'all';
  const clearFilters = () => {
    setTeam(null);
    setStatus('all');
  };

  return (
    <ListPage
      screen="shadow-processes"
      title="Shadow processes"
      description={
        all.length > 0
          ? `${active.length} active · ${number.format(people)} ${people === 1 ? 'person keeps' : 'people keep'} a parallel spreadsheet, double check or paper process`
          : 'The parallel spreadsheets, double checks and paper processes people keep as a hedge against the AI.'
      }
      query={register}
      what="the shadow-process register"
      add={{
        allowed: can.create,
        onAdd: () => editing.open({ process: null }),
        label: 'New shadow process',
        firstLabel: 'Add a shadow process',
        disabledReason: READ_ONLY,
      }}
      filters={
        <FilterBar testId="shadow-filters">
          <TeamFilter teams={teams.data} value={team} onChange={setTeam} />
          <SegmentedFilter id="shadow-status" label="Status" value={status} onChange={setStatus} choices={STATUSES} />
        </FilterBar>
      }
      empty={{
        icon: <IconFileSpreadsheet size={22} />,
        title: 'No shadow processes registered',
        howToAdd:
          'Add each spreadsheet, double check or paper process people keep alongside the AI, with who keeps it and why' +
          (canImport ? ', or import a shadow-processes CSV from Imports.' : '. A change manager can also import them from a CSV.'),
        whoAdds: 'Champions and change managers register the parallel processes people keep alongside the AI. Nothing to show until then.',
        beside: canImport && (
          <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => navigate('/imports')}>
            Go to Imports
          </Button>
        ),
      }}
      history={history}
      dialogs={
        <>
          <ShadowFormDialog dialog={editing} />
          <RetireFormDialog dialog={retiring} />
        </>
      }
    >
      {(rows) => {
        const shown = rows.filter(
          (p) => (team === null || inTeam.has(p.teamId)) && (status === 'all' || (status === 'retired') === isRetired(p, on)),
        );
        if (shown.length === 0) {
          return (
            <NoMatches
              description={`No ${status === 'all' ? '' : `${status} `}shadow process in ${selected?.name ?? 'any team'}. Clear the filters to see the whole register.`}
              onClear={filtered ? clearFilters : undefined}
            />
          );
        }
        return (
          <DataTable
            label="Shadow processes"
            horizontalSpacing={8}
            rows={shown}
            columns={columns(on)}
            current={params?.id}
            rowProps={(p) => ({ 'data-testid': 'shadow-row', 'data-status': isRetired(p, on) ? 'retired' : 'active' })}
            history={history}
            actions={(p) => ({
              onEdit: can.update ? () => editing.open({ process: p }) : undefined,
              more: !can.update
                ? []
                : p.retiredOn
                  ? [
                      {
                        label: 'Mark active again',
                        icon: <IconArrowBackUp size={14} />,
                        onClick: () => reactivate.mutate({ id: p.id, retiredOn: null }),
                      },
                    ]
                  : [{ label: 'Retire', icon: <IconArchive size={14} />, onClick: () => retiring.open(p) }],
              onDelete: can.delete
                ? () =>
                    remove(p, {
                      title: `Delete ${p.name}?`,
                      message:
                        'It disappears from the register and no longer counts towards the shadow share in reports. ' +
                        'Its history is kept. If people stopped keeping it, retire it instead.',
                      confirmLabel: 'Delete shadow process',
                    })
                : undefined,
            })}
          />
        );
      }}
    </ListPage>
  );
}
