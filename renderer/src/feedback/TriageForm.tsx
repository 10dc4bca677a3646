import { Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { FeedbackTriageInput } from '../../../db/api/contract';
import { canMove, FEEDBACK_STATUS_LABELS, FEEDBACK_STATUSES, type Feedback, type FeedbackStatus } from '../../../db/api/types';
import { orpc } from '../api/query';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, INLINE_ERRORS } from '../kit/EntityFormDialog';
import { FieldRow, MemberField, SelectField, StatusField } from '../kit/fields';
import { feedbackTitle } from './queue';

// One form for one item or many (bulk): the statuses offered are those every selected item may move to.
const TriageFormInput = FeedbackTriageInput.omit({ ids: true })
  .extend({ status: z.enum(FEEDBACK_STATUSES) })
  .refine((v) => v.status !== 'resolved' || !!v.resolvedVersion, {
    message: 'Which model version fixed it?',
    path: ['resolvedVersion'],
  })
  .refine((v) => v.status !== 'duplicate' || !!v.duplicateOfId, { message: 'Which item does it duplicate?', path: ['duplicateOfId'] });

export function TriageFormDialog({ dialog, all }: { dialog: Dialog<Feedback[]>; all: readonly Feedback[] }) {
  const triage = useMutation(orpc.feedback.triage.mutationOptions(INLINE_ERRORS));
  return (
    <EntityFormDialog
      dialog={dialog}
      title={(items) => (items.length === 1 ? 'Triage feedback' : `Triage ${items.length} feedback items`)}
      size={560}
      schema={TriageFormInput}
      defaults={(items) => {
        const first = items[0];
        const same = items.every((f) => f.status === first?.status && f.assigneeId === first?.assigneeId);
        return {
          // Triaging a new item moves it on: its next step is the default.
          status: same && first && first.status !== 'new' ? first.status : ('triaged' as FeedbackStatus),
          assigneeId: same ? (first?.assigneeId ?? null) : null,
          resolvedVersion: items.length === 1 ? (first?.resolvedVersion ?? null) : null,
          duplicateOfId: items.length === 1 ? (first?.duplicateOfId ?? null) : null,
        };
      }}
      submitLabel="Save triage"
      onSubmit={async (values, items) => {
        const done = await triage.mutateAsync({
          ids: items.map((f) => f.id),
          status: values.status,
          assigneeId: values.assigneeId ?? null,
          ...(values.status === 'resolved' ? { resolvedVersion: values.resolvedVersion ?? null } : {}),
          ...(values.status === 'duplicate' ? { duplicateOfId: values.duplicateOfId ?? null } : {}),
        });
        return done.length === 1
          ? `Feedback is now ${FEEDBACK_STATUS_LABELS[values.status].toLowerCase()}.`
          : `${done.length} items triaged.`;
      }}
    >
      {(form, items) => <TriageFields form={form} items={items} all={all} />}
    </EntityFormDialog>
  );
}

function TriageFields({ form, items, all }: { form: EntityForm<typeof TriageFormInput>; items: Feedback[]; all: readonly Feedback[] }) {
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  const status = useWatch({ control: form.control, name: 'status' });
  const statuses = FEEDBACK_STATUSES.filter((s) => items.every((f) => canMove(f.status, s)));
  const versions = [...new Set(items.flatMap((f) => initiatives.data?.find((i) => i.id === f.initiativeId)?.modelVersions ?? []))];
  const ids = new Set(items.map((f) => f.id));
  const originals = all.filter((f) => !ids.has(f.id) && f.status !== 'duplicate' && f.initiativeId === items[0]?.initiativeId);
  return (
    <>
      {items.length === 1 && items[0] && (
        <Text size="sm" c="dimmed">
          {feedbackTitle(items[0])}
        </Text>
      )}
      <FieldRow>
        <StatusField
          control={form.control}
          name="status"
          cleared="triaged"
          withAsterisk
          data-autofocus
          // Focused for the keyboard, its list waits to be asked for (typing, a click, ArrowDown) instead of covering the form.
          openOnFocus={false}
          values={statuses}
          labels={FEEDBACK_STATUS_LABELS}
        />
        <MemberField control={form.control} name="assigneeId" optional label="Assignee" placeholder="Unassigned" />
      </FieldRow>
      {status === 'resolved' && (
        <SelectField
          control={form.control}
          name="resolvedVersion"
          cleared={null}
          label="Fixed in model version"
          withAsterisk
          data={versions}
          {...(versions.length > 0 ? {} : { nothingFoundMessage: 'The initiative lists no model versions: add them on Initiatives' })}
        />
      )}
      {status === 'duplicate' && (
        <SelectField
          control={form.control}
          name="duplicateOfId"
          cleared={null}
          label="Duplicate of"
          withAsterisk
          data={originals.map((f) => ({ value: f.id, label: feedbackTitle(f) }))}
          nothingFoundMessage="No other item of this initiative matches"
        />
      )}
    </>
  );
}
