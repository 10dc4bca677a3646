import { Anchor, Badge, Button, Checkbox, Group, Paper, Text } from '@mantine/core';
import { IconMessageReport, IconMessages, IconPlus, IconStack2 } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  ageInDays,
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_SEVERITY_LABELS,
  FEEDBACK_STATUS_LABELS,
  type Feedback,
  type FeedbackSeverity,
  type FeedbackStatus,
  isDone,
  progressByAssignee,
} from '../../../db/api/types';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { Dash } from '../components/Dash';
import { EmptyTable } from '../components/EmptyTable';
import { type Column, DataTable } from '../kit/DataTable';
import { useDialog } from '../kit/dialog';
import { FilterBar, InitiativeFilter, SegmentedFilter, TeamFilter } from '../kit/filters';
import { ListPage, NoMatches } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { localeNumber } from '../locale/locale';
import { ExportFeedbackMenu } from './ExportFeedback';
import { FeedbackDrawer } from './FeedbackDrawer';
import { feedbackHistory } from './history';
import { GroupFormDialog } from './PatternForm';
import { feedbackTitle, type QueueFilter } from './queue';
import { FEEDBACK_SHORTCUT_LABEL, openFeedbackForm } from './shortcut';
import { TriageFormDialog } from './TriageForm';

const number = localeNumber;
const NOWRAP = { style: { whiteSpace: 'nowrap' } } as const;
const SHOWN: Record<QueueFilter, string> = { open: 'Open', done: 'Done', all: 'All' };
// Badges keep their width in a narrow window; the text columns give way instead.
const BADGE_STYLES = { root: { flexShrink: 0 }, label: { overflow: 'visible' } };
const SEVERITY_COLOR: Record<FeedbackSeverity, string> = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' };
const STATUS_COLOR: Record<FeedbackStatus, string> = {
  new: 'blue',
  triaged: 'violet',
  in_progress: 'cyan',
  resolved: 'green',
  wont_fix: 'gray',
  duplicate: 'gray',
};
export type Row = Feedback & { name: string };

/**
 * An item in a list cell: its case and what the AI said, then what was right, a line each. With
 * `onOpen` the first line is a button that opens the item.
 */
export function FeedbackSummary<F extends Pick<Feedback, 'caseRef' | 'aiSaid' | 'whatWasRight'>>({
  f,
  onOpen,
}: {
  f: F;
  onOpen?: ((f: F) => void) | undefined;
}) {
  const said = `${f.caseRef ? `${f.caseRef} · ` : ''}${f.aiSaid}`;
  return (
    <>
      {onOpen ? (
        <Anchor
          component="button"
          type="button"
          size="sm"
          fw={500}
          c="var(--mantine-color-text)"
          lineClamp={1}
          title={`${f.aiSaid} (open, with its comments)`}
          ta="left"
          onClick={() => onOpen(f)}
        >
          {said}
        </Anchor>
      ) : (
        <Text size="sm" fw={500} lineClamp={1} title={f.aiSaid}>
          {said}
        </Text>
      )}
      <Text size="xs" c="dimmed" lineClamp={1} title={f.whatWasRight}>
        Right: {f.whatWasRight}
      </Text>
    </>
  );
}

/** An item's severity, and "Sure 92%" beside it when the AI was confidently wrong. */
export function SeverityBadges({ f }: { f: Pick<Feedback, 'severity' | 'confidentlyWrong' | 'statedConfidence'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge variant="light" color={SEVERITY_COLOR[f.severity]} size="sm" styles={BADGE_STYLES}>
        {FEEDBACK_SEVERITY_LABELS[f.severity]}
      </Badge>
      {f.confidentlyWrong && (
        <Badge variant="outline" color="red" size="sm" title="Confidently wrong" data-testid="confidently-wrong" styles={BADGE_STYLES}>
          Sure{f.statedConfidence !== null ? ` ${f.statedConfidence}%` : ''}
        </Badge>
      )}
    </Group>
  );
}

