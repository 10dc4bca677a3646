import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Fieldset, Group, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { InitiativeCreateInput } from '../../../db/api/contract';
import { INITIATIVE_STATUS_LABELS, INITIATIVE_STATUSES, type Initiative, type PersonRef, TRIAD_ROLES } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { notifyDone } from '../components/confirm';
import { FormError, useServerErrors } from '../components/FormError';
import { TriadField } from './TriadField';

const FIELDS = ['name', 'description', 'status', 'goLive', 'modelVersions', ...TRIAD_ROLES] as const;

const toInput = (p: PersonRef | null) => (!p ? null : p.memberId ? { memberId: p.memberId } : { name: p.name });

export function InitiativeForm({ initiative, onClose }: { initiative: Initiative | null; onClose: () => void }) {
  const members = useQuery(orpc.members.list.queryOptions());
  const form = useForm({
    resolver: zodResolver(InitiativeCreateInput),
    defaultValues: {
      name: initiative?.name ?? '',
      description: initiative?.description ?? '',
      status: initiative?.status ?? 'pilot',
      goLive: initiative?.goLive ?? null,
      modelVersions: initiative?.modelVersions ?? [],
      businessSponsor: toInput(initiative?.businessSponsor ?? null),
      productOwner: toInput(initiative?.productOwner ?? null),
      technicalLead: toInput(initiative?.technicalLead ?? null),
    },
  });
  const errors = useServerErrors(form.setError, FIELDS);
  const options = { meta: { inlineErrors: true }, onError: errors.report };
  const create = useMutation(
    orpc.initiatives.create.mutationOptions({
      ...options,
      onSuccess: (i) => {
        notifyDone(`Initiative “${i.name}” added.`);
        onClose();
      },
    }),
  );
  const update = useMutation(
    orpc.initiatives.update.mutationOptions({
      ...options,
      onSuccess: (i) => {
        notifyDone(`Initiative “${i.name}” saved.`);
        onClose();
      },
    }),
  );
  const { errors: fieldErrors } = form.formState;

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => {
        errors.clear();
        if (initiative) update.mutate({ id: initiative.id, ...values });
        else create.mutate(values);
      })}
    >
      <Stack gap="sm">
        <FormError message={errors.formError} />
        {members.isError && <FormError message={`The member list could not be loaded: ${errorMessage(members.error)}`} />}
        <TextInput label="Name" withAsterisk data-autofocus {...form.register('name')} error={fieldErrors.name?.message} />
        <SimpleGrid cols={3} spacing="sm">
          <Controller
            control={form.control}
            name="status"
            render={({ field, fieldState }) => (
              <Select
                label="Status"
                data={INITIATIVE_STATUSES.map((s) => ({ value: s, label: INITIATIVE_STATUS_LABELS[s] }))}
                value={field.value ?? 'pilot'}
                onChange={(v) => field.onChange(v ?? 'pilot')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={fieldState.error?.message}
              />
            )}
          />
          <Controller
            control={form.control}
            name="goLive"
            render={({ field, fieldState }) => (
              <TextInput
                type="date"
                label="Go-live date"
                value={field.value ?? ''}
                onChange={(e) => field.onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
                onBlur={field.onBlur}
                ref={field.ref}
                error={fieldState.error?.message}
              />
            )}
          />
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
          error={fieldErrors.description?.message}
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
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {initiative ? 'Save changes' : 'Add initiative'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
