import { Box, Button, Group, Kbd, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { IconChecklist, IconFilterOff, IconRefresh, IconUpload } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { EmptyTable } from '../components/EmptyTable';
import { Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { localeNumber } from '../locale/locale';
import type { Report } from '../reports/types';
import { type Judged, ReviewRow } from './ReviewRow';
import { appropriateness, ReviewSummary } from './ReviewSummary';
import { itemKey, type QueueItem, REASONS, type ReasonCode, suggestedReason, type Verdict } from './reasons';
import { useReviewShortcuts } from './shortcuts';

const SAMPLE_SIZE = 25;
const number = localeNumber;

interface Sample {
  /** The filters it was drawn for. */
  key: string;
  /** How many samples were drawn for these filters: a new one starts the queue afresh. */
  drawn: number;
  items: QueueItem[];
}

/** Group the sample by initiative and team, newest first within each, so the queue reads by slice. */
function ordered(items: QueueItem[]): QueueItem[] {
  return [...items].sort(
    (a, b) => a.initiative.localeCompare(b.initiative) || a.team.localeCompare(b.team) || b.timestamp.localeCompare(a.timestamp),
  );
}

interface Placed {
  item: QueueItem;
  /** Position in the whole sample. */
  index: number;
}

/** Consecutive overrides of the same initiative and team (the sample is ordered that way). */
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

function Queue({
  sample,
  report,
  onNewSample,
  renewing,
}: {
  sample: Sample;
  report: Report | undefined;
  onNewSample: () => void;
  renewing: boolean;
}) {
  const items = sample.items;
  const [judged, setJudged] = useState<Map<string, Judged>>(new Map());
  const [reasons, setReasons] = useState<Map<string, ReasonCode>>(new Map());
  const [notes, setNotes] = useState<Map<string, string>>(new Map());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [active, setActive] = useState(0);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  const doneButton = useRef<HTMLButtonElement>(null);

  const reviewed = items.filter((i) => judged.has(itemKey(i))).length;
  const allDone = items.length > 0 && reviewed === items.length;

  useEffect(() => {
    if (focusIndex === null) return;
    rows.current[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex]);
  useEffect(() => {
    if (allDone) doneButton.current?.focus();
  }, [allDone]);

  const create = useMutation(
    orpc.reviews.create.mutationOptions({
      onSuccess: (_result, v) => {
        const key = itemKey(v);
        const next = new Map(judged).set(key, { verdict: v.verdict, reasonCode: v.reasonCode });
        setJudged(next);
        // Focus moves to the next override still waiting, after this one first.
        const at = items.findIndex((i) => itemKey(i) === key);
        const order = [...items.keys()].map((k) => (at + 1 + k) % items.length);
        const following = order.find((k) => {
          const it = items[k];
          return it !== undefined && !next.has(itemKey(it));
        });
        if (following !== undefined) {
          setActive(following);
          setFocusIndex(following);
        }
      },
    }),
  );

  const setError = (key: string, message: string | null) =>
    setErrors((m) => {
      const copy = new Map(m);
      if (message) copy.set(key, message);
      else copy.delete(key);
      return copy;
    });

  const reasonOf = useCallback((item: QueueItem) => reasons.get(itemKey(item)) ?? suggestedReason(item), [reasons]);

  const chooseReason = (index: number, code: ReasonCode) => {
    const item = items[index];
    if (!item || judged.has(itemKey(item))) return;
    setReasons((m) => new Map(m).set(itemKey(item), code));
    setError(itemKey(item), null);
  };

  const decide = (index: number, verdict: Verdict) => {
    const item = items[index];
    if (!item || judged.has(itemKey(item)) || create.isPending) return;
    const reasonCode = reasonOf(item);
    if (!reasonCode) {
      setError(itemKey(item), 'Pick a reason first: press 1–7 or click one.');
      return;
    }
    setError(itemKey(item), null);
    create.mutate({
      initiativeId: item.initiativeId,
      recommendationId: item.recommendationId,
      userHash: item.userHash,
      verdict,
      reasonCode,
      note: notes.get(itemKey(item)) ?? '',
    });
  };

  const move = (by: number) => {
    const next = Math.min(items.length - 1, Math.max(0, active + by));
    setActive(next);
    setFocusIndex(next);
  };

  useReviewShortcuts({
    onVerdict: (v) => decide(active, v),
    onReason: (n) => {
      const r = REASONS[n - 1];
      if (r) chooseReason(active, r.code);
    },
    onMove: move,
  });

  const cellOf = (item: QueueItem) => report?.rows.find((r) => r.initiativeId === item.initiativeId && r.teamId === item.teamId);

  return (
    <Stack gap="sm" px="lg" pb="xl">
      <Group justify="space-between" align="center" wrap="nowrap">
        <Box style={{ flex: 1 }} maw={420}>
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
          appropriate · <Kbd size="xs">N</Kbd> not appropriate
        </Text>
      </Group>

      {allDone && (
        <Group
          justify="space-between"
          p="sm"
          style={{ border: '1px solid var(--uptake-border)', borderRadius: 'var(--mantine-radius-sm)' }}
          data-testid="sample-done"
        >
          <Text size="sm">
            {items.length === 1 ? 'The one override' : `All ${items.length} overrides`} in this sample {items.length === 1 ? 'is' : 'are'}{' '}
            reviewed. Draw another sample to keep going, or read the effect on the report above.
          </Text>
          <Button ref={doneButton} leftSection={<IconRefresh size={16} />} onClick={onNewSample} loading={renewing}>
            Next sample
          </Button>
        </Group>
      )}

      {groups(items).map(({ first, members }) => {
        const cell = cellOf(first.item);
        const groupReviewed = members.filter(({ item }) => judged.has(itemKey(item))).length;
        return (
          <Box key={`group-${itemKey(first.item)}`} component="section" aria-label={`${first.item.initiative} · ${first.item.team}`}>
            <Group justify="space-between" align="baseline" mb={4} data-testid="review-group">
              <Title order={3}>
                {first.item.initiative} · {first.item.team}
              </Title>
              <Text size="xs" c="dimmed" className="tabular">
                {groupReviewed} of {members.length} reviewed
                {cell && ` · override appropriateness ${appropriateness(cell)} of ${number.format(cell.counts.reviewed)} reviewed`}
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
                    judged={judged.get(key)}
                    reason={reasonOf(item)}
                    note={notes.get(key) ?? ''}
                    error={errors.get(key) ?? null}
                    pending={create.isPending && create.variables && itemKey(create.variables) === key}
                    onActivate={() => setActive(index)}
                    onReason={(code) => chooseReason(index, code)}
                    onNote={(n) => setNotes((m) => new Map(m).set(key, n))}
                    onVerdict={(v) => decide(index, v)}
                  />
                );
              })}
            </Box>
          </Box>
        );
      })}
    </Stack>
  );
}

