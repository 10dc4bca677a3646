import { Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { PatternCreateInput } from '../../../db/api/contract';
import {
  type FailurePattern,
  FEEDBACK_CATEGORIES,
  FEEDBACK_CATEGORY_LABELS,
  type Feedback,
  type FeedbackCategory,
  PATTERN_STATUS_LABELS,
  PATTERN_STATUSES,
} from '../../../db/api/types';
import { orpc } from '../api/query';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, INLINE_ERRORS, useSaveRecord } from '../kit/EntityFormDialog';
import { FieldRow, labelled, SelectField, StatusField, TextAreaField, TextField } from '../kit/fields';

const CATEGORY_OPTIONS = labelled(FEEDBACK_CATEGORIES, FEEDBACK_CATEGORY_LABELS);

const PatternFormInput = PatternCreateInput.omit({ feedbackIds: true }).extend({
  name: z.string().trim().min(1, 'Name the pattern, e.g. “Flat roofs read as flats”').max(160, 'At most 160 characters'),
});

/** The fields a pattern is made of; `autofocus` when they come first in the form. */
function PatternFields({ form, autofocus }: { form: EntityForm<typeof PatternFormInput>; autofocus: boolean }) {
  return (
    <>
      <TextField
        control={form.control}
        name="name"
        label="Name"
        placeholder="e.g. Flat roofs read as flats"
        withAsterisk
        data-autofocus={autofocus || undefined}
      />
      <FieldRow>
        <SelectField control={form.control} name="category" cleared="other" label="Category" withAsterisk data={CATEGORY_OPTIONS} />
        <StatusField control={form.control} name="status" cleared="open" values={PATTERN_STATUSES} labels={PATTERN_STATUS_LABELS} />
      </FieldRow>
      <TextAreaField control={form.control} name="description" label="Description" placeholder="How the AI fails, and where" />
    </>
  );
}

export type PatternEditing = { pattern: FailurePattern | null };

/** New or edit, on the Patterns screen. */
export function PatternFormDialog({ dialog }: { dialog: Dialog<PatternEditing> }) {
  const save = useSaveRecord(orpc.failurePatterns);
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ pattern }) => (pattern ? 'Edit failure pattern' : 'New failure pattern')}
      size={560}
      schema={PatternFormInput}
      defaults={({ pattern }) => ({
        name: pattern?.name ?? '',
        category: pattern?.category ?? 'other',
        description: pattern?.description ?? '',
        status: pattern?.status ?? 'open',
      })}
      submitLabel={({ pattern }) => (pattern ? 'Save changes' : 'Add pattern')}
      onSubmit={async (values, { pattern }) => `“${(await save(values, pattern)).name}” ${pattern ? 'saved' : 'added'}.`}
    >
      {(form) => <PatternFields form={form} autofocus />}
    </EntityFormDialog>
  );
}

const NEW = 'new';

/** The most frequent category of the items, to start a new pattern with. */
function usualCategory(items: readonly Feedback[]): FeedbackCategory {
  const counts = new Map<FeedbackCategory, number>();
  for (const f of items) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'other';
}

const GroupSchema = z
  .object({
    target: z.string(),
    name: z.string().max(160, 'At most 160 characters'),
    category: z.enum(FEEDBACK_CATEGORIES),
    description: z.string().max(2000).nullable().optional(),
    status: z.enum(PATTERN_STATUSES).optional(),
  })
  .refine((v) => v.target !== NEW || v.name.trim().length > 0, { message: 'Name the new pattern', path: ['name'] });

/** From the triage queue: the selected items into a new pattern or an existing one. */
export function GroupFormDialog({ dialog }: { dialog: Dialog<Feedback[]> }) {
  const create = useMutation(orpc.failurePatterns.create.mutationOptions(INLINE_ERRORS));
  const group = useMutation(orpc.feedback.group.mutationOptions(INLINE_ERRORS));
  const patterns = useQuery(orpc.failurePatterns.list.queryOptions({ input: {} }));
  return (
    <EntityFormDialog
      dialog={dialog}
      title={(items) => `Group ${items.length === 1 ? 'one item' : `${items.length} items`} into a pattern`}
      size={560}
      schema={GroupSchema}
      defaults={(items) => ({ target: NEW, name: '', category: usualCategory(items), description: '', status: 'open' as const })}
      submitLabel="Group"
      onSubmit={async (values, items) => {
        const ids = items.map((f) => f.id);
        if (values.target === NEW) {
          const { target: _, ...fields } = values;
          const p = await create.mutateAsync({ ...fields, name: fields.name.trim(), feedbackIds: ids });
          return `${ids.length === 1 ? 'One item' : `${ids.length} items`} grouped into the new pattern “${p.name}”.`;
        }
        await group.mutateAsync({ ids, patternId: values.target });
        const name = patterns.data?.find((p) => p.id === values.target)?.name ?? 'the pattern';
        return `${ids.length === 1 ? 'One item' : `${ids.length} items`} grouped into “${name}”.`;
      }}
    >
      {(form, items) => <GroupFields form={form} items={items} patterns={patterns.data ?? []} />}
    </EntityFormDialog>
  );
}

function GroupFields({
  form,
  items,
  patterns,
}: {
  form: EntityForm<typeof GroupSchema>;
  items: Feedback[];
  patterns: readonly FailurePattern[];
}) {
  const target = useWatch({ control: form.control, name: 'target' });
  const already = new Set(items.map((f) => f.patternId).filter(Boolean));
  return (
    <>
      <Text size="sm" c="dimmed">
        {already.size > 0
          ? 'Items already in a pattern move to the one you choose.'
          : 'A pattern names one way the AI fails; its teams, dates and count come from the items in it.'}
      </Text>
      <SelectField
        control={form.control}
        name="target"
        cleared={NEW}
        label="Pattern"
        withAsterisk
        data-autofocus
        searchable
        data={[
          { value: NEW, label: 'A new pattern…' },
          ...patterns.filter((p) => !p.deleted).map((p) => ({ value: p.id, label: `${p.name} (${p.count})` })),
        ]}
      />
      {target === NEW && <PatternFields form={form as unknown as EntityForm<typeof PatternFormInput>} autofocus={false} />}
    </>
  );
}
