import { Anchor, Badge, Box, Button, Group, Kbd, Select, Text, TextInput } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconExternalLink, IconHistory, IconMessageReport } from '@tabler/icons-react';
import type { Ref } from 'react';
import './reviews.css';
import { formatDateTime } from '../history/format';
import { loggedReason, type QueueItem, REASONS, type ReasonCode, reasonLabel, VERDICTS, type Verdict } from './reasons';

interface ReviewRowProps {
  item: QueueItem;
  position: number;
  total: number;
  active: boolean;
  /** The reason picked for the next verdict (the verdict's own once judged, until another is picked). */
  reason: ReasonCode | null;
  note: string;
  error: string | null;
  pending: boolean;
  /** The recommendation in the source system, when the workspace sets a link. */
  link: string | null;
  ref: Ref<HTMLLIElement>;
  onActivate: () => void;
  onReason: (code: ReasonCode) => void;
  onNote: (note: string) => void;
  onVerdict: (verdict: Verdict) => void;
  onUndo: () => void;
  onHistory: () => void;
  /** The override was right (the AI was wrong): log it as feedback. Absent for those who may not log feedback. */
  onFeedback?: (() => void) | undefined;
  /** The workspace's failure patterns, to link an override judged appropriate to one. */
  patterns: readonly { value: string; label: string }[];
  /** Links (or, with null, unlinks) the verdict to a failure pattern. */
  onPattern: (patternId: string | null) => void;
}

/** The recommendation id, linked to the source system when there is a link (a browser tab; Electron opens the default browser). */
export function RecommendationId({ id, link }: { id: string; link: string | null }) {
  if (!link) return <>{id}</>;
  return (
    <Anchor
      href={link}
      target="_blank"
      rel="noopener noreferrer"
      inherit
      title={`Open ${id} in the source system`}
      data-testid="recommendation-link"
      onClick={(e) => e.stopPropagation()}
    >
      {id}
      <IconExternalLink size={12} style={{ marginLeft: 3, verticalAlign: '-1px' }} aria-hidden />
    </Anchor>
  );
}

/**
 * One overridden decision. The active one opens up: reason (1–7), an optional note and the two
 * verdicts (A, N); once judged, the same keys change the verdict and it can be undone. The
 * others stay one line (two with what the AI recommended) so the queue reads as a list.
 */
