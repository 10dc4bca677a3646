import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { orpc } from '../api/query';
import { notifyDone } from '../components/confirm';
import { formatDate } from '../history/format';
import type { Dialog } from '../kit/dialog';
import { SESSION_KIND_LABELS, type Session } from '../stakeholder-sessions/register';
import type { Planned } from './register';

const sessionLabel = (s: Session) =>
  `${formatDate(s.at.slice(0, 10))} · ${SESSION_KIND_LABELS[s.kind]} · ${s.attendees.map((a) => a.name ?? 'someone').join(', ')}`;

/**
 * Marking a touchpoint done: choose the session that delivered it (newest first; none older than
 * its last delivery, which the engine refuses), or log that session now.
 */
export function DeliverDialog({ dialog, onLogNew }: { dialog: Dialog<Planned>; onLogNew: (t: Planned) => void }) {
  const t = dialog.value;
  const sessions = useQuery(orpc.stakeholderSessions.list.queryOptions({ input: {} }));
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const deliver = useMutation(orpc.stakeholderPlan.deliver.mutationOptions());
  const options = (sessions.data ?? [])
    .filter((s) => !s.deleted && (!t?.lastDeliveredOn || s.at.slice(0, 10) >= t.lastDeliveredOn))
    .map((s) => ({ value: s.id, label: sessionLabel(s) }));
  const close = () => {
    setSessionId(null);
    setError(null);
    dialog.close();
  };
  const submit = async () => {
    if (!t || !sessionId) return setError('Choose the session that delivered it, or log it.');
    try {
      await deliver.mutateAsync({ id: t.id, sessionId });
      notifyDone(`“${t.message}” marked done.`);
      close();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal opened={dialog.opened} onClose={close} title="Mark touchpoint done" size={600}>
      {t && (
        <Stack gap="sm">
          <Text size="sm">
            <Text span fw={500}>
              {t.message}
            </Text>{' '}
            is done when a session delivered it: that session dates the delivery and moves the next due date.
          </Text>
          <Select
            label="Delivered in"
            placeholder={options.length > 0 ? 'Choose a logged session' : 'No session logged since the last delivery'}
            // Not searchable: a searchable select opens its list on focus, over the buttons below.
            data-autofocus
            data={options}
            value={sessionId}
            onChange={(v) => {
              setSessionId(v);
              setError(null);
            }}
            error={error}
          />
          <Group justify="space-between">
            <Button
              variant="subtle"
              onClick={() => {
                close();
                onLogNew(t);
              }}
            >
              Log the session instead
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button onClick={submit} loading={deliver.isPending}>
                Mark done
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
