import {
  Input,
  MultiSelect,
  type MultiSelectProps,
  NumberInput,
  type NumberInputProps,
  SegmentedControl,
  type SegmentedControlProps,
  Select,
  type SelectProps,
  SimpleGrid,
  type SimpleGridProps,
  TagsInput,
  type TagsInputProps,
  Textarea,
  type TextareaProps,
  TextInput,
  type TextInputProps,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { type Control, Controller, type FieldPath, type FieldValues, type PathValue, useController, useFormState } from 'react-hook-form';
import type { Initiative, Team } from '../../../db/api/types';
import { orpc } from '../api/query';
import { teamOptions } from '../teams/hierarchy';
import { datePattern, formatDateInput, parseDateInput } from './locale';

/** The records a select offers: those not deleted, by name (initiatives, members). */
export const liveOptions = (records: readonly { id: string; name: string; deleted: boolean }[] | undefined) =>
  (records ?? []).filter((r) => !r.deleted).map((r) => ({ value: r.id, label: r.name }));

/** The options of a select over a fixed list of values, each shown by its label (statuses, kinds, roles…). */
export const labelled = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((v) => ({ value: v, label: labels[v] }));

/** Fields side by side on one row of a form: two columns unless `cols` says, spaced as every form is. */
export function FieldRow({ cols = 2, ...props }: SimpleGridProps) {
  return <SimpleGrid cols={cols} spacing="sm" {...props} />;
}

/**
 * The label over a group of fields (ADKAR, the workspace's fields) in the style of every field's
 * label: Mantine's input label, not a Text at weight 500, which the system fonts without a medium
 * weight draw as regular, lighter than the labels around it.
 */
export function FieldLabel({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <Input.Label labelElement="div" id={id} display="block">
      {children}
    </Input.Label>
  );
}

/**
 * A few choices side by side (arrow keys move between them) under a label styled as every field's:
 * the control is named by its label, `${id}-label`.
 */
export function SegmentedChoice({
  id,
  label,
  ...control
}: { id: string; label: ReactNode } & Omit<SegmentedControlProps, 'aria-labelledby'>) {
  return (
    <Input.Wrapper label={label} labelElement="div" id={id} styles={{ label: { display: 'block' } }}>
      <SegmentedControl aria-labelledby={`${id}-label`} {...control} />
    </Input.Wrapper>
  );
}

/** A Mantine input bound to one field of a react-hook-form form. */
interface Bound<TIn extends FieldValues, N extends FieldPath<TIn>, TOut> {
  control: Control<TIn, unknown, TOut>;
  name: N;
  /** What the field holds once the person empties the input (null, '', a default…). */
  cleared?: PathValue<TIn, N>;
}

type Wired = 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'error' | 'name';

/** A choice that may be left empty: a × clears it, and it then holds null (for fields that can hold null). */
type Optional<TIn extends FieldValues, N extends FieldPath<TIn>> = { optional?: null extends PathValue<TIn, N> ? boolean : never };

/**
 * An input's props split in two: the field (and what every input takes from it the same way: blur,
 * focus ref, the error to show) and the input's `own` props.
 */
function useBound<TIn extends FieldValues, N extends FieldPath<TIn>, TOut, P>({ control, name, cleared, ...own }: Bound<TIn, N, TOut> & P) {
  const { field, fieldState } = useController({ control, name });
  return { field, cleared, own, wired: { onBlur: field.onBlur, ref: field.ref, error: fieldState.error?.message } };
}

/**
 * A text input's props split in two: what it takes from the form, which reads the input itself
 * (`register`), with the error to show; and the input's `own` props.
 */
function useRegistered<TIn extends FieldValues, N extends FieldPath<TIn>, TOut, P>({ control, name, ...own }: Bound<TIn, N, TOut> & P) {
  const formState = useFormState({ control, name });
  return { own, registered: { ...control.register(name), error: control.getFieldState(name, formState).error?.message } };
}

/** A text box for one field of the form, its error under it. */
export function TextField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>(
  bound: Omit<Bound<TIn, N, TOut>, 'cleared'> & Omit<TextInputProps, Wired>,
) {
  const { own, registered } = useRegistered(bound);
  return <TextInput {...own} {...registered} />;
}

/** A text area for one field of the form that grows with its text, from two rows up to `maxRows`; its error under it. */
export function TextAreaField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>(
  bound: Omit<Bound<TIn, N, TOut>, 'cleared'> & Omit<TextareaProps, Wired>,
) {
  const { own, registered } = useRegistered(bound);
  return <Textarea autosize minRows={2} {...own} {...registered} />;
}

/**
 * A select that can be typed into: typing narrows the options to those containing the text and
 * highlights the first of them, so Enter picks a match, never the list's first option. Emptied
 * (cleared, or its option clicked again) it holds `cleared`, or null when `optional`.
 */
export function SelectField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>({
  optional,
  ...bound
}: Bound<TIn, N, TOut> & Optional<TIn, N> & Omit<SelectProps, Wired>) {
  const { field, cleared, own, wired } = useBound(bound);
  return (
    <Select
      searchable
      selectFirstOptionOnChange
      nothingFoundMessage="Nothing matches"
      clearable={optional}
      {...own}
      value={field.value || null}
      onChange={(v) => field.onChange(v ?? (optional ? null : cleared))}
      {...wired}
    />
  );
}

/** A record's status, chosen from its statuses, each shown by its label; emptied it holds `cleared`. */
export function StatusField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut, V extends string>({
  values,
  labels,
  ...bound
}: Bound<TIn, N, TOut> & { values: readonly V[]; labels: Record<V, string> } & Omit<SelectProps, Wired | 'data' | 'label'>) {
  return <SelectField {...bound} label="Status" data={labelled(values, labels)} />;
}

/**
 * Several choices typed into one box (attendees, people): typing narrows the options and
 * highlights the first match, so Enter adds it and the next name can be typed straight away.
 */
export function MultiSelectField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>(
  bound: Omit<Bound<TIn, N, TOut>, 'cleared'> & Omit<MultiSelectProps, Wired>,
) {
  const { field, own, wired } = useBound(bound);
  return (
    <MultiSelect
      searchable
      selectFirstOptionOnChange
      hidePickedOptions
      nothingFoundMessage="Nothing matches"
      {...own}
      value={field.value ?? []}
      onChange={field.onChange}
      {...wired}
    />
  );
}

/** Words typed into one box, each made a tag by Enter (tags, model versions); empty, it holds no tags. */
export function TagsField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>(
  bound: Omit<Bound<TIn, N, TOut>, 'cleared'> & Omit<TagsInputProps, Wired>,
) {
  const { field, own, wired } = useBound(bound);
  return <TagsInput {...own} value={field.value ?? []} onChange={field.onChange} {...wired} />;
}

/** A few choices side by side for one field of the form (severity, where it was caught), labelled like every field. */
export function ChoiceField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>({
  control,
  name,
  ...choice
}: Omit<Bound<TIn, N, TOut>, 'cleared'> & { label: string; data: { value: string; label: string }[] }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => <SegmentedChoice id={`field-${name}`} {...choice} value={field.value} onChange={field.onChange} />}
    />
  );
}

