import { Alert, Anchor, Badge, Button, Group, List, Select, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconSpeakerphone, IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  ACTIVITY_KIND_LABELS,
  CHAMPION_STATUS_LABELS,
  type Champion,
  type ChampionActivity,
  type ChampionStatus,
  type CoverageRow,
} from '../../../db/api/types';
import { monthLabel } from '../../../db/reports/shared/format';
import { orpc } from '../api/query';
import { useCan, useWorkspace } from '../api/workspace';
import { Dash } from '../components/Dash';
import { EmptyTable } from '../components/EmptyTable';
import { formatDate } from '../history/format';
import type { HistoryTarget } from '../history/target';
import { type Column, DataTable, type DataTableProps } from '../kit/DataTable';
import { today } from '../kit/days';
import { useDialog } from '../kit/dialog';
import { type AddAction, AddActionButton, ListPage } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { currentLocale, localeDate, localeNumber } from '../locale/locale';
import { ActivityFormDialog, type ChampionEditing, ChampionFormDialog, ProgramFormDialog } from './ChampionForms';
import { activityHistory, championHistory } from './history';

const number = localeNumber;
/** In the locale chosen in Settings, as the numbers beside it are ("1.6%", "1,6 %"). */
const percent = { format: (x: number) => new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(x) };
const NOWRAP = { style: { whiteSpace: 'nowrap' } } as const;
const RIGHT = { ta: 'right' as const, className: 'tabular', ...NOWRAP };
const STATUS_COLOR: Record<ChampionStatus, string> = { active: 'green', paused: 'yellow', left: 'gray' };

const usersSource = (r: CoverageRow): string => {
  switch (r.source.kind) {
    case 'usage':
      return `usage ${monthLabel(r.source.month, currentLocale())}`;
    case 'directory':
      return 'people directory';
    case 'headcount':
      return 'headcount';
    default:
      return 'no usage, directory or headcount';
  }
};

