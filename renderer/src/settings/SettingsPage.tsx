import { zodResolver } from '@hookform/resolvers/zod';
import { Box, Button, Code, DataList, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { contract } from '../../../db/api/contract';
import { RECOMMENDATION_LINK_EXAMPLE, ROLE_LABELS, recommendationLinkProblem, type WorkspaceInfo } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { useCan, useWorkspace } from '../api/workspace';
import { notifyDone } from '../components/confirm';
import { DataRow } from '../components/DataRow';
import { FormError, useServerErrors } from '../components/FormError';
import { Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { LocaleSetting } from '../locale/LocaleSetting';
import { SyncSection } from '../sync/SyncSection';
import { MetricSettingsSection } from './MetricSettingsSection';
import type { MetricSettings } from './metricFields';
import { StakeholderFieldsSection } from './StakeholderFieldsSection';

// workspace.update's own input schema, so the rules stay in the contract.
const RenameInput = required(contract.workspace.update['~orpc'].inputSchema);

function required<T>(schema: T | undefined): T {
  if (!schema) throw new Error('workspace.update has no input schema in the contract');
  return schema;
}

function RenameWorkspace({ name }: { name: string }) {
  const form = useForm({ resolver: zodResolver(RenameInput), defaultValues: { name } });
  const errors = useServerErrors(form.setError, ['name']);
  const rename = useMutation(
    orpc.workspace.update.mutationOptions({
      meta: { inlineErrors: true },
      onError: errors.report,
      onSuccess: (info) => {
        form.reset({ name: info.workspace?.name ?? '' });
        notifyDone('Workspace renamed.');
      },
    }),
  );
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => {
        errors.clear();
        rename.mutate(values);
      })}
    >
      <Stack gap="xs" maw={460}>
        <FormError message={errors.formError} />
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput label="Workspace name" style={{ flex: 1 }} {...form.register('name')} error={form.formState.errors.name?.message} />
          <Button type="submit" loading={rename.isPending} disabled={!form.formState.isDirty}>
            Rename
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The source system's address of a recommendation: review items and drill-down rows link to it. */
function RecommendationLink({ saved }: { saved: string | null }) {
  const [value, setValue] = useState(saved ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    orpc.workspace.update.mutationOptions({
      meta: { inlineErrors: true },
      onError: (e) => setError(errorMessage(e).replace(/^recommendationLink: the recommendation link /, 'The link ')),
      onSuccess: (info) => {
        setValue(info.recommendationLink ?? '');
        notifyDone(info.recommendationLink ? 'Recommendation link saved.' : 'Recommendation link removed.');
      },
    }),
  );
  const dirty = value.trim() !== (saved ?? '');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = value.trim();
        const problem = trimmed === '' ? null : recommendationLinkProblem(trimmed);
        setError(problem ? `The link ${problem}` : null);
        if (!problem) save.mutate({ recommendationLink: trimmed });
      }}
    >
      <Group align="flex-start" gap="xs" wrap="nowrap" maw={620}>
        <TextInput
          label="Recommendation link"
          description={`Where a recommendation id opens, {id} standing for the id. Leave empty for no link.`}
          placeholder={RECOMMENDATION_LINK_EXAMPLE}
          style={{ flex: 1 }}
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          data-testid="recommendation-link"
        />
        <Button type="submit" loading={save.isPending} disabled={!dirty} mt={39}>
          Save
        </Button>
      </Group>
    </form>
  );
}

function Section({
  title,
  description,
  maw = 720,
  children,
}: {
  title: string;
  description?: string;
  maw?: number;
  children: React.ReactNode;
}) {
  return (
    <Box component="section" aria-label={title} maw={maw}>
      <Title order={2}>{title}</Title>
      {description && (
        <Text size="sm" c="dimmed" mt={2}>
          {description}
        </Text>
      )}
      <Box mt="sm">{children}</Box>
    </Box>
  );
}

