import { Fieldset, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { InitiativeCreateInput } from '../../../db/api/contract';
import { INITIATIVE_STATUS_LABELS, INITIATIVE_STATUSES, type Initiative, type PersonRef, TRIAD_ROLES } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { FormError } from '../components/FormError';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, useSaveRecord } from '../kit/EntityFormDialog';
import { DateField, SelectField } from '../kit/fields';
import { TriadField } from './TriadField';

export type InitiativeEditing = { initiative: Initiative | null };

const toInput = (p: PersonRef | null) => (!p ? null : p.memberId ? { memberId: p.memberId } : { name: p.name });

export function InitiativeFormDialog({ dialog }: { dialog: Dialog<InitiativeEditing> }) {
  const save = useSaveRecord(orpc.initiatives);
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ initiative }) => (initiative ? 'Edit initiative' : 'New initiative')}
      size={680}
      schema={InitiativeCreateInput}
      defaults={({ initiative }) => ({
        name: initiative?.name ?? '',
        description: initiative?.description ?? '',
        status: initiative?.status ?? 'pilot',
        goLive: initiative?.goLive ?? null,
        modelVersions: initiative?.modelVersions ?? [],
        businessSponsor: toInput(initiative?.businessSponsor ?? null),
        productOwner: toInput(initiative?.productOwner ?? null),
        technicalLead: toInput(initiative?.technicalLead ?? null),
      })}
      submitLabel={({ initiative }) => (initiative ? 'Save changes' : 'Add initiative')}
      onSubmit={async (values, { initiative }) =>
        `Initiative “${(await save(values, initiative)).name}” ${initiative ? 'saved' : 'added'}.`
      }
    >
      {(form) => <InitiativeFields form={form} />}
    </EntityFormDialog>
  );
}

function InitiativeFields({ form }: { form: EntityForm<typeof InitiativeCreateInput> }) {
  const members = useQuery(orpc.members.list.queryOptions());
  const { errors } = form.formState;
  return (
    <>
      {members.isError && <FormError message={`The member list could not be loaded: ${errorMessage(members.error)}`} />}
      <TextInput label="Name" withAsterisk data-autofocus {...form.register('name')} error={errors.name?.message} />
      <SimpleGrid cols={3} spacing="sm">
        <SelectField
          control={form.control}
          name="status"
          cleared="pilot"
          label="Status"
          data={INITIATIVE_STATUSES.map((s) => ({ value: s, label: INITIATIVE_STATUS_LABELS[s] }))}
        />
        <DateField control={form.control} name="goLive" cleared={null} label="Go-live date" />
      </SimpleGrid>
      <Controller
        control={form.control}
        name="modelVersions"
        render={({ field, fieldState }) => (
          <TagsInput
            label="Model versions"
            description="The models this initiative runs on; press Enter after each"
            placeholder={field.value && field.value.length > 0 ? '' : 'e.g. triage-gbm 3.2'}
            value={field.value ?? []}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={fieldState.error?.message}
            clearable
            // Half-typed text left in the box is not a model version: only Enter (or a comma) makes a tag.
            acceptValueOnBlur={false}
          />
        )}
      />
      <Textarea
        label="Description"
        placeholder="What it does, for whom"
        autosize
        minRows={2}
        maxRows={5}
        {...form.register('description')}
        error={errors.description?.message}
      />
      <Fieldset legend="Accountable people (the triad)" variant="filled" p="sm" pt={4}>
        <Stack gap={8}>
          {TRIAD_ROLES.map((role) => (
            <Controller
              key={role}
              control={form.control}
              name={role}
              render={({ field, fieldState }) => (
                <TriadField
                  role={role}
                  value={field.value}
                  onChange={field.onChange}
                  members={members.data ?? []}
                  invalid={fieldState.invalid}
                />
              )}
            />
          ))}
        </Stack>
      </Fieldset>
    </>
  );
}
