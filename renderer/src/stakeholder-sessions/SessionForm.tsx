import { Group, Input, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import type { KeyboardEvent } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { CONCERN_KINDS, SENTIMENTS, SESSION_KINDS, SUPPORT_LEVELS } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { useWorkspace } from '../api/workspace';
import { FormError } from '../components/FormError';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, INLINE_ERRORS } from '../kit/EntityFormDialog';
import { DateField, MultiSelectField, SelectField } from '../kit/fields';
import { CONCERN_KIND_OPTIONS, SUPPORT_OPTIONS } from '../stakeholders/register';
import { inDays, KIND_OPTIONS, nowTime, SENTIMENT_OPTIONS, type Session, today } from './register';

const NO_SENTIMENT = 'none';

const SessionFormInput = z
  .object({
    attendees: z.array(z.string()).min(1, 'Choose at least one attendee from the stakeholder register'),
    kind: z.enum(SESSION_KINDS, { error: 'Choose the kind of session' }),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of the session'),
    time: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Time as HH:MM, e.g. 09:30'),
    initiativeId: z.string().nullable(),
    facilitatorMemberId: z.string({ error: 'Choose who ran it' }).min(1, 'Choose who ran it'),
    // An attendee just added has no entry yet.
    sentiment: z.record(z.string(), z.enum(SENTIMENTS).nullish()),
    support: z.record(z.string(), z.enum(SUPPORT_LEVELS).nullish()),
    notes: z.string().max(8000, 'Notes are longer than 8,000 characters'),
    decisions: z.string().max(4000, 'Decisions are longer than 4,000 characters'),
    concernFor: z.string().nullable(),
    concernKind: z.enum(CONCERN_KINDS).nullable(),
    addressed: z.array(z.string()),
    actionWhat: z.string().max(300, 'At most 300 characters'),
    actionOwner: z.string().nullable(),
    actionDue: z.string(),
  })
  .refine((v) => !v.concernFor || v.concernKind, { message: 'Choose what the concern is about', path: ['concernKind'] })
  .refine((v) => !v.concernFor || v.attendees.includes(v.concernFor), { message: 'Choose one of the attendees', path: ['concernFor'] })
  .refine((v) => v.actionWhat.trim() === '' || v.actionOwner, { message: 'Choose who does it', path: ['actionOwner'] })
  .refine((v) => v.actionWhat.trim() === '' || /^\d{4}-\d{2}-\d{2}$/.test(v.actionDue), {
    message: 'Enter a due date',
    path: ['actionDue'],
  });

type Values = z.output<typeof SessionFormInput>;
type Form = EntityForm<typeof SessionFormInput>;

export type SessionEditing = { session: Session | null };

/** The API's input from the form: ratings only where changed, the concern and the action only when filled in. */
function toInput(v: Values) {
  const pad = (t: string) => (t.length === 4 ? `0${t}` : t);
  return {
    at: `${v.day}T${pad(v.time)}`,
    kind: v.kind,
    initiativeId: v.initiativeId,
    facilitatorMemberId: v.facilitatorMemberId,
    notes: v.notes,
    decisions: v.decisions,
    attendees: v.attendees.map((id) => ({
      stakeholderId: id,
      sentiment: v.sentiment[id] ?? null,
      ...(v.support[id] ? { support: v.support[id] } : {}),
    })),
    raise: v.concernFor && v.concernKind ? [{ stakeholderId: v.concernFor, kind: v.concernKind }] : [],
    address: v.addressed.map((concernId) => ({ concernId, status: 'being addressed' as const })),
    actions: v.actionWhat.trim() && v.actionOwner ? [{ what: v.actionWhat.trim(), ownerMemberId: v.actionOwner, due: v.actionDue }] : [],
  };
}

