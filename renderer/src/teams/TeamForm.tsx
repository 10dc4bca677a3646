import { TeamCreateInput } from '../../../db/api/contract';
import type { Team } from '../../../db/api/types';
import { orpc } from '../api/query';
import type { Dialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, useSaveRecord } from '../kit/EntityFormDialog';
import { FieldRow, NumberField, SelectField, TextField } from '../kit/fields';
import { parentOptions } from './hierarchy';

/** The team being edited (null when adding one), and the preselected parent when adding a sub-team. */
export type TeamEditing = { team: Team | null; parentId: string | null };

export function TeamFormDialog({ dialog, teams }: { dialog: Dialog<TeamEditing>; teams: readonly Team[] }) {
  const save = useSaveRecord(orpc.teams);
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ team }) => (team ? 'Edit team' : 'New team')}
      schema={TeamCreateInput}
      defaults={({ team, parentId }) => ({
        name: team?.name ?? '',
        parentId: team ? team.parentId : parentId,
        region: team?.region ?? '',
        businessUnit: team?.businessUnit ?? '',
        headcount: team?.headcount ?? null,
      })}
      submitLabel={({ team }) => (team ? 'Save changes' : 'Add team')}
      onSubmit={async (values, { team }) => `Team “${(await save(values, team)).name}” ${team ? 'saved' : 'added'}.`}
    >
      {(form, { team }) => <TeamFields form={form} teams={teams} editingId={team?.id ?? null} />}
    </EntityFormDialog>
  );
}

function TeamFields({
  form,
  teams,
  editingId,
}: {
  form: EntityForm<typeof TeamCreateInput>;
  teams: readonly Team[];
  editingId: string | null;
}) {
  return (
    <>
      <TextField control={form.control} name="name" label="Name" withAsterisk data-autofocus />
      <SelectField
        control={form.control}
        name="parentId"
        optional
        label="Parent team"
        description="Leave empty for a top-level team"
        placeholder="None (top level)"
        data={parentOptions(teams, editingId)}
        searchable
        nothingFoundMessage="No team matches"
        comboboxProps={{ withinPortal: true }}
      />
      <FieldRow>
        <TextField control={form.control} name="region" label="Region" placeholder="e.g. UK North" />
        <TextField control={form.control} name="businessUnit" label="Business unit" placeholder="e.g. Operations" />
      </FieldRow>
      <FieldRow>
        <NumberField
          control={form.control}
          name="headcount"
          cleared={null}
          label="Headcount"
          description="Not counting sub-teams"
          w={200}
        />
      </FieldRow>
    </>
  );
}
