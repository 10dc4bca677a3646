import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLink, IconStack2 } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SimilarItem } from '../../../db/api/types';
import { orpc } from '../api/query';

/** How long typing pauses before the search runs: each keystroke would be a query otherwise. */
const PAUSE_MS = 300;

/**
 * Open feedback and patterns that read like what is being typed (up to 5), and the pattern the new
 * item will be linked to. A similar item already in a pattern, or a pattern itself, offers the link.
 */
export function Suggestions({
  text,
  patternId,
  onLink,
}: {
  text: string;
  patternId: string | null | undefined;
  onLink: (patternId: string | null) => void;
}) {
  const [debounced] = useDebouncedValue(text.trim(), PAUSE_MS);
  const similar = useQuery({
    ...orpc.feedback.similar.queryOptions({ input: { text: debounced, limit: 5 } }),
    enabled: debounced.length >= 3,
    placeholderData: keepPreviousData,
  });
  const patterns = useQuery(orpc.failurePatterns.list.queryOptions({ input: {} }));
  const linked = patternId ? patterns.data?.find((p) => p.id === patternId) : undefined;
  const items = debounced.length >= 3 ? (similar.data ?? []) : [];
  if (!linked && items.length === 0) return null;
  const patternName = (id: string | null) => (id ? patterns.data?.find((p) => p.id === id)?.name : undefined);
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)" data-testid="feedback-suggestions" aria-label="Similar open feedback">
      {linked && (
        <Group justify="space-between" mb={items.length > 0 ? 'xs' : 0} wrap="nowrap">
          <Text size="sm" data-testid="linked-pattern">
            <IconStack2 size={14} style={{ verticalAlign: -2 }} /> Will be linked to the pattern <b>{linked.name}</b>
          </Text>
          <Anchor component="button" type="button" size="xs" onClick={() => onLink(null)}>
            Unlink
          </Anchor>
        </Group>
      )}
      {items.length > 0 && (
        <>
          <Text size="xs" c="dimmed" mb={4}>
            Similar open feedback and patterns: is this one of them?
          </Text>
          <Stack gap={4} role="list">
            {items.map((s) => (
              <Suggestion key={s.id} item={s} patternName={patternName(s.patternId)} linkedId={patternId ?? null} onLink={onLink} />
            ))}
          </Stack>
        </>
      )}
    </Paper>
  );
}

function Suggestion({
  item,
  patternName,
  linkedId,
  onLink,
}: {
  item: SimilarItem;
  patternName: string | undefined;
  linkedId: string | null;
  onLink: (patternId: string) => void;
}) {
  const isPattern = item.kind === 'pattern';
  return (
    <Group role="listitem" justify="space-between" wrap="nowrap" gap="sm" data-testid="suggestion" data-kind={item.kind}>
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={500} truncate="end" title={item.title}>
          {isPattern ? 'Pattern: ' : item.caseRef ? `${item.caseRef} · ` : ''}
          {item.title}
        </Text>
        <Text size="xs" c="dimmed" truncate="end" title={item.detail ?? undefined}>
          {isPattern ? (item.detail ?? 'No description') : `${item.team ?? 'A removed team'} · right: ${item.detail ?? ''}`}
          {!isPattern && patternName ? ` · in ${patternName}` : ''}
        </Text>
      </div>
      {item.patternId && item.patternId !== linkedId && (
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconLink size={12} />}
          onClick={() => item.patternId && onLink(item.patternId)}
          aria-label={`Link to the pattern ${isPattern ? item.title : (patternName ?? '')}`}
        >
          Link
        </Button>
      )}
    </Group>
  );
}