/** A whole number, without spinner buttons; emptied it holds `cleared`. */
export function NumberField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>(
  bound: Bound<TIn, N, TOut> & Omit<NumberInputProps, Wired>,
) {
  const { field, cleared, own, wired } = useBound(bound);
  return (
    <NumberInput
      min={0}
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator=","
      hideControls
      {...own}
      value={field.value ?? ''}
      onChange={(v) => field.onChange(typeof v === 'number' ? v : cleared)}
      {...wired}
    />
  );
}

/**
 * A calendar date (stored YYYY-MM-DD) typed the locale's way, in one text box: one tab stop, where
 * the native date input took three (day, month, year) and ignored the app's locale. YYYY-MM-DD is
 * read too. Emptied it holds `cleared`; text that is no date holds the text, so the form's rules
 * refuse it, and the box says how to write a date.
 */
export function DateField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>({
  control,
  name,
  cleared,
  ...props
}: Bound<TIn, N, TOut> & Omit<TextInputProps, Wired | 'type'>) {
  const { field, fieldState } = useController({ control, name });
  const pattern = useMemo(() => datePattern(), []);
  const stored = typeof field.value === 'string' ? field.value : '';
  const [text, setText] = useState(() => formatDateInput(stored, pattern));
  const typed = parseDateInput(text, pattern);
  const typedValue = typed === null ? '' : 'iso' in typed ? typed.iso : text;
  // A value put in from outside (reset, a default) shows; typing keeps the two equal.
  if (typedValue !== stored && text !== formatDateInput(stored, pattern)) setText(formatDateInput(stored, pattern));
  const parseError = typed && 'error' in typed ? typed.error : undefined;
  return (
    <TextInput
      placeholder={pattern.placeholder}
      autoComplete="off"
      {...props}
      value={text}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const parsed = parseDateInput(next, pattern);
        field.onChange(parsed === null ? cleared : 'iso' in parsed ? parsed.iso : next);
      }}
      onBlur={() => {
        field.onBlur();
        if (typed && 'iso' in typed) setText(formatDateInput(typed.iso, pattern));
      }}
      ref={field.ref}
      error={(fieldState.isTouched || fieldState.error) && parseError ? parseError : fieldState.error?.message}
    />
  );
}

/** A form's required initiative: searchable, the initiatives not deleted. */
export function InitiativeField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>({
  initiatives,
  ...props
}: Omit<Bound<TIn, N, TOut>, 'cleared'> & { initiatives: readonly Initiative[] | undefined } & Omit<SelectProps, Wired | 'data'>) {
  return <SelectField {...props} cleared={'' as PathValue<TIn, N>} label="Initiative" withAsterisk data={liveOptions(initiatives)} />;
}

/** A form's required team: searchable, every team not deleted, labelled by its path. */
export function TeamField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>({
  teams,
  ...bound
}: Omit<Bound<TIn, N, TOut>, 'cleared'> & { teams: readonly Team[] | undefined }) {
  return (
    <SelectField
      {...bound}
      cleared={'' as PathValue<TIn, N>}
      label="Team"
      withAsterisk
      placeholder="Choose a team"
      data={teamOptions(teams)}
      nothingFoundMessage="No team matches"
    />
  );
}

/** A form's choice of a workspace member (owner, assignee…): searchable, the members not deleted, by name; it loads them itself. */
export function MemberField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>(
  props: Bound<TIn, N, TOut> & Optional<TIn, N> & Omit<SelectProps, Wired | 'data'>,
) {
  const members = useQuery(orpc.members.list.queryOptions({ input: {} }));
  return <SelectField {...props} data={liveOptions(members.data)} />;
}
