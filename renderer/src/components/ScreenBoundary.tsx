import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { Component, type ReactNode, Suspense } from 'react';
import { errorMessage } from '../api/errors';

/** While a screen's code loads (the first time it is opened): a quiet spinner in the main area. */
function ScreenLoading() {
  return (
    <Center h="60vh" aria-busy="true" aria-label="Opening the screen">
      <Loader size="sm" />
    </Center>
  );
}

interface State {
  error: unknown;
}

/**
 * One screen that fails (its code could not be loaded, or it threw while drawing) shows what
 * happened in its place, with a way out, instead of leaving the whole window blank. The shell
 * keys it by location, so opening another screen starts afresh.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    if (this.state.error === null) return <Suspense fallback={<ScreenLoading />}>{this.props.children}</Suspense>;
    return (
      <Center p="xl" data-screen="error">
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="This screen could not be opened" maw={520}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{errorMessage(this.state.error)}</Text>
            <Text size="sm" c="dimmed">
              Your data is safe. Reloading the window usually fixes this; other screens still work from the sidebar.
            </Text>
            <Button variant="default" size="xs" onClick={() => window.location.reload()}>
              Reload
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
}
