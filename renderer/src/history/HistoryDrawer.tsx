import { Alert, Box, Drawer, Group, Loader, Stack, Text, Timeline } from '@mantine/core';
import { IconAlertCircle, IconArrowBackUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { skipToken, useQuery } from '@tanstack/react-query';
import { Fragment, useMemo } from 'react';
import type { HistoryEntry } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { fieldLabel, fieldOrder, formatDateTime, formatValue, type HistoryFormat, type Lookups } from './format';
import type { HistoryTarget } from './target';

/** Who changed which field of a record, when, from what to what: newest first. */
export function HistoryDrawer({
  format,
  target,
  onClose,
}: {
  /** The screen's field labels and value formatting. */
  format: HistoryFormat;
  target: HistoryTarget | null;
  onClose: () => void;
}) {
  const history = useQuery(orpc.history.get.queryOptions({ input: target ? { table: format.table, id: target.id } : skipToken }));
  const members = useQuery(orpc.members.list.queryOptions({ input: { includeDeleted: true }, enabled: target !== null }));
  const namesTeams = target !== null && (format.names?.includes('teams') ?? false);
  const namesInitiatives = target !== null && (format.names?.includes('initiatives') ?? false);
  const teams = useQuery(orpc.teams.list.queryOptions({ input: { includeDeleted: true }, enabled: namesTeams }));
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: { includeDeleted: true }, enabled: namesInitiatives }));
  const namesPatterns = target !== null && (format.names?.includes('patterns') ?? false);
  const patterns = useQuery(orpc.failurePatterns.list.queryOptions({ input: { includeDeleted: true }, enabled: namesPatterns }));
  const lookups = useMemo<Lookups>(
    () => ({
      members: new Map((members.data ?? []).map((m) => [m.id, m.name])),
      teams: new Map((teams.data ?? []).map((t) => [t.id, t.name])),
      initiatives: new Map((initiatives.data ?? []).map((i) => [i.id, i.name])),
      patterns: new Map((patterns.data ?? []).map((p) => [p.id, p.name])),
    }),
    [members.data, teams.data, initiatives.data, patterns.data],
  );
  const ready =
    history.isSuccess &&
    members.isSuccess &&
    (!namesTeams || teams.isSuccess) &&
    (!namesInitiatives || initiatives.isSuccess) &&
    (!namesPatterns || patterns.isSuccess);

  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      size={440}
      title={
        <Box>
          History
          <Text size="sm" c="dimmed" truncate="end" maw={340}>
            {target?.name}
          </Text>
        </Box>
      }
      data-testid="history-drawer"
    >
      <Box data-ready={ready ? 'true' : 'false'} data-screen="history">
        {history.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={16} />} title="Could not load the history" role="alert">
            {errorMessage(history.error)}
          </Alert>
        ) : !ready || !target ? (
          <Group gap="xs" py="md" aria-busy="true">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Loading history…
            </Text>
          </Group>
        ) : history.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No changes are recorded for this record.
          </Text>
        ) : (
          <Timeline bulletSize={22} lineWidth={1} mt="xs">
            {history.data.map((entry) => (
              <Timeline.Item key={entry.hlc} bullet={<EntryIcon entry={entry} />} data-testid="history-entry">
                <HistoryItem entry={entry} format={format} lookups={lookups} />
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Box>
    </Drawer>
  );
}

const deletion = (entry: HistoryEntry) => entry.changes.find((c) => c.field === 'deleted' && !entry.created);

function EntryIcon({ entry }: { entry: HistoryEntry }) {
  const del = deletion(entry);
  if (entry.created) return <IconPlus size={12} />;
  if (del) return del.to === true ? <IconTrash size={12} /> : <IconArrowBackUp size={12} />;
  return <IconPencil size={12} />;
}

function verb(entry: HistoryEntry): string {
  if (entry.created) return 'Created';
  const del = deletion(entry);
  if (del) return del.to === true ? 'Deleted' : 'Restored';
  return 'Edited';
}

function HistoryItem({ entry, format, lookups }: { entry: HistoryEntry; format: HistoryFormat; lookups: Lookups }) {
  const del = deletion(entry);
  const changes = entry.changes
    .filter((c) => c.field !== 'deleted' && !(entry.created && (c.to === null || c.to === '')))
    .sort((a, b) => fieldOrder(format, a.field) - fieldOrder(format, b.field));
  return (
    <Stack gap={6} pb={4}>
      <Group gap={6} wrap="wrap" align="baseline">
        <Text size="sm">
          <Text span fw={600} size="sm" c={del?.to === true ? 'red.9' : undefined}>
            {verb(entry)}
          </Text>{' '}
          by {entry.author?.name ?? 'an unknown member'}
        </Text>
        <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
          {formatDateTime(entry.at)}
        </Text>
      </Group>
      {changes.length > 0 && (
        <Box className="history-change" component="dl" m={0}>
          {changes.map((c) => (
            <Fragment key={c.field}>
              <Text component="dt" size="sm" c="dimmed">
                {fieldLabel(format, c.field)}
              </Text>
              <Text component="dd" size="sm" m={0} className="history-value" data-testid={`change-${c.field}`}>
                {entry.created ? (
                  formatValue(format, c.field, c.to, lookups)
                ) : (
                  <>
                    <Text span size="sm" c="dimmed" data-part="from">
                      {formatValue(format, c.field, c.from, lookups)}
                    </Text>
                    <Text span size="sm" c="dimmed" mx={6}>
                      →
                    </Text>
                    <Text span size="sm" data-part="to">
                      {formatValue(format, c.field, c.to, lookups)}
                    </Text>
                  </>
                )}
              </Text>
            </Fragment>
          ))}
        </Box>
      )}
    </Stack>
  );
}
