import { ActionIcon, Button, Group, Input, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { Controller, useFieldArray, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { ADKAR_ELEMENTS, type AdkarElement, CONCERN_KINDS, SENTIMENTS, SESSION_KINDS, SUPPORT_LEVELS } from '../../../db/api/types';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { useWorkspace } from '../api/workspace';
import { FormError } from '../components/FormError';
import { inDays, nowTime, today } from '../kit/days';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, useSaveRecord } from '../kit/EntityFormDialog';
import { DateField, FieldLabel, FieldRow, liveOptions, MultiSelectField, SelectField, TextAreaField, TextField } from '../kit/fields';
import { ADKAR_LABELS, CONCERN_KIND_OPTIONS, type Stakeholder, SUPPORT_OPTIONS } from '../stakeholders/register';
import { KIND_OPTIONS, SENTIMENT_OPTIONS, type Session } from './register';

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
    // Per attendee, per ADKAR element: the new score as text ('1'–'5'), empty when unchanged.
    adkar: z.record(z.string(), z.record(z.string(), z.string().nullish())),
    notes: z.string().max(8000, 'Notes are longer than 8,000 characters'),
    decisions: z.string().max(4000, 'Decisions are longer than 4,000 characters'),
    concernFor: z.string().nullable(),
    concernKind: z.enum(CONCERN_KINDS).nullable(),
    addressed: z.array(z.string()),
    actions: z
      .array(z.object({ what: z.string().max(300, 'At most 300 characters'), owner: z.string().nullable(), due: z.string() }))
      .max(50, 'At most 50 follow-up actions per session'),
  })
  .refine((v) => !v.concernFor || v.concernKind, { message: 'Choose what the concern is about', path: ['concernKind'] })
  .refine((v) => !v.concernFor || v.attendees.includes(v.concernFor), { message: 'Choose one of the attendees', path: ['concernFor'] })
  .superRefine((v, ctx) => {
    // A row left blank is no action; a filled-in one needs its owner and due date.
    v.actions.forEach((a, i) => {
      if (a.what.trim() === '') return;
      if (!a.owner) ctx.addIssue({ code: 'custom', message: 'Choose who does it', path: ['actions', i, 'owner'] });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(a.due)) ctx.addIssue({ code: 'custom', message: 'Enter a due date', path: ['actions', i, 'due'] });
    });
  });

type Values = z.output<typeof SessionFormInput>;
type Form = EntityForm<typeof SessionFormInput>;

export type SessionEditing = { session: Session | null };

/** ADKAR scores chosen for one attendee, as numbers; elements left empty are unchanged. */
function adkarOf(chosen: Record<string, string | null | undefined> | undefined): Partial<Record<AdkarElement, number>> {
  return Object.fromEntries(ADKAR_ELEMENTS.flatMap((e) => (chosen?.[e] ? [[e, Number(chosen[e])]] : [])));
}

/** The API's input from the form: ratings only where changed, the concern and the actions only when filled in. */
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
      ...adkarOf(v.adkar[id]),
    })),
    raise: v.concernFor && v.concernKind ? [{ stakeholderId: v.concernFor, kind: v.concernKind }] : [],
    address: v.addressed.map((concernId) => ({ concernId, status: 'being addressed' as const })),
    actions: v.actions.flatMap((a) => (a.what.trim() && a.owner ? [{ what: a.what.trim(), ownerMemberId: a.owner, due: a.due }] : [])),
  };
}

/** Logging a session: one dialog, attendees first, Enter (or Ctrl+Enter in a text area) saves. */
export function SessionFormDialog({
  dialog,
  onLogged,
}: {
  dialog: Dialog<SessionEditing>;
  /** After a new session is saved: the communication plan marks a touchpoint done by it. */
  onLogged?: (session: Session) => Promise<void>;
}) {
  const me = useWorkspace().data?.me;
  const save = useSaveRecord(orpc.stakeholderSessions);
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
        adkar: {},
        notes: session?.notes ?? '',
        decisions: session?.decisions ?? '',
        concernFor: null,
        concernKind: null,
        addressed: [],
        actions: [newAction(me?.id ?? null)],
      })}
      submitLabel={({ session }) => (session ? 'Save changes' : 'Log session')}
      onSubmit={async (values, { session }) => {
        const input = toInput(values);
        const saved = await save(input, session);
        if (!session) await onLogged?.(saved);
        const n = saved.attendees.length;
        const k = input.actions.length;
        const actions = k === 0 ? '' : k === 1 ? ' and a follow-up action' : ` and ${k} follow-up actions`;
        return `Session ${session ? 'saved' : 'logged'} with ${n} ${n === 1 ? 'attendee' : 'attendees'}${actions}.`;
      }}
    >
      {(form) => <SessionFields form={form} />}
    </EntityFormDialog>
  );
}

