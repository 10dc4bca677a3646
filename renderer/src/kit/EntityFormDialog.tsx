import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { type UseMutationOptions, useMutation } from '@tanstack/react-query';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { type DefaultValues, type FieldValues, type Path, type UseFormReturn, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { confirmDiscard, notifyDone } from '../components/confirm';
import { FormError, useServerErrors } from '../components/FormError';
import type { Dialog } from './dialog';

/** The form a screen's fields are wired to: input and output types of its zod schema. */
export type EntityForm<S extends z.ZodType<unknown, FieldValues>> = UseFormReturn<z.input<S>, unknown, z.output<S>>;

/** Mutations whose errors the form shows itself (under the field they name, or at its top), not as a notification. */
export const INLINE_ERRORS = { meta: { inlineErrors: true } };

/** An area's create and update operations, as `orpc.<area>` gives them. */
interface SaveOperations<C, U, O> {
  create: { mutationOptions: (options: typeof INLINE_ERRORS) => UseMutationOptions<O, Error, C> };
  update: { mutationOptions: (options: typeof INLINE_ERRORS) => UseMutationOptions<O, Error, U> };
}

/** A form's save: the area's create for a new record, its update (with the record's id) for an existing one; errors shown in the form. */
export function useSaveRecord<C, U extends { id: string }, O>(area: SaveOperations<C, U, O>) {
  const create = useMutation(area.create.mutationOptions(INLINE_ERRORS));
  const update = useMutation(area.update.mutationOptions(INLINE_ERRORS));
  return (values: C, existing: { id: string } | null): Promise<O> =>
    existing ? update.mutateAsync({ ...values, id: existing.id } as unknown as U) : create.mutateAsync(values);
}

interface EntityFormDialogProps<T, TIn extends FieldValues, TOut> {
  dialog: Dialog<T>;
  /** The dialog's title and accessible name. */
  title: string | ((value: T) => string);
  size?: string | number;
  /** The form's rules; the fields it names are where the server's messages about them go. */
  schema: z.ZodType<TOut, TIn> | ((value: T) => z.ZodType<TOut, TIn>);
  defaults: (value: T) => DefaultValues<TIn>;
  submitLabel: string | ((value: T) => string);
  /** Saves, and says what was done (the notice shown after the dialog closes); a rejection shows in the form. */
  onSubmit: (values: TOut, value: T) => Promise<string>;
  /** Above the form's error: what the action means. */
  intro?: ReactNode;
  children: (form: UseFormReturn<TIn, unknown, TOut>, value: T) => ReactNode;
}

/** The modal's own padding (Mantine's `--mb-padding`), which the footer reaches across to the dialog's edges. */
const PAD = 'var(--mb-padding, var(--mantine-spacing-md))';

/**
 * The buttons stay in view at the foot of the dialog while a long form scrolls under the title (a
 * 700 px window scrolled the stakeholder form's Save out of sight); the modal's content is what
 * scrolls, so sticking to its bottom edge is enough.
 */
const FOOTER = {
  position: 'sticky',
  bottom: 0,
  zIndex: 1,
  background: 'var(--mantine-color-body)',
  borderTop: '1px solid var(--uptake-border)',
  margin: `0 calc(${PAD} * -1) calc(${PAD} * -1)`,
  padding: `var(--mantine-spacing-sm) ${PAD}`,
} as const;

const resolve = <T, R>(v: R | ((value: T) => R), value: T): R => (typeof v === 'function' ? (v as (value: T) => R)(value) : v);

/**
 * A modal form for creating or editing one record: react-hook-form checked against a zod schema,
 * Cancel and submit buttons, server errors under their fields or at the top. Closing it with
 * unsaved changes (Esc, the close button, Cancel) asks first. It stays mounted while closed so
 * Mantine can trap focus while open and hand it back to the control that opened it.
 */
export function EntityFormDialog<T, TIn extends FieldValues, TOut>(props: EntityFormDialogProps<T, TIn, TOut>) {
  const { dialog, title, size = 'md' } = props;
  const dirty = useRef(false);
  const [asking, setAsking] = useState(false);
  const requestClose = () => {
    // Every open modal hears Esc: while the question is up, Esc answers it (keep editing) and leaves the form be.
    if (asking) return;
    if (!dirty.current) {
      dialog.close();
      return;
    }
    setAsking(true);
    // That Esc reaches this modal after the question has closed: clear the flag once the key press is over.
    confirmDiscard(dialog.close, () => setTimeout(() => setAsking(false)));
  };
  return (
    <Modal
      opened={dialog.opened}
      onClose={requestClose}
      title={dialog.value === null ? '' : resolve(title, dialog.value)}
      size={size}
      returnFocus
      // A field scrolled to (by Tab, or an error) shows clear of the sticky title and buttons.
      styles={{ content: { scrollPaddingTop: 64, scrollPaddingBottom: 64 } }}
    >
      {dialog.value !== null && (
        <div key={dialog.key}>
          <EntityFormBody {...props} value={dialog.value} dirty={dirty} onCancel={requestClose} />
        </div>
      )}
    </Modal>
  );
}

function EntityFormBody<T, TIn extends FieldValues, TOut>({
  dialog,
  value,
  dirty,
  onCancel,
  schema,
  defaults,
  submitLabel,
  onSubmit,
  intro,
  children,
}: EntityFormDialogProps<T, TIn, TOut> & { value: T; dirty: RefObject<boolean>; onCancel: () => void }) {
  const [rules] = useState(() => resolve(schema, value));
  const form = useForm<TIn, unknown, TOut>({ resolver: zodResolver(rules), defaultValues: defaults(value) });
  // The schema's own fields: a server message naming one of them ("name: …") goes under it.
  const [fields] = useState(() => Object.keys((rules as { shape?: object }).shape ?? {}) as Path<TIn>[]);
  const errors = useServerErrors(form.setError, fields);
  const [pending, setPending] = useState(false);
  const { isDirty } = form.formState;
  useEffect(() => {
    dirty.current = isDirty;
  }, [dirty, isDirty]);

  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(async (values) => {
        errors.clear();
        setPending(true);
        try {
          const done = await onSubmit(values, value);
          notifyDone(done);
          dialog.close();
        } catch (error) {
          errors.report(error);
        } finally {
          setPending(false);
        }
      })}
    >
      <Stack gap="sm">
        {intro}
        <FormError message={errors.formError} />
        {children(form, value)}
        <Group justify="flex-end" gap="xs" style={FOOTER}>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {resolve(submitLabel, value)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
