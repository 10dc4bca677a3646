import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/errors';

export interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/** Loading skeleton, an inline error with a retry, or the content once the data is there. */
export function QueryState<T>({ query, what, children }: { query: QueryLike<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.isPending) {
    return (
      <Stack gap={6} p="md" aria-busy="true" aria-label={`Loading ${what}`}>
        {[0, 1, 2, 3, 4].map((i) => (
          <Skeleton key={i} height={26} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (query.isError || query.data === undefined) {
    return (
      <Alert color="red" variant="light" m="md" icon={<IconAlertCircle size={18} />} title={`Could not load ${what}`} role="alert">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text size="sm">{errorMessage(query.error)}</Text>
          <Button variant="default" size="xs" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Group>
      </Alert>
    );
  }
  return children(query.data);
}
