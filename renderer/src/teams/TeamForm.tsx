import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { TeamCreateInput } from '../../../db/api/contract';
import type { Team } from '../../../db/api/types';
import { orpc } from '../api/query';
import { notifyDone } from '../components/confirm';
import { FormError, useServerErrors } from '../components/FormError';
import { parentOptions } from './hierarchy';

interface TeamFormProps {
  /** The team being edited; absent when adding one. */
  team: Team | null;
  teams: readonly Team[];
  /** Preselected parent when adding a sub-team. */
  parentId?: string | null;
  onClose: () => void;
}

const FIELDS = ['name', 'parentId', 'region', 'businessUnit', 'headcount'] as const;

export function TeamForm({ team, teams, parentId, onClose }: TeamFormProps) {
  const form = useForm({
    resolver: zodResolver(TeamCreateInput),
    defaultValues: {
      name: team?.name ?? '',
      parentId: team ? team.parentId : (parentId ?? null),
      region: team?.region ?? '',
      businessUnit: team?.businessUnit ?? '',
      headcount: team?.headcount ?? null,
    },
  });
  const errors = useServerErrors(form.setError, FIELDS);
  const options = { meta: { inlineErrors: true }, onError: errors.report };
  const create = useMutation(
    orpc.teams.create.mutationOptions({
      ...options,
      onSuccess: (t) => {
        notifyDone(`Team “${t.name}” added.`);
        onClose();
      },
    }),
  );
  const update = useMutation(
    orpc.teams.update.mutationOptions({
      ...options,
      onSuccess: (t) => {
        notifyDone(`Team “${t.name}” saved.`);
        onClose();
      },
    }),
  );
  const pending = create.isPending || update.isPending;
  const { errors: fieldErrors } = form.formState;

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => {
        errors.clear();
        if (team) update.mutate({ id: team.id, ...values });
        else create.mutate(values);
      })}
    >
      <Stack gap="sm">
        <FormError message={errors.formError} />
        <TextInput label="Name" withAsterisk data-autofocus {...form.register('name')} error={fieldErrors.name?.message} />
        <Controller
          control={form.control}
          name="parentId"
          render={({ field, fieldState }) => (
            <Select
              label="Parent team"
              description="Leave empty for a top-level team"
              placeholder="None (top level)"
              data={parentOptions(teams, team?.id ?? null)}
              value={field.value ?? null}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              ref={field.ref}
              clearable
              searchable
              nothingFoundMessage="No team matches"
              error={fieldState.error?.message}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label="Region" placeholder="e.g. UK North" {...form.register('region')} error={fieldErrors.region?.message} />
          <TextInput
            label="Business unit"
            placeholder="e.g. Operations"
            {...form.register('businessUnit')}
            error={fieldErrors.businessUnit?.message}
          />
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="sm">
          <Controller
            control={form.control}
            name="headcount"
            render={({ field, fieldState }) => (
              <NumberInput
                label="Headcount"
                description="Not counting sub-teams"
                w={200}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=","
                value={field.value ?? ''}
                onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
                onBlur={field.onBlur}
                ref={field.ref}
                error={fieldState.error?.message}
                hideControls
              />
            )}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {team ? 'Save changes' : 'Add team'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
