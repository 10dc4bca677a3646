import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { TouchpointCreateInput } from '../../../db/api/contract';
import { PLAN_EVERY_MAX_DAYS } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useWorkspace } from '../api/workspace';
import { today } from '../kit/days';
import type { Dialog } from '../kit/dialog';
import { EntityFormDialog, useSaveRecord } from '../kit/EntityFormDialog';
import { DateField, FieldRow, MemberField, NumberField, SelectField, TextField } from '../kit/fields';
import { CHANNEL_OPTIONS, groupValue, type Planned, parseGroup } from './register';

const TouchpointFormInput = z
  .object({
    message: z.string().trim().min(1, 'Say what the message is').max(300, 'At most 300 characters'),
    channel: TouchpointCreateInput.shape.channel,
    group: z.string({ error: 'Choose a team or a tag' }).min(1, 'Choose a team or a tag'),
    everyDays: z
      .number()
      .int()
      .min(1, 'At least every day')
      .max(PLAN_EVERY_MAX_DAYS, `At most every ${PLAN_EVERY_MAX_DAYS} days`)
      .nullable(),
    ownerMemberId: z.string({ error: 'Choose who sends it' }).min(1, 'Choose who sends it'),
    startOn: z.string().min(1, 'Enter the first due date').pipe(TouchpointCreateInput.shape.startOn),
  })
  .transform(({ group, ...v }) => ({ ...v, ...parseGroup(group) }));

export type TouchpointEditing = { touchpoint: Planned | null };

/** Planning a touchpoint: what, how, for whom, how often, who sends it, from when. */
export function TouchpointFormDialog({ dialog }: { dialog: Dialog<TouchpointEditing> }) {
  const save = useSaveRecord(orpc.stakeholderPlan);
  const me = useWorkspace().data?.me;
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const people = useQuery(orpc.stakeholders.list.queryOptions({ input: {} }));
  const tags = [...new Set((people.data ?? []).flatMap((p) => p.tags))].sort((a, b) => a.localeCompare(b));
  const groups = [
    {
      group: 'Teams',
      items: (teams.data ?? []).filter((t) => !t.deleted).map((t) => ({ value: `team:${t.id}`, label: t.path.join(' › ') })),
    },
    ...(tags.length > 0 ? [{ group: 'Tags', items: tags.map((t) => ({ value: `tag:${t}`, label: `#${t}` })) }] : []),
  ];
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ touchpoint }) => (touchpoint ? 'Edit touchpoint' : 'Plan a touchpoint')}
      size={620}
      schema={TouchpointFormInput}
      defaults={({ touchpoint }) => ({
        message: touchpoint?.message ?? '',
        channel: touchpoint?.channel ?? 'email',
        group: touchpoint ? (groupValue(touchpoint) ?? '') : '',
        everyDays: touchpoint ? touchpoint.everyDays : null,
        ownerMemberId: touchpoint?.ownerMemberId ?? me?.id ?? '',
        startOn: touchpoint?.startOn ?? today(),
      })}
      submitLabel={({ touchpoint }) => (touchpoint ? 'Save changes' : 'Plan touchpoint')}
      onSubmit={async (values, { touchpoint }) => `“${(await save(values, touchpoint)).message}” ${touchpoint ? 'saved' : 'planned'}.`}
    >
      {(form) => (
        <>
          <TextField
            control={form.control}
            name="message"
            label="Message"
            placeholder="e.g. What the override figures say about your team"
            withAsterisk
            data-autofocus
          />
          <FieldRow>
            <SelectField
              control={form.control}
              name="group"
              cleared=""
              label="For"
              description="A team (with its sub-teams) or a tag"
              withAsterisk
              searchable
              placeholder="Choose a team or a tag"
              data={groups}
            />
            <SelectField
              control={form.control}
              name="channel"
              cleared="email"
              label="Channel"
              description="How it reaches them"
              withAsterisk
              data={CHANNEL_OPTIONS}
            />
          </FieldRow>
          <FieldRow cols={3}>
            <NumberField
              control={form.control}
              name="everyDays"
              cleared={null}
              label="Every (days)"
              description="Empty: once"
              placeholder="Once"
              min={1}
              max={PLAN_EVERY_MAX_DAYS}
            />
            <DateField
              control={form.control}
              name="startOn"
              cleared=""
              label="First due"
              description="Then a cadence after each delivery"
              withAsterisk
            />
            <MemberField
              control={form.control}
              name="ownerMemberId"
              cleared=""
              label="Owner"
              description="Who sends or holds it"
              withAsterisk
            />
          </FieldRow>
        </>
      )}
    </EntityFormDialog>
  );
}
