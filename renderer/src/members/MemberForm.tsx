import { Checkbox, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Controller, useWatch } from 'react-hook-form';
import { MemberCreateInput } from '../../../db/api/contract';
import { type Member, ROLE_LABELS, ROLES } from '../../../db/api/types';
import { orpc } from '../api/query';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, INLINE_ERRORS } from '../kit/EntityFormDialog';
import { labelled, SelectField, TextField } from '../kit/fields';

export type MemberEditing = { member: Member | null };

const ROLE_HELP: Record<Member['role'], string> = {
  change_manager: 'Manages the workspace: teams, initiatives and members',
  champion: 'Helps colleagues in their team adopt AI; read-only here',
  sponsor: 'A senior stakeholder who follows progress; read-only here',
};

export function MemberFormDialog({ dialog }: { dialog: Dialog<MemberEditing> }) {
  const create = useMutation(orpc.members.create.mutationOptions(INLINE_ERRORS));
  const update = useMutation(orpc.members.update.mutationOptions(INLINE_ERRORS));
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ member }) => (member ? 'Edit member' : 'New member')}
      schema={MemberCreateInput}
      defaults={({ member }) => ({
        name: member?.name ?? '',
        email: member?.email ?? null,
        role: member?.role ?? 'champion',
        profileOnThisDevice: true,
      })}
      submitLabel={({ member }) => (member ? 'Save changes' : 'Add member')}
      onSubmit={async ({ profileOnThisDevice, ...values }, { member }) => {
        if (member) return `${(await update.mutateAsync({ id: member.id, ...values })).name} saved.`;
        const added = await create.mutateAsync({ ...values, profileOnThisDevice });
        return `${added.name} added as ${ROLE_LABELS[added.role].toLowerCase()}.`;
      }}
    >
      {(form, { member }) => <MemberFields form={form} adding={!member} />}
    </EntityFormDialog>
  );
}

function MemberFields({ form, adding }: { form: EntityForm<typeof MemberCreateInput>; adding: boolean }) {
  const role = useWatch({ control: form.control, name: 'role' });
  return (
    <>
      <TextField control={form.control} name="name" label="Name" withAsterisk data-autofocus />
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
      <SelectField
        control={form.control}
        name="role"
        // A member always has a role: clicking the chosen one again keeps it.
        allowDeselect={false}
        label="Role"
        withAsterisk
        data={labelled(ROLES, ROLE_LABELS)}
        description={ROLE_HELP[role]}
      />
      {adding && (
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
    </>
  );
}