export function ReviewRow({
  item,
  position,
  total,
  active,
  reason,
  note,
  error,
  pending,
  link,
  ref,
  onActivate,
  onReason,
  onNote,
  onVerdict,
  onUndo,
  onHistory,
  onFeedback,
  patterns,
  onPattern,
}: ReviewRowProps) {
  const when = formatDateTime(item.timestamp);
  const judged = item.review;
  const logged = loggedReason(item);
  const state = judged ? `${VERDICTS[judged.verdict].label}, ${reasonLabel(judged.reasonCode)}` : 'not reviewed';
  const errorId = `review-error-${position}`;
  return (
    <li
      ref={ref}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: each override is a stop in the queue; focusing one makes it the one the shortcuts act on
      tabIndex={0}
      className="review-item"
      data-active={active ? 'true' : undefined}
      data-reviewed={judged ? judged.verdict : undefined}
      data-testid="review-item"
      data-recommendation={item.recommendationId}
      aria-label={`Override ${position} of ${total}: ${item.recommendationId}, ${item.team}, ${when}; ${state}`}
      onFocus={onActivate}
    >
      <Group gap="sm" wrap="nowrap" align="baseline">
        <Text size="xs" c="dimmed" className="tabular" w={24} ta="right" style={{ flex: 'none' }}>
          {position}
        </Text>
        <Text size="sm" fw={500} className="tabular" style={{ flex: 'none' }}>
          <RecommendationId id={item.recommendationId} link={link} />
        </Text>
        <Text size="xs" c="dimmed" style={{ flex: 'none' }} title="A keyed hash of the user id: names are never stored">
          user {item.userHash.slice(0, 8)}
        </Text>
        <Text size="xs" c="dimmed" className="tabular" style={{ flex: 'none' }}>
          {when}
        </Text>
        <Text size="sm" truncate="end" style={{ flex: 1 }} c={logged ? undefined : 'dimmed'} data-testid="review-reason">
          {logged ?? 'No reason given'}
        </Text>
        {judged && (
          <Badge
            variant="light"
            color={judged.verdict === 'appropriate' ? 'teal' : 'grape'}
            leftSection={<IconCheck size={12} aria-hidden />}
            style={{ flex: 'none' }}
            data-testid="review-verdict"
          >
            {VERDICTS[judged.verdict].label} · {reasonLabel(judged.reasonCode)}
          </Badge>
        )}
      </Group>
      {(item.recommended || item.final) && (
        <Group gap={6} wrap="nowrap" pl={36} pt={2} data-testid="review-outcome" className="review-outcome">
          <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
            AI recommended
          </Text>
          <Text size="xs" fw={500} truncate="end" title={item.recommended ?? undefined} data-testid="review-recommended">
            {item.recommended ?? '—'}
          </Text>
          <Text size="xs" c="dimmed" style={{ flex: 'none' }} aria-hidden>
            →
          </Text>
          <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
            final
          </Text>
          <Text size="xs" fw={500} truncate="end" title={item.final ?? undefined} data-testid="review-final">
            {item.final ?? '—'}
          </Text>
        </Group>
      )}
      {active && (
        <Box pl={36} pt={8}>
          <Group gap={6} role="group" aria-label="Reason" wrap="wrap">
            <Text size="xs" c="dimmed" w={48}>
              Reason
            </Text>
            {REASONS.map((r) => (
              <Button
                key={r.code}
                size="compact-sm"
                variant={reason === r.code ? 'filled' : 'default'}
                aria-pressed={reason === r.code}
                aria-keyshortcuts={r.key}
                onClick={() => onReason(r.code)}
                leftSection={<Kbd size="xs">{r.key}</Kbd>}
                fw={reason === r.code ? 600 : 400}
              >
                {r.label}
              </Button>
            ))}
          </Group>
          <Group gap="xs" mt={8} wrap="nowrap" align="flex-start">
            <Box w={48} />
            {!judged && (
              <TextInput
                size="xs"
                placeholder="Note (optional)"
                aria-label="Note (optional)"
                value={note}
                onChange={(e) => onNote(e.currentTarget.value)}
                style={{ flex: 1 }}
                miw={120}
                maw={320}
              />
            )}
            {(['appropriate', 'inappropriate'] as const).map((v) => {
              return (
                <Button
                  key={v}
                  size="xs"
                  variant={judged?.verdict === v ? 'filled' : 'light'}
                  // The chosen (filled) verdict in the darkest shade: white on the usual one is not readable.
                  color={`${v === 'appropriate' ? 'teal' : 'grape'}${judged?.verdict === v ? '.9' : ''}`}
                  loading={pending}
                  aria-pressed={judged ? judged.verdict === v : undefined}
                  aria-keyshortcuts={VERDICTS[v].key}
                  aria-describedby={error ? errorId : undefined}
                  onClick={() => onVerdict(v)}
                  rightSection={<Kbd size="xs">{VERDICTS[v].key}</Kbd>}
                >
                  {VERDICTS[v].label}
                  <Text span size="xs" fw={400} ml={4} inherit={false}>
                    ({VERDICTS[v].meaning})
                  </Text>
                </Button>
              );
            })}
          </Group>
          {judged && (
            <Group gap="xs" mt={6} pl={56} wrap="wrap" align="center">
              <Text size="xs" c="dimmed">
                Judged {VERDICTS[judged.verdict].label.toLowerCase()} · {reasonLabel(judged.reasonCode)}
                {judged.note ? ` · “${judged.note}”` : ''}. Pick another reason or verdict to change it.
              </Text>
              <Button size="compact-xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={onUndo} loading={pending}>
                Undo verdict
              </Button>
              <Button size="compact-xs" variant="subtle" leftSection={<IconHistory size={14} />} onClick={onHistory}>
                History
              </Button>
              {judged.verdict === 'appropriate' && onFeedback && (
                <Button
                  size="compact-xs"
                  variant="light"
                  color="teal"
                  leftSection={<IconMessageReport size={14} />}
                  rightSection={<Kbd size="xs">F</Kbd>}
                  aria-keyshortcuts="F"
                  onClick={onFeedback}
                  data-testid="review-to-feedback"
                >
                  Log as feedback
                </Button>
              )}
              {judged.verdict === 'appropriate' && (
                <Group gap={6} wrap="nowrap">
                  <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                    Failure pattern
                  </Text>
                  <Select
                    size="xs"
                    w={240}
                    aria-label="Failure pattern"
                    placeholder={patterns.length ? 'Link to a pattern' : 'No patterns named yet'}
                    disabled={patterns.length === 0 && !judged.patternId}
                    data={patterns as { value: string; label: string }[]}
                    value={judged.patternId}
                    onChange={onPattern}
                    clearable
                    searchable
                    nothingFoundMessage="No pattern of that name"
                    data-testid="review-pattern"
                  />
                </Group>
              )}
            </Group>
          )}
          {error && (
            <Text size="xs" c="red.9" mt={6} pl={56} id={errorId} role="alert">
              {error}
            </Text>
          )}
        </Box>
      )}
    </li>
  );
}
