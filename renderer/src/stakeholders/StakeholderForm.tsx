import { Group, Input, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { StakeholderCreateInput } from '../../../db/api/contract';
import { type AdkarElement, barrierPoint } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { FormError } from '../components/FormError';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, useSaveRecord } from '../kit/EntityFormDialog';
import { FieldLabel, FieldRow, MemberField, SelectField, TagsField, TeamField, TextAreaField, TextField } from '../kit/fields';
import { CustomFieldInput, useStakeholderFields } from './customFields';
import { ADKAR_ELEMENTS, ADKAR_LABELS, type Stakeholder, SUPPORT_OPTIONS } from './register';

// The contract's rules, with messages a person reads next to the field instead of the API's.
const StakeholderFormInput = StakeholderCreateInput.extend({
  teamId: z.string({ error: 'Choose their team' }).min(1, 'Choose their team'),
});

export type StakeholderEditing = { stakeholder: Stakeholder | null };

const NOT_ASSESSED = '–';
const SCALE = ['1', '2', '3', '4', '5'];

export function StakeholderFormDialog({ dialog }: { dialog: Dialog<StakeholderEditing> }) {
  const save = useSaveRecord(orpc.stakeholders);
  const customFields = useStakeholderFields().data ?? [];
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ stakeholder }) => (stakeholder ? `Edit ${stakeholder.name}` : 'New stakeholder')}
      size={680}
      schema={StakeholderFormInput}
      defaults={({ stakeholder: s }) => ({
        name: s?.name ?? '',
        title: s?.title ?? '',
        teamId: s?.teamId ?? '',
        email: s?.email ?? '',
        influence: s?.influence ?? 3,
        interest: s?.interest ?? 3,
        support: s?.support ?? 'neutral',
        awareness: s?.awareness ?? null,
        desire: s?.desire ?? null,
        knowledge: s?.knowledge ?? null,
        ability: s?.ability ?? null,
        reinforcement: s?.reinforcement ?? null,
        ownerMemberId: s?.ownerMemberId ?? null,
        tags: s?.tags ?? [],
        notes: s?.notes ?? '',
        // Every field held, null when empty: an input bound to a missing key would hold undefined, which the rules refuse.
        fields: Object.fromEntries(customFields.map((f) => [f.id, s?.fields[f.id] ?? null])),
      })}
      submitLabel={({ stakeholder }) => (stakeholder ? 'Save changes' : 'Add to register')}
      onSubmit={async (values, { stakeholder }) =>
        `“${(await save(values, stakeholder)).name}” ${stakeholder ? 'saved' : 'added to the register'}.`
      }
    >
      {(form) => <StakeholderFields form={form} />}
    </EntityFormDialog>
  );
}

type Form = EntityForm<typeof StakeholderFormInput>;

/** A 1–5 rating as a segmented control; `optional` adds "not assessed". */
function RatingField({
  form,
  name,
  label,
  optional,
}: {
  form: Form;
  name: AdkarElement | 'influence' | 'interest';
  label: string;
  /** ADKAR: "not assessed" is a choice, and the label sits beside the control to keep the five rows short. */
  optional?: boolean;
}) {
  const id = `rating-${name}`;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <Input.Wrapper
          label={label}
          labelElement="div"
          id={id}
          styles={
            optional
              ? { root: { display: 'grid', gridTemplateColumns: '110px 1fr', alignItems: 'center' }, label: { fontWeight: 400 } }
              : { label: { display: 'block' } }
          }
        >
          <SegmentedControl
            aria-labelledby={`${id}-label`}
            fullWidth
            size="xs"
            value={field.value === null || field.value === undefined ? NOT_ASSESSED : String(field.value)}
            onChange={(v) => field.onChange(v === NOT_ASSESSED ? null : Number(v))}
            data={optional ? [{ value: NOT_ASSESSED, label: 'Not assessed' }, ...SCALE] : SCALE}
          />
        </Input.Wrapper>
      )}
    />
  );
}

function StakeholderFields({ form }: { form: Form }) {
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const members = useQuery(orpc.members.list.queryOptions({ input: {} }));
  const scores = useWatch({ control: form.control, name: [...ADKAR_ELEMENTS] });
  const barrier = barrierPoint(
    Object.fromEntries(ADKAR_ELEMENTS.map((e, i) => [e, scores[i] ?? null])) as Record<AdkarElement, number | null>,
  );
  const listError = teams.error ?? members.error;
  return (
    <>
      {listError && <FormError message={`Teams or members could not be loaded: ${errorMessage(listError)}`} />}
      <FieldRow>
        <TextField control={form.control} name="name" label="Name" placeholder="e.g. Ravi Kumar" withAsterisk data-autofocus />
        <TextField control={form.control} name="title" label="Title" placeholder="e.g. Claims team lead" />
      </FieldRow>
      <FieldRow>
        <TeamField control={form.control} name="teamId" teams={teams.data} />
        <TextField control={form.control} name="email" label="Email" placeholder="Optional" />
      </FieldRow>
      <FieldRow cols={3}>
        <SelectField control={form.control} name="support" cleared="neutral" label="Support" withAsterisk data={SUPPORT_OPTIONS} />
        <RatingField form={form} name="influence" label="Influence" />
        <RatingField form={form} name="interest" label="Interest" />
      </FieldRow>
      <Stack gap={6} data-testid="adkar-fields">
        <Group justify="space-between">
          <FieldLabel>ADKAR</FieldLabel>
          <Text size="xs" c="dimmed" aria-live="polite" data-testid="barrier-live">
            {barrier ? (
              <>
                Barrier point:{' '}
                <Text span size="xs" fw={700} c="var(--mantine-color-text)">
                  {ADKAR_LABELS[barrier]}
                </Text>
              </>
            ) : (
              'No barrier point: every assessed element is above 3'
            )}
          </Text>
        </Group>
        {ADKAR_ELEMENTS.map((e) => (
          <RatingField key={e} form={form} name={e} label={ADKAR_LABELS[e]} optional />
        ))}
      </Stack>
      <FieldRow>
        <MemberField control={form.control} name="ownerMemberId" optional label="Relationship owner" placeholder="No owner yet" />
        <TagsField control={form.control} name="tags" label="Tags" placeholder="Type and press Enter" />
      </FieldRow>
      <TextAreaField control={form.control} name="notes" label="Notes" maxRows={5} />
      <CustomFields form={form} />
    </>
  );
}

/** The workspace's own fields, below the built-in ones (Settings → Stakeholder fields defines them). */
function CustomFields({ form }: { form: Form }) {
  const fields = useStakeholderFields().data ?? [];
  if (fields.length === 0) return null;
  return (
    <Stack gap={6} data-testid="custom-fields">
      <FieldLabel>The workspace's fields</FieldLabel>
      <FieldRow>
        {fields.map((f) => (
          <CustomFieldInput key={f.id} control={form.control} field={f} />
        ))}
      </FieldRow>
    </Stack>
  );
}
