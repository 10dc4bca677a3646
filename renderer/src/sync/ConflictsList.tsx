import { Button, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ConflictValue, SyncConflict } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { notifyDone } from '../components/confirm';
import { QueryState } from '../components/QueryState';
import { localeDateTime } from '../locale/locale';

const TABLE_LABELS: Record<string, string> = {
  workspace: 'Workspace',
  members: 'Member',
  teams: 'Team',
  initiatives: 'Initiative',
  settings: 'Setting',
  import_batches: 'Import',
  shadow_processes: 'Shadow process',
  override_reviews: 'Override review',
};

const fieldLabel = (field: string) => {
  const words = field.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function shown(field: string, value: unknown): string {
  if (field === 'deleted') return value ? 'Deleted' : 'Not deleted';
  if (value === null || value === '') return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Value({
  conflict,
  value,
  current,
  canKeep,
  onKeep,
  pending,
}: {
  conflict: SyncConflict;
  value: ConflictValue;
  current: boolean;
  canKeep: boolean;
  onKeep: () => void;
  pending: boolean;
}) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {shown(conflict.field, value.value)}
      </Text>
      <Text size="xs" c="dimmed">
        {value.author ?? 'Uptake'} · {localeDateTime.format(new Date(value.at))}
        {current ? ' · shown now' : ''}
      </Text>
      {canKeep && (
        <Button
          size="compact-xs"
          variant={current ? 'default' : 'light'}
          w="fit-content"
          mt={4}
          loading={pending}
          onClick={onKeep}
          aria-label={`Keep this one: "${shown(conflict.field, value.value)}" for ${conflict.record}`}
        >
          Keep this one
        </Button>
      )}
    </Stack>
  );
}

/** Fields two devices changed without seeing each other's change: both values, who and when, and "Keep this one". */
export function ConflictsList() {
  const conflicts = useQuery(orpc.sync.conflicts.queryOptions());
  const canKeep = useCan('sync.resolve');
  const resolve = useMutation(
    orpc.sync.resolve.mutationOptions({
      onSuccess: (c, input) =>
        notifyDone(input.keep === 'other' ? `${c.record}: the other value is back.` : `${c.record}: kept the value shown now.`),
    }),
  );
  return (
    <Stack gap={6} data-testid="sync-conflicts">
      <Title order={3}>Conflicts</Title>
      <QueryState query={conflicts} what="conflicts">
        {(list) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">
              No conflicts: no field was changed on two devices at once. When one is, both values show here and you choose which stays.
            </Text>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                Each field below was changed on two devices before either had seen the other's change. The newer change is shown now; the
                other is kept. {canKeep ? 'Choose which one stays.' : 'A change manager can choose which one stays.'}
              </Text>
              <Table className="data-table" aria-label="Sync conflicts" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Record</Table.Th>
                    <Table.Th>Field</Table.Th>
                    <Table.Th>Shown now</Table.Th>
                    <Table.Th>Other value</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((c) => {
                    const keep = (which: 'current' | 'other') =>
                      resolve.mutate({ table: c.table, id: c.id, field: c.field, otherHlc: c.other.hlc, keep: which });
                    const pending = resolve.isPending && resolve.variables?.otherHlc === c.other.hlc;
                    return (
                      <Table.Tr key={`${c.table}:${c.id}:${c.field}:${c.other.hlc}`} data-testid="sync-conflict">
                        <Table.Td>
                          <Text size="sm">{c.record}</Text>
                          <Text size="xs" c="dimmed">
                            {TABLE_LABELS[c.table] ?? c.table}
                          </Text>
                        </Table.Td>
                        <Table.Td>{fieldLabel(c.field)}</Table.Td>
                        <Table.Td>
                          <Value
                            conflict={c}
                            value={c.current}
                            current
                            canKeep={canKeep}
                            onKeep={() => keep('current')}
                            pending={pending}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Value
                            conflict={c}
                            value={c.other}
                            current={false}
                            canKeep={canKeep}
                            onKeep={() => keep('other')}
                            pending={pending}
                          />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </>
          )
        }
      </QueryState>
    </Stack>
  );
}
