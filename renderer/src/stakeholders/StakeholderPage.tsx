import { Anchor, Badge, Box, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconChartDots, IconEdit, IconHistory, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import {
  CONCERN_KIND_LABELS,
  CONCERN_STATUS_LABELS,
  type ConcernKind,
  type ConcernStatus,
  concernName,
  SENTIMENT_LABELS,
  SESSION_KIND_LABELS,
  type Sentiment,
  type SessionKind,
  type StakeholderField,
  type StakeholderTimelineEntry,
} from '../../../db/api/types';
import { ALERT_EXPLANATIONS, alertTitle } from '../../../db/reports/shared/alerts';
import { gapText, percent } from '../../../db/reports/shared/format';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { Dash } from '../components/Dash';
import { EmptyTable } from '../components/EmptyTable';
import { BackLink, Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../history/format';
import { HistoryDrawer } from '../history/HistoryDrawer';
import { useDialog } from '../kit/dialog';
import { useRecordHistory } from '../kit/recordHistory';
import { useLocale } from '../locale/locale';
import { formatFieldValue, useStakeholderFields, withCustomFields } from './customFields';
import { concernHistory, stakeholderHistory } from './history';
import {
  ADKAR_ELEMENTS,
  ADKAR_LABELS,
  CONCERN_KIND_OPTIONS,
  CONCERN_STATUS_OPTIONS,
  type Concern,
  QUADRANT_LABELS,
  type Stakeholder,
  SUPPORT_LABELS,
} from './register';
import { type StakeholderEditing, StakeholderFormDialog } from './StakeholderForm';
import { SupportBadge } from './SupportBadge';

export function StakeholderPage({ params }: { params: Record<string, string | undefined> }) {
  const id = params.id ?? '';
  const stakeholder = useQuery(orpc.stakeholders.get.queryOptions({ input: { id } }));
  const editing = useDialog<StakeholderEditing>();
  const fields = useStakeholderFields(true).data;
  const history = useRecordHistory(withCustomFields(stakeholderHistory, fields));
  const canUpdate = useCan('stakeholders.update');
  const s = stakeholder.data;
  return (
    <Page
      screen="stakeholder"
      title={s?.name ?? 'Stakeholder'}
      ready={stakeholder.isSuccess}
      description={
        <>
          <BackLink href="#/stakeholders">Stakeholders</BackLink>
          {s && ` › ${[s.title, s.team, s.owner ? `relationship owned by ${s.owner}` : null].filter(Boolean).join(' · ')}`}
        </>
      }
      actions={
        s && (
          <>
            <Button variant="default" leftSection={<IconHistory size={16} />} onClick={() => history.open(s)}>
              History
            </Button>
            {canUpdate && !s.deleted && (
              <Button leftSection={<IconEdit size={16} />} onClick={() => editing.open({ stakeholder: s })}>
                Edit
              </Button>
            )}
          </>
        )
      }
    >
      <QueryState query={stakeholder} what="this stakeholder">
        {(s) => (
          <Stack px="lg" pb="lg" gap="md">
            <Ratings s={s} fields={(fields ?? []).filter((f) => !f.deleted)} />
            <Adkar s={s} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Concerns s={s} />
              <Timeline s={s} />
            </SimpleGrid>
            <TeamAdoption s={s} />
          </Stack>
        )}
      </QueryState>
      <StakeholderFormDialog dialog={editing} />
      <HistoryDrawer format={history.format} target={history.target} onClose={history.close} />
    </Page>
  );
}

function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Box fz="lg" fw={600} className="tabular">
        {children}
      </Box>
    </Stack>
  );
}

