import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ROLE_LABELS } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';

/**
 * Join a workspace someone else created: the shared folder, then the workspace in it and who you
 * are (a member a change manager added), read from the folder's files before anything is changed.
 */
export function JoinWorkspace({ disabled }: { disabled: boolean }) {
  const [folder, setFolder] = useState('');
  const [looked, setLooked] = useState<string | null>(null);
  const [workspaceId, setWorkspaceId] = useState<string | null>(null);
  const [memberId, setMemberId] = useState<string | null>(null);
  const electron = window.api?.host === 'electron' ? window.api : null;
  const joinable = useQuery({ ...orpc.sync.joinable.queryOptions({ input: looked ? { folder: looked } : skipToken }), retry: false });
  const join = useMutation(orpc.sync.join.mutationOptions({ meta: { inlineErrors: true } }));

  const workspaces = joinable.data ?? [];
  const workspace = workspaces.find((w) => w.id === workspaceId) ?? (workspaces.length === 1 ? workspaces[0] : undefined);
  const look = (e: FormEvent) => {
    e.preventDefault();
    const chosen = folder.trim();
    if (!chosen) return;
    setLooked(chosen);
    setWorkspaceId(null);
    setMemberId(null);
    join.reset();
    void joinable.refetch();
  };

  return (
    <Stack gap="sm" data-testid="join-workspace">
      <Title order={2} id="join-workspace-heading">
        Join a workspace from a shared folder
      </Title>
      <form aria-labelledby="join-workspace-heading" onSubmit={look} noValidate>
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label="Shared folder"
            description="The folder your team syncs Uptake through"
            style={{ flex: 1 }}
            value={folder}
            onChange={(e) => setFolder(e.currentTarget.value)}
            error={joinable.isError ? errorMessage(joinable.error) : null}
          />
          {electron && (
            <Button
              variant="default"
              onClick={async () => {
                const picked = await electron.dialogs.openFolder({ title: 'Choose the shared folder your team syncs through' });
                if (picked) setFolder(picked);
              }}
            >
              Choose…
            </Button>
          )}
          <Button type="submit" variant="default" disabled={disabled || folder.trim() === ''} loading={joinable.isFetching}>
            Look
          </Button>
        </Group>
      </form>
      {joinable.isSuccess && workspaces.length === 0 && (
        <Text size="sm" c="dimmed">
          This folder holds no Uptake workspace yet. Check the folder with the change manager who shares it; they sync there first.
        </Text>
      )}
      {workspaces.length > 1 && (
        <Select
          label="Workspace"
          placeholder="Choose the workspace"
          data={workspaces.map((w) => ({ value: w.id, label: w.name }))}
          value={workspace?.id ?? null}
          onChange={(v) => {
            setWorkspaceId(v);
            setMemberId(null);
          }}
          allowDeselect={false}
        />
      )}
      {workspace && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (memberId && looked) join.mutate({ folder: looked, member: memberId, workspace: workspace.id });
          }}
          noValidate
        >
          <Stack gap="sm">
            {workspace.members.length === 0 ? (
              <Text size="sm" c="dimmed">
                {workspace.name} has no members in the folder yet. Ask a change manager to add you and sync, then look again.
              </Text>
            ) : (
              <Select
                label={`You, in ${workspace.name}`}
                description="Not listed? Ask a change manager to add you and sync, then look again."
                placeholder="Choose your name"
                data={workspace.members.map((m) => ({ value: m.id, label: `${m.name} · ${ROLE_LABELS[m.role]}` }))}
                value={memberId}
                onChange={setMemberId}
                searchable
                allowDeselect={false}
              />
            )}
            {join.isError && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(join.error)}
              </Alert>
            )}
            <Button type="submit" fullWidth disabled={!memberId || disabled} loading={join.isPending}>
              Join {workspace.name}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
