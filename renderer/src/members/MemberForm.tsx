import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Group, Select, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { MemberCreateInput } from '../../../db/api/contract';
import { type Member, ROLE_LABELS, ROLES } from '../../../db/api/types';
import { orpc } from '../api/query';
import { notifyDone } from '../components/confirm';
import { FormError, useServerErrors } from '../components/FormError';

const FIELDS = ['name', 'email', 'role', 'profileOnThisDevice'] as const;

const ROLE_HELP: Record<Member['role'], string> = {
  change_manager: 'Manages the workspace: teams, initiatives and members',
  champion: 'Helps colleagues in their team adopt AI; read-only here',
  sponsor: 'A senior stakeholder who follows progress; read-only here',
};

export function MemberForm({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const form = useForm({
    resolver: zodResolver(MemberCreateInput),
    defaultValues: { name: member?.name ?? '', email: member?.email ?? null, role: member?.role ?? 'champion', profileOnThisDevice: true },
  });
  const errors = useServerErrors(form.setError, FIELDS);
  const options = { meta: { inlineErrors: true }, onError: errors.report };
  const create = useMutation(
    orpc.members.create.mutationOptions({
      ...options,
      onSuccess: (m) => {
        notifyDone(`${m.name} added as ${ROLE_LABELS[m.role].toLowerCase()}.`);
        onClose();
      },
    }),
  );
  const update = useMutation(
    orpc.members.update.mutationOptions({
      ...options,
      onSuccess: (m) => {
        notifyDone(`${m.name} saved.`);
        onClose();
      },
    }),
  );
  const { errors: fieldErrors } = form.formState;

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(({ profileOnThisDevice, ...values }) => {
        errors.clear();
        if (member) update.mutate({ id: member.id, ...values });
        else create.mutate({ ...values, profileOnThisDevice });
      })}
    >
      <Stack gap="sm">
        <FormError message={errors.formError} />
        <TextInput label="Name" withAsterisk data-autofocus {...form.register('name')} error={fieldErrors.name?.message} />
        <Controller
          control={form.control}
          name="email"
          render={({ field, fieldState }) => (
            <TextInput
              type="email"
              label="Email"
              placeholder="name@example.com"
              value={field.value ?? ''}
              onChange={(e) => field.onChange(e.currentTarget.value.trim() === '' ? null : e.currentTarget.value.trim())}
              onBlur={field.onBlur}
              ref={field.ref}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="role"
          render={({ field, fieldState }) => (
            <Select
              label="Role"
              withAsterisk
              data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              value={field.value}
              onChange={(v) => v && field.onChange(v)}
              onBlur={field.onBlur}
              ref={field.ref}
              description={ROLE_HELP[field.value]}
              error={fieldState.error?.message}
            />
          )}
        />
        {!member && (
          <Controller
            control={form.control}
            name="profileOnThisDevice"
            render={({ field }) => (
              <Checkbox
                label="Can be acted as on this device"
                description="Lets you switch to this member from the profile menu, for a shared machine or a demo"
                checked={field.value ?? true}
                onChange={(e) => field.onChange(e.currentTarget.checked)}
                mt={4}
              />
            )}
          />
        )}
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {member ? 'Save changes' : 'Add member'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