function Ratings({ s, fields }: { s: Stakeholder; fields: StakeholderField[] }) {
  return (
    <Card withBorder padding="md" data-testid="stakeholder-ratings">
      <Group gap={40}>
        <Figure label="Support">
          <SupportBadge support={s.support} />
        </Figure>
        <Figure label="Influence">{s.influence} / 5</Figure>
        <Figure label="Interest">{s.interest} / 5</Figure>
        <Figure label="Quadrant">{QUADRANT_LABELS[s.quadrant]}</Figure>
        <Figure label="Open concerns">{s.openConcerns}</Figure>
        {s.tags.length > 0 && (
          <Figure label="Tags">
            <Group gap={4}>
              {s.tags.map((t) => (
                <Badge key={t} variant="outline" color="gray" size="sm" radius="sm" style={{ textTransform: 'none' }}>
                  {t}
                </Badge>
              ))}
            </Group>
          </Figure>
        )}
      </Group>
      {fields.length > 0 && (
        <Group gap={40} mt="md" data-testid="stakeholder-custom-fields">
          {fields.map((f) => (
            <Stack key={f.id} gap={2}>
              <Text size="xs" c="dimmed">
                {f.name}
              </Text>
              <Text size="sm" fw={500} className={f.type === 'number' ? 'tabular' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
                {formatFieldValue(f, s.fields[f.id]) ?? <Dash />}
              </Text>
            </Stack>
          ))}
        </Group>
      )}
      {s.notes && (
        <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {s.notes}
        </Text>
      )}
    </Card>
  );
}

function Adkar({ s }: { s: Stakeholder }) {
  return (
    <Panel
      title="ADKAR"
      aside={
        <Text size="sm" c="dimmed" data-testid="barrier-point">
          {s.barrierPoint ? `Barrier point: ${ADKAR_LABELS[s.barrierPoint]}` : 'No barrier point'}
        </Text>
      }
    >
      <div className="adkar-bar" data-testid="adkar-bar">
        {ADKAR_ELEMENTS.map((e) => {
          const score = s[e];
          const barrier = s.barrierPoint === e;
          return (
            <div key={e} className="adkar-step" data-barrier={barrier ? 'true' : undefined} data-testid={`adkar-${e}`}>
              <Text size="xs" c="dimmed">
                {ADKAR_LABELS[e]}
              </Text>
              <Text fw={600} className="tabular">
                {score === null ? 'Not assessed' : `${score} / 5`}
              </Text>
              <div className="adkar-meter" aria-hidden>
                <div style={{ width: `${((score ?? 0) / 5) * 100}%` }} />
              </div>
              {barrier && (
                <Text size="xs" fw={700} mt={4}>
                  Barrier point
                </Text>
              )}
            </div>
          );
        })}
      </div>
    </Panel>
  );
}

function Concerns({ s }: { s: Stakeholder }) {
  const concerns = useQuery(orpc.stakeholders.concerns.queryOptions({ input: { stakeholderId: s.id } }));
  const canChange = useCan('stakeholders.updateConcern');
  const canAdd = useCan('stakeholders.addConcern');
  const update = useMutation(orpc.stakeholders.updateConcern.mutationOptions());
  const history = useRecordHistory(concernHistory);
  return (
    <Panel title="Concerns" testId="concerns">
      <QueryState query={concerns} what="the concerns">
        {(list) => (
          <Stack gap="xs">
            {list.length === 0 && (
              <Text size="sm" c="dimmed">
                No concerns recorded. {canAdd ? 'Add one below when they raise it.' : ''}
              </Text>
            )}
            {list.map((c: Concern) => (
              <Group key={c.id} justify="space-between" wrap="nowrap" data-testid="concern-row" data-status={c.status}>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} c={c.status === 'resolved' ? 'dimmed' : undefined}>
                    {concernName(c)}
                  </Text>
                  {c.note && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {c.note}
                    </Text>
                  )}
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <Select
                    aria-label={`Status of ${concernName(c)}`}
                    size="xs"
                    w={150}
                    data={CONCERN_STATUS_OPTIONS}
                    value={c.status}
                    allowDeselect={false}
                    disabled={!canChange}
                    onChange={(v) => v && update.mutate({ id: c.id, status: v as ConcernStatus })}
                  />
                  <Button variant="subtle" size="compact-xs" onClick={() => history.open({ id: c.id, name: concernName(c) })}>
                    History
                  </Button>
                </Group>
              </Group>
            ))}
            {canAdd && <AddConcern stakeholderId={s.id} />}
          </Stack>
        )}
      </QueryState>
      <HistoryDrawer format={history.format} target={history.target} onClose={history.close} />
    </Panel>
  );
}

