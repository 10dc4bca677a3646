import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ActivityCreateInput, ChampionCreateInput, ProgramCreateInput } from '../../../db/api/contract';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  CHAMPION_STATUS_LABELS,
  CHAMPION_STATUSES,
  type Champion,
  type ChampionProgram,
  DEFAULT_COVERAGE_TARGET,
} from '../../../db/api/types';
import { orpc } from '../api/query';
import { today } from '../kit/days';
import type { Dialog } from '../kit/dialog';
import { EntityFormDialog, INLINE_ERRORS, useSaveRecord } from '../kit/EntityFormDialog';
import {
  DateField,
  FieldRow,
  InitiativeField,
  labelled,
  MemberField,
  NumberField,
  SelectField,
  StatusField,
  TeamField,
  TextAreaField,
  TextField,
} from '../kit/fields';

// The target is typed in per cent (5–10 is the guidance) and stored as a fraction.
const ProgramFormInput = ProgramCreateInput.omit({ coverageTarget: true })
  .extend({
    initiativeId: z.string().min(1, 'Choose the initiative'),
    targetPercent: z.number({ error: 'A percentage, e.g. 5' }).gt(0, 'Above 0 %').max(100, 'At most 100 %'),
  })
  .transform(({ targetPercent, ...v }) => ({ ...v, coverageTarget: targetPercent / 100 }));

export function ProgramFormDialog({ dialog, onCreated }: { dialog: Dialog<true>; onCreated: (p: ChampionProgram) => void }) {
  const create = useMutation(orpc.champions.createProgram.mutationOptions(INLINE_ERRORS));
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  return (
    <EntityFormDialog
      dialog={dialog}
      title="New champion program"
      schema={ProgramFormInput}
      defaults={() => ({ name: '', initiativeId: '', targetPercent: DEFAULT_COVERAGE_TARGET * 100 })}
      submitLabel="Start program"
      onSubmit={async (values) => {
        const p = await create.mutateAsync(values);
        onCreated(p);
        return `“${p.name}” started.`;
      }}
    >
      {(form) => (
        <>
          <TextField control={form.control} name="name" label="Name" withAsterisk data-autofocus placeholder="e.g. Claims champions" />
          <InitiativeField control={form.control} name="initiativeId" initiatives={initiatives.data} />
          <NumberField
            control={form.control}
            name="targetPercent"
            label="Coverage target (%)"
            description="Active champions per 100 active users in a team; 5–10 is the usual guidance"
            allowDecimal
            withAsterisk
          />
        </>
      )}
    </EntityFormDialog>
  );
}

const ChampionFormInput = ChampionCreateInput.extend({
  memberId: z.string().min(1, 'Choose the member'),
  teamId: z.string().min(1, 'Choose the team'),
  since: z.string().min(1, 'Enter the date they started').pipe(ChampionCreateInput.shape.since),
});

export type ChampionEditing = { programId: string; champion: Champion | null };

export function ChampionFormDialog({ dialog }: { dialog: Dialog<ChampionEditing> }) {
  const save = useSaveRecord(orpc.champions);
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ champion }) => (champion ? `Edit ${champion.name ?? 'champion'}` : 'Add a champion')}
      schema={ChampionFormInput}
      defaults={({ programId, champion }) => ({
        programId,
        memberId: champion?.memberId ?? '',
        teamId: champion?.teamId ?? '',
        since: champion?.since ?? today(),
        status: champion?.status ?? 'active',
      })}
      submitLabel={({ champion }) => (champion ? 'Save changes' : 'Add champion')}
      onSubmit={async (values, { champion }) => {
        const saved = await save(values, champion);
        return `${saved.name ?? 'The champion'} ${champion ? 'saved' : `is a champion of ${saved.team ?? 'the team'}`}.`;
      }}
    >
      {(form) => (
        <>
          <FieldRow>
            <MemberField control={form.control} name="memberId" cleared="" label="Member" withAsterisk data-autofocus />
            <TeamField control={form.control} name="teamId" teams={teams.data} />
          </FieldRow>
          <FieldRow>
            <DateField control={form.control} name="since" cleared="" label="Champion since" withAsterisk />
            <StatusField control={form.control} name="status" cleared="active" values={CHAMPION_STATUSES} labels={CHAMPION_STATUS_LABELS} />
          </FieldRow>
        </>
      )}
    </EntityFormDialog>
  );
}

const ActivityFormInput = ActivityCreateInput.extend({
  championId: z.string().min(1, 'Choose who ran it'),
  date: z.string().min(1, 'Enter the date').pipe(ActivityCreateInput.shape.date),
  attendance: z.number({ error: 'How many came? A whole number' }).int('A whole number').min(0, 'Cannot be negative'),
});

export function ActivityFormDialog({ dialog, champions }: { dialog: Dialog<true>; champions: readonly Champion[] }) {
  const log = useMutation(orpc.champions.logActivity.mutationOptions(INLINE_ERRORS));
  return (
    <EntityFormDialog
      dialog={dialog}
      title="Log an activity"
      schema={ActivityFormInput}
      defaults={() => ({
        championId: '',
        kind: 'office hours' as const,
        date: today(),
        attendance: undefined as unknown as number,
        notes: '',
      })}
      submitLabel="Log activity"
      onSubmit={async (values) => {
        const a = await log.mutateAsync(values);
        return `${ACTIVITY_KIND_LABELS[a.kind]} by ${a.champion ?? 'the champion'} logged.`;
      }}
    >
      {(form) => (
        <>
          <FieldRow>
            <SelectField
              control={form.control}
              name="championId"
              cleared=""
              label="Champion"
              withAsterisk
              data-autofocus
              data={champions
                .filter((c) => c.status !== 'left')
                .map((c) => ({ value: c.id, label: `${c.name ?? 'A removed member'} · ${c.team ?? ''}` }))}
            />
            <SelectField
              control={form.control}
              name="kind"
              cleared="office hours"
              label="Kind"
              withAsterisk
              data={labelled(ACTIVITY_KINDS, ACTIVITY_KIND_LABELS)}
            />
          </FieldRow>
          <FieldRow>
            <DateField control={form.control} name="date" cleared="" label="Date" withAsterisk />
            <NumberField control={form.control} name="attendance" label="Attendance" withAsterisk />
          </FieldRow>
          <TextAreaField control={form.control} name="notes" label="Notes" maxRows={4} />
        </>
      )}
    </EntityFormDialog>
  );
}
