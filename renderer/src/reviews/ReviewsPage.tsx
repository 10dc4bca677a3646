import { Box, Button, Group, Kbd, Progress, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowBackUp, IconChecklist, IconFilterOff, IconRefresh, IconUpload } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { type ReviewSession, recommendationUrl } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useCan, useWorkspace } from '../api/workspace';
import { EmptyTable } from '../components/EmptyTable';
import { Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { openFeedbackForm } from '../feedback/shortcut';
import { HistoryDrawer } from '../history/HistoryDrawer';
import type { HistoryTarget } from '../history/target';
import { FilterBar, InitiativeFilter, TeamFilter } from '../kit/filters';
import type { Report } from '../reports/types';
import { reviewHistory } from './history';
import { ReviewRow } from './ReviewRow';
import { groupProgress, ReviewSummary } from './ReviewSummary';
import { itemKey, type QueueItem, REASONS, type ReasonCode, reasonLabel, suggestedReason, VERDICTS, type Verdict } from './reasons';
import { useReviewShortcuts } from './shortcuts';

const SAMPLE_SIZE = 25;

interface Filters {
  initiative: string | null;
  team: string | null;
}

interface Placed {
  item: QueueItem;
  /** Position in the whole sample. */
  index: number;
}

/** Consecutive overrides of the same initiative and team (the engine orders the sample that way). */
function groups(items: QueueItem[]): { first: Placed; members: Placed[] }[] {
  const out: { first: Placed; members: Placed[] }[] = [];
  items.forEach((item, index) => {
    const last = out[out.length - 1];
    if (last && last.first.item.initiativeId === item.initiativeId && last.first.item.teamId === item.teamId) {
      last.members.push({ item, index });
    } else out.push({ first: { item, index }, members: [{ item, index }] });
  });
  return out;
}

/** A step the reviewer can take back with Undo or Ctrl+Z: what it did, and how to reverse it. */
interface Undoable {
  key: string;
  label: string;
  undo: () => Promise<unknown>;
}

function Queue({
  session,
  report,
  link,
  onNewSample,
  renewing,
}: {
  session: ReviewSession;
  report: Report | undefined;
  link: string | null;
  onNewSample: () => void;
  renewing: boolean;
}) {
  const items = session.items;
  const [reasons, setReasons] = useState<Map<string, ReasonCode>>(new Map());
  const [notes, setNotes] = useState<Map<string, string>>(new Map());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  // Resume where the reviewer left off: the first override still waiting.
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      items.findIndex((i) => i.review === null),
    ),
  );
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const [history, setHistory] = useState<HistoryTarget | null>(null);
  const [undoable, setUndoable] = useState<Undoable[]>([]);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const doneButton = useRef<HTMLButtonElement>(null);

  const reviewed = items.filter((i) => i.review !== null).length;
  const allDone = items.length > 0 && reviewed === items.length;

  useEffect(() => {
    if (focusIndex === null) return;
    rows.current[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex]);
  const wasDone = useRef(allDone);
  useEffect(() => {
    // Only when the last verdict lands, not when a finished sample is opened again.
    if (allDone && !wasDone.current) doneButton.current?.focus();
    wasDone.current = allDone;
  }, [allDone]);

  const indexOf = (key: string) => items.findIndex((i) => itemKey(i) === key);
  const focus = (index: number) => {
    setActive(index);
    setFocusIndex(index);
  };
  const forget = (key: string) =>
    setReasons((m) => {
      const copy = new Map(m);
      copy.delete(key);
      return copy;
    });
  const remember = (step: Undoable) => setUndoable((u) => [...u.slice(-19), step]);

  const create = useMutation(orpc.reviews.create.mutationOptions());
  const update = useMutation(orpc.reviews.update.mutationOptions());
  const remove = useMutation(orpc.reviews.delete.mutationOptions());
  const pending = create.isPending || update.isPending || remove.isPending;
  const pendingKey = useRef<string | null>(null);

  const setError = (key: string, message: string | null) =>
    setErrors((m) => {
      const copy = new Map(m);
      if (message) copy.set(key, message);
      else copy.delete(key);
      return copy;
    });

  const reasonOf = useCallback(
    (item: QueueItem) => reasons.get(itemKey(item)) ?? item.review?.reasonCode ?? suggestedReason(item),
    [reasons],
  );

  const chooseReason = (index: number, code: ReasonCode) => {
    const item = items[index];
    if (!item) return;
    setReasons((m) => new Map(m).set(itemKey(item), code));
    setError(itemKey(item), null);
  };

  /** Runs one change of a verdict, marking its row busy. */
  const run = async (key: string, change: () => Promise<unknown>) => {
    pendingKey.current = key;
    try {
      await change();
      forget(key);
      return true;
    } catch {
      // The mutation cache tells the reviewer what went wrong.
      return false;
    } finally {
      pendingKey.current = null;
    }
  };

  const decide = async (index: number, verdict: Verdict) => {
    const item = items[index];
    if (!item || pending) return;
    const key = itemKey(item);
    const reasonCode = reasonOf(item);
    if (!reasonCode) {
      setError(key, 'Pick a reason first: press 1–7 or click one.');
      return;
    }
    setError(key, null);
    const label = `${item.recommendationId}: ${VERDICTS[verdict].label} · ${reasonLabel(reasonCode)}`;
    const before = item.review;
    if (before) {
      if (before.verdict === verdict && before.reasonCode === reasonCode) return;
      const ok = await run(key, () => update.mutateAsync({ id: before.id, verdict, reasonCode }));
      if (ok)
        remember({
          key,
          label: `Changed ${label}`,
          undo: () => update.mutateAsync({ id: before.id, verdict: before.verdict, reasonCode: before.reasonCode }),
        });
      return;
    }
    let id = '';
    const ok = await run(key, async () => {
      id = (
        await create.mutateAsync({
          initiativeId: item.initiativeId,
          recommendationId: item.recommendationId,
          userHash: item.userHash,
          verdict,
          reasonCode,
          note: notes.get(key) ?? '',
        })
      ).id;
    });
    if (!ok) return;
    remember({ key, label: `Recorded ${label}`, undo: () => remove.mutateAsync({ id }) });
    // Focus moves to the next override still waiting, after this one first.
    const order = [...items.keys()].map((k) => (index + 1 + k) % items.length);
    const following = order.find((k) => k !== index && items[k]?.review === null);
    if (following !== undefined) focus(following);
  };

  // An override the AI got wrong is an instance of a failure pattern: link it from here.
  const patternList = useQuery(orpc.failurePatterns.list.queryOptions({ input: {} }));
  const patterns = useMemo(() => (patternList.data ?? []).map((p) => ({ value: p.id, label: p.name })), [patternList.data]);
  const linkPattern = async (index: number, patternId: string | null) => {
    const item = items[index];
    const review = item?.review;
    if (!item || !review || pending || review.patternId === patternId) return;
    const key = itemKey(item);
    const name = (id: string | null) => patterns.find((p) => p.value === id)?.label ?? 'no pattern';
    const ok = await run(key, () => update.mutateAsync({ id: review.id, patternId }));
    if (ok)
      remember({
        key,
        label: `Linked ${item.recommendationId} to ${name(patternId)}`,
        undo: () => update.mutateAsync({ id: review.id, patternId: review.patternId }),
      });
  };

  const undoVerdict = async (index: number) => {
    const item = items[index];
    if (!item?.review || pending) return;
    const review = item.review;
    await run(itemKey(item), () => remove.mutateAsync({ id: review.id }));
  };

  const undoLast = async () => {
    const step = undoable[undoable.length - 1];
    if (!step || pending) return;
    setUndoable((u) => u.slice(0, -1));
    await run(step.key, step.undo);
    const at = indexOf(step.key);
    if (at >= 0) focus(at);
  };

  const move = (by: number) => focus(Math.min(items.length - 1, Math.max(0, active + by)));

  // The loop with feedback: an override judged appropriate means the AI was wrong; F logs it.
  const canLogFeedback = useCan('feedback.create');
  const toFeedback = (index: number) => {
    const item = items[index];
    if (!canLogFeedback || item?.review?.verdict !== 'appropriate') return;
    const month = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' }).format(new Date(item.timestamp));
    openFeedbackForm({
      initiativeId: item.initiativeId,
      teamId: item.teamId,
      caseRef: item.recommendationId,
      aiSaid: item.recommended ?? '',
      whatWasRight: item.final ?? '',
      source: `From override ${item.recommendationId} of ${month}, judged appropriate`,
    });
  };

  useReviewShortcuts({
    onVerdict: (v) => void decide(active, v),
    onReason: (n) => {
      const r = REASONS[n - 1];
      if (r) chooseReason(active, r.code);
    },
    onMove: move,
    onUndo: () => void undoLast(),
    onFeedback: () => toFeedback(active),
  });

  const cellOf = (item: QueueItem) => report?.rows.find((r) => r.initiativeId === item.initiativeId && r.teamId === item.teamId);
  const last = undoable[undoable.length - 1];

  return (
    <Stack gap="sm" px="lg" pb="xl">
      <Group justify="space-between" align="center" wrap="wrap" gap="xs">
        <Box style={{ flex: 1 }} miw={260} maw={420}>
          <Text size="sm" data-testid="review-progress">
            <Text span fw={600} className="tabular">
              {reviewed}
            </Text>{' '}
            of <span className="tabular">{items.length}</span> sampled overrides reviewed
          </Text>
          <Progress value={items.length ? (reviewed / items.length) * 100 : 0} size="sm" mt={6} aria-label="Reviewed in this sample" />
        </Box>
        <Text size="xs" c="dimmed" data-testid="review-keys">
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> move · <Kbd size="xs">1</Kbd>–<Kbd size="xs">7</Kbd> reason · <Kbd size="xs">A</Kbd>{' '}
          appropriate · <Kbd size="xs">N</Kbd> not appropriate · <Kbd size="xs">F</Kbd> log an appropriate one as feedback ·{' '}
          <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Z</Kbd> undo
        </Text>
      </Group>
      {last && (
        <Group gap="xs" data-testid="review-last" wrap="nowrap">
          <Text size="xs" c="dimmed" truncate="end">
            {last.label}.
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconArrowBackUp size={14} />}
            onClick={() => void undoLast()}
            aria-keyshortcuts="Control+Z"
          >
            Undo
          </Button>
        </Group>
      )}

      {allDone && (
        <Group
          justify="space-between"
          p="sm"
          style={{ border: '1px solid var(--uptake-border)', borderRadius: 'var(--mantine-radius-sm)' }}
          data-testid="sample-done"
        >
          <Text size="sm">
            {items.length === 1 ? 'The one override' : `All ${items.length} overrides`} in this sample {items.length === 1 ? 'is' : 'are'}{' '}
            reviewed. Read the effect on the report above, or draw another sample to keep going.
          </Text>
          <Button ref={doneButton} leftSection={<IconRefresh size={16} />} onClick={onNewSample} loading={renewing}>
            Next sample
          </Button>
        </Group>
      )}

      {groups(items).map(({ first, members }) => {
        const cell = cellOf(first.item);
        const groupReviewed = members.filter(({ item }) => item.review !== null).length;
        return (
          <Box key={`group-${itemKey(first.item)}`} component="section" aria-label={`${first.item.initiative} · ${first.item.team}`}>
            <Group justify="space-between" align="baseline" mb={4} data-testid="review-group">
              <Title order={3}>
                {first.item.initiative} · {first.item.team}
              </Title>
              <Text size="xs" c="dimmed" className="tabular" data-testid="review-group-progress">
                {groupProgress(groupReviewed, members.length, cell)}
              </Text>
            </Group>
            <Box component="ol" m={0} p={0} style={{ listStyle: 'none', borderTop: '1px solid var(--uptake-border)' }}>
              {members.map(({ item, index }) => {
                const key = itemKey(item);
                return (
                  <ReviewRow
                    key={key}
                    ref={(el) => {
                      rows.current[index] = el;
                    }}
                    item={item}
                    position={index + 1}
                    total={items.length}
                    active={index === active}
                    reason={reasonOf(item)}
                    note={notes.get(key) ?? ''}
                    error={errors.get(key) ?? null}
                    pending={pending && pendingKey.current === key}
                    link={recommendationUrl(link, item.recommendationId)}
                    onActivate={() => setActive(index)}
                    onReason={(code) => chooseReason(index, code)}
                    onNote={(n) => setNotes((m) => new Map(m).set(key, n))}
                    onVerdict={(v) => void decide(index, v)}
                    onUndo={() => void undoVerdict(index)}
                    onHistory={() => item.review && setHistory({ id: item.review.id, name: `Verdict on ${item.recommendationId}` })}
                    onFeedback={canLogFeedback ? () => toFeedback(index) : undefined}
                    patterns={patterns}
                    onPattern={(patternId) => void linkPattern(index, patternId)}
                  />
                );
              })}
            </Box>
          </Box>
        );
      })}
      <HistoryDrawer format={reviewHistory} target={history} onClose={() => setHistory(null)} />
    </Stack>
  );
}

