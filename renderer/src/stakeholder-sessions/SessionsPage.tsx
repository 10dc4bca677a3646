import { Badge, Group, Select, Text } from '@mantine/core';
import { IconMessages, IconMoodEmpty, IconMoodSad, IconMoodSmile } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Sentiment, SessionKind } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useRecordRights, useWorkspace } from '../api/workspace';
import { Dash } from '../components/Dash';
import { formatDateTime } from '../history/format';
import { type Column, DataTable } from '../kit/DataTable';
import { useDelete } from '../kit/deletion';
import { useDialog } from '../kit/dialog';
import { ChoiceFilter, FilterBar, InitiativeFilter } from '../kit/filters';
import { ListPage, NoMatches } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { sessionHistory } from './history';
import { KIND_OPTIONS, SENTIMENT_COLORS, SENTIMENT_LABELS, SESSION_KIND_LABELS, type Session } from './register';
import { type SessionEditing, SessionFormDialog } from './SessionForm';

const SENTIMENT_ICONS = { negative: IconMoodSad, neutral: IconMoodEmpty, positive: IconMoodSmile } as const;

/** How an attendee came across: a face and its name for screen readers, not a colour alone. */
function SentimentIcon({ sentiment }: { sentiment: Sentiment }) {
  const Icon = SENTIMENT_ICONS[sentiment];
  return (
    <Icon
      size={14}
      role="img"
      aria-label={`came across ${SENTIMENT_LABELS[sentiment].toLowerCase()}`}
      color={`var(--mantine-color-${SENTIMENT_COLORS[sentiment]}-7)`}
      data-testid="attendee-sentiment"
    />
  );
}

const READ_ONLY = 'Only champions and change managers log sessions.';
const NOWRAP = { style: { whiteSpace: 'nowrap' } } as const;

type Row = Session & { name: string };

const COLUMNS: readonly Column<Row>[] = [
  { header: 'When', td: { className: 'tabular', ...NOWRAP }, cell: (s) => formatDateTime(s.at) },
  { header: 'Kind', td: NOWRAP, cell: (s) => SESSION_KIND_LABELS[s.kind] },
  {
    header: 'Attendees',
    td: { miw: 220 },
    cell: (s) => (
      <Group gap={6} data-testid="session-attendees">
        {s.attendees.map((a) => (
          <Badge
            key={a.id}
            variant="outline"
            color="gray"
            size="md"
            c="var(--mantine-color-text)"
            fw={500}
            leftSection={a.sentiment ? <SentimentIcon sentiment={a.sentiment} /> : undefined}
            title={a.sentiment ? `${a.name}: came across ${SENTIMENT_LABELS[a.sentiment].toLowerCase()}` : (a.name ?? undefined)}
            styles={{ label: { textTransform: 'none', overflow: 'visible' } }}
            data-sentiment={a.sentiment ?? undefined}
          >
            {a.name ?? 'Removed stakeholder'}
          </Badge>
        ))}
      </Group>
    ),
  },
  { header: 'Initiative', priority: 'low', td: NOWRAP, cell: (s) => s.initiative ?? <Dash /> },
  { header: 'Facilitator', td: NOWRAP, cell: (s) => s.facilitator ?? <Dash /> },
  {
    header: 'Decisions',
    priority: 'low',
    td: { maw: 260 },
    cell: (s) =>
      s.decisions ? (
        <Text size="sm" lineClamp={2} title={s.decisions}>
          {s.decisions}
        </Text>
      ) : (
        <Dash />
      ),
  },
];

/** The session log: every meeting with stakeholders, newest first, with who came and how they came across. */
export function SessionsPage() {
  const [kind, setKind] = useState<SessionKind | null>(null);
  const [initiative, setInitiative] = useState<string | null>(null);
  const [person, setPerson] = useState<string | null>(null);
  const editing = useDialog<SessionEditing>();
  const history = useRecordHistory(sessionHistory);
  const log = useQuery(orpc.stakeholderSessions.list.queryOptions({ input: {} }));
  const initiatives = useQuery(orpc.initiatives.list.queryOptions({ input: {} }));
  const people = useQuery(orpc.stakeholders.list.queryOptions({ input: {} }));
  const me = useWorkspace().data?.me;
  const can = useRecordRights('stakeholderSessions');
  const remove = useDelete(orpc.stakeholderSessions.delete.mutationOptions(), () => 'Session removed from the log.');
  const all = log.data ?? [];
  const filtered = kind !== null || initiative !== null || person !== null;

  return (
    <ListPage
      screen="stakeholder-sessions"
      title="Sessions"
      description={
        all.length > 0
          ? `${all.length} ${all.length === 1 ? 'session' : 'sessions'} logged · newest first`
          : 'One-to-ones, workshops, steering committees: who came, how they came across, what was decided.'
      }
      query={log}
      what="the session log"
      add={{
        allowed: can.create,
        onAdd: () => editing.open({ session: null }),
        label: 'Log session',
        firstLabel: 'Log a session',
        disabledReason: READ_ONLY,
      }}
      filters={
        <FilterBar testId="session-filters">
          <ChoiceFilter label="Kind" w={190} data={KIND_OPTIONS} value={kind} onChange={setKind} />
          <InitiativeFilter initiatives={initiatives.data} value={initiative} onChange={setInitiative} />
          <Select
            label="Stakeholder"
            placeholder="Anyone"
            clearable
            searchable
            w={220}
            data={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={person}
            onChange={setPerson}
          />
        </FilterBar>
      }
      empty={{
        icon: <IconMessages size={22} />,
        title: 'No sessions logged yet',
        howToAdd:
          'Log each meeting with stakeholders: who came, how they came across, concerns raised and what happens next. It takes under a minute.',
        whoAdds: 'Change managers and champions log their sessions with stakeholders here. Nothing to show until they do.',
      }}
      history={history}
      dialogs={<SessionFormDialog dialog={editing} />}
    >
      {(rows) => {
        const shown = rows
          .filter(
            (s) =>
              (kind === null || s.kind === kind) &&
              (initiative === null || s.initiativeId === initiative) &&
              (person === null || s.attendees.some((a) => a.stakeholderId === person)),
          )
          .map((s) => ({ ...s, name: `${SESSION_KIND_LABELS[s.kind]}, ${formatDateTime(s.at)}` }));
        if (shown.length === 0) {
          return (
            <NoMatches
              description="No session of this kind, initiative or stakeholder. Clear the filters to see the whole log."
              onClear={
                filtered
                  ? () => {
                      setKind(null);
                      setInitiative(null);
                      setPerson(null);
                    }
                  : undefined
              }
            />
          );
        }
        return (
          <DataTable
            label="Sessions"
            horizontalSpacing={8}
            rows={shown}
            columns={COLUMNS}
            rowProps={() => ({ 'data-testid': 'session-row' })}
            history={history}
            actions={(s) => ({
              // Champions change the sessions they ran; change managers any.
              onEdit: can.delete || (can.create && s.facilitatorMemberId === me?.id) ? () => editing.open({ session: s }) : undefined,
              onDelete: can.delete
                ? () =>
                    remove(s, {
                      title: 'Delete this session?',
                      message: 'It leaves the log and no longer counts as contact. Ratings changed in it stay as they are.',
                      confirmLabel: 'Delete session',
                    })
                : undefined,
            })}
          />
        );
      }}
    </ListPage>
  );
}