function AddConcern({ stakeholderId }: { stakeholderId: string }) {
  const [kind, setKind] = useState<ConcernKind>('loss of control');
  const [label, setLabel] = useState('');
  const add = useMutation(orpc.stakeholders.addConcern.mutationOptions({ onSuccess: () => setLabel('') }));
  return (
    <Group gap="xs" align="flex-end" mt="xs" data-testid="add-concern">
      <Select
        label="Concern"
        size="xs"
        w={190}
        data={CONCERN_KIND_OPTIONS}
        value={kind}
        allowDeselect={false}
        onChange={(v) => v && setKind(v as ConcernKind)}
      />
      <TextInput
        label={kind === 'other' ? 'Label (required)' : 'Label (optional)'}
        size="xs"
        style={{ flex: 1 }}
        placeholder={kind === 'other' ? 'e.g. Pay' : 'Their words, if different'}
        value={label}
        onChange={(e) => setLabel(e.currentTarget.value)}
      />
      <Button
        size="xs"
        leftSection={<IconPlus size={14} />}
        loading={add.isPending}
        onClick={() => add.mutate({ stakeholderId, kind, label: label.trim() === '' ? null : label })}
      >
        Add concern
      </Button>
    </Group>
  );
}

const valueText = (field: string, v: unknown): string => {
  if (v === null || v === undefined) return field === 'label' || field === 'note' ? 'none' : 'not assessed';
  if (field === 'support') return SUPPORT_LABELS[v as Stakeholder['support']] ?? String(v);
  if (field === 'status') return CONCERN_STATUS_LABELS[v as ConcernStatus] ?? String(v);
  if (field === 'kind') return CONCERN_KIND_LABELS[v as ConcernKind] ?? String(v);
  return String(v);
};
const FIELD_LABELS: Record<string, string> = {
  ...ADKAR_LABELS,
  support: 'Support',
  influence: 'Influence',
  interest: 'Interest',
  status: 'Status',
  kind: 'Kind',
  label: 'Label',
  note: 'Note',
  deleted: 'Removed',
};

const ORDER = ['support', 'influence', 'interest', ...ADKAR_ELEMENTS, 'kind', 'label', 'status', 'note', 'deleted'];

function entryText(entry: StakeholderTimelineEntry, concerns: Map<string, string>): string {
  // In the order the page shows them, not the change log's (by column name).
  const e = { ...entry, changes: [...entry.changes].sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field)) };
  if (e.kind === 'created')
    return `Added to the register: ${e.changes.map((c) => `${FIELD_LABELS[c.field] ?? c.field} ${valueText(c.field, c.to)}`).join(', ')}`;
  const changes = e.changes
    .map((c) => `${FIELD_LABELS[c.field] ?? c.field} ${valueText(c.field, c.from)} → ${valueText(c.field, c.to)}`)
    .join(', ');
  if (e.kind === 'session' && e.session) {
    const kind = SESSION_KIND_LABELS[e.session.kind as SessionKind] ?? 'Session';
    const sentiment = e.session.sentiment ? SENTIMENT_LABELS[e.session.sentiment as Sentiment] : null;
    return sentiment ? `${kind} · came across ${sentiment.toLowerCase()}` : `${kind} attended`;
  }
  if (e.kind === 'rating' && e.session) {
    const kind = SESSION_KIND_LABELS[e.session.kind as SessionKind]?.toLowerCase() ?? 'session';
    return `Re-rated in a ${kind}: ${changes}`;
  }
  if (e.kind === 'concern') {
    const name = concerns.get(e.concernId ?? '') ?? 'A concern';
    return e.changes.some((c) => c.field === 'kind' && c.from === null) ? `Concern raised: ${name}` : `${name}: ${changes}`;
  }
  return changes;
}

