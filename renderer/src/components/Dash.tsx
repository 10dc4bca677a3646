import { Text } from '@mantine/core';

/** An empty cell. */
export function Dash() {
  return (
    <Text span c="dimmed">
      —
    </Text>
  );
}
