import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { orpc } from '../api/query';
import { notifyDone } from '../components/confirm';
import { FormError, useServerErrors } from '../components/FormError';
import { formatDate } from '../history/format';
import { type ShadowProcess, today } from './register';

/** Retire a shadow process: the day people stopped keeping it (today unless said otherwise). */
export function RetireForm({ process, onClose }: { process: ShadowProcess; onClose: () => void }) {
  const [date, setDate] = useState(process.retiredOn ?? today());
  const [fieldError, setFieldError] = useState<string | null>(null);
  const errors = useServerErrors<{ retiredOn: string }>((_name, e) => setFieldError(e.message ?? null), ['retiredOn']);
  const retire = useMutation(
    orpc.shadowProcesses.update.mutationOptions({
      meta: { inlineErrors: true },
      onError: errors.report,
      onSuccess: (p) => {
        notifyDone(`“${p.name}” retired on ${formatDate(p.retiredOn)}.`);
        onClose();
      },
    }),
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        setFieldError(null);
        if (date === '') setFieldError('Enter the day people stopped keeping it');
        else if (date < process.firstSeen)
          setFieldError(`It was first seen on ${formatDate(process.firstSeen)}; retire it on or after that day`);
        else retire.mutate({ id: process.id, retiredOn: date });
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          From this day on it no longer counts towards the shadow share in reports. It stays in the register as retired.
        </Text>
        <FormError message={errors.formError} />
        <TextInput
          type="date"
          label="Retired on"
          withAsterisk
          data-autofocus
          w={200}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={fieldError}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={retire.isPending}>
            Retire
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
