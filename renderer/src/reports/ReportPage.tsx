import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconChartDots, IconUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { EmptyTable } from '../components/EmptyTable';
import { Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { Dumbbell, DumbbellAxis, Legend, TrendChart } from './charts';
import { ExportMenu } from './ExportMenu';
import { type FigureTarget, FormulaDrawer } from './FormulaDrawer';
import { FIGURE_LABELS, type FigureKey, pct, points, rowName } from './formulas';
import { reportQuery } from './query';
import type { Report, ReportRow } from './types';

const number = new Intl.NumberFormat('en-US');
const DUMBBELL_WIDTH = 220;

function valueText(key: FigureKey, v: number | null) {
  return key === 'gap' ? points(v) : pct(v);
}

/** A figure that opens its formula when clicked. */
function Figure({
  row,
  figure,
  onOpen,
  size = 'sm',
  children,
}: {
  row: ReportRow;
  figure: FigureKey;
  onOpen: (t: FigureTarget) => void;
  size?: 'sm' | 'lg';
  children: ReactNode;
}) {
  return (
    <UnstyledButton
      className="report-figure"
      data-figure={figure}
      aria-label={`${FIGURE_LABELS[figure]}, ${rowName(row)}: ${typeof children === 'string' ? children : ''}. Show formula`}
      onClick={() => onOpen({ row, key: figure })}
      fz={size === 'lg' ? 24 : 'sm'}
      fw={size === 'lg' ? 600 : 500}
      style={{ textDecoration: 'underline dotted', textUnderlineOffset: 4, fontVariantNumeric: 'tabular-nums' }}
    >
      {children}
    </UnstyledButton>
  );
}

function Tile({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm" data-testid="stat-tile">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Box mt={2}>{children}</Box>
    </Paper>
  );
}

function Overview({
  report,
  onOpen,
  onOpenTeam,
}: {
  report: Report;
  onOpen: (t: FigureTarget) => void;
  /** Opens a team's own page; absent on that page. */
  onOpenTeam?: (teamId: string) => void;
}) {
  const o = report.overall;
  const ranked = [...report.rows].sort((a, b) => (b.gap ?? -Infinity) - (a.gap ?? -Infinity));
  const alerts = report.rows.flatMap((r) => r.alerts.map((a) => ({ ...a, row: r })));
  const tile = (key: FigureKey, value: number | null) => (
    <Tile label={FIGURE_LABELS[key]}>
      <Figure row={o} figure={key} onOpen={onOpen} size="lg">
        {valueText(key, value)}
      </Figure>
    </Tile>
  );
  return (
    <Stack gap="lg" px="lg" pb="xl">
      <SimpleGrid cols={5} spacing="sm">
        {tile('formal', o.formal)}
        {tile('real', o.real)}
        {tile('gap', o.gap)}
        {tile('overrideRate', o.overrideRate)}
        <Tile label="Decisions">
          <Text fz={24} fw={600} className="tabular">
            {number.format(o.decisions)}
          </Text>
        </Tile>
      </SimpleGrid>
      <Group gap="xs" data-testid="components">
        <Text size="xs" c="dimmed">
          Components:
        </Text>
        {(['activation', 'completion', 'reliance', 'trust', 'shadowFree'] as const).map((k) => (
          <Group key={k} gap={4}>
            <Text size="xs">{FIGURE_LABELS[k]}</Text>
            <Figure row={o} figure={k} onOpen={onOpen}>
              {pct(o.components[k])}
            </Figure>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          · Click any figure for its formula and counts.
        </Text>
      </Group>

      <Box>
        <Group justify="space-between" mb={6}>
          <Title order={2} fz="md">
            Gap ranking
          </Title>
          <Legend />
        </Group>
        <Table className="data-table" aria-label="Gap ranking" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Initiative · team</Table.Th>
              <Table.Th w={DUMBBELL_WIDTH + 20}>
                <DumbbellAxis width={DUMBBELL_WIDTH} />
              </Table.Th>
              <Table.Th ta="right">Formal</Table.Th>
              <Table.Th ta="right">Real</Table.Th>
              <Table.Th ta="right">Gap</Table.Th>
              <Table.Th ta="right">Override rate</Table.Th>
              <Table.Th ta="right">Decisions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ranked.map((r) => (
              <Table.Tr key={`${r.initiativeId}-${r.teamId}`} data-testid="report-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {r.initiative ?? 'All initiatives'}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {onOpenTeam && r.teamId ? (
                      <Anchor
                        component="button"
                        type="button"
                        size="xs"
                        c="dimmed"
                        underline="hover"
                        onClick={() => r.teamId && onOpenTeam(r.teamId)}
                        aria-label={`Open the page of ${r.team ?? 'this team'}`}
                      >
                        {r.team}
                      </Anchor>
                    ) : (
                      (r.team ?? 'All teams')
                    )}
                    {r.alerts.length > 0 && (
                      <Badge ml={6} size="xs" color="orange" variant="light">
                        {r.alerts.length} alert{r.alerts.length === 1 ? '' : 's'}
                      </Badge>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Dumbbell formal={r.formal} real={r.real} width={DUMBBELL_WIDTH} />
                </Table.Td>
                {(['formal', 'real', 'gap', 'overrideRate'] as const).map((k) => (
                  <Table.Td key={k} ta="right">
                    <Figure row={r} figure={k} onOpen={onOpen}>
                      {valueText(k, k === 'overrideRate' ? r.overrideRate : r[k])}
                    </Figure>
                  </Table.Td>
                ))}
                <Table.Td ta="right" className="tabular">
                  {number.format(r.decisions)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>

      <SimpleGrid cols={2} spacing="lg">
        <Box>
          <Group justify="space-between" mb={6}>
            <Title order={2} fz="md">
              Trend
            </Title>
            <Legend overrideRate />
          </Group>
          {o.series.length === 0 ? (
            <Text size="sm" c="dimmed">
              No months with data in this slice.
            </Text>
          ) : (
            <TrendChart series={o.series} />
          )}
        </Box>
        <Box>
          <Title order={2} fz="md" mb={6}>
            Alerts
          </Title>
          {alerts.length === 0 ? (
            <Text size="sm" c="dimmed">
              No alerts for this slice.
            </Text>
          ) : (
            <Stack gap={6} data-testid="alerts">
              {alerts.map((a) => (
                <Alert
                  key={`${rowName(a.row)}-${a.code}`}
                  color="orange"
                  variant="light"
                  p="xs"
                  icon={<IconAlertTriangle size={16} />}
                  title={<Text size="xs">{rowName(a.row)}</Text>}
                >
                  <Text size="sm">{a.message}</Text>
                  <Text size="xs" c="dimmed">
                    {a.code}
                  </Text>
                </Alert>
              ))}
            </Stack>
          )}
        </Box>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Real adoption weights: reliance {report.weights.reliance}, trust {report.weights.trust}, shadow-free {report.weights.shadowFree}.
        Generated {new Date(report.generatedAt).toLocaleString()}.
      </Text>
    </Stack>
  );
}

const monthLabel = (m: string) =>
  new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** The whole workspace's report (`/report`), or one team's page with its sub-teams (`/report/team/:id`). */
export function ReportPage({ params }: { params?: { id?: string } }) {
  const teamPage = params?.id ?? null;
  const [initiative, setInitiative] = useState<string | null>(null);
  const [teamFilter, setTeam] = useState<string | null>(null);
  const team = teamPage ?? teamFilter;
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [dataMonths, setDataMonths] = useState<string[]>([]);
  const [figure, setFigure] = useState<FigureTarget | null>(null);
  const [, navigate] = useLocation();
  const canImport = useCan('imports.upload');
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const input = { initiative, team, from, to };
  const report = useQuery(reportQuery(input));
  // The months on offer: the unfiltered period's (the report has a series point for each of its
  // months), remembered while a period is chosen.
  const series = from === null && to === null ? report.data?.overall.series : undefined;
  useEffect(() => {
    if (series) setDataMonths(series.map((p) => p.month).reverse());
  }, [series]);
  const months = dataMonths.map((m) => ({ value: m, label: monthLabel(m) }));
  const filtered = initiative !== null || team !== null || from !== null || to !== null;
  const teamRecord = teamPage ? teams.data?.find((t) => t.id === teamPage) : undefined;
  const openTeam = teamPage ? undefined : (id: string) => navigate(`/report/team/${id}`);

  return (
    <Page
      screen={teamPage ? 'team-report' : 'report'}
      title={teamPage ? (teamRecord?.name ?? 'Team') : 'Adoption report'}
      description={
        teamPage ? (
          <>
            <Anchor href="#/report" size="sm" underline="always">
              Adoption report
            </Anchor>{' '}
            › this team and its sub-teams: formal against real adoption, per initiative.
          </>
        ) : (
          'Formal adoption (licences used, workflows completed) against real adoption (reliance, trust, no shadow processes).'
        )
      }
      ready={report.isSuccess && (!teamPage || teams.isSuccess)}
      actions={report.data && report.data.rows.length > 0 ? <ExportMenu input={input} /> : undefined}
    >
      <Group px="lg" pb="md" gap="sm" align="flex-end" data-testid="report-filters">
        <Select
          label="Initiative"
          placeholder="All initiatives"
          clearable
          w={220}
          data={(initiatives.data ?? []).filter((i) => !i.deleted).map((i) => ({ value: i.id, label: i.name }))}
          value={initiative}
          onChange={setInitiative}
        />
        {!teamPage && (
          <Select
            label="Team"
            placeholder="All teams"
            clearable
            searchable
            w={200}
            data={(teams.data ?? []).filter((t) => !t.deleted).map((t) => ({ value: t.id, label: t.name }))}
            value={teamFilter}
            onChange={setTeam}
          />
        )}
        <Select
          label="From"
          placeholder="First month"
          clearable
          w={150}
          data={months.filter((m) => to === null || m.value <= to)}
          value={from}
          onChange={setFrom}
          nothingFoundMessage="No months with data yet"
        />
        <Select
          label="To"
          placeholder="Latest month"
          clearable
          w={150}
          data={months.filter((m) => from === null || m.value >= from)}
          value={to}
          onChange={setTo}
          nothingFoundMessage="No months with data yet"
        />
      </Group>
      <QueryState query={report} what="the report">
        {(data) =>
          data.rows.length === 0 ? (
            <EmptyTable
              icon={<IconChartDots size={22} />}
              title={filtered ? 'No data for this slice' : 'No adoption data yet'}
              description={
                filtered
                  ? 'Nothing was imported for this initiative, team or period. Widen the filters.'
                  : canImport
                    ? 'Import usage, decisions and pulse CSVs to see formal against real adoption per team, with the formula behind every figure.'
                    : 'A change manager imports usage, decisions and pulse CSVs; the report appears once they have.'
              }
              action={
                !filtered &&
                canImport && (
                  <Button leftSection={<IconUpload size={16} />} onClick={() => navigate('/imports')}>
                    Go to Imports
                  </Button>
                )
              }
            />
          ) : (
            <>
              <Overview report={data} onOpen={setFigure} onOpenTeam={openTeam} />
              <FormulaDrawer target={figure} report={data} onOpen={setFigure} onClose={() => setFigure(null)} />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}
