import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { CadenceInput } from '../../../db/api/contract';
import { QUADRANT_LABELS, QUADRANTS } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useCan } from '../api/workspace';
import { formatDate } from '../history/format';
import { today } from '../kit/days';
import { useDialog } from '../kit/dialog';
import { EntityFormDialog, INLINE_ERRORS } from '../kit/EntityFormDialog';
import { NumberField } from '../kit/fields';
import type { Health } from './register';

function overdueText(h: Health): string {
  if (h.lastContact === null) return 'Never met';
  const days = h.overdueDays ?? 0;
  return `${days} ${days === 1 ? 'day' : 'days'} overdue`;
}

/**
 * The people overdue for contact by their quadrant's cadence, most overdue first: on the
 * stakeholders screen, and compact on the report for change managers.
 */
export function NeedsAttention({ limit, compact = false }: { limit: number; compact?: boolean }) {
  const on = today();
  const list = useQuery(orpc.stakeholderSessions.needsAttention.queryOptions({ input: { today: on } }));
  const canSetCadence = useCan('stakeholderSessions.setCadence');
  const cadence = useDialog<true>();
  if (!list.data) return null;
  const people = list.data;
  const shown = people.slice(0, limit);
  return (
    <Paper withBorder radius="md" p="sm" data-testid="needs-attention" aria-labelledby="needs-attention-title">
      <Group justify="space-between" mb={people.length ? 6 : 0} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <IconClockExclamation size={16} aria-hidden color="var(--mantine-color-orange-7)" />
          <Text size="sm" fw={600} id="needs-attention-title">
            Needs attention
          </Text>
          <Text size="sm" c="dimmed">
            {people.length === 0 ? 'everyone has been met within their cadence' : `${people.length} overdue for contact`}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          {canSetCadence && !compact && (
            <Button variant="subtle" size="compact-sm" onClick={() => cadence.open(true)}>
              Contact cadence
            </Button>
          )}
          {compact && (
            <Anchor href="#/stakeholders" size="sm">
              Stakeholders
            </Anchor>
          )}
        </Group>
      </Group>
      {shown.length > 0 && (
        <Stack gap={2}>
          {shown.map((h) => (
            <Group key={h.stakeholderId} gap="sm" wrap="nowrap" justify="space-between" data-testid="attention-row">
              <Group gap={6} wrap="nowrap" miw={0}>
                <Anchor href={`#/stakeholders/${h.stakeholderId}`} size="sm" fw={500} truncate="end">
                  {h.name}
                </Anchor>
                <Text size="xs" c="dimmed" truncate="end">
                  {[h.team, QUADRANT_LABELS[h.quadrant]].filter(Boolean).join(' · ')}
                </Text>
              </Group>
              <Group gap="sm" wrap="nowrap">
                {!compact && (
                  <Text size="xs" c="dimmed" className="tabular">
                    {h.lastContact ? `Last met ${formatDate(h.lastContact)}` : 'No session yet'} · every {h.cadenceDays} days
                  </Text>
                )}
                <Badge variant="light" color={h.lastContact ? 'orange' : 'red'} size="sm" radius="sm" className="tabular">
                  {overdueText(h)}
                </Badge>
              </Group>
            </Group>
          ))}
          {people.length > shown.length && (
            <Text size="xs" c="dimmed">
              and {people.length - shown.length} more
            </Text>
          )}
        </Stack>
      )}
      <CadenceDialog dialog={cadence} />
    </Paper>
  );
}

function CadenceDialog({ dialog }: { dialog: ReturnType<typeof useDialog<true>> }) {
  const current = useQuery(orpc.stakeholderSessions.cadence.queryOptions({ input: {} }));
  const save = useMutation(orpc.stakeholderSessions.setCadence.mutationOptions(INLINE_ERRORS));
  if (!current.data) return null;
  const values = current.data;
  return (
    <EntityFormDialog
      dialog={dialog}
      title="Contact cadence"
      size={420}
      schema={CadenceInput}
      defaults={() => values}
      submitLabel="Save cadence"
      intro={
        <Text size="sm" c="dimmed">
          Days between contacts by quadrant: a stakeholder not met within theirs appears under Needs attention.
        </Text>
      }
      onSubmit={async (input) => {
        await save.mutateAsync(input);
        return 'Contact cadence saved.';
      }}
    >
      {(form) =>
        QUADRANTS.map((q, i) => (
          <NumberField
            key={q}
            control={form.control}
            name={q}
            label={`${QUADRANT_LABELS[q]} (days)`}
            min={1}
            max={365}
            data-autofocus={i === 0 ? true : undefined}
          />
        ))
      }
    </EntityFormDialog>
  );
}
