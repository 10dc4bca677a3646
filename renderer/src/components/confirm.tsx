import { Button, Group, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';

/** A destructive action asks first; Enter does not confirm by accident (focus starts on Cancel). */
export function confirmDelete(options: { title: string; message: ReactNode; confirmLabel: string; onConfirm: () => void }) {
  modals.openConfirmModal({
    title: options.title,
    children: (
      <Text size="sm" mb="xs">
        {options.message}
      </Text>
    ),
    labels: { confirm: options.confirmLabel, cancel: 'Cancel' },
    confirmProps: { color: 'red.9', 'data-testid': 'confirm-delete' },
    cancelProps: { 'data-autofocus': true },
    onConfirm: options.onConfirm,
  });
}

/**
 * Closing a form with unsaved changes asks first; focus starts on Keep editing, so Enter loses
 * nothing. `onClose` runs however the question goes away.
 */
export function confirmDiscard(onDiscard: () => void, onClose: () => void) {
  modals.openConfirmModal({
    title: 'Discard your changes?',
    children: (
      <Text size="sm" mb="xs">
        What you changed in this form has not been saved.
      </Text>
    ),
    labels: { confirm: 'Discard changes', cancel: 'Keep editing' },
    confirmProps: { color: 'red.9' },
    cancelProps: { 'data-autofocus': true },
    onConfirm: onDiscard,
    onClose,
  });
}

/** After a delete: say what happened, and offer to take it back. */
export function notifyUndoable(message: string, undo: () => void) {
  const id = `undo-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  notifications.show({
    id,
    autoClose: 10_000,
    withCloseButton: true,
    message: (
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text size="sm">{message}</Text>
        <Button
          size="xs"
          variant="light"
          onClick={() => {
            notifications.hide(id);
            undo();
          }}
        >
          Undo
        </Button>
      </Group>
    ),
  });
}

export function notifyDone(message: string) {
  notifications.show({ message, color: 'teal', autoClose: 4000 });
}
