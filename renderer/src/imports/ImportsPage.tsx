import {
  Alert,
  Box,
  Button,
  Checkbox,
  Code,
  CopyButton,
  FileInput,
  Group,
  Modal,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { ORPCError } from '@orpc/client';
import { IconDownload, IconFileTypeCsv, IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, type ReactNode, useEffect, useState } from 'react';
import { plural } from '../../../db/reports/shared/plural';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { Dash } from '../components/Dash';
import { download } from '../components/download';
import { Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../history/format';
import { TableHead } from '../kit/DataTable';
import { SegmentedChoice } from '../kit/fields';
import { localeDateTime, localeNumber } from '../locale/locale';
import type { ImportKind, ImportSummary } from '../reports/types';
import { FilePreview, importErrorData, ProblemsView, usePreview } from './ImportCheck';
import { type Mapping, MappingStep } from './MappingStep';

const KINDS: { value: ImportKind; label: string; columns: string }[] = [
  { value: 'usage', label: 'Usage', columns: 'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed' },
  { value: 'decisions', label: 'Decisions', columns: 'timestamp,initiative,team,user,recommendation_id,action,reason' },
  { value: 'pulse', label: 'Pulse', columns: 'month,team,initiative,respondents,trust_mean,manual_backup' },
  {
    value: 'shadow-processes',
    label: 'Shadow processes',
    columns: 'name,team,initiative,kind,owner,users_involved,reason,failure_pattern,first_seen,retired_on',
  },
  { value: 'people', label: 'People', columns: 'user,team,region,manager,effective_date' },
  {
    value: 'stakeholders',
    label: 'Stakeholders',
    columns:
      'name,title,team,email,influence,interest,support,awareness,desire,knowledge,ability,reinforcement,barrier_point,quadrant,open_concerns,owner,tags,notes',
  },
];
const isKind = (v: string | undefined): v is ImportKind => KINDS.some((k) => k.value === v);
const number = localeNumber;

/** The kind whose columns the header has (in any order), if exactly one. */
function detectKind(header: string[]): ImportKind | null {
  const have = new Set(header.map((h) => h.trim().toLowerCase()));
  // A people directory's region, manager and effective_date may be left out; a stakeholder file needs only name and team.
  const required = (k: (typeof KINDS)[number]) =>
    k.value === 'people' ? ['user', 'team'] : k.value === 'stakeholders' ? ['name', 'team'] : k.columns.split(',');
  const within = (k: (typeof KINDS)[number]) => [...have].every((c) => k.columns.split(',').includes(c));
  const hits = KINDS.filter(
    (k) => required(k).every((c) => have.has(c)) && (k.value === 'people' ? have.size <= 5 : k.value !== 'stakeholders' || within(k)),
  );
  return hits.length === 1 ? (hits[0]?.value ?? null) : null;
}

/**
 * Drag a CSV onto the card, or choose one: both end in `onFile`. A folder dragged from the desktop
 * arrives as a File that cannot be read (sending it fails as if the engine were gone): `onFolder`
 * gets its name instead.
 */
function DropZone({ onFile, onFolder, children }: { onFile: (f: File) => void; onFolder: (name: string) => void; children: ReactNode }) {
  const [over, setOver] = useState(false);
  return (
    <Box
      data-testid="import-dropzone"
      data-over={over ? 'true' : undefined}
      className="drop-zone"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const f = e.dataTransfer.files[0];
        const entry = e.dataTransfer.items[0]?.webkitGetAsEntry();
        if (entry?.isDirectory) onFolder(f?.name ?? entry.name);
        else if (f) onFile(f);
      }}
    >
      {children}
    </Box>
  );
}

/**
 * A real progress bar: polls the engine for the rows the current pass has read (the share of the
 * file is estimated from the preview's row size). An import reads its file twice, to check it and
 * to write it: each pass is half the bar.
 */