function Timeline({ s }: { s: Stakeholder }) {
  const timeline = useQuery(orpc.stakeholders.timeline.queryOptions({ input: { id: s.id } }));
  const concerns = useQuery(orpc.stakeholders.concerns.queryOptions({ input: { stakeholderId: s.id } }));
  const names = new Map((concerns.data ?? []).map((c) => [c.id, concernName(c)]));
  return (
    <Panel title="Timeline" testId="timeline">
      <QueryState query={timeline} what="the timeline">
        {(entries) => (
          <Stack gap={8} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {entries.map((e) => (
              <Box
                component="li"
                key={`${e.kind}-${e.hlc}-${e.concernId ?? ''}-${e.session?.id ?? ''}`}
                data-testid="timeline-entry"
                data-kind={e.kind}
              >
                <Text size="xs" c="dimmed" className="tabular">
                  {formatDateTime(e.at)} · {e.kind === 'session' ? 'Session' : (e.author?.name ?? 'System')}
                </Text>
                <Text size="sm">{entryText(e, names)}</Text>
              </Box>
            ))}
          </Stack>
        )}
      </QueryState>
    </Panel>
  );
}

function TeamAdoption({ s }: { s: Stakeholder }) {
  const locale = useLocale();
  const report = useQuery(orpc.reports.get.queryOptions({ input: { initiative: null, team: s.teamId, from: null, to: null } }));
  return (
    <Panel
      title={`Adoption in ${s.team ?? 'their team'}`}
      testId="team-adoption"
      aside={
        <Anchor href={`#/report/team/${s.teamId}`} size="sm">
          Open the team's report
        </Anchor>
      }
    >
      <QueryState query={report} what="the team's adoption">
        {(r) =>
          r.overall.decisions === 0 && r.overall.formal === null ? (
            <EmptyTable
              icon={<IconChartDots size={22} />}
              title="No adoption data for this team yet"
              description="Import usage, decisions or pulse data for the team to see its adoption here."
            />
          ) : (
            <Stack gap="sm">
              <Group gap={40}>
                <Figure label="Formal adoption">{percent(r.overall.formal, locale)}</Figure>
                <Figure label="Real adoption">{percent(r.overall.real, locale)}</Figure>
                <Figure label="Gap">{gapText(r.overall.formal, r.overall.real, locale)}</Figure>
                <Figure label="Override rate">{percent(r.overall.overrideRate, locale)}</Figure>
              </Group>
              {r.overall.alerts.length > 0 && (
                <Stack gap={4} data-testid="team-alerts">
                  {r.overall.alerts.map((a) => (
                    <Text key={a.code} size="sm" title={ALERT_EXPLANATIONS[a.code]}>
                      <Badge color="orange" variant="light" size="sm" mr={6}>
                        {alertTitle(a.code)}
                      </Badge>
                      {a.message}
                    </Text>
                  ))}
                </Stack>
              )}
            </Stack>
          )
        }
      </QueryState>
    </Panel>
  );
}

/** One card of a stakeholder's page: its title, what stands beside the title, then its content. */
function Panel({ title, aside, testId, children }: { title: string; aside?: ReactNode; testId?: string; children: ReactNode }) {
  const heading = (
    <Title order={2} size="h4" mb={aside ? undefined : 'xs'}>
      {title}
    </Title>
  );
  return (
    <Card withBorder padding="md" data-testid={testId}>
      {aside ? (
        <Group justify="space-between" mb="xs">
          {heading}
          {aside}
        </Group>
      ) : (
        heading
      )}
      {children}
    </Card>
  );
}