/** Logging a session: one dialog, attendees first, Enter (or Ctrl+Enter in a text area) saves. */
export function SessionFormDialog({ dialog }: { dialog: Dialog<SessionEditing> }) {
  const me = useWorkspace().data?.me;
  const create = useMutation(orpc.stakeholderSessions.create.mutationOptions(INLINE_ERRORS));
  const update = useMutation(orpc.stakeholderSessions.update.mutationOptions(INLINE_ERRORS));
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ session }) => (session ? 'Edit session' : 'Log a session')}
      size={720}
      schema={SessionFormInput}
      defaults={({ session }) => ({
        attendees: session?.attendees.map((a) => a.stakeholderId) ?? [],
        kind: session?.kind ?? 'one-to-one',
        day: session?.at.slice(0, 10) ?? today(),
        time: session?.at.slice(11, 16) ?? nowTime(),
        initiativeId: session?.initiativeId ?? null,
        facilitatorMemberId: session?.facilitatorMemberId ?? me?.id ?? '',
        sentiment: Object.fromEntries(session?.attendees.map((a) => [a.stakeholderId, a.sentiment]) ?? []),
        support: {},
        notes: session?.notes ?? '',
        decisions: session?.decisions ?? '',
        concernFor: null,
        concernKind: null,
        addressed: [],
        actionWhat: '',
        actionOwner: me?.id ?? null,
        actionDue: inDays(7),
      })}
      submitLabel={({ session }) => (session ? 'Save changes' : 'Log session')}
      onSubmit={async (values, { session }) => {
        const input = toInput(values);
        const saved = session ? await update.mutateAsync({ ...input, id: session.id }) : await create.mutateAsync(input);
        const n = saved.attendees.length;
        return `Session ${session ? 'saved' : 'logged'} with ${n} ${n === 1 ? 'attendee' : 'attendees'}${input.actions.length ? ' and a follow-up action' : ''}.`;
      }}
    >
      {(form) => <SessionFields form={form} />}
    </EntityFormDialog>
  );
}

/** Ctrl+Enter (⌘+Enter) in a text area saves, as Enter does in the other fields. */
function submitOnModEnter(e: KeyboardEvent<HTMLElement>) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    (e.target as HTMLElement).closest('form')?.requestSubmit();
  }
}

