import { NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Ref } from 'react';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { ShadowProcessCreateInput as ShadowCreateInput } from '../../../db/api/contract';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { FormError } from '../components/FormError';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, INLINE_ERRORS } from '../kit/EntityFormDialog';
import { KIND_OPTIONS, type ShadowProcess, today } from './register';

// The contract's rules, with messages a person reads next to the field instead of the API's.
const ShadowFormInput = ShadowCreateInput.extend({
  teamId: z.string({ error: 'Choose the team that keeps it' }).min(1, 'Choose the team that keeps it'),
  usersInvolved: z
    .number({ error: 'How many people keep it? A whole number, 0 or more' })
    .int('Users involved must be a whole number')
    .min(0, 'Users involved cannot be negative'),
  firstSeen: z.string().min(1, 'Enter the date it was first seen').pipe(ShadowCreateInput.shape.firstSeen),
}).refine((v) => !v.retiredOn || v.retiredOn >= v.firstSeen, {
  message: 'Retired on cannot be before first seen',
  path: ['retiredOn'],
});

/** A date field as a native date picker; empty is null. */
function DateField({
  label,
  description,
  value,
  onChange,
  error,
  required,
  ref,
}: {
  ref?: Ref<HTMLInputElement>;
  label: string;
  description?: string;
  value: string | null | undefined;
  onChange: (v: string | null) => void;
  error?: string | undefined;
  required?: boolean;
}) {
  return (
    <TextInput
      type="date"
      label={label}
      description={description}
      withAsterisk={required}
      ref={ref}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
      error={error}
    />
  );
}

export type ShadowEditing = { process: ShadowProcess | null };

export function ShadowFormDialog({ dialog }: { dialog: Dialog<ShadowEditing> }) {
  const create = useMutation(orpc.shadowProcesses.create.mutationOptions(INLINE_ERRORS));
  const update = useMutation(orpc.shadowProcesses.update.mutationOptions(INLINE_ERRORS));
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ process }) => (process ? 'Edit shadow process' : 'New shadow process')}
      size={640}
      schema={ShadowFormInput}
      defaults={({ process }) => ({
        name: process?.name ?? '',
        teamId: process?.teamId ?? '',
        initiativeId: process?.initiativeId ?? null,
        kind: process?.kind ?? 'spreadsheet',
        owner: process?.owner ?? '',
        usersInvolved: process?.usersInvolved ?? (undefined as unknown as number),
        reason: process?.reason ?? '',
        failurePattern: process?.failurePattern ?? '',
        firstSeen: process?.firstSeen ?? today(),
        retiredOn: process?.retiredOn ?? null,
      })}
      submitLabel={({ process }) => (process ? 'Save changes' : 'Add to register')}
      onSubmit={async (values, { process }) =>
        process
          ? `“${(await update.mutateAsync({ id: process.id, ...values })).name}” saved.`
          : `“${(await create.mutateAsync(values)).name}” added to the register.`
      }
    >
      {(form) => <ShadowFields form={form} />}
    </EntityFormDialog>
  );
}

function ShadowFields({ form }: { form: EntityForm<typeof ShadowFormInput> }) {
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  const { errors } = form.formState;
  const teamOptions = (teams.data ?? []).filter((t) => !t.deleted).map((t) => ({ value: t.id, label: t.path.join(' › ') }));
  const initiativeOptions = (initiatives.data ?? []).filter((i) => !i.deleted).map((i) => ({ value: i.id, label: i.name }));
  const listError = teams.error ?? initiatives.error;

  return (
    <>
      {listError && <FormError message={`Teams or initiatives could not be loaded: ${errorMessage(listError)}`} />}
      <TextInput
        label="Name"
        placeholder="e.g. Claims reserve tracker"
        withAsterisk
        data-autofocus
        {...form.register('name')}
        error={errors.name?.message}
      />
      <SimpleGrid cols={2} spacing="sm">
        <Controller
          control={form.control}
          name="teamId"
          render={({ field, fieldState }) => (
            <Select
              label="Team"
              withAsterisk
              placeholder="Choose a team"
              data={teamOptions}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              searchable
              nothingFoundMessage="No team matches"
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="initiativeId"
          render={({ field, fieldState }) => (
            <Select
              label="Initiative"
              placeholder="Every initiative of the team"
              data={initiativeOptions}
              value={field.value ?? null}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              ref={field.ref}
              clearable
              error={fieldState.error?.message}
            />
          )}
        />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm">
        <Controller
          control={form.control}
          name="kind"
          render={({ field, fieldState }) => (
            <Select
              label="Kind"
              withAsterisk
              data={KIND_OPTIONS}
              value={field.value}
              onChange={(v) => field.onChange(v ?? 'other')}
              onBlur={field.onBlur}
              ref={field.ref}
              error={fieldState.error?.message}
            />
          )}
        />
        <TextInput label="Owner" placeholder="Who keeps it going" {...form.register('owner')} error={errors.owner?.message} />
      </SimpleGrid>
      <SimpleGrid cols={3} spacing="sm">
        <Controller
          control={form.control}
          name="usersInvolved"
          render={({ field, fieldState }) => (
            <NumberInput
              label="Users involved"
              withAsterisk
              min={0}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              hideControls
              value={field.value ?? ''}
              onChange={(v) => field.onChange(typeof v === 'number' ? v : undefined)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="firstSeen"
          render={({ field, fieldState }) => (
            <DateField
              label="First seen"
              required
              ref={field.ref}
              value={field.value}
              onChange={(v) => field.onChange(v ?? '')}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="retiredOn"
          render={({ field, fieldState }) => (
            <DateField label="Retired on" ref={field.ref} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />
          )}
        />
      </SimpleGrid>
      <Textarea
        label="Reason"
        description="Why people keep it, in their words"
        placeholder="e.g. Handlers re-key every triaged claim to check the reserve"
        autosize
        minRows={2}
        maxRows={5}
        {...form.register('reason')}
        error={errors.reason?.message}
      />
      <TextInput
        label="Failure pattern"
        description="The AI failure it hedges against, if known"
        placeholder="e.g. Misses reserve changes on large claims"
        {...form.register('failurePattern')}
        error={errors.failurePattern?.message}
      />
    </>
  );
}