/** An item's status as a dot badge, with the version that resolved it. */
export function FeedbackStatusBadge({ f }: { f: Pick<Feedback, 'status' | 'resolvedVersion'> }) {
  return (
    <Badge
      variant="dot"
      color={STATUS_COLOR[f.status]}
      size="md"
      c="var(--mantine-color-text)"
      fw={500}
      data-testid="feedback-status"
      styles={BADGE_STYLES}
    >
      {FEEDBACK_STATUS_LABELS[f.status]}
      {f.status === 'resolved' && f.resolvedVersion ? ` in ${f.resolvedVersion}` : ''}
    </Badge>
  );
}

/** The queue's columns (the champion's page shows the same, without selection). */
export function columns(
  now: string,
  selection: { has: (id: string) => boolean; toggle: (id: string) => void } | null,
  onOpen?: (f: Row) => void,
): Column<Row>[] {
  const select: Column<Row>[] = selection
    ? [
        {
          header: 'Select',
          th: { w: 36 },
          cell: (f) => <Checkbox aria-label={`Select ${f.name}`} checked={selection.has(f.id)} onChange={() => selection.toggle(f.id)} />,
        },
      ]
    : [];
  return [
    ...select,
    {
      header: 'What the AI said · what was right',
      td: { miw: 200, maw: 340 },
      cell: (f) => <FeedbackSummary f={f} onOpen={onOpen} />,
    },
    {
      header: 'Team · initiative',
      td: NOWRAP,
      cell: (f) => (
        <>
          <Text size="sm">{f.team ?? <Dash />}</Text>
          <Text size="xs" c="dimmed" truncate="end" maw={140}>
            {f.initiative ?? 'A deleted initiative'}
            {f.modelVersion ? ` · ${f.modelVersion}` : ''}
          </Text>
        </>
      ),
    },
    {
      header: 'Category · pattern',
      priority: 'low',
      td: { maw: 200 },
      cell: (f) => (
        <>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {FEEDBACK_CATEGORY_LABELS[f.category]}
          </Text>
          {f.pattern && (
            <Anchor href={`#/patterns/${f.patternId}`} size="xs" lineClamp={1} title={f.pattern} data-testid="feedback-pattern">
              {f.pattern}
            </Anchor>
          )}
        </>
      ),
    },
    {
      header: 'Severity',
      td: NOWRAP,
      cell: (f) => <SeverityBadges f={f} />,
    },
    {
      header: 'Age',
      th: { ta: 'right' },
      td: { ta: 'right', className: 'tabular', ...NOWRAP },
      cell: (f) => `${number.format(ageInDays(f.reportedAt, now))} d`,
    },
    { header: 'Reporter', priority: 'low', td: NOWRAP, cell: (f) => f.reporter ?? <Dash /> },
    {
      header: 'Status · assignee',
      td: NOWRAP,
      cell: (f) => (
        <>
          <FeedbackStatusBadge f={f} />
          <Text size="xs" c="dimmed" mt={2} data-testid="feedback-assignee">
            {f.assignee ?? 'Unassigned'}
          </Text>
        </>
      ),
    },
  ];
}

function Progress({ items }: { items: readonly Feedback[] }) {
  const rows = progressByAssignee(items);
  if (rows.length === 0) return null;
  return (
    <Group px="lg" pb="sm" gap="xs" data-testid="assignee-progress" aria-label="Progress per assignee" role="list">
      {rows.map((p) => (
        <Paper key={p.assigneeId ?? 'none'} withBorder px="sm" py={6} role="listitem">
          <Text size="xs" c="dimmed">
            {p.assignee}
          </Text>
          <Text size="sm" className="tabular">
            <b>{number.format(p.done)}</b> done · <b>{number.format(p.pending)}</b> pending
          </Text>
        </Paper>
      ))}
    </Group>
  );
}

