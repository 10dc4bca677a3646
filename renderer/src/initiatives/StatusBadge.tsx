import { Badge } from '@mantine/core';
import { INITIATIVE_STATUS_LABELS, type InitiativeStatus } from '../../../db/api/types';

const COLORS: Record<InitiativeStatus, string> = {
  pilot: 'violet',
  rolling_out: 'blue',
  live: 'teal',
  paused: 'yellow',
  retired: 'gray',
};

/** A dot badge: the colour tells the status at a glance, the text stays readable. */
export function StatusBadge({ status }: { status: InitiativeStatus }) {
  return (
    <Badge
      variant="dot"
      color={COLORS[status]}
      size="md"
      c="var(--mantine-color-text)"
      fw={500}
      styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }}
    >
      {INITIATIVE_STATUS_LABELS[status]}
    </Badge>
  );
}
