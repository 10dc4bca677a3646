import { Alert, Button, Code, DataList, Group, List, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ORPCError } from '@orpc/client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ROLE_LABELS, type Role, type SyncStatus, type SyncSummary } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { confirmDelete, notifyDone } from '../components/confirm';
import { DataRow } from '../components/DataRow';
import { QueryState } from '../components/QueryState';
import { localeCount, localeDateTime, localeNumber } from '../locale/locale';
import { ConflictsList } from './ConflictsList';

/** A sync refused because other devices' files would delete many records: the alert below explains it, not the field. */
const isMassDelete = (e: unknown) => e instanceof ORPCError && typeof e.data === 'object' && e.data !== null && 'massDelete' in e.data;

const when = (iso: string | null | undefined) => (iso ? localeDateTime.format(new Date(iso)) : '—');

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
        // The alert under "What the last sync did" says what to do instead.
        if (summary.rejoin) return;
        notifyDone(
          `Synced: ${localeCount(summary.published.changes, 'change')} published, ${localeCount(summary.imported.changes, 'change')} received.`,
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
          error={sync.error && !isMassDelete(sync.error) ? errorMessage(sync.error) : null}
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

function LastRun({ summary }: { summary: SyncSummary }) {
  const problems = summary.problems;
  return (
    <Stack gap="xs" data-testid="sync-last-run">
      <Title order={3}>What the last sync did</Title>
      <DataList labelWidth="200px" size="sm" gap="xs">
        <DataRow label="Published">
          <span className="tabular">
            {localeCount(summary.published.changes, 'change')} in {localeCount(summary.published.files, 'file')}
          </span>
        </DataRow>
        <DataRow label="Received">
          <span className="tabular">
            {localeCount(summary.imported.changes, 'change')} in {localeCount(summary.imported.files, 'file')}
          </span>
        </DataRow>
        <DataRow label="Imported data">
          <span className="tabular">
            {localeCount(summary.batches.published.batches, 'import')} sent ({localeCount(summary.batches.published.rows, 'row')}),{' '}
            {localeCount(summary.batches.imported.batches, 'import')} received ({localeCount(summary.batches.imported.rows, 'row')})
          </span>
        </DataRow>
        <DataRow label="Refused by role">
          <span className="tabular">{(summary.refused.length + summary.moreRefused).toLocaleString()}</span>
        </DataRow>
        <DataRow label="Clock ahead (held back)">
          <span className="tabular">{(summary.quarantined.length + summary.moreQuarantined).toLocaleString()}</span>
        </DataRow>
        <DataRow label="Files not applied">
          <span className="tabular">{(problems.length + summary.moreProblems).toLocaleString()}</span>
        </DataRow>
        <DataRow label="Files ignored">
          <span className="tabular">{(summary.ignored.length + summary.moreIgnored).toLocaleString()}</span>
        </DataRow>
      </DataList>
      {summary.rejoin && (
        <Alert color="red" variant="light" title="Join the workspace again" role="alert" data-testid="sync-rejoin">
          <Text size="sm">{summary.rejoin}</Text>
        </Alert>
      )}
      {summary.copy && (
        <Alert color="blue" variant="light" title="This database was a copy" data-testid="sync-copy">
          <Text size="sm">{summary.copy.message}</Text>
        </Alert>
      )}
      {summary.refused.length > 0 && (
        <Alert color="red" variant="light" title="Changes refused by role" data-testid="sync-refused">
          <List size="sm" spacing={4}>
            {summary.refused.map((r) => (
              <List.Item key={`${r.file}:${r.table}:${r.recordId}:${r.field}`}>
                {r.memberName ?? r.member ?? 'An unknown member'}
                {r.role ? ` (${(ROLE_LABELS[r.role as Role] ?? r.role).toLowerCase()})` : ''} on device <Code>{r.device}</Code> changed{' '}
                {r.field} of a record in {r.table.replaceAll('_', ' ')}, which that role may not do: not applied.
              </List.Item>
            ))}
          </List>
          {summary.moreRefused > 0 && <Text size="sm">and {summary.moreRefused.toLocaleString()} more</Text>}
        </Alert>
      )}
      {summary.quarantined.length > 0 && (
        <Alert color="yellow" variant="light" title="Files from a clock that is ahead" data-testid="sync-quarantined">
          <List size="sm" spacing={4}>
            {summary.quarantined.map((q) => (
              <List.Item key={q.file}>
                <Code>{q.file}</Code>: device <Code>{q.device}</Code> is {localeCount(Math.round(q.aheadSeconds / 60), 'minute')} ahead of
                this computer. Its files wait until its clock is set right (or this one catches up); the next sync tries again.
              </List.Item>
            ))}
          </List>
          {summary.moreQuarantined > 0 && <Text size="sm">and {summary.moreQuarantined.toLocaleString()} more</Text>}
        </Alert>
      )}
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

type MassDeletes = NonNullable<NonNullable<SyncStatus['lastError']>['massDelete']>;

/**
 * Another device deleted many records at once, and sync stopped before applying it. The person
 * decides: apply the deletions (after a confirmation), or leave sync stopped and ask who did it.
 */
function MassDeleteAlert({ deletes, known }: { deletes: MassDeletes; known: SyncStatus['devices'] }) {
  const apply = useMutation(
    orpc.sync.run.mutationOptions({
      onSuccess: (summary) => notifyDone(`Synced with the deletions: ${localeCount(summary.imported.changes, 'change')} received.`),
    }),
  );
  const devices = [...new Set(deletes.flatMap((m) => m.devices))].map((d) => {
    const member = known.find((k) => k.device === d)?.member;
    return member ? `${member}’s device ${d}` : `device ${d}`;
  });
  return (
    <Alert color="orange" variant="light" title="Sync stopped before deleting records" role="alert" data-testid="sync-mass-delete">
      <Text size="sm">Sync found that {devices.join(' and ')} deleted many records at once:</Text>
      <List size="sm" my={4}>
        {deletes.map((m) => (
          <List.Item key={m.table}>
            <span className="tabular">
              {localeCount(m.deleting, 'record')} of the {localeNumber.format(m.live)} {m.table.replaceAll('_', ' ')}
            </span>
          </List.Item>
        ))}
      </List>
      <Text size="sm">
        Nothing was applied, and sync waits for you. If the deletions are intended, apply them; if not, ask who deleted them before syncing
        again.
      </Text>
      <Button
        mt="sm"
        size="xs"
        variant="default"
        loading={apply.isPending}
        onClick={() =>
          confirmDelete({
            title: 'Apply the deletions?',
            message: 'The records are deleted on this device as they were on the other. Their history is kept.',
            confirmLabel: 'Apply the deletions',
            onConfirm: () => apply.mutate({ allowMassDelete: true }),
          })
        }
      >
        Apply the deletions…
      </Button>
    </Alert>
  );
}

function Status({ status }: { status: SyncStatus }) {
  const massDelete = status.lastError?.massDelete;
  return (
    <Stack gap="md">
      <FolderForm key={status.folder ?? ''} saved={status.folder} />
      {massDelete ? (
        <MassDeleteAlert deletes={massDelete} known={status.devices} />
      ) : (
        (status.lastError || status.folderProblem) && (
          <Alert color="red" variant="light" title="Sync cannot reach the folder" role="alert" data-testid="sync-error">
            <Text size="sm">{status.lastError?.message ?? status.folderProblem}</Text>
            {status.lastError && (
              <Text size="xs" c="dimmed" mt={4}>
                Failed {localeCount(status.lastError.failures, 'time')} in a row, last at {when(status.lastError.at)}. Uptake keeps trying,
                less often; nothing on this device is changed or deleted meanwhile.
              </Text>
            )}
          </Alert>
        )
      )}
      {!status.folder ? (
        <Text size="sm" c="dimmed">
          Not syncing: give the shared folder above and press Sync now. Until then everything stays on this device only.
        </Text>
      ) : (
        <DataList labelWidth="200px" size="sm" gap="xs" data-testid="sync-status">
          <DataRow label="Last sync">{when(status.lastRun?.at)}</DataRow>
          <DataRow label="Waiting to go out">
            <span className="tabular">{localeCount(status.pendingOutgoing, 'change')}</span>
          </DataRow>
          <DataRow label="Waiting to come in">
            <span className="tabular">{localeCount(status.pendingIncoming, 'file')}</span>
          </DataRow>
          <DataRow label="This device">
            <Code>{status.device}</Code>
          </DataRow>
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
