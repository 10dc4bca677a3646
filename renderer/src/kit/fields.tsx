import { NumberInput, type NumberInputProps, Select, type SelectProps, TextInput, type TextInputProps } from '@mantine/core';
import { type Control, type FieldPath, type FieldValues, type PathValue, useController } from 'react-hook-form';

/** A Mantine input bound to one field of a react-hook-form form. */
interface Bound<TIn extends FieldValues, N extends FieldPath<TIn>, TOut> {
  control: Control<TIn, unknown, TOut>;
  name: N;
  /** What the field holds once the person empties the input (null, '', a default…). */
  cleared?: PathValue<TIn, N>;
}

type Wired = 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'error' | 'name';

function useBound<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>({ control, name }: Bound<TIn, N, TOut>) {
  const { field, fieldState } = useController({ control, name });
  return { field, error: fieldState.error?.message };
}

/**
 * A select that can be typed into: typing narrows the options to those containing the text and
 * highlights the first of them, so Enter picks a match, never the list's first option. Emptied
 * (cleared, or its option clicked again) it holds `cleared`.
 */
export function SelectField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>({
  control,
  name,
  cleared,
  ...props
}: Bound<TIn, N, TOut> & Omit<SelectProps, Wired>) {
  const { field, error } = useBound({ control, name });
  return (
    <Select
      searchable
      selectFirstOptionOnChange
      nothingFoundMessage="Nothing matches"
      {...props}
      value={field.value || null}
      onChange={(v) => field.onChange(v ?? cleared)}
      onBlur={field.onBlur}
      ref={field.ref}
      error={error}
    />
  );
}

/** A whole number, without spinner buttons; emptied it holds `cleared`. */
export function NumberField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>({
  control,
  name,
  cleared,
  ...props
}: Bound<TIn, N, TOut> & Omit<NumberInputProps, Wired>) {
  const { field, error } = useBound({ control, name });
  return (
    <NumberInput
      min={0}
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator=","
      hideControls
      {...props}
      value={field.value ?? ''}
      onChange={(v) => field.onChange(typeof v === 'number' ? v : cleared)}
      onBlur={field.onBlur}
      ref={field.ref}
      error={error}
    />
  );
}

/** A calendar date (YYYY-MM-DD) in the native date picker; emptied it holds `cleared`. */
export function DateField<TIn extends FieldValues, N extends FieldPath<TIn>, TOut>({
  control,
  name,
  cleared,
  ...props
}: Bound<TIn, N, TOut> & Omit<TextInputProps, Wired | 'type'>) {
  const { field, error } = useBound({ control, name });
  return (
    <TextInput
      {...props}
      type="date"
      value={field.value ?? ''}
      onChange={(e) => field.onChange(e.currentTarget.value === '' ? cleared : e.currentTarget.value)}
      onBlur={field.onBlur}
      ref={field.ref}
      error={error}
    />
  );
}
