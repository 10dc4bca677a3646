import { Checkbox, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { FeedbackCreateInput } from '../../../db/api/contract';
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_CAUGHT,
  FEEDBACK_CAUGHT_LABELS,
  FEEDBACK_SEVERITIES,
  FEEDBACK_SEVERITY_LABELS,
} from '../../../db/api/types';
import { orpc } from '../api/query';
import { useDialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, useSaveRecord } from '../kit/EntityFormDialog';
import {
  ChoiceField,
  FieldRow,
  InitiativeField,
  labelled,
  NumberField,
  SelectField,
  TeamField,
  TextAreaField,
  TextField,
} from '../kit/fields';
import { Suggestions } from './Suggestions';
import { FEEDBACK_SHORTCUT_LABEL, type FeedbackPrefill } from './shortcut';

// The last initiative and team a person logged feedback for, on this device: most feedback comes in runs from one place.
const LAST_KEY = 'uptake.feedback.last';
function lastPlace(): { initiativeId: string; teamId: string } {
  try {
    const v = JSON.parse(localStorage.getItem(LAST_KEY) ?? '{}') as Record<string, unknown>;
    return { initiativeId: typeof v.initiativeId === 'string' ? v.initiativeId : '', teamId: typeof v.teamId === 'string' ? v.teamId : '' };
  } catch {
    return { initiativeId: '', teamId: '' };
  }
}

const FeedbackFormInput = FeedbackCreateInput.extend({
  initiativeId: z.string({ error: 'Choose the initiative' }).min(1, 'Choose the initiative'),
  teamId: z.string({ error: 'Choose the team' }).min(1, 'Choose the team'),
  statedConfidence: z
    .number({ error: 'A whole number of per cent, 0 to 100' })
    .int('A whole number of per cent, 0 to 100')
    .min(0, 'A whole number of per cent, 0 to 100')
    .max(100, 'A whole number of per cent, 0 to 100')
    .nullable()
    .optional(),
}).transform((v) => (v.confidentlyWrong ? v : { ...v, statedConfidence: null }));

/**
 * The feedback form, loaded the first time the shortcut asks for it and opened at each request
 * (`request` counts them). It starts on the last initiative and team and with the quickest
 * defaults (medium, caught in review), so a run of items takes a few fields each.
 */
export function FeedbackFormDialog({ request, prefill }: { request: number; prefill: FeedbackPrefill | null }) {
  // The dialog's value: what it starts with (null: a blank form on the last place).
  const dialog = useDialog<{ from: FeedbackPrefill | null }>();
  const { opened, open } = dialog;
  // biome-ignore lint/correctness/useExhaustiveDependencies: opens on a new request only
  useEffect(() => {
    if (request > 0 && !opened) open({ from: prefill });
  }, [request]);
  const save = useSaveRecord(orpc.feedback);
  return (
    <EntityFormDialog
      dialog={dialog}
      title="Log feedback on a wrong prediction"
      size={640}
      schema={FeedbackFormInput}
      defaults={({ from }) => ({
        ...(from ? { initiativeId: from.initiativeId, teamId: from.teamId } : lastPlace()),
        modelVersion: '',
        caseRef: from?.caseRef ?? '',
        aiSaid: from?.aiSaid ?? '',
        whatWasRight: from?.whatWasRight ?? '',
        category: undefined as unknown as 'other',
        severity: 'medium' as const,
        confidentlyWrong: false,
        statedConfidence: null,
        caught: 'review' as const,
        patternId: null,
      })}
      submitLabel="Log feedback"
      onSubmit={async (values) => {
        const saved = await save(values, null);
        localStorage.setItem(LAST_KEY, JSON.stringify({ initiativeId: values.initiativeId, teamId: values.teamId }));
        return `Feedback logged for ${saved.team ?? 'the team'}: it is in the triage queue.`;
      }}
    >
      {(form, { from }) => <FeedbackFields form={form} source={from?.source ?? null} />}
    </EntityFormDialog>
  );
}

function FeedbackFields({ form, source }: { form: EntityForm<typeof FeedbackFormInput>; source: string | null }) {
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  const initiativeId = useWatch({ control: form.control, name: 'initiativeId' });
  const confidentlyWrong = useWatch({ control: form.control, name: 'confidentlyWrong' });
  const [aiSaid, whatWasRight, caseRef, patternId] = useWatch({
    control: form.control,
    name: ['aiSaid', 'whatWasRight', 'caseRef', 'patternId'],
  });
  const versions = initiatives.data?.find((i) => i.id === initiativeId)?.modelVersions ?? [];
  const place = lastPlace();
  const remembered = place.initiativeId !== '' && place.teamId !== '';
  return (
    <>
      <Text size="xs" c="dimmed" data-testid="feedback-source">
        {source ? `${source}. ` : `Open this form from any screen with ${FEEDBACK_SHORTCUT_LABEL}. `}You are recorded as the reporter.
      </Text>
      <FieldRow cols={3}>
        <InitiativeField
          control={form.control}
          name="initiativeId"
          initiatives={initiatives.data}
          placeholder="Choose"
          {...(remembered ? {} : { 'data-autofocus': true })}
        />
        {versions.length > 0 ? (
          <SelectField control={form.control} name="modelVersion" optional label="Model version" placeholder="If known" data={versions} />
        ) : (
          <TextField control={form.control} name="modelVersion" label="Model version" placeholder="If known" />
        )}
        <TeamField control={form.control} name="teamId" teams={teams.data} />
      </FieldRow>
      <TextField
        control={form.control}
        name="caseRef"
        label="Case reference"
        placeholder="e.g. CLM-20417"
        {...(remembered ? { 'data-autofocus': true } : {})}
      />
      <FieldRow>
        <TextAreaField control={form.control} name="aiSaid" label="What the AI said" withAsterisk maxRows={4} />
        <TextAreaField control={form.control} name="whatWasRight" label="What was right" withAsterisk maxRows={4} />
      </FieldRow>
      <FieldRow>
        <SelectField
          control={form.control}
          name="category"
          cleared={undefined}
          label="Category"
          withAsterisk
          placeholder="Type to choose"
          data={labelled(FEEDBACK_CATEGORIES, FEEDBACK_CATEGORY_LABELS)}
        />
        <ChoiceField
          control={form.control}
          name="severity"
          label="Severity"
          data={labelled(FEEDBACK_SEVERITIES, FEEDBACK_SEVERITY_LABELS)}
        />
      </FieldRow>
      <FieldRow style={{ alignItems: 'end' }}>
        <Checkbox label="Confidently wrong" description="The AI was sure of itself" {...form.register('confidentlyWrong')} />
        <NumberField
          control={form.control}
          name="statedConfidence"
          cleared={null}
          label="Confidence it showed (%)"
          placeholder={confidentlyWrong ? 'If it showed one' : 'Only when confidently wrong'}
          disabled={!confidentlyWrong}
          max={100}
        />
      </FieldRow>
      <ChoiceField
        control={form.control}
        name="caught"
        label="Where it was caught"
        data={labelled(FEEDBACK_CAUGHT, FEEDBACK_CAUGHT_LABELS)}
      />
      {/* Last in the form, so the keyboard path through the fields stays the same while suggestions come and go. */}
      <Suggestions
        text={[aiSaid, whatWasRight, caseRef].filter(Boolean).join(' ')}
        patternId={patternId}
        onLink={(id) => form.setValue('patternId', id, { shouldDirty: true })}
      />
    </>
  );
}
