import { Alert, Button, Code, DataList, Group, List, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { SyncStatus, SyncSummary } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { notifyDone } from '../components/confirm';
import { QueryState } from '../components/QueryState';
import { localeDateTime } from '../locale/locale';
import { ConflictsList } from './ConflictsList';

const when = (iso: string | null | undefined) => (iso ? localeDateTime.format(new Date(iso)) : '—');
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** The folder field, "Choose…" where the desktop app offers a folder picker, and "Sync now". */
function FolderForm({ saved }: { saved: string | null }) {
  const [value, setValue] = useState<string | null>(null);
  const folder = value ?? saved ?? '';
  const electron = window.api?.host === 'electron' ? window.api : null;
  const sync = useMutation(
    orpc.sync.run.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: (summary) => {
        setValue(null);
        notifyDone(
          `Synced: ${count(summary.published.changes, 'change')} published, ${count(summary.imported.changes, 'change')} received.`,
        );
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen = folder.trim();
    sync.mutate(chosen && chosen !== saved ? { folder: chosen } : {});
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <TextInput
          label="Shared folder"
          description="A folder every device of the team can reach: a network drive, or one OneDrive, Dropbox or Syncthing keeps in step."
          placeholder="/mnt/share/uptake or \\server\share\uptake"
          style={{ flex: 1 }}
          value={folder}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            sync.reset();
          }}
          error={sync.error ? errorMessage(sync.error) : null}
          data-testid="sync-folder"
        />
        {electron && (
          <Button
            variant="default"
            mt={45}
            onClick={async () => {
              const picked = await electron.dialogs.openFolder({ title: 'Choose the shared folder to sync with' });
              if (picked) setValue(picked);
            }}
          >
            Choose…
          </Button>
        )}
        <Button type="submit" mt={45} loading={sync.isPending} disabled={folder.trim() === ''}>
          Sync now
        </Button>
      </Group>
    </form>
  );
}

const KNOWN = new Set([
  'folder',
  'workspace',
  'device',
  'published',
  'imported',
  'devices',
  'problems',
  'moreProblems',
  'ignored',
  'moreIgnored',
]);

/** Counts the summary may carry beyond the ones named here (newer engines add them): shown as they come. */
function extraCounts(summary: SyncSummary): [string, string][] {
  const words = (key: string) => key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return Object.entries(summary as unknown as Record<string, unknown>)
    .filter(([key]) => !KNOWN.has(key))
    .flatMap(([key, v]): [string, string][] => {
      if (typeof v === 'number') return [[words(key), v.toLocaleString()]];
      if (Array.isArray(v)) return [[words(key), v.length.toLocaleString()]];
      if (v && typeof v === 'object') {
        const parts = Object.entries(v).filter(([, n]) => typeof n === 'number');
        return parts.length ? [[words(key), parts.map(([k, n]) => `${(n as number).toLocaleString()} ${words(k)}`).join(', ')]] : [];
      }
      return [];
    });
}

