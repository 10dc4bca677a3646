import { Anchor, Badge, Box, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconFlag, IconMessages, IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import {
  type AdkarCell,
  CONCERN_KIND_LABELS,
  CONCERN_KINDS,
  type GapTeam,
  type TeamStakeholders,
  type TeamView as TeamViewData,
} from '../../../db/api/types';
import { ALERT_EXPLANATIONS, alertTitle } from '../../../db/reports/shared/alerts';
import { gapText, percent } from '../../../db/reports/shared/format';
import { orpc } from '../api/query';
import { Dash } from '../components/Dash';
import { EmptyTable } from '../components/EmptyTable';
import { QueryState } from '../components/QueryState';
import { formatDate } from '../history/format';
import { TableHead } from '../kit/DataTable';
import { today } from '../kit/days';
import { useLocale } from '../locale/locale';
import { ADKAR_ELEMENTS, ADKAR_LABELS, SUPPORT_LABELS, SUPPORT_LEVELS, supportFill } from './register';
import { SupportBadge } from './SupportBadge';

/*
 * The team view: per team, who stands where (support mix), how far along ADKAR they are (a
 * heatmap whose barrier points are marked, not only tinted), what worries them (open concerns by
 * kind, raised per month), and who to talk to where the report shows an adoption gap.
 */
export function TeamView({ talkTo = null }: { talkTo?: string | null }) {
  const on = today();
  const view = useQuery(orpc.stakeholders.teams.queryOptions({ input: { today: on } }));
  const gap = useQuery(orpc.stakeholders.gapContacts.queryOptions({ input: { today: on } }));
  return (
    <Stack gap="md" px="lg" pb="lg" data-testid="team-view">
      <QueryState query={view} what="the team view">
        {(v) =>
          v.teams.length === 0 ? (
            <EmptyTable
              icon={<IconUsersGroup size={22} />}
              title="No stakeholders in any team yet"
              description="Add stakeholders with their team (New stakeholder) to see each team's support mix, ADKAR heatmap and concerns here."
            />
          ) : (
            <>
              <SupportMix teams={v.teams} />
              <AdkarHeatmap teams={v.teams} />
              <ConcernTrend trend={v.trend} />
            </>
          )
        }
      </QueryState>
      <QueryState query={gap} what="who to talk to about the gap">
        {(teams) => <GapContacts teams={teams} only={talkTo} />}
      </QueryState>
    </Stack>
  );
}

function Section({ title, note, children, testId }: { title: string; note: string; children: React.ReactNode; testId: string }) {
  const id = `${testId}-title`;
  return (
    <Card withBorder padding="md" data-testid={testId} aria-labelledby={id} component="section">
      <Group gap="sm" mb="xs" align="baseline">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {note}
        </Text>
      </Group>
      {children}
    </Card>
  );
}

/** A table of the team view with a row per team, the team's name first; `head` and `cells` are the columns after it. */
function TeamTable({
  label,
  className,
  teams,
  rowTestId,
  verticalSpacing,
  head,
  cells,
}: {
  label: string;
  className?: string;
  teams: TeamStakeholders[];
  rowTestId: string;
  verticalSpacing: number;
  head: ReactNode;
  cells: (team: TeamStakeholders) => ReactNode;
}) {
  return (
    <Table verticalSpacing={verticalSpacing} horizontalSpacing={8} aria-label={label} className={className}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Team</Table.Th>
          {head}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {teams.map((t) => (
          <Table.Tr key={t.teamId} data-testid={rowTestId}>
            <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
              {t.team}
            </Table.Td>
            {cells(t)}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SupportMix({ teams }: { teams: TeamStakeholders[] }) {
  return (
    <Section title="Support by team" note="People in the register, opposed to advocate" testId="support-mix">
      <Group gap="md" mb="xs" aria-hidden data-testid="support-legend">
        {SUPPORT_LEVELS.map((s) => (
          <Group key={s} gap={4} wrap="nowrap">
            <span className="support-swatch" data-support={s} style={{ background: supportFill(s) }} />
            <Text size="xs">{SUPPORT_LABELS[s]}</Text>
          </Group>
        ))}
      </Group>
      <TeamTable
        label="Support by team"
        teams={teams}
        rowTestId="support-row"
        verticalSpacing={6}
        head={
          <>
            <Table.Th ta="right">People</Table.Th>
            <Table.Th w="45%">Support mix</Table.Th>
            <Table.Th>Open concerns</Table.Th>
          </>
        }
        cells={(t) => {
          const parts = SUPPORT_LEVELS.filter((s) => t.support[s] > 0).map((s) => `${t.support[s]} ${SUPPORT_LABELS[s].toLowerCase()}`);
          const concerns = CONCERN_KINDS.filter((k) => t.openConcerns[k] > 0);
          return (
            <>
              <Table.Td ta="right" className="tabular">
                {t.people}
              </Table.Td>
              <Table.Td>
                <div className="support-bar" role="img" aria-label={`${t.team}: ${parts.join(', ')}`}>
                  {SUPPORT_LEVELS.filter((s) => t.support[s] > 0).map((s) => (
                    <div
                      key={s}
                      className="support-segment tabular"
                      data-support={s}
                      title={`${SUPPORT_LABELS[s]}: ${t.support[s]}`}
                      style={{ flexGrow: t.support[s], background: supportFill(s) }}
                    >
                      {t.support[s]}
                    </div>
                  ))}
                </div>
                <Text size="xs" c="dimmed" mt={2} data-testid="support-text">
                  {parts.join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td>
                {concerns.length === 0 ? (
                  <Dash />
                ) : (
                  <Text size="sm" data-testid="team-concerns">
                    {concerns.map((k) => `${CONCERN_KIND_LABELS[k]} ${t.openConcerns[k]}`).join(' · ')}
                  </Text>
                )}
              </Table.Td>
            </>
          );
        }}
      />
    </Section>
  );
}

/** A heat scale people read without the legend: red where the team is weak, green where strong. */
function heat(average: number | null): string | undefined {
  if (average === null) return undefined;
  if (average <= 2) return 'low';
  if (average <= 3) return 'weak';
  if (average < 4) return 'fair';
  return 'strong';
}

function cellTitle(element: string, c: AdkarCell): string {
  if (c.average === null) return `${element}: not assessed yet`;
  const stuck = c.barriers > 0 ? `; ${c.barriers} ${c.barriers === 1 ? 'person has' : 'people have'} it as their barrier point` : '';
  return `${element}: average ${c.average.toFixed(1)} of ${c.assessed} assessed${stuck}`;
}

function AdkarHeatmap({ teams }: { teams: TeamStakeholders[] }) {
  return (
    <Section
      title="ADKAR by team"
      note="Average score 1–5; the team's barrier point (first element at 3 or below) is flagged"
      testId="adkar-heatmap"
    >
      <TeamTable
        label="ADKAR by team"
        className="adkar-heatmap"
        teams={teams}
        rowTestId="adkar-row"
        verticalSpacing={4}
        head={
          <>
            {ADKAR_ELEMENTS.map((e) => (
              <Table.Th key={e} ta="right">
                {ADKAR_LABELS[e]}
              </Table.Th>
            ))}
            <Table.Th>Barrier point</Table.Th>
          </>
        }
        cells={(t) => (
          <>
            {ADKAR_ELEMENTS.map((e) => {
              const c = t.adkar[e];
              const barrier = t.barrierPoint === e;
              return (
                <Table.Td
                  key={e}
                  ta="right"
                  className="heat-cell tabular"
                  data-heat={heat(c.average)}
                  data-barrier={barrier ? 'true' : undefined}
                  data-testid={`heat-${e}`}
                  title={cellTitle(ADKAR_LABELS[e], c)}
                >
                  {barrier && <IconFlag size={12} aria-label="Barrier point" className="heat-flag" />}
                  {c.average === null ? <Dash /> : c.average.toFixed(1)}
                </Table.Td>
              );
            })}
            <Table.Td data-testid="team-barrier">
              {t.barrierPoint ? (
                <Text size="sm" fw={600}>
                  {ADKAR_LABELS[t.barrierPoint]}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  None
                </Text>
              )}
            </Table.Td>
          </>
        )}
      />
    </Section>
  );
}

function monthLabel(month: string, locale: string, withYear: boolean): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(locale, {
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

function ConcernTrend({ trend }: { trend: TeamViewData['trend'] }) {
  const locale = useLocale();
  const total = trend.kinds.reduce((n, k) => n + k.open + k.raised.reduce((a, b) => a + b, 0), 0);
  return (
    <Section title="Concerns by kind" note="Open now, and raised per month over the last 12 months" testId="concern-trend">
      {total === 0 ? (
        <Text size="sm" c="dimmed">
          No concerns recorded. Record one on a stakeholder's page, or raise it when you log a session.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing={4} horizontalSpacing={6} aria-label="Concerns by kind">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Concern</Table.Th>
                <Table.Th ta="right">Open</Table.Th>
                {trend.months.map((m, i) => (
                  <Table.Th key={m} ta="right" fw={400} c="dimmed" fz="xs">
                    {monthLabel(m, locale, i === 0 || m.endsWith('-01'))}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trend.kinds.map((k) => (
                <Table.Tr key={k.kind} data-testid="concern-kind-row">
                  <Table.Td>{CONCERN_KIND_LABELS[k.kind]}</Table.Td>
                  <Table.Td ta="right" className="tabular" fw={600}>
                    {k.open}
                  </Table.Td>
                  {k.raised.map((n, i) => (
                    <Table.Td key={trend.months[i]} ta="right" className="tabular" c={n === 0 ? 'dimmed' : undefined}>
                      {n === 0 ? '·' : n}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

function GapContacts({ teams: all, only: from }: { teams: GapTeam[]; only: string | null }) {
  const locale = useLocale();
  // The team the report's row pointed at, until "Show every team" (the team view stays open).
  const [only, setOnly] = useState(from);
  const ref = useRef<HTMLDivElement>(null);
  // Come from the report's team row: bring the list into view.
  useEffect(() => {
    if (only) ref.current?.scrollIntoView({ block: 'start' });
  }, [only]);
  const teams = only ? all.filter((t) => t.teamId === only) : all;
  const teamName = useQuery(orpc.teams.list.queryOptions({ input: {} })).data?.find((t) => t.id === only)?.name ?? 'This team';
  return (
    <Section
      title="Who to talk to about the gap"
      note={only ? `${teamName} only` : 'Teams whose report shows an adoption gap or a high override rate'}
      testId="gap-contacts"
    >
      <div ref={ref} />
      {only && (
        <Group gap="sm" mb="sm" data-testid="gap-only">
          <Text size="sm" c="dimmed">
            Only {teamName}, from the report.
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => setOnly(null)}>
            Show every team
          </Button>
        </Group>
      )}
      {only && teams.length === 0 ? (
        <Text size="sm" c="dimmed">
          {teamName}’s report as a whole (all initiatives, with its sub-teams) raises no adoption-gap or override alert now, or none of its
          people are yours to see. Its people are in the register: filter the table by the team.
        </Text>
      ) : teams.length === 0 ? (
        <Group gap="sm" wrap="nowrap">
          <IconMessages size={18} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">
            No team’s report shows an adoption gap or a high override rate. When one does, its stakeholders are listed here, the opposed and
            sceptical with the most influence first.
          </Text>
        </Group>
      ) : (
        <Stack gap="md">
          {teams.map((t) => (
            <Box key={t.teamId} data-testid="gap-team" id={`gap-${t.teamId}`}>
              <Group gap="md" mb={4} wrap="wrap">
                <Text fw={600}>{t.team}</Text>
                <Text size="sm" className="tabular">
                  Formal {percent(t.formal, locale)} · Real {percent(t.real, locale)} · Gap {gapText(t.formal, t.real, locale)} · Overrides{' '}
                  {percent(t.overrideRate, locale)}
                </Text>
                {t.alerts.map((code) => (
                  <Badge key={code} color="orange" variant="light" size="sm" title={ALERT_EXPLANATIONS[code]}>
                    {alertTitle(code)}
                  </Badge>
                ))}
                <Anchor href={`#/report/team/${t.teamId}`} size="sm" ml="auto">
                  Open the team's report
                </Anchor>
              </Group>
              {t.people.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nobody from this team is in the register yet: add the team's leads and sceptics.
                </Text>
              ) : (
                <Table verticalSpacing={4} horizontalSpacing={8} aria-label={`Who to talk to in ${t.team}`}>
                  <TableHead
                    labels={['Name', 'Support', 'Influence', 'Barrier point', 'Open concerns', 'Last contact']}
                    right={['Influence', 'Open concerns', 'Last contact']}
                  />
                  <Table.Tbody>
                    {t.people.map((p) => (
                      <Table.Tr key={p.stakeholderId} data-testid="gap-person">
                        <Table.Td>
                          <Anchor href={`#/stakeholders/${p.stakeholderId}`} size="sm" fw={500}>
                            {p.name}
                          </Anchor>
                          {p.title && (
                            <Text span size="xs" c="dimmed" ml={6}>
                              {p.title}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <SupportBadge support={p.support} />
                        </Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {p.influence}
                        </Table.Td>
                        <Table.Td>{p.barrierPoint ? ADKAR_LABELS[p.barrierPoint] : <Dash />}</Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {p.openConcerns > 0 ? p.openConcerns : <Dash />}
                        </Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {p.lastContact ? formatDate(p.lastContact) : 'Never met'}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Box>
          ))}
        </Stack>
      )}
    </Section>
  );
}
