import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ActionFieldsInput } from '../../../db/api/contract';
import { orpc } from '../api/query';
import { useWorkspace } from '../api/workspace';
import { inDays } from '../kit/days';
import type { Dialog } from '../kit/dialog';
import { EntityFormDialog, useSaveRecord } from '../kit/EntityFormDialog';
import { DateField, FieldRow, MemberField, SelectField, TextField } from '../kit/fields';
import type { Action } from './register';

const ActionFormInput = ActionFieldsInput.extend({
  what: z.string().trim().min(1, 'Say what needs doing').max(300, 'At most 300 characters'),
  ownerMemberId: z.string({ error: 'Choose who does it' }).min(1, 'Choose who does it'),
  due: z.string().min(1, 'Enter the due date').pipe(ActionFieldsInput.shape.due),
});

export type ActionEditing = { action: Action | null };

export function ActionFormDialog({ dialog }: { dialog: Dialog<ActionEditing> }) {
  const save = useSaveRecord(orpc.stakeholderActions);
  const me = useWorkspace().data?.me;
  const people = useQuery(orpc.stakeholders.list.queryOptions({ input: {} }));
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ action }) => (action ? 'Edit action' : 'New follow-up action')}
      size={560}
      schema={ActionFormInput}
      defaults={({ action }) => ({
        what: action?.what ?? '',
        ownerMemberId: action?.ownerMemberId ?? me?.id ?? '',
        due: action?.due ?? inDays(7),
        stakeholderId: action?.stakeholderId ?? null,
      })}
      submitLabel={({ action }) => (action ? 'Save changes' : 'Add action')}
      onSubmit={async (values, { action }) => `“${(await save(values, action)).what}” ${action ? 'saved' : 'added'}.`}
    >
      {(form) => (
        <>
          <TextField
            control={form.control}
            name="what"
            label="What"
            placeholder="e.g. Send Ravi the override figures"
            withAsterisk
            data-autofocus
          />
          <FieldRow cols={3}>
            <MemberField control={form.control} name="ownerMemberId" cleared="" label="Owner" withAsterisk />
            <DateField control={form.control} name="due" cleared="" label="Due" withAsterisk />
            <SelectField
              control={form.control}
              name="stakeholderId"
              optional
              label="Stakeholder"
              placeholder="Nobody in particular"
              data={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </FieldRow>
        </>
      )}
    </EntityFormDialog>
  );
}
