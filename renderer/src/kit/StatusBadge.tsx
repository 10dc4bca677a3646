import { Badge } from '@mantine/core';

// A badge keeps its width in a narrow table instead of shrinking to "Over…".
const BADGE_STYLES = { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } };

/**
 * A row's status in a list: what needs acting on (overdue, due today) as a tinted badge in
 * `urgent`'s colour; anything else as a dot of `dot`'s colour beside its label, in the text colour
 * (dimmed with `muted`, for what is over: retired).
 */
export function StatusBadge({
  label,
  urgent,
  dot = 'blue',
  testId,
  muted = false,
}: {
  label: string;
  urgent?: 'red' | 'orange' | undefined;
  dot?: string;
  testId?: string;
  muted?: boolean;
}) {
  if (urgent)
    return (
      <Badge variant="light" color={urgent} size="sm" radius="sm" data-testid={testId} styles={BADGE_STYLES}>
        {label}
      </Badge>
    );
  return (
    <Badge
      variant="dot"
      color={dot}
      size="md"
      c={muted ? 'dimmed' : 'var(--mantine-color-text)'}
      fw={500}
      data-testid={testId}
      styles={BADGE_STYLES}
    >
      {label}
    </Badge>
  );
}
