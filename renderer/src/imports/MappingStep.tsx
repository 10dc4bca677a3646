import { tz } from '@date-fns/tz';
import { Alert, Autocomplete, Box, Code, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { format, isValid, parse } from 'date-fns';
import { useMemo } from 'react';
import type { ApiClient } from '../api/client';
import { formatDate } from '../history/format';

export type Proposal = Awaited<ReturnType<ApiClient['imports']['inspect']>>;
export type Mapping = Proposal['proposed'];

/** The choice for a column the file does not have (a Select's value cannot be empty). */
const NONE = '\u0000none';
const ACTIONS = ['accepted', 'edited', 'overridden', 'ignored'] as const;
const DATE_FORMATS = [
  'iso',
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
  'dd/MM/yyyy HH:mm',
  'MM/dd/yyyy HH:mm',
  'dd.MM.yyyy HH:mm',
  'yyyy-MM-dd',
  'dd/MM/yyyy',
  'MM/dd/yyyy',
];
const ZONES: string[] = (() => {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC'];
  }
})();

type Target = Proposal['targets'][number];

/**
 * A source date as it will be stored: a timestamp in UTC, a date written the app's way (in the
 * locale chosen in Settings, as every other date on screen); null when it does not read.
 */
function converted(value: string, mapping: Mapping, want: NonNullable<Target['date']>): string | null {
  const dates = mapping.dates;
  if (!value) return value;
  if (!dates || dates.format === 'iso') return want === 'date' && /^\d{4}-\d\d-\d\d$/.test(value) ? formatDate(value) : value;
  try {
    const zone = tz(dates.timeZone);
    const d = parse(value, dates.format, new Date(0), { in: zone });
    if (!isValid(d)) return null;
    if (want === 'date') return formatDate(format(d, 'yyyy-MM-dd', { in: zone }));
    return `${new Date(d.getTime()).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  } catch {
    return null;
  }
}

/** A target column as the CSV header writes it (a custom field by its name, as the user wrote it). */
function TargetName({ target }: { target: Target }) {
  return (
    <>
      <Code fz="inherit">{target.column}</Code>
      {target.optional && (
        <Text span c="dimmed" fz="inherit" fw={400}>
          {' (optional)'}
        </Text>
      )}
    </>
  );
}

/**
 * The mapping step for a file whose header Uptake does not know: a source column for each of
 * Uptake's columns (proposed by name), the action words, the date format and time zone, and the
 * first rows as they will be imported. The import itself then runs as usual, with this mapping.
 */
export function MappingStep({
  proposal,
  mapping,
  onChange,
  saveAs,
  onSaveAs,
}: {
  proposal: Proposal;
  mapping: Mapping;
  onChange: (m: Mapping) => void;
  saveAs: string;
  onSaveAs: (name: string) => void;
}) {
  const kind = mapping.kind;
  const perUser = mapping.perUser !== undefined;
  const sources = [{ value: NONE, label: 'Not in this file' }, ...proposal.header.map((h) => ({ value: h, label: h }))];
  const setColumn = (column: string, source: string | null) => {
    const columns = { ...mapping.columns };
    if (source) columns[column] = source;
    else delete columns[column];
    onChange({ ...mapping, columns });
  };
  const actionColumn = mapping.columns.action;
  const actionValues = useMemo(() => {
    const at = proposal.header.indexOf(actionColumn ?? '\u0000');
    const fromRows = at < 0 ? [] : proposal.rows.map((r) => (r[at] ?? '').trim()).filter(Boolean);
    return [...new Set([...proposal.actionValues, ...fromRows])];
  }, [proposal, actionColumn]);
  // The target columns that hold dates (custom date fields too): the date format reads them, the preview shows them converted.
  const hasDates = proposal.targets.some((t) => t.date && mapping.columns[t.column]);
  // The time zone matters only to timestamps: a date-only column (a day) reads the same in every zone.
  const hasTimes = proposal.targets.some((t) => t.date === 'timestamp' && mapping.columns[t.column]);
  const cell = (row: string[], { column, date }: Target): { text: string; bad: boolean } => {
    const constant = mapping.constants?.[column];
    if (constant !== undefined) return { text: constant, bad: false };
    const source = mapping.columns[column];
    if (!source) return { text: '', bad: false };
    const raw = (row[proposal.header.indexOf(source)] ?? '').trim();
    if (kind === 'decisions' && column === 'action') {
      const action = mapping.actions?.[raw.toLowerCase()] ?? ((ACTIONS as readonly string[]).includes(raw) ? raw : null);
      return action ? { text: action, bad: false } : { text: raw, bad: true };
    }
    if (date) {
      const c = converted(raw, mapping, date);
      return c === null ? { text: raw, bad: true } : { text: c, bad: false };
    }
    return { text: raw, bad: false };
  };
  const shown = proposal.targets.filter((t) => mapping.columns[t.column] || mapping.constants?.[t.column] !== undefined);

  return (
    <Stack gap="sm" data-testid="mapping-step">
      <Alert color="blue" variant="light" py="xs">
        <Text size="sm">
          This file’s columns are not Uptake’s own {kind} columns. Check which column feeds each of Uptake’s columns: the choices were
          proposed from the column names. Save the mapping under a name and the next file with the same header is read the same way.
        </Text>
      </Alert>
      <Title order={3} fz="sm">
        Columns
      </Title>
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
        {proposal.targets.map((t) => (
          <Select
            key={t.column}
            label={<TargetName target={t} />}
            placeholder={t.optional ? 'Not in this file' : 'Choose a column'}
            data={sources}
            value={mapping.columns[t.column] ?? NONE}
            onChange={(v) => setColumn(t.column, v === NONE ? null : v)}
            searchable
            size="xs"
            error={!t.optional && !mapping.columns[t.column] && !(perUser && t.column === 'initiative') ? 'Required' : undefined}
          />
        ))}
        {perUser && (
          <TextInput
            label="initiative (for every row)"
            size="xs"
            value={mapping.constants?.initiative ?? ''}
            onChange={(e) => onChange({ ...mapping, constants: { ...mapping.constants, initiative: e.currentTarget.value } })}
          />
        )}
      </SimpleGrid>
      {kind === 'decisions' && actionValues.length > 0 && (
        <Box>
          <Title order={3} fz="sm" mb={4}>
            Action words
          </Title>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
            {actionValues.map((v) => (
              <Select
                key={v}
                label={`“${v}” means`}
                data={ACTIONS.map((a) => ({ value: a, label: a }))}
                value={mapping.actions?.[v.toLowerCase()] ?? null}
                placeholder="Choose an action"
                size="xs"
                onChange={(a) => {
                  const actions = { ...mapping.actions };
                  if (a) actions[v.toLowerCase()] = a as (typeof ACTIONS)[number];
                  else delete actions[v.toLowerCase()];
                  onChange({ ...mapping, actions });
                }}
              />
            ))}
          </SimpleGrid>
        </Box>
      )}
      {hasDates && (
        <Group gap="sm" align="flex-end">
          <Autocomplete
            label="Date format"
            description="date-fns pattern, or iso"
            size="xs"
            data={DATE_FORMATS}
            value={mapping.dates?.format ?? 'iso'}
            onChange={(format) => onChange({ ...mapping, dates: { timeZone: mapping.dates?.timeZone ?? 'UTC', format } })}
            w={220}
          />
          {hasTimes && (
            <Select
              label="Time zone"
              description="the zone the file’s times are in"
              size="xs"
              searchable
              data={ZONES}
              value={mapping.dates?.timeZone ?? 'UTC'}
              onChange={(timeZone) =>
                onChange({ ...mapping, dates: { format: mapping.dates?.format ?? 'iso', timeZone: timeZone ?? 'UTC' } })
              }
              w={220}
            />
          )}
        </Group>
      )}
      <Box>
        <Title order={3} fz="sm" mb={4}>
          Preview: the first rows as they will be imported
        </Title>
        <Box style={{ overflowX: 'auto' }}>
          <Table className="data-table" aria-label="Mapped preview" data-testid="mapping-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="right">Row</Table.Th>
                {shown.map((t) => (
                  <Table.Th key={t.column}>
                    <Code fz="inherit">{t.column}</Code>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {proposal.rows.slice(0, 5).map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the preview's rows are fixed positions of the file
                <Table.Tr key={i}>
                  <Table.Td ta="right" className="tabular">
                    {i + 2}
                  </Table.Td>
                  {shown.map((t) => {
                    const c = cell(r, t);
                    return (
                      <Table.Td
                        key={t.column}
                        c={c.bad ? 'red' : undefined}
                        title={c.bad ? 'Does not read with this mapping' : undefined}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        {c.text}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      </Box>
      <TextInput
        label="Save mapping as"
        description="Optional: a name to keep this mapping for the next file with the same columns"
        placeholder="e.g. Claims triage tool log"
        value={saveAs}
        onChange={(e) => onSaveAs(e.currentTarget.value)}
        w={360}
        size="xs"
      />
    </Stack>
  );
}
