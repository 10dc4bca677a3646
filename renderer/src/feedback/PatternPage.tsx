import { Anchor, Box, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconEdit, IconStack2 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  FEEDBACK_CATEGORY_LABELS,
  type PatternMonth,
  type PatternOverride,
  type PatternShadowProcess,
  REVIEW_REASON_LABELS,
} from '../../../db/api/types';
import { date } from '../../../db/reports/shared/format';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { Dash } from '../components/Dash';
import { EmptyTable } from '../components/EmptyTable';
import { BackLink, Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { formatDate } from '../history/format';
import { TableHead } from '../kit/DataTable';
import { useDialog } from '../kit/dialog';
import { localeNumber, useLocale } from '../locale/locale';
import { FeedbackDrawer } from './FeedbackDrawer';
import { FeedbackStatusBadge, FeedbackSummary, SeverityBadges } from './FeedbackPage';
import { type PatternEditing, PatternFormDialog } from './PatternForm';
import { PatternStatusBadge } from './PatternsPage';

const number = localeNumber;
const monthName = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Items per month as bars: one column per month, the count above it. */
function Months({ months }: { months: readonly PatternMonth[] }) {
  const top = Math.max(1, ...months.map((m) => m.count));
  return (
    <Paper withBorder p="md" mx="lg" mb="md">
      <Text size="sm" fw={500} mb="xs">
        Feedback per month
      </Text>
      <Group gap={6} align="flex-end" wrap="nowrap" style={{ overflowX: 'auto' }} role="list" aria-label="Feedback per month">
        {months.map((m) => (
          <Box key={m.month} role="listitem" data-testid="pattern-month" ta="center" miw={56}>
            <Text size="xs" className="tabular">
              {number.format(m.count)}
            </Text>
            <Box
              mx="auto"
              w={28}
              h={Math.max(2, Math.round((m.count / top) * 80))}
              bg={m.count > 0 ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-gray-3)'}
              style={{ borderRadius: 2 }}
            />
            <Text size="xs" c="dimmed" mt={4} style={NOWRAP}>
              {monthName.format(new Date(`${m.month}-01T00:00:00Z`))}
            </Text>
          </Box>
        ))}
      </Group>
    </Paper>
  );
}

const TABLE = {
  className: 'data-table',
  horizontalSpacing: 8,
  verticalSpacing: 6,
  ml: 'lg',
  maw: 'calc(100% - 2 * var(--mantine-spacing-lg))',
} as const;
const NOWRAP = { whiteSpace: 'nowrap' } as const;

function Section({ title, count, children }: { title: string; count: number; children: React.ReactNode }) {
  return (
    <Box mt="lg">
      <Title order={2} size="h4" px="lg" pb="xs">
        {title} <span className="tabular">({number.format(count)})</span>
      </Title>
      {children}
    </Box>
  );
}

/** The overrides judged appropriate (the AI was wrong) that are instances of the pattern. */
function Overrides({ overrides }: { overrides: readonly PatternOverride[] }) {
  return (
    <Section title="Overrides judged appropriate" count={overrides.length}>
      {overrides.length === 0 ? (
        <Text size="sm" c="dimmed" px="lg">
          None linked. In the override review queue, link an override judged appropriate to this pattern, or group the feedback it becomes
          (F) into it.
        </Text>
      ) : (
        <Table {...TABLE} aria-label="Overrides judged appropriate">
          <TableHead labels={['Recommendation', 'Initiative', 'Reason', 'Linked']} />
          <Table.Tbody>
            {overrides.map((o) => (
              <Table.Tr key={o.reviewId} data-testid="pattern-override">
                <Table.Td className="tabular" style={NOWRAP}>
                  {o.recommendationId}
                </Table.Td>
                <Table.Td style={NOWRAP}>{o.initiative ?? <Dash />}</Table.Td>
                <Table.Td maw={360}>
                  <Text size="sm" lineClamp={1} title={o.note ?? undefined}>
                    {REVIEW_REASON_LABELS[o.reasonCode]}
                    {o.note ? ` · ${o.note}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td style={NOWRAP}>{o.via === 'review' ? 'On the review' : 'Through its feedback'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

/** A process's status on the pattern's page: deleted from the register, retired (on a day), or active. */
function shadowStatus(p: PatternShadowProcess): string {
  if (p.deleted) return 'Deleted';
  return p.retiredOn ? `Retired ${formatDate(p.retiredOn)}` : 'Active';
}

/** The shadow processes people keep because of this failure; each opens in the register, but a deleted one, which is not there. */
function ShadowProcesses({ processes }: { processes: readonly PatternShadowProcess[] }) {
  return (
    <Section title="Shadow processes that name it" count={processes.length}>
      {processes.length === 0 ? (
        <Text size="sm" c="dimmed" px="lg" pb="lg">
          None. In the shadow-process register, choose this pattern on a process people keep because of it.
        </Text>
      ) : (
        <Table {...TABLE} mb="lg" aria-label="Shadow processes that name it">
          <TableHead labels={['Process', 'Team', 'Users', 'Status']} right={['Users']} />
          <Table.Tbody>
            {processes.map((p) => (
              <Table.Tr key={p.id} data-testid="pattern-shadow" data-deleted={p.deleted ? 'true' : undefined}>
                <Table.Td>
                  {p.deleted ? (
                    p.name
                  ) : (
                    <Anchor href={`#/shadow-processes/${p.id}`} size="sm">
                      {p.name}
                    </Anchor>
                  )}
                  {p.byText && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      · named in its notes
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={NOWRAP}>{p.team ?? <Dash />}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {number.format(p.usersInvolved)}
                </Table.Td>
                <Table.Td style={NOWRAP} data-testid="pattern-shadow-status">
                  {shadowStatus(p)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function PatternPage({ params }: { params: Record<string, string | undefined> }) {
  const id = params.id ?? '';
  const detail = useQuery(orpc.failurePatterns.get.queryOptions({ input: { id } }));
  const editing = useDialog<PatternEditing>();
  const canUpdate = useCan('failurePatterns.update');
  const p = detail.data?.pattern;
  const [openId, setOpenId] = useState<string | null>(null);
  const locale = useLocale();
  return (
    <Page
      screen="pattern"
      title={p?.name ?? 'Failure pattern'}
      ready={detail.isSuccess}
      description={
        <>
          <BackLink href="#/patterns">Failure patterns</BackLink>
          {p && ` › ${FEEDBACK_CATEGORY_LABELS[p.category]} · ${p.teams.length > 0 ? p.teams.join(', ') : 'no team yet'}`}
          {p && p.regions.length > 0 && (
            <span data-testid="pattern-regions">{` · ${p.regions.length === 1 ? 'region' : 'regions'} ${p.regions.join(', ')}`}</span>
          )}
        </>
      }
      actions={
        p && (
          <>
            <PatternStatusBadge status={p.status} />
            {canUpdate && !p.deleted && (
              <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => editing.open({ pattern: p })}>
                Edit
              </Button>
            )}
          </>
        )
      }
    >
      <QueryState query={detail} what="the failure pattern">
        {({ pattern, months, items, overrides, shadowProcesses }) => (
          <>
            {pattern.description && (
              <Text size="sm" px="lg" pb="md" maw={760}>
                {pattern.description}
              </Text>
            )}
            {items.length === 0 ? (
              <EmptyTable
                icon={<IconStack2 size={22} />}
                title="No feedback in this pattern yet"
                description="On the Feedback screen, tick the items that fail this way and press “Group into pattern”."
              />
            ) : (
              <>
                <Months months={months} />
                <Title order={2} size="h4" px="lg" pb="xs">
                  {number.format(items.length)} {items.length === 1 ? 'item' : 'items'}
                </Title>
                <Table {...TABLE} aria-label="Feedback in this pattern">
                  <TableHead labels={['What the AI said · what was right', 'Team · reported', 'Severity', 'Status']} />
                  <Table.Tbody>
                    {items.map((f) => (
                      <Table.Tr key={f.id} data-testid="pattern-item">
                        <Table.Td maw={420}>
                          <FeedbackSummary f={f} onOpen={(item) => setOpenId(item.id)} />
                        </Table.Td>
                        <Table.Td style={NOWRAP}>
                          <Text size="sm">{f.team ?? <Dash />}</Text>
                          <Text size="xs" c="dimmed" className="tabular">
                            {date(f.reportedAt, locale)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <SeverityBadges f={f} />
                        </Table.Td>
                        <Table.Td>
                          <FeedbackStatusBadge f={f} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
            <Overrides overrides={overrides} />
            <ShadowProcesses processes={shadowProcesses} />
          </>
        )}
      </QueryState>
      <PatternFormDialog dialog={editing} />
      <FeedbackDrawer item={detail.data?.items.find((f) => f.id === openId) ?? null} onClose={() => setOpenId(null)} />
    </Page>
  );
}