export function ReviewsPage() {
  const [, navigate] = useLocation();
  const canImport = useCan('imports.upload');
  const link = useWorkspace().data?.recommendationLink ?? null;
  // The sample lives in the database (this device, this member): leaving, reloading or
  // restarting comes back to it. Always fresh: verdicts may have changed since.
  const current = useQuery(orpc.reviews.current.queryOptions({ staleTime: 0 }));
  const session = current.data ?? null;
  const filters: Filters = { initiative: session?.initiative ?? null, team: session?.team ?? null };
  const report = useQuery(orpc.reports.get.queryOptions({ input: filters, placeholderData: keepPreviousData }));
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const start = useMutation(orpc.reviews.start.mutationOptions());

  // No sample yet, or an empty one (nothing was waiting when it was drawn): draw one on arrival.
  const drewOnArrival = useRef(false);
  useEffect(() => {
    if (drewOnArrival.current || !current.isSuccess) return;
    drewOnArrival.current = true;
    if (current.data === null || current.data.items.length === 0) {
      start.mutate({ initiative: current.data?.initiative ?? null, team: current.data?.team ?? null, limit: SAMPLE_SIZE });
    }
  }, [current.isSuccess, current.data, start]);

  /** A new sample for these filters; asks first when the current one is part done. */
  const startNew = (next: Filters) => {
    const draw = () => start.mutate({ ...next, limit: SAMPLE_SIZE });
    const done = session?.reviewed ?? 0;
    const total = session?.items.length ?? 0;
    if (done === 0 || done === total) {
      draw();
      return;
    }
    modals.openConfirmModal({
      title: 'Start a new review?',
      children: (
        <Text size="sm" mb="xs">
          {`You have reviewed ${done} of ${total} overrides in this sample. Your verdicts are kept; the ${total - done} still waiting go back to the pool.`}
        </Text>
      ),
      labels: { confirm: 'Start a new review', cancel: 'Keep reviewing' },
      cancelProps: { 'data-autofocus': true },
      onConfirm: draw,
    });
  };

  const filtered = filters.initiative !== null || filters.team !== null;
  const overrides = report.data?.overall.counts.overridden ?? 0;
  const ready = session !== null && !start.isPending && report.isSuccess;

  return (
    <Page
      screen="reviews"
      title="Override review"
      description="Was each override right? Appropriate: the AI was wrong. Not appropriate: the AI was right and was overridden anyway."
      ready={ready}
    >
      <FilterBar testId="review-filters" pb="md">
        <InitiativeFilter
          initiatives={initiatives.data}
          value={filters.initiative}
          onChange={(v) => startNew({ ...filters, initiative: v })}
        />
        <TeamFilter teams={teams.data} value={filters.team} onChange={(v) => startNew({ ...filters, team: v })} />
        {session && session.items.length > 0 && session.reviewed < session.items.length && (
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => startNew(filters)} loading={start.isPending}>
            Start a new review
          </Button>
        )}
      </FilterBar>
      <QueryState query={{ ...current, data: ready ? session : undefined, isPending: !ready && !current.isError }} what="the review queue">
        {(s) => {
          if (s.items.length === 0) {
            if (overrides === 0 && report.isSuccess) {
              return (
                <EmptyTable
                  icon={filtered ? <IconFilterOff size={22} /> : <IconChecklist size={22} />}
                  title={filtered ? 'No overridden decisions in this slice' : 'No overridden decisions yet'}
                  description={
                    filtered
                      ? 'Nobody overrode the AI for this initiative and team. Clear the filters to review other teams.'
                      : canImport
                        ? 'Import a decisions CSV: the overrides in it are sampled here per initiative and team for review.'
                        : 'A change manager imports the decisions log; its overrides are sampled here for review.'
                  }
                  action={
                    filtered ? (
                      <Button variant="default" onClick={() => startNew({ initiative: null, team: null })}>
                        Clear filters
                      </Button>
                    ) : (
                      canImport && (
                        <Button leftSection={<IconUpload size={16} />} onClick={() => navigate('/imports')}>
                          Go to Imports
                        </Button>
                      )
                    )
                  }
                />
              );
            }
            return (
              <Stack gap="lg">
                <EmptyTable
                  icon={<IconChecklist size={22} />}
                  title="All overrides reviewed"
                  description={`Every overridden decision${filtered ? ' in this slice' : ''} has a verdict. New ones appear here after the next decisions import.`}
                />
                {report.data && <ReviewSummary report={report.data} />}
              </Stack>
            );
          }
          return (
            <Stack gap="lg">
              {report.data && <ReviewSummary report={report.data} />}
              <Queue
                key={s.startedAt}
                session={s}
                report={report.data}
                link={link}
                onNewSample={() => startNew(filters)}
                renewing={start.isPending}
              />
            </Stack>
          );
        }}
      </QueryState>
    </Page>
  );
}
