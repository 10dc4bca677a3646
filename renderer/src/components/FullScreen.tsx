import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../api/errors';

export function FullScreenLoader({ label }: { label: string }) {
  return (
    <Center h="100%" component="main" aria-busy="true">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

export function FullScreenError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Center h="100%" component="main" p="xl">
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertCircle size={18} />}
        title="Uptake could not open its workspace"
        maw={520}
        data-screen="error"
      >
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{errorMessage(error)}</Text>
          <Button variant="default" size="xs" onClick={onRetry}>
            Try again
          </Button>
        </Stack>
      </Alert>
    </Center>
  );
}
