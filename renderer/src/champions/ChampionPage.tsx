import { Group, Stack, Text } from '@mantine/core';
import { IconMessageReport, IconSpeakerphone } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { ACTIVITY_KIND_LABELS, isDone } from '../../../db/api/types';
import { orpc } from '../api/query';
import { EmptyTable } from '../components/EmptyTable';
import { BackLink, Page } from '../components/Page';
import { QueryState } from '../components/QueryState';
import { columns as feedbackColumns } from '../feedback/FeedbackPage';
import { feedbackHistory } from '../feedback/history';
import { formatDate } from '../history/format';
import { HistoryDrawer } from '../history/HistoryDrawer';
import type { Column } from '../kit/DataTable';
import { useRecordHistory } from '../kit/recordHistory';
import { localeCount } from '../locale/locale';
import { activityColumns, championColumns, RecordsSection } from './ChampionsPage';
import { activityHistory, championHistory } from './history';

/**
 * One champion's page: the teams they champion (in every program), what they ran, and the feedback
 * on wrong predictions they logged. Reached from a name on the Champions screen.
 */
export function ChampionPage({ params }: { params: Record<string, string | undefined> }) {
  const memberId = params.memberId ?? '';
  const champions = useQuery(orpc.champions.list.queryOptions({ input: {} }));
  const programs = useQuery(orpc.champions.programs.queryOptions({ input: {} }));
  const activities = useQuery(orpc.champions.activities.queryOptions({ input: { programId: null } }));
  const feedback = useQuery(orpc.feedback.list.queryOptions({ input: {} }));
  const members = useQuery(orpc.members.list.queryOptions({ input: {} }));
  const championsHistory = useRecordHistory(championHistory);
  const activitiesHistory = useRecordHistory(activityHistory);
  const feedbackRecords = useRecordHistory(feedbackHistory);
  const member = members.data?.find((m) => m.id === memberId);
  const name = member?.name ?? 'Champion';
  const programName = new Map((programs.data ?? []).map((p) => [p.id, p.name]));

  const teams = (champions.data ?? [])
    .filter((c) => c.memberId === memberId)
    .map((c) => ({ ...c, name: `${c.team ?? 'A deleted team'} · ${programName.get(c.programId) ?? 'a deleted program'}` }));
  const ids = new Set(teams.map((c) => c.id));
  const ran = (activities.data ?? [])
    .filter((a) => ids.has(a.championId))
    .map((a) => ({ ...a, name: `${ACTIVITY_KIND_LABELS[a.kind]} on ${formatDate(a.date)}` }));
  const logged = (feedback.data ?? []).filter((f) => f.reporterId === memberId).map((f) => ({ ...f, name: f.caseRef ?? f.aiSaid }));
  const open = logged.filter((f) => !isDone(f.status)).length;
  const now = new Date().toISOString();
  // Their own activities: the team in place of "champion · team".
  const ranColumns = activityColumns.map((c) =>
    c.header === 'Champion · team' ? { ...c, header: 'Team', cell: (a: (typeof ran)[number]) => a.team ?? 'A deleted team' } : c,
  );
  const teamColumns: Column<(typeof teams)[number]>[] = [
    { header: 'Team · program', cell: (c) => c.name },
    ...championColumns.filter((c) => c.header !== 'Champion' && c.header !== 'Team'),
  ];

  return (
    <Page
      screen="champion"
      title={name}
      ready={champions.isSuccess && activities.isSuccess && feedback.isSuccess && members.isSuccess}
      description={
        <>
          <BackLink href="#/champions">Champions</BackLink>
          {champions.isSuccess &&
            ` › champion in ${localeCount(new Set(teams.map((t) => t.teamId)).size, 'team')} · ${localeCount(ran.length, 'activity', 'activities')} · ${localeCount(logged.length, 'feedback item')} logged, ${open} open`}
        </>
      }
    >
      <QueryState query={champions} what="the champions">
        {() => (
          <Stack gap={0} pb="lg">
            <RecordsSection
              title="Teams"
              rows={teams}
              columns={teamColumns}
              rowTestId="champion-team-row"
              history={championsHistory}
              empty={
                <EmptyTable
                  icon={<IconSpeakerphone size={22} />}
                  title={`${name} champions no team`}
                  description="A change manager names champions per team on the Champions screen; this page then shows their teams, activities and feedback."
                />
              }
            />
            <RecordsSection
              title="Activities"
              rows={ran}
              columns={ranColumns}
              rowTestId="champion-activity-row"
              history={activitiesHistory}
              empty={
                <EmptyTable
                  icon={<IconSpeakerphone size={22} />}
                  title="No activities logged"
                  description="Log each demo, office hours, training, feedback round or peer support session on the Champions screen."
                />
              }
            />
            <RecordsSection
              title="Feedback logged"
              rows={logged}
              columns={feedbackColumns(now, null).filter((c) => c.header !== 'Reporter')}
              rowTestId="champion-feedback-row"
              history={feedbackRecords}
              empty={
                <EmptyTable
                  icon={<IconMessageReport size={22} />}
                  title="No feedback logged"
                  description="Feedback on a wrong prediction is logged from anywhere with Ctrl+Shift+F; what this champion logs shows here."
                />
              }
            />
            <Group px="lg" pt="sm">
              <Text size="xs" c="dimmed">
                Open feedback is new, triaged or in progress.
              </Text>
            </Group>
          </Stack>
        )}
      </QueryState>
      <HistoryDrawer format={championsHistory.format} target={championsHistory.target} onClose={championsHistory.close} />
      <HistoryDrawer format={activitiesHistory.format} target={activitiesHistory.target} onClose={activitiesHistory.close} />
      <HistoryDrawer format={feedbackRecords.format} target={feedbackRecords.target} onClose={feedbackRecords.close} />
    </Page>
  );
}
