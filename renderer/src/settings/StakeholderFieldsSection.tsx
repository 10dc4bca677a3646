import { Badge, Group, Input, SegmentedControl, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { IconArrowBackUp, IconArrowDown, IconArrowUp, IconForms } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { FieldCreateInput } from '../../../db/api/contract';
import { FIELD_TYPE_LABELS, FIELD_TYPES, type StakeholderField } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { Dash } from '../components/Dash';
import type { HistoryFormat } from '../history/format';
import { HistoryDrawer } from '../history/HistoryDrawer';
import { type Column, DataTable, tombstoneRow } from '../kit/DataTable';
import { useDelete, useRestore } from '../kit/deletion';
import { type Dialog, useDialog } from '../kit/dialog';
import { type EntityForm, EntityFormDialog, useSaveRecord } from '../kit/EntityFormDialog';
import { labelled } from '../kit/fields';
import { type AddAction, AddActionButton, EmptyList } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { useStakeholderFields } from '../stakeholders/customFields';

const fieldHistory: HistoryFormat = {
  table: 'stakeholder_fields',
  labels: { name: 'Name', type: 'Type', choices: 'Choices', position: 'Order in the list' },
  values: {
    type: (v) => (typeof v === 'string' && v in FIELD_TYPE_LABELS ? FIELD_TYPE_LABELS[v as keyof typeof FIELD_TYPE_LABELS] : undefined),
    choices: (v) => {
      try {
        const list = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
        return Array.isArray(list) ? list.join(', ') || 'none' : undefined;
      } catch {
        return undefined;
      }
    },
  },
};

const COLUMNS: readonly Column<StakeholderField>[] = [
  {
    header: 'Name',
    cell: (f) => (
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={500} td={f.deleted ? 'line-through' : undefined}>
          {f.name}
        </Text>
        {f.deleted && (
          <Badge size="xs" variant="light" color="gray">
            Removed
          </Badge>
        )}
      </Group>
    ),
  },
  { header: 'Type', td: { style: { whiteSpace: 'nowrap' } }, cell: (f) => FIELD_TYPE_LABELS[f.type] },
  {
    header: 'Choices',
    cell: (f) =>
      f.choices.length > 0 ? (
        <Text size="sm" truncate="end" maw={300} title={f.choices.join(', ')}>
          {f.choices.join(', ')}
        </Text>
      ) : (
        <Dash />
      ),
  },
  {
    header: 'People with a value',
    th: { ta: 'right' },
    td: { ta: 'right', className: 'tabular' },
    cell: (f) => (f.used > 0 ? f.used : <Dash />),
  },
];

/** Settings → Stakeholder fields: the workspace's own fields of the register. Change managers define them; everyone reads. */
export function StakeholderFieldsSection() {
  const [showRemoved, setShowRemoved] = useState(false);
  const fields = useStakeholderFields(showRemoved);
  const canEdit = useCan('stakeholderFields.create');
  const editing = useDialog<{ field: StakeholderField | null }>();
  const history = useRecordHistory(fieldHistory);
  const move = useMutation(orpc.stakeholderFields.move.mutationOptions());
  const restore = useRestore(orpc.stakeholderFields.restore.mutationOptions(), (f) => `“${f.name}” is back, with its values.`);
  const remove = useDelete(orpc.stakeholderFields.delete.mutationOptions(), (f) => `“${f.name}” removed.`, restore);
  const rows = fields.data ?? [];
  const live = rows.filter((f) => !f.deleted);
  const add: AddAction = { allowed: canEdit, onAdd: () => editing.open({ field: null }), label: 'New field', firstLabel: 'Add a field' };
  return (
    <Stack gap="sm" data-testid="stakeholder-fields">
      {canEdit && (
        <Group justify="space-between">
          <Switch size="xs" label="Show removed" checked={showRemoved} onChange={(e) => setShowRemoved(e.currentTarget.checked)} />
          <AddActionButton add={add} />
        </Group>
      )}
      {fields.isSuccess && rows.length === 0 ? (
        <EmptyList
          add={add}
          icon={<IconForms size={22} />}
          title="No stakeholder fields yet"
          howToAdd="Add what your register needs beyond the built-in columns: a region to choose from, a next review date, a cost centre. Each appears in the stakeholder form, on their page and as a column you can show in the register."
          whoAdds="Change managers add the workspace's own stakeholder fields here; none are defined yet."
        />
      ) : (
        <DataTable
          label="Stakeholder fields"
          rows={rows}
          columns={COLUMNS}
          rowHeight={41}
          rowProps={tombstoneRow('stakeholder-field-row')}
          history={history}
          actions={(f) => {
            if (!canEdit) return {};
            if (f.deleted) return { more: [{ label: 'Restore', icon: <IconArrowBackUp size={14} />, onClick: () => restore(f) }] };
            const at = live.indexOf(f);
            return {
              onEdit: () => editing.open({ field: f }),
              more: [
                ...(at > 0
                  ? [{ label: 'Move up', icon: <IconArrowUp size={14} />, onClick: () => move.mutate({ id: f.id, direction: 'up' }) }]
                  : []),
                ...(at < live.length - 1
                  ? [{ label: 'Move down', icon: <IconArrowDown size={14} />, onClick: () => move.mutate({ id: f.id, direction: 'down' }) }]
                  : []),
              ],
              onDelete: () =>
                remove(f, {
                  title: `Remove the field ${f.name}?`,
                  message: `It disappears from the form, the stakeholder pages, the register and the CSV export, with its values${f.used > 0 ? ` (${f.used} ${f.used === 1 ? 'person has one' : 'people have one'})` : ''}. The values are kept: restoring the field brings them back.`,
                  confirmLabel: 'Remove field',
                }),
            };
          }}
        />
      )}
      <FieldFormDialog dialog={editing} />
      <HistoryDrawer format={history.format} target={history.target} onClose={history.close} />
    </Stack>
  );
}

const TYPE_OPTIONS = labelled(FIELD_TYPES, FIELD_TYPE_LABELS);

function FieldFormDialog({ dialog }: { dialog: Dialog<{ field: StakeholderField | null }> }) {
  const save = useSaveRecord(orpc.stakeholderFields);
  return (
    <EntityFormDialog
      dialog={dialog}
      title={({ field }) => (field ? `Edit the field ${field.name}` : 'New stakeholder field')}
      schema={FieldCreateInput}
      defaults={({ field }) => ({ name: field?.name ?? '', type: field?.type ?? 'text', choices: field?.choices ?? [] })}
      submitLabel={({ field }) => (field ? 'Save changes' : 'Add field')}
      onSubmit={async (values, { field }) => {
        const saved = await save({ ...values, choices: values.type === 'choice' ? values.choices : [] }, field);
        return field ? `“${saved.name}” saved.` : `“${saved.name}” added: it shows in the stakeholder form and as a register column.`;
      }}
    >
      {(form, { field }) => <FieldInputs form={form} field={field} />}
    </EntityFormDialog>
  );
}

function FieldInputs({ form, field }: { form: EntityForm<typeof FieldCreateInput>; field: StakeholderField | null }) {
  const type = useWatch({ control: form.control, name: 'type' });
  const { errors } = form.formState;
  // A value would no longer fit another type: the engine refuses it, and the form says so up front.
  const locked = field !== null && field.used > 0;
  return (
    <>
      <TextInput
        label="Name"
        placeholder="e.g. Region"
        withAsterisk
        data-autofocus
        {...form.register('name')}
        error={errors.name?.message}
      />
      <Controller
        control={form.control}
        name="type"
        render={({ field: bound }) => (
          <Input.Wrapper
            label="Type"
            labelElement="div"
            id="field-type"
            description={
              locked
                ? `${field.used} ${field.used === 1 ? 'person has' : 'people have'} a value for it, so its type stays. Renaming keeps the values.`
                : undefined
            }
            error={errors.type?.message}
          >
            <SegmentedControl
              aria-labelledby="field-type-label"
              fullWidth
              size="xs"
              disabled={locked}
              value={bound.value}
              onChange={bound.onChange}
              data={TYPE_OPTIONS}
            />
          </Input.Wrapper>
        )}
      />
      {type === 'choice' && (
        <Controller
          control={form.control}
          name="choices"
          render={({ field: bound }) => (
            <TagsInput
              label="Choices"
              description="In the order the form offers them. Type one and press Enter."
              placeholder="e.g. North"
              withAsterisk
              value={bound.value ?? []}
              onChange={bound.onChange}
              error={errors.choices?.message}
            />
          )}
        />
      )}
    </>
  );
}