function ImportProgressBar({ progressId, file, bytesPerRow }: { progressId: string; file: File; bytesPerRow: number }) {
  const progress = useQuery(orpc.imports.progress.queryOptions({ input: { progressId }, refetchInterval: 250 }));
  const p = progress.data;
  const passFraction = p && file.size > 0 ? Math.min(1, (p.rows * bytesPerRow) / file.size) : 0;
  // The second pass: writing, or in a dry run counting what would change (nothing is written).
  const counting = p?.phase === 'counting';
  const writing = p?.phase === 'writing' || p?.phase === 'done' || counting;
  const fraction = Math.min(0.99, (writing ? 0.5 : 0) + passFraction / 2);
  const started = p !== undefined && p.phase !== 'unknown';
  const step = !started
    ? `Sending ${file.name}…`
    : counting
      ? `Counting what importing ${file.name} would change (nothing is written)… (step 2 of 2)`
      : writing
        ? `Writing ${file.name}… (step 2 of 2)`
        : `Checking ${file.name}… (step 1 of 2)`;
  return (
    <Box data-testid="import-progress">
      <Group justify="space-between" mb={4}>
        <Text size="xs" c="dimmed">
          {step}
        </Text>
        <Text size="xs" c="dimmed" className="tabular" data-testid="import-progress-rows">
          {started
            ? `${plural(p.rows, 'row')} ${writing && !counting ? 'written' : 'checked'} · ${Math.round(fraction * 100)}%`
            : `${(file.size / 2 ** 20).toFixed(1)} MB`}
        </Text>
      </Group>
      <Progress
        value={started ? fraction * 100 : 100}
        animated={!started}
        striped={!started}
        aria-label="Import progress"
        size="sm"
        transitionDuration={200}
      />
    </Box>
  );
}

function SummaryView({ summary }: { summary: ImportSummary }) {
  const created = [...summary.created.teams.map((t) => `team ${t}`), ...summary.created.initiatives.map((i) => `initiative ${i}`)];
  return (
    <Alert
      color={summary.dryRun ? 'blue' : 'green'}
      variant="light"
      title={
        summary.dryRun ? `Checked ${plural(summary.rows, 'row')} of ${summary.file}: nothing was written.` : `Imported ${summary.file}`
      }
      data-testid="import-summary"
    >
      {summary.alreadyImported && (
        <Text size="sm" mb={6}>
          {summary.mapping ? `The rows this file gives through the mapping “${summary.mapping}” were` : 'This file was'} already imported on{' '}
          {formatDateTime(summary.alreadyImported.importedAt)}
          {summary.alreadyImported.importedBy ? ` by ${summary.alreadyImported.importedBy}` : ''}: importing it again will ask first.
        </Text>
      )}
      {summary.dryRun && (
        <Text size="xs" c="dimmed" mb={6}>
          Importing it would give:
        </Text>
      )}
      <Group gap="lg">
        {(
          [
            ['Rows', summary.rows],
            ['New', summary.new],
            // A stakeholder is a person: they are updated, not changed.
            [summary.kind === 'stakeholders' ? 'Updated' : 'Changed', summary.changed],
            ['Unchanged', summary.unchanged],
          ] as const
        ).map(([label, value]) => (
          <Box key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600} className="tabular" data-testid={`import-count-${label.toLowerCase()}`}>
              {number.format(value)}
            </Text>
          </Box>
        ))}
      </Group>
      {created.length > 0 && (
        <Text size="sm" mt={6}>
          {summary.dryRun ? 'Would create' : 'Created'}: {created.join(', ')}
        </Text>
      )}
      {summary.kind === 'stakeholders' && !summary.dryRun && summary.new + summary.changed > 0 && (
        // No batch of its own below: the register's history is where an import of people shows.
        <Text size="sm" mt={6}>
          Each person added or updated has this import in their history on the Stakeholders screen.
        </Text>
      )}
      {summary.mapping && (
        <Text size="sm" mt={6} data-testid="import-mapping-used">
          Read with the mapping “{summary.mapping}”
          {summary.month ? `, counted per team for ${summary.month}: each row above is one team's month, not one user` : ''}.
        </Text>
      )}
      {summary.notInDirectory && summary.notInDirectory.count > 0 && (
        <Text size="sm" mt={6} data-testid="import-not-in-directory">
          {plural(summary.notInDirectory.count, 'user')} of the report {summary.notInDirectory.count === 1 ? 'is' : 'are'} not in the people
          directory, so counted in no team: {summary.notInDirectory.users.join(', ')}
          {summary.notInDirectory.count > summary.notInDirectory.users.length ? ', …' : ''}. Add them to the directory and import the report
          again.
        </Text>
      )}
    </Alert>
  );
}

