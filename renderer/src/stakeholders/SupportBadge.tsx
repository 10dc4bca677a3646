import { Badge } from '@mantine/core';
import type { SupportLevel } from '../../../db/api/types';
import { SUPPORT_COLORS, SUPPORT_LABELS } from './register';

export function SupportBadge({ support }: { support: SupportLevel }) {
  return (
    <Badge
      variant="light"
      color={SUPPORT_COLORS[support]}
      size="sm"
      radius="sm"
      data-testid="support-badge"
      styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }}
    >
      {SUPPORT_LABELS[support]}
    </Badge>
  );
}
