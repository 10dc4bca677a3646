import { Fieldset, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller, useWatch } from 'react-hook-form';
import { InitiativeCreateInput } from '../../../db/api/contract';
import { INITIATIVE_STATUS_LABELS, INITIATIVE_STATUSES, type Initiative, type PersonRef, TRIAD_ROLES } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { FormError } from '../components/FormError';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, useSaveRecord } from '../kit/EntityFormDialog';
import { DateField, FieldRow, StatusField, TagsField, TextAreaField, TextField } from '../kit/fields';
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
  const versions = useWatch({ control: form.control, name: 'modelVersions' });
  return (
    <>
      {members.isError && <FormError message={`The member list could not be loaded: ${errorMessage(members.error)}`} />}
      <TextField control={form.control} name="name" label="Name" withAsterisk data-autofocus />
      <FieldRow cols={3}>
        <StatusField control={form.control} name="status" cleared="pilot" values={INITIATIVE_STATUSES} labels={INITIATIVE_STATUS_LABELS} />
        <DateField control={form.control} name="goLive" cleared={null} label="Go-live date" />
      </FieldRow>
      <TagsField
        control={form.control}
        name="modelVersions"
        label="Model versions"
        description="The models this initiative runs on; press Enter after each"
        placeholder={versions && versions.length > 0 ? '' : 'e.g. triage-gbm 3.2'}
        clearable
        // Half-typed text left in the box is not a model version: only Enter (or a comma) makes a tag.
        acceptValueOnBlur={false}
      />
      <TextAreaField control={form.control} name="description" label="Description" placeholder="What it does, for whom" maxRows={5} />
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