function Details({ info, metrics }: { info: WorkspaceInfo; metrics: MetricSettings }) {
  const canRename = useCan('workspace.update');
  const canConfigure = useCan('metrics.configure');
  const canDefineFields = useCan('stakeholderFields.create');
  return (
    <Stack gap="xl" px="lg" pt="lg" pb="xl" style={{ borderTop: '1px solid var(--uptake-border)' }}>
      <Section
        title="Workspace"
        description={canRename ? 'The name everyone in the workspace sees.' : 'Only a change manager can rename the workspace.'}
      >
        {canRename ? (
          <RenameWorkspace key={info.workspace?.name} name={info.workspace?.name ?? ''} />
        ) : (
          <Text size="sm" data-testid="workspace-name-readonly">
            {info.workspace?.name}
          </Text>
        )}
      </Section>
      <Section
        title="Source system"
        description={
          canRename
            ? 'Link each recommendation id in Override review and in the rows behind a figure to the system it came from.'
            : 'Recommendation ids link to the system they came from when a change manager sets the address here.'
        }
      >
        {canRename ? (
          <RecommendationLink key={info.recommendationLink ?? ''} saved={info.recommendationLink} />
        ) : (
          <Text size="sm" data-testid="recommendation-link-readonly">
            {info.recommendationLink ?? 'No link set.'}
          </Text>
        )}
      </Section>
      <Section
        title="Weights and thresholds"
        maw={920}
        description={
          canConfigure
            ? 'How real adoption weighs its components, and when the report raises an alert (docs/metrics.md). A change applies to every report at once.'
            : 'How real adoption weighs its components, and when the report raises an alert (docs/metrics.md).'
        }
      >
        <MetricSettingsSection saved={metrics} editable={canConfigure} />
      </Section>
      <Section
        title="Stakeholder fields"
        maw={920}
        description={
          canDefineFields
            ? "The workspace's own fields of the stakeholder register (text, number, date or a choice): they appear in the stakeholder form, on each person's page, as optional register columns and in the CSV export."
            : "The workspace's own fields of the stakeholder register. Change managers define them."
        }
      >
        <StakeholderFieldsSection />
      </Section>
      <Section title="You" description="Who this device is acting as. Switch in the menu at the bottom of the sidebar.">
        <DataList labelWidth="160px" size="sm" gap="xs">
          <DataRow label="Acting as">{info.me?.name ?? 'No profile selected'}</DataRow>
          <DataRow label="Role">{info.me ? ROLE_LABELS[info.me.role] : '—'}</DataRow>
          <DataRow label="Profiles on this device">{String(info.profiles.length)}</DataRow>
        </DataList>
      </Section>
      <Section title="Numbers and dates">
        <LocaleSetting />
      </Section>
      <Section
        title="Sync"
        maw={920}
        description="Share the workspace with the rest of the team through a shared folder. Uptake syncs by itself a few seconds after a change, every minute, and when you come back to the window."
      >
        <SyncSection />
      </Section>
      <Section title="This device" description="Uptake keeps all data in one file on this computer; it works offline.">
        <DataList labelWidth="160px" size="sm" gap="xs">
          <DataRow label="Device id">
            <Code>{info.deviceId}</Code>
          </DataRow>
          <DataRow label="Database file">
            <Code style={{ wordBreak: 'break-all' }}>{info.databaseFile}</Code>
          </DataRow>
          <DataRow label="Schema version">
            <Text span size="sm" className="tabular">
              {info.schemaVersion}
            </Text>
          </DataRow>
        </DataList>
      </Section>
    </Stack>
  );
}

export function SettingsPage() {
  const info = useWorkspace();
  const metrics = useQuery(orpc.metrics.settings.queryOptions());
  const both = {
    ...info,
    isPending: info.isPending || metrics.isPending,
    isError: info.isError || metrics.isError,
    error: info.error ?? metrics.error,
    data: info.data && metrics.data ? { info: info.data, metrics: metrics.data } : undefined,
    refetch: () => Promise.all([info.refetch(), metrics.refetch()]),
  };
  return (
    <Page
      screen="settings"
      title="Settings"
      description="The workspace, its weights and thresholds, who you act as, and where this device keeps its data."
      ready={info.isSuccess && metrics.isSuccess}
    >
      <QueryState query={both} what="settings">
        {(data) => <Details info={data.info} metrics={data.metrics} />}
      </QueryState>
    </Page>
  );
}
