import {
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
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowDown,
  IconArrowsSort,
  IconArrowUp,
  IconChartDots,
  IconChevronDown,
  IconChevronRight,
  IconUpload,
} from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { GAP_ALERTS } from '../../../db/api/types';
import { ALERT_EXPLANATIONS, alertRank, alertTitle } from '../../../db/reports/shared/alerts';
import { orpc } from '../api/query';
import { useCan, useWorkspace } from '../api/workspace';
import { EmptyTable } from '../components/EmptyTable';
import { BackLink, Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { FilterBar, InitiativeFilter, TeamFilter } from '../kit/filters';
import { useLocale } from '../locale/locale';
import { NeedsAttention } from '../stakeholder-sessions/NeedsAttention';
import { Dumbbell, DumbbellAxis, Legend, TrendChart } from './charts';
import { ExportMenu } from './ExportMenu';
import { type FigureTarget, FormulaDrawer } from './FormulaDrawer';
import { basisOf, customWeights, FIGURE_LABELS, type FigureKey, fmt, rowName, thinMonthsText } from './formulas';
import { reportQuery } from './query';
import type { Report, ReportRow } from './types';

const DUMBBELL_WIDTH = 200;

/** A row's figure as shown: the gap is the difference of the shown formal and real figures. */
function valueText(row: ReportRow, key: FigureKey, locale: string) {
  if (key === 'gap') return fmt.gapText(row.formal, row.real, locale);
  const v = key === 'formal' || key === 'real' || key === 'overrideRate' ? row[key] : row.components[key];
  return fmt.percent(v, locale);
}

const rowKey = (r: ReportRow) => `${r.initiativeId ?? '*'}-${r.teamId ?? '*'}`;

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
  children: string;
}) {
  return (
    <UnstyledButton
      className="report-figure"
      data-figure={figure}
      aria-label={`${FIGURE_LABELS[figure]}, ${rowName(row)}: ${children}. Show formula`}
      onClick={() => onOpen({ row, key: figure })}
      fz={size === 'lg' ? 24 : 'sm'}
      fw={size === 'lg' ? 600 : 500}
      style={{ textDecoration: 'underline dotted', textUnderlineOffset: 4, fontVariantNumeric: 'tabular-nums' }}
    >
      {children}
    </UnstyledButton>
  );
}

/** "1 of 3" beside a figure that rests on only some of its components; says which are missing. */
function PartialMark({ row, figure }: { row: ReportRow; figure: 'formal' | 'real' }) {
  const b = basisOf(row, figure);
  if (!b.partial) return null;
  return (
    <Tooltip label={b.sentence} withArrow multiline maw={260} events={{ hover: true, focus: true, touch: true }}>
      <Badge
        component="span"
        tabIndex={0}
        size="xs"
        variant="outline"
        color="#a33c06"
        radius="sm"
        ml={6}
        data-partial={figure}
        aria-label={`Partial: ${b.sentence}`}
        style={{ borderStyle: 'dashed', verticalAlign: 'middle', textTransform: 'none' }}
      >
        {b.short}
      </Badge>
    </Tooltip>
  );
}

function Tile({ label, children, foot }: { label: string; children: ReactNode; foot?: ReactNode }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm" data-testid="stat-tile">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Box mt={2}>{children}</Box>
      {foot}
    </Paper>
  );
}

type SortKey = 'name' | 'formal' | 'real' | 'gap' | 'overrideRate' | 'decisions' | 'alerts';
const SORT_LABELS: Record<SortKey, string> = {
  name: 'Initiative · team',
  formal: 'Formal',
  real: 'Real',
  gap: 'Gap',
  overrideRate: 'Override rate',
  decisions: 'Decisions',
  alerts: 'Alerts',
};

function sortValue(r: ReportRow, key: SortKey): number | string | null {
  switch (key) {
    case 'name':
      return `${r.initiative ?? ''} ${r.team ?? ''}`.toLowerCase();
    case 'gap':
      return fmt.displayedGap(r.formal, r.real);
    case 'decisions':
      return r.decisions;
    case 'alerts':
      return r.alerts.length;
    default:
      return r[key];
  }
}

/** Sorted by a column; rows without data go last whichever the direction. */
function sortRows(rows: ReportRow[], key: SortKey, dir: 'asc' | 'desc'): ReportRow[] {
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const c = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
    return dir === 'asc' ? c : -c;
  });
}

