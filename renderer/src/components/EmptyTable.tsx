import { Box, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';

/** What an empty list says: what belongs here, and what to do next. */
export function EmptyTable({
  icon,
  title,
  description,
  action,
}: {
  icon: ReactNode;
  title: string;
  description: string;
  action?: ReactNode;
}) {
  return (
    <Box px="lg" py={56} style={{ borderTop: '1px solid var(--uptake-border)' }} data-testid="empty-state">
      <Stack align="center" gap={8} maw={420} mx="auto" ta="center">
        <ThemeIcon size={40} radius="xl" variant="light" color="gray" aria-hidden>
          {icon}
        </ThemeIcon>
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        {action && <Box mt={6}>{action}</Box>}
      </Stack>
    </Box>
  );
}
