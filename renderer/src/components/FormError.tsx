import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { errorMessage, splitFieldErrors } from '../api/errors';

/**
 * A form's server errors: messages about one field go under that field, the rest in an alert
 * at the top of the form.
 */
export function useServerErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldNames: readonly Path<T>[]) {
  const [formError, setFormError] = useState<string | null>(null);
  return {
    formError,
    clear: () => setFormError(null),
    report: (error: unknown) => {
      const message = errorMessage(error);
      const { fields, rest } = splitFieldErrors(message, fieldNames);
      for (const name of fieldNames) {
        const text = fields[name];
        if (text) setError(name, { type: 'server', message: text });
      }
      const matched = Object.keys(fields).length > 0;
      setFormError(rest.length > 0 ? rest.join(' ') : matched ? null : message);
    },
  };
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={16} />} role="alert" p="xs">
      {message}
    </Alert>
  );
}