export function ReviewsPage() {
  const [initiative, setInitiative] = useState<string | null>(null);
  const [team, setTeam] = useState<string | null>(null);
  const [, navigate] = useLocation();
  const canImport = useCan('imports.upload');
  const input = { initiative, team, limit: SAMPLE_SIZE };
  const key = JSON.stringify(input);
  // Always fresh: a cached queue may hold overrides reviewed since it was fetched.
  const queue = useQuery(orpc.reviews.queue.queryOptions({ input, staleTime: 0 }));
  const report = useQuery(orpc.reports.get.queryOptions({ input: { initiative, team }, placeholderData: keepPreviousData }));
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const [sample, setSample] = useState<Sample | null>(null);
  const [renewing, setRenewing] = useState(false);

  // The sample stays put while the reviewer works through it (each verdict refetches the queue,
  // which would otherwise pull reviewed overrides out and new ones in); filters draw a new one.
  useEffect(() => {
    if (queue.data && !queue.isFetching && sample?.key !== key) setSample({ key, drawn: 0, items: ordered(queue.data) });
  }, [queue.data, queue.isFetching, key, sample?.key]);

  const newSample = async () => {
    setRenewing(true);
    try {
      const fresh = await queue.refetch();
      if (fresh.data) setSample({ key, drawn: (sample?.drawn ?? 0) + 1, items: ordered(fresh.data) });
    } finally {
      setRenewing(false);
    }
  };

  const current = sample?.key === key ? sample : null;
  const filtered = initiative !== null || team !== null;
  const overrides = report.data?.overall.counts.overridden ?? 0;

  return (
    <Page
      screen="reviews"
      title="Override review"
      description="Was each override right? Appropriate: the AI was wrong. Not appropriate: the AI was right and was overridden anyway."
      ready={current !== null && report.isSuccess}
    >
      <Group px="lg" pb="md" gap="sm" align="flex-end" data-testid="review-filters">
        <Select
          label="Initiative"
          placeholder="All initiatives"
          clearable
          w={240}
          data={(initiatives.data ?? []).filter((i) => !i.deleted).map((i) => ({ value: i.id, label: i.name }))}
          value={initiative}
          onChange={setInitiative}
        />
        <Select
          label="Team"
          placeholder="All teams"
          clearable
          searchable
          w={240}
          data={(teams.data ?? []).filter((t) => !t.deleted).map((t) => ({ value: t.id, label: t.path.join(' › ') }))}
          value={team}
          onChange={setTeam}
        />
      </Group>
      <QueryState query={{ ...queue, data: current ?? undefined, isPending: current === null && !queue.isError }} what="the review queue">
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
                      <Button
                        variant="default"
                        onClick={() => {
                          setInitiative(null);
                          setTeam(null);
                        }}
                      >
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
              <Queue key={`${s.key}-${s.drawn}`} sample={s} report={report.data} onNewSample={() => void newSample()} renewing={renewing} />
            </Stack>
          );
        }}
      </QueryState>
    </Page>
  );
}