function SortHeader({
  column,
  sort,
  onSort,
  right,
}: {
  column: SortKey;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  onSort: (key: SortKey) => void;
  right?: boolean;
}) {
  const active = sort.key === column;
  const Icon = active ? (sort.dir === 'asc' ? IconArrowUp : IconArrowDown) : IconArrowsSort;
  return (
    <Table.Th ta={right ? 'right' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(column)} fz={12} fw={500} c={active ? 'dark' : 'dimmed'} data-sort={column}>
        <Group gap={3} wrap="nowrap" justify={right ? 'flex-end' : 'flex-start'}>
          {SORT_LABELS[column]}
          <Icon size={12} aria-hidden style={{ opacity: active ? 1 : 0.45 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
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
  const locale = useLocale();
  const o = report.overall;
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'gap', dir: 'desc' });
  const [alertRow, setAlertRow] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const ranked = sortRows(report.rows, sort.key, sort.dir);
  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' ? 'asc' : 'desc' }));
  const allAlerts = report.rows
    .flatMap((r) => r.alerts.map((a) => ({ ...a, row: r })))
    .sort((a, b) => alertRank(a.code) - alertRank(b.code) || (b.row.gap ?? -Infinity) - (a.row.gap ?? -Infinity));
  const filterRow = alertRow ? report.rows.find((r) => rowKey(r) === alertRow) : undefined;
  const alerts = filterRow ? allAlerts.filter((a) => a.row === filterRow) : allAlerts;
  const thin = thinMonthsText(o, locale);
  const custom = customWeights(report.weights);
  const weightsText = `reliance ${fmt.decimal(report.weights.reliance, locale)}, trust ${fmt.decimal(report.weights.trust, locale)}, shadow-free ${fmt.decimal(report.weights.shadowFree, locale)}`;
  const showRow = (r: ReportRow) => {
    setHighlight(rowKey(r));
    document.querySelector(`[data-row-key="${rowKey(r)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    (document.querySelector(`[data-row-key="${rowKey(r)}"] .report-figure`) as HTMLElement | null)?.focus();
  };
  const tile = (key: FigureKey, partial?: 'formal' | 'real') => {
    const b = partial ? basisOf(o, partial) : null;
    return (
      <Tile
        label={FIGURE_LABELS[key]}
        foot={
          b?.partial ? (
            <Text size="xs" c="#a33c06" mt={2} data-testid={`partial-why-${partial}`}>
              {b.sentence}
            </Text>
          ) : undefined
        }
      >
        <Figure row={o} figure={key} onOpen={onOpen} size="lg">
          {valueText(o, key, locale)}
        </Figure>
        {partial && <PartialMark row={o} figure={partial} />}
      </Tile>
    );
  };
  return (
    <Stack gap="lg" px="lg" pb="xl">
      <Box>
        <SimpleGrid cols={{ base: 3, md: 5 }} spacing="sm">
          {tile('formal', 'formal')}
          {tile('real', 'real')}
          {tile('gap')}
          {tile('overrideRate')}
          <Tile label="Decisions">
            <Text fz={24} fw={600} className="tabular" data-testid="decisions-total">
              {fmt.count(o.decisions, locale)}
            </Text>
          </Tile>
        </SimpleGrid>
        {thin && (
          <Text size="xs" c="dimmed" mt={6} data-testid="thin-months">
            Includes {o.thinMonths.length === 1 ? 'a thin month' : 'thin months'}, counted in every figure but with little data behind{' '}
            {o.thinMonths.length === 1 ? 'it' : 'them'}: {thin}.
          </Text>
        )}
      </Box>
      <Group gap="xs" data-testid="components">
        <Text size="xs" c="dimmed">
          Components:
        </Text>
        {(['activation', 'completion', 'reliance', 'trust', 'shadowFree'] as const).map((k) => (
          <Group key={k} gap={4}>
            <Text size="xs">{FIGURE_LABELS[k]}</Text>
            <Figure row={o} figure={k} onOpen={onOpen}>
              {valueText(o, k, locale)}
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
          {/* The legend of the dumbbell column, which narrow windows hide with it. */}
          <Box visibleFrom="lg">
            <Legend />
          </Box>
        </Group>
        <Table className="data-table" aria-label="Gap ranking" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <SortHeader column="name" sort={sort} onSort={onSort} />
              <Table.Th w={DUMBBELL_WIDTH + 20} visibleFrom="lg">
                <DumbbellAxis width={DUMBBELL_WIDTH} />
              </Table.Th>
              <SortHeader column="formal" sort={sort} onSort={onSort} right />
              <SortHeader column="real" sort={sort} onSort={onSort} right />
              <SortHeader column="gap" sort={sort} onSort={onSort} right />
              <SortHeader column="overrideRate" sort={sort} onSort={onSort} right />
              <SortHeader column="decisions" sort={sort} onSort={onSort} right />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ranked.map((r) => (
              <Table.Tr
                key={rowKey(r)}
                data-testid="report-row"
                data-row-key={rowKey(r)}
                bg={highlight === rowKey(r) ? 'yellow.0' : undefined}
              >
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {r.initiative ?? 'All initiatives'}
                  </Text>
                  <Text size="xs" c="dimmed" component="div">
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
                      <Badge
                        component="button"
                        type="button"
                        ml={6}
                        size="xs"
                        color="orange"
                        variant={alertRow === rowKey(r) ? 'filled' : 'light'}
                        style={{ cursor: 'pointer', textTransform: 'none' }}
                        data-testid="alert-badge"
                        aria-pressed={alertRow === rowKey(r)}
                        aria-label={`${fmt.countOf(r.alerts.length, locale, 'alert')} for ${rowName(r)}: show only these`}
                        onClick={() => {
                          setAlertRow((cur) => (cur === rowKey(r) ? null : rowKey(r)));
                          document.getElementById('report-alerts')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
                        }}
                      >
                        {fmt.countOf(r.alerts.length, locale, 'alert')}
                      </Badge>
                    )}
                    {r.teamId && r.alerts.some((a) => (GAP_ALERTS as readonly string[]).includes(a.code)) && (
                      // A gap or habitual overriding: the team's stakeholders to see about it, in the order to see them.
                      <Anchor
                        href={`#/stakeholders/talk/${r.teamId}`}
                        ml={6}
                        size="xs"
                        underline="hover"
                        data-testid="who-to-talk-to"
                        aria-label={`Who to talk to in ${r.team ?? 'this team'} about the gap`}
                      >
                        Who to talk to
                      </Anchor>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="lg">
                  <Dumbbell formal={r.formal} real={r.real} width={DUMBBELL_WIDTH} />
                </Table.Td>
                {(['formal', 'real', 'gap', 'overrideRate'] as const).map((k) => (
                  <Table.Td key={k} ta="right" style={{ whiteSpace: 'nowrap' }}>
                    <Figure row={r} figure={k} onOpen={onOpen}>
                      {valueText(r, k, locale)}
                    </Figure>
                    {(k === 'formal' || k === 'real') && <PartialMark row={r} figure={k} />}
                  </Table.Td>
                ))}
                <Table.Td ta="right" className="tabular">
                  {fmt.count(r.decisions, locale)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Box>
          <Group justify="space-between" mb={6}>
            <Title order={2} fz="md">
              Trend
            </Title>
            <Legend overrideRate thin={o.series.some((p) => p.thin)} />
          </Group>
          {o.series.length === 0 ? (
            <Text size="sm" c="dimmed">
              No months with data in this slice.
            </Text>
          ) : (
            <TrendChart series={o.series} />
          )}
        </Box>
        <Box id="report-alerts">
          <Group justify="space-between" mb={6}>
            <Title order={2} fz="md">
              Alerts
            </Title>
            {filterRow && (
              <Button size="compact-xs" variant="subtle" onClick={() => setAlertRow(null)} data-testid="alerts-show-all">
                Show all {allAlerts.length} alerts
              </Button>
            )}
          </Group>
          {filterRow && (
            <Text size="xs" c="dimmed" mb={6} data-testid="alerts-filter">
              Only the alerts of {rowName(filterRow)}.
            </Text>
          )}
          {alerts.length === 0 ? (
            <Text size="sm" c="dimmed">
              No alerts for this slice.
            </Text>
          ) : (
            <Stack gap={0} className="report-alerts" data-testid="alerts">
              {alerts.map((a) => (
                <AlertRow
                  key={`${rowKey(a.row)}-${a.code}`}
                  id={`${rowKey(a.row)}-${a.code}`}
                  code={a.code}
                  message={a.message}
                  slice={rowName(a.row)}
                  onShowSlice={() => showRow(a.row)}
                />
              ))}
            </Stack>
          )}
        </Box>
      </SimpleGrid>
      <Text size="xs" c="dimmed" data-testid="report-footer">
        Real adoption weights{custom ? ' (custom weights)' : ''}: {weightsText}. Generated {fmt.dateTime(report.generatedAt, locale)}.
      </Text>
    </Stack>
  );
}

/**
 * One alert as a compact row: title and slice on one line, the message under it. Ten full cards
 * stood taller than the trend beside them; the explanation is there for whoever asks, behind
 * "Why it matters", so the title and message of every alert still read at a glance.
 */
function AlertRow({
  id,
  code,
  message,
  slice,
  onShowSlice,
}: {
  id: string;
  code: string;
  message: string;
  slice: string;
  onShowSlice: () => void;
}) {
  const [open, setOpen] = useState(false);
  const explanation = ALERT_EXPLANATIONS[code];
  const explanationId = `alert-why-${id}`;
  return (
    <Box className="report-alert" data-testid="alert" data-code={code}>
      <IconAlertTriangle size={14} className="text-warning report-alert-icon" aria-hidden />
      <Box miw={0}>
        <Group gap={8} wrap="wrap" align="baseline">
          <Text size="sm" fw={600}>
            {alertTitle(code)}
          </Text>
          <Anchor component="button" type="button" size="xs" onClick={onShowSlice}>
            {slice}
          </Anchor>
          {explanation && (
            <UnstyledButton
              className="report-alert-why"
              ml="auto"
              aria-expanded={open}
              aria-controls={explanationId}
              onClick={() => setOpen((o) => !o)}
              data-testid="alert-why"
            >
              {open ? <IconChevronDown size={12} aria-hidden /> : <IconChevronRight size={12} aria-hidden />}
              Why it matters
            </UnstyledButton>
          )}
        </Group>
        <Text size="sm">{message}</Text>
        {explanation && (
          <Text size="xs" c="dark.4" mt={2} id={explanationId} hidden={!open} data-testid="alert-explanation">
            {explanation}
          </Text>
        )}
      </Box>
    </Box>
  );
}

/** The reasons people gave most often for overriding the AI, on a team's page. */
function OverrideReasons({ input }: { input: { initiative: string | null; team: string | null; from: string | null; to: string | null } }) {
  const locale = useLocale();
  const reasons = useQuery(orpc.reports.overrideReasons.queryOptions({ input: { ...input, limit: 5 }, placeholderData: keepPreviousData }));
  const data = reasons.data;
  return (
    <Box px="lg" pb="xl" data-testid="override-reasons">
      <Title order={2} fz="md" mb={6}>
        Top override reasons
      </Title>
      {!data ? null : data.total === 0 ? (
        <Text size="sm" c="dimmed">
          No overrides in this slice, so no reasons to show.
        </Text>
      ) : (
        <Table className="data-table" aria-label="Top override reasons" verticalSpacing={4} maw={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Reason</Table.Th>
              <Table.Th ta="right">Overrides</Table.Th>
              <Table.Th ta="right">Share of {fmt.countOf(data.total, locale, 'override')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.reasons.map((r) => (
              <Table.Tr key={r.reason ?? '(none)'} data-testid="override-reason">
                <Table.Td>
                  {r.reason ?? (
                    <Text span size="sm" c="dimmed">
                      No reason given
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {fmt.count(r.count, locale)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {fmt.percent(r.count / data.total, locale)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Box>
  );
}

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
  const locale = useLocale();
  const canImport = useCan('imports.upload');
  const isChangeManager = useWorkspace().data?.me?.role === 'change_manager';
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
  const months = dataMonths.map((m) => ({ value: m, label: fmt.monthLabel(m, locale) }));
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
            <BackLink href="#/report">Adoption report</BackLink> › this team and its sub-teams: formal against real adoption, per
            initiative.
          </>
        ) : (
          'Formal adoption (licences used, workflows completed) against real adoption (reliance, trust, no shadow processes).'
        )
      }
      ready={report.isSuccess && (!teamPage || teams.isSuccess)}
      actions={
        report.data && report.data.rows.length > 0 ? (
          <Group gap="xs">
            {customWeights(report.data.weights) && (
              <Tooltip
                label={`Real adoption weighs reliance ${fmt.decimal(report.data.weights.reliance, locale)}, trust ${fmt.decimal(report.data.weights.trust, locale)} and shadow-free ${fmt.decimal(report.data.weights.shadowFree, locale)}, not the defaults (Settings → Weights and thresholds).`}
                multiline
                maw={300}
                withArrow
              >
                <Badge variant="light" color="grape" tabIndex={0} data-testid="custom-weights" style={{ textTransform: 'none' }}>
                  Custom weights
                </Badge>
              </Tooltip>
            )}
            <ExportMenu input={input} />
          </Group>
        ) : undefined
      }
    >
      <FilterBar testId="report-filters" pb="md">
        <InitiativeFilter initiatives={initiatives.data} value={initiative} onChange={setInitiative} w={200} />
        {!teamPage && <TeamFilter teams={teams.data} value={teamFilter} onChange={setTeam} w={200} />}
        <Select
          label="From"
          placeholder="First month"
          clearable
          w={140}
          data={months.filter((m) => to === null || m.value <= to)}
          value={from}
          onChange={setFrom}
          nothingFoundMessage="No months with data yet"
        />
        <Select
          label="To"
          placeholder="Latest month"
          clearable
          w={140}
          data={months.filter((m) => from === null || m.value >= from)}
          value={to}
          onChange={setTo}
          nothingFoundMessage="No months with data yet"
        />
      </FilterBar>
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
              {teamPage && <OverrideReasons input={input} />}
              <FormulaDrawer target={figure} report={data} onOpen={setFigure} onClose={() => setFigure(null)} />
            </>
          )
        }
      </QueryState>
      {/* Change managers keep the relationships: who is overdue for contact, one click from their page. */}
      {!teamPage && isChangeManager && (
        <Box px="lg" pb="xl" maw={720}>
          <NeedsAttention limit={5} compact />
        </Box>
      )}
    </Page>
  );
}