function CoverageTable({ rows }: { rows: readonly CoverageRow[] }) {
  return (
    <div className="data-table-frame">
      <Table className="data-table" aria-label="Coverage per team" horizontalSpacing={8} data-testid="coverage-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th pl="lg">Team</Table.Th>
            <Table.Th ta="right">Champions</Table.Th>
            <Table.Th ta="right">Active users</Table.Th>
            <Table.Th ta="right">Coverage</Table.Th>
            <Table.Th ta="right">Target</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th pr="lg">Last activity</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.teamId} data-testid="coverage-row" data-status={r.status}>
              <Table.Td pl="lg">{r.team}</Table.Td>
              <Table.Td {...RIGHT} title={`${r.activeChampions} active of ${r.champions}`}>
                {number.format(r.activeChampions)}
                {r.champions > r.activeChampions && <Text span size="xs" c="dimmed">{` of ${number.format(r.champions)}`}</Text>}
              </Table.Td>
              <Table.Td {...RIGHT}>
                {r.activeUsers === null ? <Dash /> : number.format(r.activeUsers)}
                <Text size="xs" c="dimmed">
                  {usersSource(r)}
                </Text>
              </Table.Td>
              <Table.Td {...RIGHT}>{r.coverage === null ? <Dash /> : percent.format(r.coverage)}</Table.Td>
              <Table.Td {...RIGHT}>{r.needed === null ? <Dash /> : `${number.format(r.needed)} needed`}</Table.Td>
              <Table.Td>
                <Badge
                  variant="dot"
                  color={r.status === 'met' ? 'green' : r.status === 'below' ? 'orange' : 'gray'}
                  c="var(--mantine-color-text)"
                  fw={500}
                >
                  {r.status === 'met' ? 'Met' : r.status === 'below' ? 'Below target' : 'No data'}
                </Badge>
              </Table.Td>
              <Table.Td {...NOWRAP}>
                {r.lastActivity ? (
                  formatDate(r.lastActivity)
                ) : (
                  <Text size="sm" c="dimmed">
                    None yet
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

export const championColumns: Column<Champion & { name: string }>[] = [
  {
    header: 'Champion',
    cell: (c) => (
      <Anchor href={`#/champions/member/${c.memberId}`} size="sm" fw={500} c="var(--mantine-color-text)">
        {c.name}
      </Anchor>
    ),
  },
  { header: 'Team', td: NOWRAP, cell: (c) => c.team ?? <Dash /> },
  { header: 'Since', td: { className: 'tabular', ...NOWRAP }, cell: (c) => formatDate(c.since) },
  {
    header: 'Status',
    cell: (c) => (
      <Badge variant="dot" color={STATUS_COLOR[c.status]} c="var(--mantine-color-text)" fw={500}>
        {CHAMPION_STATUS_LABELS[c.status]}
      </Badge>
    ),
  },
  {
    header: 'Last activity',
    td: { className: 'tabular', ...NOWRAP },
    cell: (c) => (c.lastActivity ? formatDate(c.lastActivity) : <Dash />),
  },
];

export const activityColumns: Column<ChampionActivity & { name: string }>[] = [
  { header: 'Date', td: { className: 'tabular', ...NOWRAP }, cell: (a) => formatDate(a.date) },
  { header: 'Activity', td: NOWRAP, cell: (a) => ACTIVITY_KIND_LABELS[a.kind] },
  { header: 'Champion · team', td: NOWRAP, cell: (a) => `${a.champion ?? 'A removed member'} · ${a.team ?? ''}` },
  { header: 'Attendance', th: { ta: 'right' }, td: RIGHT, cell: (a) => number.format(a.attendance) },
  {
    header: 'Notes',
    priority: 'low',
    cell: (a) => (
      <Text size="sm" lineClamp={1} title={a.notes ?? undefined}>
        {a.notes ?? <Dash />}
      </Text>
    ),
  },
];

export function Section({ title, action, children }: { title: string; action?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-label={title}>
      <Group justify="space-between" px="lg" pt="lg" pb="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </section>
  );
}

/** A section of champion records: their table, with History the only row action unless `actions` says more, or `empty` while there are none. */
export function RecordsSection<R extends HistoryTarget>({
  title,
  add,
  rowTestId,
  empty,
  ...table
}: Pick<DataTableProps<R>, 'rows' | 'columns' | 'history' | 'actions'> & {
  title: string;
  /** Adding a record: the button on the right of the section's title. */
  add?: AddAction;
  rowTestId: string;
  empty: React.ReactNode;
}) {
  return (
    <Section title={title} action={add && <AddActionButton add={add} />}>
      {table.rows.length > 0 ? (
        <DataTable label={title} horizontalSpacing={8} rowProps={() => ({ 'data-testid': rowTestId })} {...table} />
      ) : (
        empty
      )}
    </Section>
  );
}

export function ChampionsPage() {
  const programs = useQuery(orpc.champions.programs.queryOptions({ input: {} }));
  const [picked, setPicked] = useState<string | null>(null);
  const programId = picked ?? programs.data?.[0]?.id ?? null;
  const program = programs.data?.find((p) => p.id === programId) ?? null;
  const asOf = today();
  const coverage = useQuery({
    ...orpc.champions.coverage.queryOptions({ input: { programId: programId ?? '', asOf } }),
    enabled: programId !== null,
  });
  const champions = useQuery(orpc.champions.list.queryOptions({ input: {} }));
  const activities = useQuery({
    ...orpc.champions.activities.queryOptions({ input: { programId } }),
    enabled: programId !== null,
  });
  const canProgram = useCan('champions.createProgram');
  const canName = useCan('champions.create');
  const canLog = useCan('champions.logActivity');
  const me = useWorkspace().data?.me ?? null;
  const championing = me !== null && (champions.data ?? []).some((c) => c.memberId === me.id && !c.deleted);
  const starting = useDialog<true>();
  const naming = useDialog<ChampionEditing>();
  const logging = useDialog<true>();
  const championsHistory = useRecordHistory(championHistory);
  const activitiesHistory = useRecordHistory(activityHistory);

  const mine = (champions.data ?? []).filter((c) => c.programId === programId).map((c) => ({ ...c, name: c.name ?? 'A removed member' }));
  const log = (activities.data ?? []).map((a) => ({ ...a, name: `${ACTIVITY_KIND_LABELS[a.kind]} on ${formatDate(a.date)}` }));
  const failing = coverage.data?.failing ?? [];
  const teams = coverage.data?.teams ?? [];

  return (
    <ListPage
      screen="champions"
      title="Champions"
      description={
        program && coverage.data
          ? `${program.initiative ?? 'A deleted initiative'} · target ${percent.format(program.coverageTarget)} of active users · ${number.format(
              teams.filter((t) => t.status === 'met').length,
            )} of ${number.format(teams.length)} teams on target`
          : 'Champion programs per initiative: who champions the AI in each team, what they ran, and whether coverage is on target.'
      }
      query={programs}
      what="the champion programs"
      actions={
        <>
          {(programs.data?.length ?? 0) > 0 && (
            <Select
              aria-label="Program"
              w={280}
              allowDeselect={false}
              value={programId}
              onChange={setPicked}
              data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          )}
          {championing && me && (
            <Button component="a" href={`#/champions/member/${me.id}`} variant="default" leftSection={<IconUser size={16} />}>
              Your page
            </Button>
          )}
        </>
      }
      add={{
        allowed: canProgram,
        onAdd: () => starting.open(true),
        label: 'New program',
        firstLabel: 'Start a program',
        variant: 'default',
      }}
      empty={{
        icon: <IconSpeakerphone size={22} />,
        title: 'No champion program yet',
        howToAdd:
          'Start a program for an initiative, with its coverage target (5 % of a team’s active users by default), then name a champion in each team.',
        whoAdds: 'A change manager starts a champion program per initiative. Nothing to show until then.',
      }}
      history={championsHistory}
      dialogs={
        <>
          <ProgramFormDialog dialog={starting} onCreated={(p) => setPicked(p.id)} />
          <ChampionFormDialog dialog={naming} />
          <ActivityFormDialog dialog={logging} champions={mine} />
        </>
      }
    >
      {() => (
        <>
          {failing.length > 0 && (
            <Alert
              mx="lg"
              mb="sm"
              color="orange"
              icon={<IconAlertTriangle size={18} />}
              title={`${failing.length} ${failing.length === 1 ? 'team has' : 'teams have'} no active champion who ran an activity in the last 60 days`}
              data-testid="rule-failures"
            >
              <List size="sm" spacing={2}>
                {failing.map((r) => (
                  <List.Item key={r.teamId}>
                    <b>{r.team}</b>: {r.ruleFailure}
                    {r.lastActiveActivity && r.activeChampions > 0
                      ? `; the last was on ${localeDate.format(new Date(r.lastActiveActivity))}`
                      : ''}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Section title="Coverage per team">
            {teams.length > 0 ? (
              <CoverageTable rows={teams} />
            ) : (
              <EmptyTable
                icon={<IconSpeakerphone size={22} />}
                title="No team in this rollout yet"
                description="Teams appear here once they have usage data for the initiative or a champion in the program."
              />
            )}
          </Section>
          <RecordsSection
            title="Champions"
            add={{
              allowed: canName,
              onAdd: () => programId && naming.open({ programId, champion: null }),
              label: 'Add champion',
              disabledReason: 'Only change managers name champions.',
            }}
            rows={mine}
            columns={championColumns}
            rowTestId="champion-row"
            history={championsHistory}
            actions={(c) => ({ onEdit: canName && programId ? () => naming.open({ programId, champion: c }) : undefined })}
            empty={
              <EmptyTable
                icon={<IconSpeakerphone size={22} />}
                title="No champions in this program"
                description="Name a member in each team of the rollout as its champion."
              />
            }
          />
          <RecordsSection
            title="Activity log"
            add={{
              allowed: canLog && mine.length > 0,
              onAdd: () => logging.open(true),
              label: 'Log activity',
              disabledReason: canLog ? 'Add a champion first.' : 'Only champions and change managers log activities.',
            }}
            rows={log}
            columns={activityColumns}
            rowTestId="activity-row"
            history={activitiesHistory}
            empty={
              <EmptyTable
                icon={<IconSpeakerphone size={22} />}
                title="No activities logged"
                description="Log each demo, office hours, training, feedback round or peer support session a champion runs."
              />
            }
          />
        </>
      )}
    </ListPage>
  );
}