export function FeedbackPage() {
  const [initiative, setInitiative] = useState<string | null>(null);
  const [team, setTeam] = useState<string | null>(null);
  const [show, setShow] = useState<QueueFilter>('open');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const triaging = useDialog<Feedback[]>();
  const [openId, setOpenId] = useState<string | null>(null);
  const grouping = useDialog<Feedback[]>();
  const history = useRecordHistory(feedbackHistory);
  const queue = useQuery(orpc.feedback.list.queryOptions({ input: {} }));
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  const canLog = useCan('feedback.create');
  const canTriage = useCan('feedback.triage');
  const canGroup = useCan('feedback.group');

  const now = new Date().toISOString();
  const all = queue.data ?? [];
  const open = all.filter((f) => !isDone(f.status));
  const sure = open.filter((f) => f.confidentlyWrong).length;
  const inSlice = all.filter((f) => (initiative === null || f.initiativeId === initiative) && (team === null || f.teamId === team));
  const filtered = initiative !== null || team !== null || show !== 'open';
  const clearFilters = () => {
    setInitiative(null);
    setTeam(null);
    setShow('open');
  };
  const selection = canTriage
    ? {
        has: (id: string) => selected.has(id),
        toggle: (id: string) =>
          setSelected((s) => {
            const next = new Set(s);
            if (!next.delete(id)) next.add(id);
            return next;
          }),
      }
    : null;
  const chosen = all.filter((f) => selected.has(f.id));

  return (
    <ListPage
      screen="feedback"
      title="Feedback"
      description={
        all.length > 0
          ? `${number.format(open.length)} open · ${number.format(sure)} confidently wrong · wrong predictions reported from the frontline`
          : 'Wrong predictions reported from the frontline, triaged into fixes.'
      }
      query={queue}
      what="the feedback queue"
      actions={
        <>
          {canGroup && chosen.length > 0 && (
            <Button
              variant="default"
              leftSection={<IconStack2 size={16} />}
              onClick={() => grouping.open(chosen)}
              data-testid="group-into-pattern"
            >
              Group into pattern
            </Button>
          )}
          {canTriage && chosen.length > 0 && (
            <Button variant="default" onClick={() => triaging.open(chosen)} data-testid="bulk-triage">
              Triage {chosen.length} selected
            </Button>
          )}
          {all.length > 0 && <ExportFeedbackMenu input={{ what: 'feedback', initiativeId: initiative, teamId: team, show }} />}
          {canLog && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => openFeedbackForm()}
              title={`Or press ${FEEDBACK_SHORTCUT_LABEL} on any screen`}
            >
              Log feedback
            </Button>
          )}
        </>
      }
      filters={
        <>
          <FilterBar testId="feedback-filters">
            <InitiativeFilter initiatives={initiatives.data} value={initiative} onChange={setInitiative} />
            <TeamFilter teams={teams.data} value={team} onChange={setTeam} />
            <SegmentedFilter id="feedback-show" label="Show" value={show} onChange={setShow} choices={SHOWN} />
          </FilterBar>
          <Progress items={inSlice} />
        </>
      }
      empty={
        <EmptyTable
          icon={<IconMessageReport size={22} />}
          title="No feedback yet"
          description={
            canLog
              ? `When the AI gets a case wrong, log it here or press ${FEEDBACK_SHORTCUT_LABEL} on any screen: it takes under 30 seconds.`
              : 'Champions and change managers log the predictions the AI got wrong. Nothing to triage until then.'
          }
          action={canLog && <Button onClick={() => openFeedbackForm()}>Log feedback</Button>}
        />
      }
      history={history}
      dialogs={
        <>
          <TriageFormDialog dialog={triaging} all={all} />
          <GroupFormDialog dialog={grouping} />
          <FeedbackDrawer item={all.find((f) => f.id === openId) ?? null} onClose={() => setOpenId(null)} />
        </>
      }
    >
      {() => {
        const shown = inSlice
          .filter((f) => show === 'all' || (show === 'done') === isDone(f.status))
          .map((f): Row => ({ ...f, name: feedbackTitle(f) }));
        if (shown.length === 0) {
          return (
            <NoMatches
              {...(show === 'open' && !initiative && !team ? { title: 'Nothing open: the queue is clear' } : {})}
              description="Show all items, or clear the filters to see the whole queue."
              onClear={filtered ? clearFilters : undefined}
            />
          );
        }
        return (
          <DataTable
            label="Feedback queue"
            horizontalSpacing={8}
            rows={shown}
            columns={columns(now, selection, (f) => setOpenId(f.id))}
            rowProps={(f) => ({ 'data-testid': 'feedback-row', 'data-status': f.status })}
            history={history}
            actions={(f) => ({
              more: [
                { label: 'Open and comment', icon: <IconMessages size={14} />, onClick: () => setOpenId(f.id) },
                ...(canTriage ? [{ label: 'Triage', icon: <IconMessageReport size={14} />, onClick: () => triaging.open([f]) }] : []),
              ],
            })}
          />
        );
      }}
    </ListPage>
  );
}
