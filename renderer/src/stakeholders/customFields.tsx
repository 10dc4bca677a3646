import { NumberInput, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type Control, type FieldValues, type Path, useController } from 'react-hook-form';
import type { FieldValue, StakeholderField } from '../../../db/api/types';
import { orpc } from '../api/query';
import { Dash } from '../components/Dash';
import { formatDate, type HistoryFormat } from '../history/format';
import { ClippedText, type Column } from '../kit/DataTable';
import { DateField } from '../kit/fields';
import { localeNumber } from '../locale/locale';
import type { Stakeholder } from './register';

/*
 * The workspace's custom stakeholder fields on screen (docs/stakeholders.md, "Custom fields"): the
 * form's inputs, the register's optional columns, the page's values and the history's labels all
 * come from the one list `stakeholderFields.list` returns.
 */

/** The live fields in their order; removed ones too with `includeDeleted` (the history names them). */
export function useStakeholderFields(includeDeleted = false) {
  return useQuery(orpc.stakeholderFields.list.queryOptions({ input: { includeDeleted } }));
}

/** A value as a person reads it: a number in the locale's way, a date as a date. */
export function formatFieldValue(field: Pick<StakeholderField, 'type'>, value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (field.type === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? localeNumber.format(n) : String(value);
  }
  if (field.type === 'date' && typeof value === 'string') return formatDate(value);
  return String(value);
}

/** The engine's key for a field's changes in a stakeholder's history (db/stakeholders/fields.ts). */
const historyKey = (fieldId: string) => `field:${fieldId}`;

/** The stakeholder history format with each custom field named (its current name) and its values read by type. */
export function withCustomFields(format: HistoryFormat, fields: readonly StakeholderField[] | undefined): HistoryFormat {
  if (!fields || fields.length === 0) return format;
  return {
    ...format,
    labels: { ...format.labels, ...Object.fromEntries(fields.map((f) => [historyKey(f.id), f.deleted ? `${f.name} (removed)` : f.name])) },
    values: { ...format.values, ...Object.fromEntries(fields.map((f) => [historyKey(f.id), (v: unknown) => formatFieldValue(f, v)])) },
  };
}

const NUMBER_COLUMN = { th: { ta: 'right' }, td: { ta: 'right', className: 'tabular' } } as const;

/** One optional register column per field, hidden until chosen in Columns; numbers right-aligned, long names and values clipped. */
export function fieldColumns(fields: readonly StakeholderField[]): Column<Stakeholder>[] {
  return fields.map((f) => ({
    header: f.name,
    clipHeader: true,
    hiddenByDefault: true,
    ...(f.type === 'number' ? NUMBER_COLUMN : {}),
    cell: (s: Stakeholder) => {
      const value = formatFieldValue(f, s.fields[f.id]);
      return value === undefined ? <Dash /> : <ClippedText text={value} />;
    },
  }));
}

/** Orders two stakeholders by a field: numbers and dates in order, text by the locale; people without a value last. */
export function compareByField(field: StakeholderField, a: Stakeholder, b: Stakeholder): number {
  const x = a.fields[field.id];
  const y = b.fields[field.id];
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  if (field.type === 'choice') return field.choices.indexOf(String(x)) - field.choices.indexOf(String(y));
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y));
}

/** The input a field's type takes, bound to `fields.<id>` of the stakeholder form; emptied it clears the value. */
export function CustomFieldInput<T extends FieldValues>({
  control,
  field,
}: {
  control: Control<T, unknown, unknown>;
  field: StakeholderField;
}) {
  const name = `fields.${field.id}` as Path<T>;
  const { field: bound, fieldState } = useController({ control, name });
  const value = bound.value as FieldValue | null | undefined;
  const common = { label: field.name, error: fieldState.error?.message, onBlur: bound.onBlur, ref: bound.ref };
  switch (field.type) {
    case 'number':
      return (
        <NumberInput
          {...common}
          hideControls
          thousandSeparator=","
          value={value ?? ''}
          onChange={(v) => bound.onChange(typeof v === 'number' ? v : v === '' ? null : v)}
        />
      );
    case 'date':
      return <DateField control={control} name={name} cleared={null as never} label={field.name} />;
    case 'choice':
      return (
        <Select
          {...common}
          clearable
          searchable
          placeholder="Not set"
          data={field.choices}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => bound.onChange(v)}
        />
      );
    default:
      return (
        <TextInput {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => bound.onChange(e.currentTarget.value)} />
      );
  }
}