/** A blank follow-up row: the acting member does it, in a week. */
const newAction = (owner: string | null) => ({ what: '', owner, due: inDays(7) });

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
  const memberOptions = liveOptions(members.data);
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
      <FieldRow cols={4}>
        <SelectField control={form.control} name="kind" cleared="one-to-one" label="Kind" withAsterisk data={KIND_OPTIONS} />
        <DateField control={form.control} name="day" cleared="" label="Date" withAsterisk />
        <TextField control={form.control} name="time" label="Time" placeholder="09:30" withAsterisk autoComplete="off" />
        <SelectField control={form.control} name="facilitatorMemberId" cleared="" label="Facilitator" withAsterisk data={memberOptions} />
      </FieldRow>
      <SelectField
        control={form.control}
        name="initiativeId"
        optional
        label="Initiative"
        placeholder="Not about one initiative"
        data={liveOptions(initiatives.data)}
      />
      {attendees.length > 0 && (
        <Stack gap={4} data-testid="attendee-rows">
          <FieldLabel>How each came across{canRerate ? ', and their support or ADKAR if it changed' : ''}</FieldLabel>
          {attendees.map((id) => (
            <AttendeeRow key={id} form={form} id={id} person={names.get(id)} canRerate={canRerate} />
          ))}
        </Stack>
      )}
      <FieldRow>
        <TextAreaField control={form.control} name="notes" label="Notes" maxRows={6} />
        <TextAreaField control={form.control} name="decisions" label="Decisions" placeholder="What was agreed" maxRows={6} />
      </FieldRow>
      <FieldRow cols={3}>
        <SelectField
          control={form.control}
          name="concernFor"
          optional
          label="Concern raised by"
          placeholder="No new concern"
          data={attendees.map((id) => ({ value: id, label: names.get(id)?.name ?? 'Unknown' }))}
        />
        <SelectField
          control={form.control}
          name="concernKind"
          optional
          label="About"
          placeholder="Kind of concern"
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
      </FieldRow>
      <FollowUps form={form} memberOptions={memberOptions} />
    </Stack>
  );
}

const SCORE_OPTIONS = ['1', '2', '3', '4', '5'];

function AttendeeRow({ form, id, person, canRerate }: { form: Form; id: string; person: Stakeholder | undefined; canRerate: boolean }) {
  const name = person?.name ?? 'Unknown';
  const chosen = useWatch({ control: form.control, name: `adkar.${id}` });
  const changed = ADKAR_ELEMENTS.filter((e) => chosen?.[e]).length;
  // ADKAR is opened per attendee: most sessions change no score, and five more fields a row would crowd the dialog.
  const [adkarOpen, setAdkarOpen] = useState(changed > 0);
  const adkarText = changed ? `ADKAR (${changed} changed)` : 'ADKAR';
  return (
    <Stack gap={4} data-testid="attendee-row">
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" w={130} style={{ flexShrink: 0 }} truncate="end" title={name} id={`attendee-${id}`}>
          {name}
        </Text>
        <Controller
          control={form.control}
          name={`sentiment.${id}`}
          render={({ field }) => (
            <SegmentedControl
              aria-label={`How ${name} came across`}
              style={{ flexShrink: 0 }}
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
                placeholder="Same support"
                size="xs"
                w={140}
                clearable
                data={SUPPORT_OPTIONS}
                value={field.value ?? null}
                onChange={(v) => field.onChange(v)}
              />
            )}
          />
        )}
        {canRerate && (
          <Button
            variant="subtle"
            size="compact-xs"
            style={{ flexShrink: 0 }}
            aria-expanded={adkarOpen}
            aria-controls={`adkar-${id}`}
            aria-label={`${adkarText} for ${name}`}
            onClick={() => setAdkarOpen((o) => !o)}
          >
            {adkarText}
          </Button>
        )}
      </Group>
      {canRerate && adkarOpen && (
        <Group gap={6} wrap="nowrap" pl={142} id={`adkar-${id}`} data-testid="attendee-adkar">
          {ADKAR_ELEMENTS.map((e) => (
            <Controller
              key={e}
              control={form.control}
              name={`adkar.${id}.${e}`}
              render={({ field }) => (
                <Select
                  aria-label={`${name}'s ${ADKAR_LABELS[e].toLowerCase()} now`}
                  label={ADKAR_LABELS[e]}
                  // Typing the score and Enter picks it, as in the other fields.
                  searchable
                  selectFirstOptionOnChange
                  size="xs"
                  w={100}
                  clearable
                  // The current score as the placeholder: empty means "unchanged".
                  placeholder={person?.[e] ? `${person[e]} now` : 'Not rated'}
                  data={SCORE_OPTIONS}
                  value={field.value ?? null}
                  onChange={(v) => field.onChange(v)}
                />
              )}
            />
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** Follow-up actions agreed in the session: one row each; a row left blank is ignored. */
function FollowUps({ form, memberOptions }: { form: Form; memberOptions: { value: string; label: string }[] }) {
  const me = useWorkspace().data?.me;
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'actions' });
  return (
    <Input.Wrapper label="Follow-up actions" labelElement="div" id="session-actions">
      <Stack gap={6} data-testid="session-actions">
        {fields.map((f, i) => (
          <Group key={f.id} gap="sm" align="flex-start" wrap="nowrap" data-testid="session-action-row">
            <TextField
              control={form.control}
              name={`actions.${i}.what`}
              aria-label={`What (action ${i + 1})`}
              placeholder="What, e.g. Send Ravi the override figures"
              style={{ flex: 1 }}
            />
            <SelectField
              control={form.control}
              name={`actions.${i}.owner`}
              cleared={null}
              aria-label={`Owner (action ${i + 1})`}
              placeholder="Owner"
              w={170}
              data={memberOptions}
            />
            <DateField control={form.control} name={`actions.${i}.due`} cleared="" aria-label={`Due (action ${i + 1})`} w={140} />
            <ActionIcon variant="subtle" color="gray" mt={4} aria-label={`Remove action ${i + 1}`} onClick={() => remove(i)}>
              <IconX size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => append(newAction(me?.id ?? null), { shouldFocus: true })}
          >
            {fields.length ? 'Add another action' : 'Add a follow-up action'}
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
