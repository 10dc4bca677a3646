import { Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { orpc } from '../api/query';
import { formatDate } from '../history/format';
import { today } from '../kit/days';
import type { Dialog } from '../kit/dialog';
import { EntityFormDialog, INLINE_ERRORS } from '../kit/EntityFormDialog';
import { DateField } from '../kit/fields';
import type { ShadowProcess } from './register';

// Not before it was first seen: the engine refuses that too, this says it in the person's terms.
const retireInput = (process: ShadowProcess) =>
  z.object({
    retiredOn: z
      .string()
      .min(1, 'Enter the day people stopped keeping it')
      .refine((day) => day >= process.firstSeen, `It was first seen on ${formatDate(process.firstSeen)}; retire it on or after that day`),
  });

/** Retire a shadow process: the day people stopped keeping it (today unless said otherwise). */
export function RetireFormDialog({ dialog }: { dialog: Dialog<ShadowProcess> }) {
  const retire = useMutation(orpc.shadowProcesses.update.mutationOptions(INLINE_ERRORS));
  return (
    <EntityFormDialog
      dialog={dialog}
      title={(process) => `Retire ${process.name}`}
      size={440}
      schema={retireInput}
      defaults={(process) => ({ retiredOn: process.retiredOn ?? today() })}
      submitLabel="Retire"
      onSubmit={async ({ retiredOn }, process) => {
        const p = await retire.mutateAsync({ id: process.id, retiredOn });
        return `“${p.name}” retired on ${formatDate(p.retiredOn)}.`;
      }}
      intro={
        <Text size="sm" c="dimmed">
          From this day on it no longer counts towards the shadow share in reports. It stays in the register as retired.
        </Text>
      }
    >
      {(form) => <DateField control={form.control} name="retiredOn" cleared="" label="Retired on" withAsterisk data-autofocus w={200} />}
    </EntityFormDialog>
  );
}