function LastRun({ summary }: { summary: SyncSummary }) {
  const problems = summary.problems;
  return (
    <Stack gap="xs" data-testid="sync-last-run">
      <Title order={3}>What the last sync did</Title>
      <DataList labelWidth="200px" size="sm" gap="xs">
        <Row label="Published">
          <span className="tabular">
            {count(summary.published.changes, 'change')} in {count(summary.published.files, 'file')}
          </span>
        </Row>
        <Row label="Received">
          <span className="tabular">
            {count(summary.imported.changes, 'change')} in {count(summary.imported.files, 'file')}
          </span>
        </Row>
        {extraCounts(summary).map(([label, value]) => (
          <Row key={label} label={label.charAt(0).toUpperCase() + label.slice(1)}>
            <span className="tabular">{value}</span>
          </Row>
        ))}
        <Row label="Files not applied">
          <span className="tabular">{(problems.length + summary.moreProblems).toLocaleString()}</span>
        </Row>
        <Row label="Files ignored">
          <span className="tabular">{(summary.ignored.length + summary.moreIgnored).toLocaleString()}</span>
        </Row>
      </DataList>
      {problems.length > 0 && (
        <Alert color="yellow" variant="light" title="Files not applied" data-testid="sync-problems">
          <List size="sm" spacing={4}>
            {problems.map((p) => (
              <List.Item key={p.file}>
                <Code>{p.file}</Code> {p.reason}.{' '}
                {p.retry ? 'It may still be arriving: the next sync tries again.' : 'It needs attention; later files of that device wait.'}
              </List.Item>
            ))}
          </List>
          {summary.moreProblems > 0 && <Text size="sm">and {summary.moreProblems.toLocaleString()} more</Text>}
        </Alert>
      )}
      {summary.ignored.length > 0 && (
        <Text size="xs" c="dimmed">
          Ignored (not Uptake's files: conflicted copies, temp files, placeholders): {summary.ignored.join(', ')}
          {summary.moreIgnored > 0 ? `, and ${summary.moreIgnored} more` : ''}
        </Text>
      )}
    </Stack>
  );
}

function Status({ status }: { status: SyncStatus }) {
  return (
    <Stack gap="md">
      <FolderForm key={status.folder ?? ''} saved={status.folder} />
      {(status.lastError || status.folderProblem) && (
        <Alert color="red" variant="light" title="Sync cannot reach the folder" role="alert" data-testid="sync-error">
          <Text size="sm">{status.lastError?.message ?? status.folderProblem}</Text>
          {status.lastError && (
            <Text size="xs" c="dimmed" mt={4}>
              Failed {count(status.lastError.failures, 'time')} in a row, last at {when(status.lastError.at)}. Uptake keeps trying, less
              often; nothing on this device is changed or deleted meanwhile.
            </Text>
          )}
        </Alert>
      )}
      {!status.folder ? (
        <Text size="sm" c="dimmed">
          Not syncing: give the shared folder above and press Sync now. Until then everything stays on this device only.
        </Text>
      ) : (
        <DataList labelWidth="200px" size="sm" gap="xs" data-testid="sync-status">
          <Row label="Last sync">{when(status.lastRun?.at)}</Row>
          <Row label="Waiting to go out">
            <span className="tabular">{count(status.pendingOutgoing, 'change')}</span>
          </Row>
          <Row label="Waiting to come in">
            <span className="tabular">{count(status.pendingIncoming, 'file')}</span>
          </Row>
          <Row label="This device">
            <Code>{status.device}</Code>
          </Row>
        </DataList>
      )}
      {status.folder && (
        <Stack gap={6}>
          <Title order={3}>Other devices</Title>
          {status.devices.length === 0 ? (
            <Text size="sm" c="dimmed">
              No other device has synced with this folder yet. On another computer, choose "Join a workspace from a shared folder".
            </Text>
          ) : (
            <Table className="data-table" aria-label="Devices seen in the shared folder" data-testid="sync-devices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Device</Table.Th>
                  <Table.Th>Last written by</Table.Th>
                  <Table.Th>Last published</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Files applied</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {status.devices.map((d) => (
                  <Table.Tr key={d.device}>
                    <Table.Td>
                      <Code>{d.device}</Code>
                    </Table.Td>
                    <Table.Td>{d.member ?? '—'}</Table.Td>
                    <Table.Td>{when(d.lastPublished)}</Table.Td>
                    <Table.Td className="tabular" style={{ textAlign: 'right' }}>
                      {d.applied.toLocaleString()} of {d.files.toLocaleString()}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
      {status.lastRun && <LastRun summary={status.lastRun.summary} />}
      {status.folder && <ConflictsList />}
    </Stack>
  );
}

/** Settings → Sync: the folder, Sync now, where sync stands, what the last run did, and conflicts. */
export function SyncSection() {
  const status = useQuery(orpc.sync.status.queryOptions());
  return (
    <QueryState query={status} what="sync status">
      {(data) => <Status status={data} />}
    </QueryState>
  );
}