function SessionFields({ form }: { form: Form }) {
  const people = useQuery(orpc.stakeholders.list.queryOptions({ input: {} }));
  const members = useQuery(orpc.members.list.queryOptions({ input: {} }));
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  const canRerate = useWorkspace().data?.allowed.includes('stakeholders.update') ?? false;
  const { errors } = form.formState;
  const attendees = useWatch({ control: form.control, name: 'attendees' });
  const names = new Map((people.data ?? []).map((p) => [p.id, p]));
  const concerns = useQueries({
    queries: attendees.map((id) => orpc.stakeholders.concerns.queryOptions({ input: { stakeholderId: id } })),
  });
  const openConcerns = concerns.flatMap((q, i) =>
    (q.data ?? [])
      .filter((c) => c.status !== 'resolved')
      .map((c) => ({
        value: c.id,
        label: `${names.get(attendees[i] ?? '')?.name ?? 'Attendee'}: ${c.label ?? CONCERN_KIND_OPTIONS.find((k) => k.value === c.kind)?.label ?? c.kind}`,
      })),
  );
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const listError = people.error ?? members.error ?? initiatives.error;

  return (
    <Stack gap="sm" onKeyDown={submitOnModEnter}>
      {listError && <FormError message={`Stakeholders, members or initiatives could not be loaded: ${errorMessage(listError)}`} />}
      <MultiSelectField
        control={form.control}
        name="attendees"
        label="Attendees"
        placeholder={attendees.length ? undefined : 'Type a name, Enter to add'}
        withAsterisk
        data-autofocus
        nothingFoundMessage="No stakeholder matches; add them to the register first"
        data={(people.data ?? []).map((p) => ({ value: p.id, label: p.team ? `${p.name} · ${p.team}` : p.name }))}
      />
      <SimpleGrid cols={4} spacing="sm">
        <SelectField control={form.control} name="kind" cleared="one-to-one" label="Kind" withAsterisk data={KIND_OPTIONS} />
        <DateField control={form.control} name="day" cleared="" label="Date" withAsterisk />
        <TextInput
          label="Time"
          placeholder="09:30"
          withAsterisk
          autoComplete="off"
          {...form.register('time')}
          error={errors.time?.message}
        />
        <SelectField control={form.control} name="facilitatorMemberId" cleared="" label="Facilitator" withAsterisk data={memberOptions} />
      </SimpleGrid>
      <SelectField
        control={form.control}
        name="initiativeId"
        cleared={null}
        label="Initiative"
        placeholder="Not about one initiative"
        clearable
        data={(initiatives.data ?? []).filter((i) => !i.deleted).map((i) => ({ value: i.id, label: i.name }))}
      />
      {attendees.length > 0 && (
        <Stack gap={4} data-testid="attendee-rows">
          <Text size="sm" fw={500}>
            How each came across{canRerate ? ', and their support if it changed' : ''}
          </Text>
          {attendees.map((id) => (
            <AttendeeRow key={id} form={form} id={id} name={names.get(id)?.name ?? 'Unknown'} canRerate={canRerate} />
          ))}
        </Stack>
      )}
      <SimpleGrid cols={2} spacing="sm">
        <Textarea label="Notes" autosize minRows={2} maxRows={6} {...form.register('notes')} error={errors.notes?.message} />
        <Textarea
          label="Decisions"
          placeholder="What was agreed"
          autosize
          minRows={2}
          maxRows={6}
          {...form.register('decisions')}
          error={errors.decisions?.message}
        />
      </SimpleGrid>
      <SimpleGrid cols={3} spacing="sm">
        <SelectField
          control={form.control}
          name="concernFor"
          cleared={null}
          label="Concern raised by"
          placeholder="No new concern"
          clearable
          data={attendees.map((id) => ({ value: id, label: names.get(id)?.name ?? 'Unknown' }))}
        />
        <SelectField
          control={form.control}
          name="concernKind"
          cleared={null}
          label="About"
          placeholder="Kind of concern"
          clearable
          data={CONCERN_KIND_OPTIONS}
        />
        <MultiSelectField
          control={form.control}
          name="addressed"
          label="Concerns addressed"
          placeholder={openConcerns.length ? 'Open concerns of attendees' : 'None open'}
          data={openConcerns}
          disabled={openConcerns.length === 0}
        />
      </SimpleGrid>
      <Input.Wrapper label="Follow-up action" labelElement="div" id="session-action">
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <TextInput
            aria-label="What"
            placeholder="What, e.g. Send Ravi the override figures"
            style={{ flex: 1 }}
            {...form.register('actionWhat')}
            error={errors.actionWhat?.message}
          />
          <SelectField
            control={form.control}
            name="actionOwner"
            cleared={null}
            aria-label="Owner"
            placeholder="Owner"
            w={170}
            data={memberOptions}
          />
          <DateField control={form.control} name="actionDue" cleared="" aria-label="Due" w={140} />
        </Group>
      </Input.Wrapper>
    </Stack>
  );
}

function AttendeeRow({ form, id, name, canRerate }: { form: Form; id: string; name: string; canRerate: boolean }) {
  return (
    <Group gap="sm" wrap="nowrap" data-testid="attendee-row">
      <Text size="sm" w={180} truncate="end" title={name} id={`attendee-${id}`}>
        {name}
      </Text>
      <Controller
        control={form.control}
        name={`sentiment.${id}`}
        render={({ field }) => (
          <SegmentedControl
            aria-label={`How ${name} came across`}
            size="xs"
            value={field.value ?? NO_SENTIMENT}
            onChange={(v) => field.onChange(v === NO_SENTIMENT ? null : v)}
            data={[{ value: NO_SENTIMENT, label: 'Not noted' }, ...SENTIMENT_OPTIONS]}
          />
        )}
      />
      {canRerate && (
        <Controller
          control={form.control}
          name={`support.${id}`}
          render={({ field }) => (
            <Select
              aria-label={`${name}'s support now`}
              placeholder="Support unchanged"
              size="xs"
              w={170}
              clearable
              data={SUPPORT_OPTIONS}
              value={field.value ?? null}
              onChange={(v) => field.onChange(v)}
            />
          )}
        />
      )}
    </Group>
  );
}