/** `/imports/:kind` opens the screen on that kind (the Stakeholders screen's Import CSV). */
export function ImportsPage({ params }: { params?: Record<string, string | undefined> }) {
  const [kind, setKind] = useState<ImportKind>(isKind(params?.kind) ? params.kind : 'usage');
  const [file, setFile] = useState<File | null>(null);
  const [progressId, setProgressId] = useState<string | null>(null);
  const preview = usePreview(file);
  const canUpload = useCan('imports.upload');
  const batches = useQuery(orpc.imports.list.queryOptions({ input: {} }));
  const upload = useMutation(orpc.imports.upload.mutationOptions({ meta: { inlineErrors: true } }));
  const queryClient = useQueryClient();
  /** Names in the file read as existing ones, chosen through "did you mean" (for this file only). */
  const [aliases, setAliases] = useState<Record<string, string>>({});
  const [lastDryRun, setLastDryRun] = useState(false);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  // A file whose header is not Uptake's own: the mapping it fits, or the one being made here.
  const inspect = useMutation(orpc.imports.inspect.mutationOptions({ meta: { inlineErrors: true } }));
  const saveMapping = useMutation(orpc.imports.saveMapping.mutationOptions({ meta: { inlineErrors: true } }));
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [saveAs, setSaveAs] = useState('');
  const [perApp, setPerApp] = useState(false);
  const proposal = inspect.data && !inspect.data.own ? inspect.data : null;
  const matched = proposal?.matched ?? null;
  /** The apps a per-user report has columns for (Teams, Word, …), each countable as its own initiative. */
  const apps = Object.keys(matched?.perUser?.apps ?? {});
  const run = async (dryRun: boolean, extra: { createMissing?: boolean; again?: boolean; aliases?: Record<string, string> } = {}) => {
    if (!file) return;
    let using: string | Mapping | undefined = matched
      ? (matched.id ?? matched.name)
      : mapping
        ? { ...mapping, name: mapping.name || file.name }
        : undefined;
    if (!matched && mapping && saveAs.trim()) {
      // Saved first: a mapping that is not valid is refused before the file is sent.
      const saved = await saveMapping.mutateAsync({ mapping: { ...mapping, name: saveAs.trim() } }).catch(() => null);
      if (!saved) return;
      using = saved.name;
    }
    const id = crypto.randomUUID();
    setProgressId(id);
    setLastDryRun(dryRun);
    const map = extra.aliases ?? aliases;
    upload.mutate({
      kind,
      file,
      dryRun,
      createMissing: extra.createMissing ?? false,
      again: extra.again ?? false,
      ...(Object.keys(map).length > 0 ? { aliases: map } : {}),
      ...(using !== undefined ? { mapping: typeof using === 'string' ? using : { ...using } } : {}),
      ...(perApp && apps.length > 0 ? { perApp: true } : {}),
      progressId: id,
    });
  };
  /** A folder dropped on the card, by name: said to be one, and no file is chosen. */
  const [folder, setFolder] = useState<string | null>(null);
  const choose = (f: File | null) => {
    setFile(f);
    setFolder(null);
    setAliases({});
    setFocusRow(null);
    setSaveAs('');
    setPerApp(false);
    upload.reset();
    saveMapping.reset();
  };
  const inspectFile = inspect.mutate;
  useEffect(() => {
    setMapping(null);
    if (file) inspectFile({ kind, file }, { onSuccess: (p) => setMapping(p.own || p.matched ? null : { ...p.proposed, name: '' }) });
  }, [file, kind, inspectFile]);
  const [shownTemplate, setShownTemplate] = useState<{ fileName: string; csv: string } | null>(null);
  const downloadTemplate = async () => {
    const template = await queryClient.fetchQuery(orpc.imports.template.queryOptions({ input: { kind } }));
    // The desktop app refuses downloads (electron/security.ts): there the template is shown to copy.
    if (window.api?.host === 'electron') setShownTemplate(template);
    else download(template.fileName, 'text/csv', template.csv);
  };
  // Pick the kind from the file's header when it is unambiguous (the user can still change it).
  const detected = preview ? detectKind(preview.header) : null;
  useEffect(() => {
    if (detected) setKind(detected);
  }, [detected]);
  const error = folder
    ? `${folder} is a folder, not a CSV file. Drop or choose the CSV file itself.`
    : upload.isError
      ? errorMessage(upload.error)
      : saveMapping.isError
        ? errorMessage(saveMapping.error)
        : inspect.isError
          ? errorMessage(inspect.error)
          : null;
  const errorData = upload.error instanceof ORPCError ? importErrorData(upload.error.data) : null;
  const problemRows = new Set<number>([
    ...(errorData?.problems ?? []).flatMap((p) => (p.row === null ? [] : [p.row])),
    ...(errorData?.names ?? []).flatMap((n) => n.rows),
  ]);
  // The first problem's row is shown as soon as the problems are.
  const firstRow = errorData ? ([...problemRows].sort((a, b) => a - b)[0] ?? null) : null;
  useEffect(() => {
    setFocusRow(firstRow);
  }, [firstRow]);
  const columns = KINDS.find((k) => k.value === kind)?.columns ?? '';

  return (
    <Page
      screen="imports"
      title="Imports"
      description="Load usage, decisions, pulse, shadow-process, people and stakeholder CSVs, or another system's export through a column mapping. An import is all or nothing: one bad row and nothing is written."
      ready={batches.isSuccess}
    >
      <Modal opened={shownTemplate !== null} onClose={() => setShownTemplate(null)} title={shownTemplate?.fileName} size="xl">
        <Text size="sm" mb="xs">
          Copy it into a new file saved as CSV: the header row and two example rows to replace with yours.
        </Text>
        <Code block>{shownTemplate?.csv}</Code>
        <Group justify="flex-end" mt="sm">
          <CopyButton value={shownTemplate?.csv ?? ''}>
            {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}
          </CopyButton>
        </Group>
      </Modal>
      <Stack px="lg" pb="xl" gap="lg">
        <Alert color="gray" variant="light" icon={<IconLock size={16} />} py="xs">
          <Text size="sm">User ids in decisions are replaced by a keyed hash; no names are stored.</Text>
        </Alert>
        {canUpload && (
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm">
              <Box>
                <SegmentedChoice
                  id="import-kind"
                  label="Kind of file"
                  value={kind}
                  onChange={(v) => {
                    setKind(v as ImportKind);
                    upload.reset();
                  }}
                  data={KINDS.map((k) => ({ value: k.value, label: k.label }))}
                />
                <Group gap="xs" mt={4} wrap="nowrap" align="center">
                  <Text size="xs" c="dimmed" style={{ minWidth: 0 }}>
                    Columns:{' '}
                    <Code>
                      {columns.split(',').map((column, i) => (
                        // A break is allowed after each comma, so a long header wraps instead of running under the button.
                        <Fragment key={column}>
                          {i > 0 ? ',' : ''}
                          <wbr />
                          {column}
                        </Fragment>
                      ))}
                    </Code>
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconDownload size={12} />}
                    onClick={() => void downloadTemplate()}
                    style={{ flexShrink: 0 }}
                  >
                    Download template
                  </Button>
                </Group>
              </Box>
              <DropZone
                onFile={choose}
                onFolder={(name) => {
                  choose(null);
                  setFolder(name);
                }}
              >
                <Group gap="md" align="flex-end" wrap="nowrap">
                  <FileInput
                    label="CSV file"
                    placeholder="Choose a .csv file"
                    accept=".csv,text/csv"
                    clearable
                    clearButtonProps={{ 'aria-label': 'Clear file' }}
                    leftSection={<IconFileTypeCsv size={16} />}
                    value={file}
                    onChange={choose}
                    w={360}
                  />
                  <Text size="sm" c="dimmed" pb={6}>
                    or drop a CSV file here
                  </Text>
                </Group>
                {detected && (
                  <Text size="xs" c="dimmed" mt={6} data-testid="import-detected">
                    Recognised as a {KINDS.find((k) => k.value === detected)?.label.toLowerCase()} file from its columns.
                  </Text>
                )}
              </DropZone>
              {matched && (
                <Alert color="green" variant="light" py="xs" data-testid="import-matched-mapping">
                  <Text size="sm">
                    Its columns fit {matched.id ? 'the preset' : 'the saved mapping'} “{matched.name}”: the file is read with it.
                    {matched.description ? ` ${matched.description}` : ''}
                  </Text>
                  {apps.length > 0 && (
                    <Checkbox
                      mt="xs"
                      size="sm"
                      checked={perApp}
                      onChange={(e) => setPerApp(e.currentTarget.checked)}
                      label={`Also count each app as its own initiative (${apps.join(', ')})`}
                      description="Adds one initiative per app, named “<initiative>: <app>”, with the users who used that app in the month."
                    />
                  )}
                </Alert>
              )}
              {/* What the file holds first, then how it is read (the mapping), then what the import makes of it. */}
              {preview && <FilePreview file={file} preview={preview} focusRow={focusRow} problemRows={problemRows} />}
              {proposal && !matched && mapping && (
                <MappingStep
                  proposal={proposal}
                  mapping={mapping}
                  onChange={(m) => {
                    setMapping(m);
                    saveMapping.reset();
                  }}
                  saveAs={saveAs}
                  onSaveAs={setSaveAs}
                />
              )}
              <Group gap="xs">
                <Button variant="default" disabled={!file || upload.isPending} onClick={() => void run(true)}>
                  Dry run
                </Button>
                <Button disabled={!file || upload.isPending} onClick={() => void run(false)}>
                  Import
                </Button>
              </Group>
              {upload.isPending && file && progressId && (
                <ImportProgressBar progressId={progressId} file={file} bytesPerRow={preview?.bytesPerRow ?? 0} />
              )}
              {upload.isSuccess && <SummaryView summary={upload.data} />}
              {error !== null && (
                <ProblemsView
                  data={errorData}
                  message={error}
                  dryRun={lastDryRun}
                  busy={upload.isPending}
                  onShowRow={setFocusRow}
                  onUseName={(name, existing) => {
                    const next = { ...aliases, [name]: existing };
                    setAliases(next);
                    void run(lastDryRun, { aliases: next });
                  }}
                  onCreate={() => void run(lastDryRun, { createMissing: true })}
                  onAgain={() => void run(false, { again: true })}
                />
              )}
              {Object.keys(aliases).length > 0 && (
                <Text size="xs" c="dimmed" data-testid="import-aliases">
                  Read in this file as existing names:{' '}
                  {Object.entries(aliases)
                    .map(([from, to]) => `“${from}” as ${to}`)
                    .join(', ')}
                  .
                </Text>
              )}
            </Stack>
          </Paper>
        )}
        <Box>
          <Title order={2} fz="md" mb={6}>
            Past imports
          </Title>
          <QueryState query={batches} what="past imports">
            {(list) =>
              list.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nothing imported yet.
                </Text>
              ) : (
                <Table className="data-table" aria-label="Past imports" data-testid="import-batches">
                  <TableHead labels={['File', 'Kind', 'Rows', 'Imported by', 'When', 'SHA-256']} right={['Rows']} />
                  <Table.Tbody>
                    {list.map((b) => (
                      <Table.Tr key={b.id} data-testid="import-batch">
                        <Table.Td>{b.fileName}</Table.Td>
                        <Table.Td>{b.kind}</Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {b.counts.rows === undefined ? <Dash /> : number.format(b.counts.rows)}
                        </Table.Td>
                        <Table.Td>{b.importedBy ?? <Dash />}</Table.Td>
                        <Table.Td>{localeDateTime.format(new Date(b.importedAt))}</Table.Td>
                        <Table.Td>
                          <Code title={b.sha256}>{b.sha256.slice(0, 12)}</Code>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )
            }
          </QueryState>
        </Box>
      </Stack>
    </Page>
  );
}
