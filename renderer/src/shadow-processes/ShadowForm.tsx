import { useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { ShadowProcessCreateInput as ShadowCreateInput } from '../../../db/api/contract';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { FormError } from '../components/FormError';
import { today } from '../kit/days';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, useSaveRecord } from '../kit/EntityFormDialog';
import { DateField, FieldRow, NumberField, SelectField, TeamField, TextAreaField, TextField } from '../kit/fields';
import { KIND_OPTIONS, type ShadowProcess } from './register';

// The contract's rules, with messages a person reads next to the field instead of the API's.
const ShadowFormInput = ShadowCreateInput.extend({
  teamId: z.string({ error: 'Choose the team that keeps it' }).min(1, 'Choose the team that keeps it'),
  usersInvolved: z
    .number({ error: 'How many people keep it? A whole number, 0 or more' })
    .int('Users involved must be a whole number')
    .min(0, 'Users involved cannot be negative'),
  firstSeen: z.string().min(1, 'Enter the date it was first seen').pipe(ShadowCreateInput.shape.firstSeen),
}).refine((v) => !v.retiredOn || v.retiredOn >= v.firstSeen, {
  message: 'Retired on cannot be before first seen',
  path: ['retiredOn'],
});

export type ShadowEditing = { process: ShadowProcess | null };

export function ShadowFormDialog({ dialog }: { dialog: Dialog<ShadowEditing> }) {
  const save = useSaveRecord(orpc.shadowProcesses);
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ process }) => (process ? 'Edit shadow process' : 'New shadow process')}
      size={640}
      schema={ShadowFormInput}
      defaults={({ process }) => ({
        name: process?.name ?? '',
        teamId: process?.teamId ?? '',
        initiativeId: process?.initiativeId ?? null,
        kind: process?.kind ?? 'spreadsheet',
        owner: process?.owner ?? '',
        usersInvolved: process?.usersInvolved ?? (undefined as unknown as number),
        reason: process?.reason ?? '',
        failurePattern: process?.failurePattern ?? '',
        // A pattern the old free text names is offered as the choice, so saving makes the link explicit.
        failurePatternId: process?.patternId ?? null,
        firstSeen: process?.firstSeen ?? today(),
        retiredOn: process?.retiredOn ?? null,
      })}
      submitLabel={({ process }) => (process ? 'Save changes' : 'Add to register')}
      onSubmit={async (values, { process }) => `“${(await save(values, process)).name}” ${process ? 'saved' : 'added to the register'}.`}
    >
      {(form) => <ShadowFields form={form} />}
    </EntityFormDialog>
  );
}

function ShadowFields({ form }: { form: EntityForm<typeof ShadowFormInput> }) {
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  const patterns = useQuery(orpc.failurePatterns.list.queryOptions({ input: {} }));
  const byTeam = useQuery(orpc.initiatives.byTeam.queryOptions({ staleTime: 0 }));
  const teamId = useWatch({ control: form.control, name: 'teamId' });
  const initiativeId = useWatch({ control: form.control, name: 'initiativeId' });
  const live = (initiatives.data ?? []).filter((i) => !i.deleted);
  // Narrowed to the team's initiatives (with its sub-teams'); a team with no data yet gets them all.
  const ofTeam = teamId ? new Set(byTeam.data?.[teamId] ?? []) : null;
  const narrowed = ofTeam && ofTeam.size > 0;
  const initiativeOptions = live
    .filter((i) => !narrowed || ofTeam.has(i.id) || i.id === initiativeId)
    .map((i) => ({ value: i.id, label: i.name }));
  const listError = teams.error ?? initiatives.error;

  return (
    <>
      {listError && <FormError message={`Teams or initiatives could not be loaded: ${errorMessage(listError)}`} />}
      <TextField control={form.control} name="name" label="Name" placeholder="e.g. Claims reserve tracker" withAsterisk data-autofocus />
      <FieldRow>
        <TeamField control={form.control} name="teamId" teams={teams.data} />
        <SelectField
          control={form.control}
          name="initiativeId"
          optional
          label="Initiative"
          placeholder="Every initiative of the team"
          data={initiativeOptions}
          nothingFoundMessage="No initiative of the team matches"
        />
      </FieldRow>
      <FieldRow>
        <SelectField control={form.control} name="kind" cleared="other" label="Kind" withAsterisk data={KIND_OPTIONS} />
        <TextField control={form.control} name="owner" label="Owner" placeholder="Who keeps it going" />
      </FieldRow>
      <FieldRow cols={3}>
        <NumberField control={form.control} name="usersInvolved" label="Users involved" withAsterisk />
        <DateField control={form.control} name="firstSeen" cleared="" label="First seen" withAsterisk />
        <DateField control={form.control} name="retiredOn" cleared={null} label="Retired on" />
      </FieldRow>
      <TextAreaField
        control={form.control}
        name="reason"
        label="Reason"
        description="Why people keep it, in their words"
        placeholder="e.g. Handlers re-key every triaged claim to check the reserve"
        maxRows={5}
      />
      <FieldRow>
        <SelectField
          control={form.control}
          name="failurePatternId"
          optional
          label="Failure pattern"
          description="The AI failure it hedges against (Patterns screen)"
          placeholder={patterns.data?.length ? 'None chosen' : 'No patterns named yet'}
          data={(patterns.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        <TextField
          control={form.control}
          name="failurePattern"
          label="In your words"
          description="Kept as written when no pattern fits"
          placeholder="e.g. Misses reserve changes on large claims"
        />
      </FieldRow>
    </>
  );
}
