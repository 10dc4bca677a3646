import { zodResolver } from '@hookform/resolvers/zod';
import { Box, Button, Center, Divider, Paper, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { WorkspaceInitInput } from '../../../db/api/contract';
import { orpc } from '../api/query';
import { FormError, useServerErrors } from '../components/FormError';
import { JoinWorkspace } from './JoinWorkspace';

/** An empty database: start a workspace, look around the demo one, or join a team's workspace from its shared folder. */
export function FirstRun() {
  const form = useForm({ resolver: zodResolver(WorkspaceInitInput), defaultValues: { workspace: '', me: '' } });
  const errors = useServerErrors(form.setError, ['workspace', 'me']);
  const init = useMutation(orpc.workspace.init.mutationOptions({ meta: { inlineErrors: true }, onError: errors.report }));
  const demo = useMutation(orpc.workspace.demo.mutationOptions({ meta: { inlineErrors: true }, onError: errors.report }));
  const busy = init.isPending || demo.isPending;

  useEffect(() => {
    document.title = 'Welcome · Uptake';
  }, []);

  return (
    <Center component="main" mih="100%" p="xl" bg="var(--uptake-sidebar-bg)" data-screen="first-run" data-ready="true">
      <Paper withBorder radius="md" p="xl" w={420} shadow="xs">
        <Stack gap="lg">
          <Stack gap={8}>
            <ThemeIcon size={32} radius="sm" aria-hidden>
              <Text fw={700} c="white">
                U
              </Text>
            </ThemeIcon>
            <Title order={1}>Welcome to Uptake</Title>
            <Text size="sm" c="dimmed">
              Uptake helps change managers see whether people really use the AI being rolled out to them, team by team, on this computer and
              offline.
            </Text>
          </Stack>

          <form
            aria-labelledby="create-workspace-heading"
            onSubmit={form.handleSubmit((values) => {
              errors.clear();
              init.mutate(values);
            })}
            noValidate
          >
            <Stack gap="sm">
              <Title order={2} id="create-workspace-heading">
                Create a workspace
              </Title>
              <FormError message={errors.formError} />
              <TextInput
                label="Workspace name"
                description="Usually your organisation, e.g. Acme Insurance"
                data-autofocus
                autoFocus
                {...form.register('workspace')}
                error={form.formState.errors.workspace?.message}
              />
              <TextInput
                label="Your name"
                description="You will be the workspace's first change manager"
                autoComplete="name"
                {...form.register('me')}
                error={form.formState.errors.me?.message}
              />
              <Button type="submit" loading={init.isPending} disabled={demo.isPending} fullWidth mt={4}>
                Create workspace
              </Button>
            </Stack>
          </form>

          <Divider label="or" labelPosition="center" />

          <Box>
            <Button variant="default" fullWidth onClick={() => demo.mutate({})} loading={demo.isPending} disabled={busy && !demo.isPending}>
              Open the demo workspace
            </Button>
            <Text size="xs" c="dimmed" mt={6} ta="center">
              Acme Insurance, a sample insurer with teams and AI initiatives. You act as Dana Lee, a change manager.
            </Text>
          </Box>

          <Divider label="or" labelPosition="center" />

          <JoinWorkspace disabled={busy} />
        </Stack>
      </Paper>
    </Center>
  );
}
