import { Anchor, Box, Group, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect, useId } from 'react';
import { useWorkspace } from '../api/workspace';

interface PageProps {
  /** A name for tests and styling: `data-screen`. */
  screen: string;
  title: string;
  description?: ReactNode;
  /** Buttons on the right of the header. */
  actions?: ReactNode;
  /** Set once the screen's data has loaded: `data-ready="true"` is what tests wait for. */
  ready: boolean;
  children: ReactNode;
}

export function Page({ screen, title, description, actions, ready, children }: PageProps) {
  const headingId = useId();
  const workspaceName = useWorkspace().data?.workspace?.name ?? '';
  useEffect(() => {
    document.title = `${title} · ${workspaceName} · Uptake`;
  }, [title, workspaceName]);
  return (
    <Box component="section" aria-labelledby={headingId} data-screen={screen} data-ready={ready ? 'true' : 'false'}>
      <Group justify="space-between" align="flex-end" px="lg" pt="lg" pb="md" wrap="nowrap">
        <Stack gap={2}>
          <Title order={1} id={headingId}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="xs" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
      {children}
    </Box>
  );
}

/** A detail screen's way back, at the start of its description: a link to the list it belongs to. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Anchor href={href} size="sm" underline="always">
      {children}
    </Anchor>
  );
}
