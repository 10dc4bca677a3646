import { type UseMutationOptions, useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { confirmDelete, notifyDone, notifyUndoable } from '../components/confirm';

interface Named {
  id: string;
  name: string;
}

/** Undo a deletion (a tombstone's restore operation); says so when done. */
export function useRestore<R extends Named, E, C>(options: UseMutationOptions<R, E, { id: string }, C>, restored: (record: R) => string) {
  const restore = useMutation({ ...options, onSuccess: (record) => notifyDone(restored(record)) });
  return (record: Named) => restore.mutate({ id: record.id });
}

/**
 * Delete after a confirmation. With `undo` (an area whose deletions are tombstones) the notice
 * offers to take it back; without, it only says what happened.
 */
export function useDelete<R extends { id: string }, E, C>(
  options: UseMutationOptions<R, E, { id: string }, C>,
  deleted: (record: R) => string,
  undo?: (record: R) => void,
) {
  const remove = useMutation({
    ...options,
    onSuccess: (record) => (undo ? notifyUndoable(deleted(record), () => undo(record)) : notifyDone(deleted(record))),
  });
  /** Ask first, then delete `record`. */
  return (record: Named, confirm: { title: string; message: ReactNode; confirmLabel: string }) =>
    confirmDelete({ ...confirm, onConfirm: () => remove.mutate({ id: record.id }) });
}
