import { Badge, Box, Button, Group, Kbd, Text, TextInput } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { Ref } from 'react';
import './reviews.css';
import { formatDateTime } from '../history/format';
import { type QueueItem, REASONS, type ReasonCode, reasonLabel, VERDICTS, type Verdict } from './reasons';

export interface Judged {
  verdict: Verdict;
  reasonCode: ReasonCode;
}

interface ReviewRowProps {
  item: QueueItem;
  position: number;
  total: number;
  active: boolean;
  judged: Judged | undefined;
  reason: ReasonCode | null;
  note: string;
  error: string | null;
  pending: boolean;
  ref: Ref<HTMLLIElement>;
  onActivate: () => void;
  onReason: (code: ReasonCode) => void;
  onNote: (note: string) => void;
  onVerdict: (verdict: Verdict) => void;
}

/**
 * One overridden decision. The active one opens up: reason (1–7), an optional note and the two
 * verdicts (A, N); the others stay one line so the queue reads as a list.
 */
export function ReviewRow({
  item,
  position,
  total,
  active,
  judged,
  reason,
  note,
  error,
  pending,
  ref,
  onActivate,
  onReason,
  onNote,
  onVerdict,
}: ReviewRowProps) {
  const when = formatDateTime(item.timestamp);
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
          {item.recommendationId}
        </Text>
        <Text size="xs" c="dimmed" style={{ flex: 'none' }} title="A keyed hash of the user id: names are never stored">
          user {item.userHash.slice(0, 8)}
        </Text>
        <Text size="xs" c="dimmed" className="tabular" style={{ flex: 'none' }}>
          {when}
        </Text>
        <Text size="sm" truncate="end" style={{ flex: 1 }} c={item.reason ? undefined : 'dimmed'}>
          {item.reason ? `“${item.reason}”` : 'No reason given'}
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
      {active && !judged && (
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
            <TextInput
              size="xs"
              placeholder="Note (optional)"
              aria-label="Note (optional)"
              value={note}
              onChange={(e) => onNote(e.currentTarget.value)}
              style={{ flex: 1 }}
              maw={320}
            />
            {(['appropriate', 'inappropriate'] as const).map((v) => (
              <Button
                key={v}
                size="xs"
                variant="light"
                color={v === 'appropriate' ? 'teal' : 'grape'}
                loading={pending}
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
            ))}
          </Group>
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
