import { dateField, type HistoryFormat, memberField, nameField } from '../history/format';

export const championHistory: HistoryFormat = {
  table: 'champions',
  labels: { memberId: 'Member', teamId: 'Team', since: 'Since', status: 'Status', programId: 'Program' },
  values: { memberId: memberField, teamId: nameField('teams', 'a deleted team'), since: dateField },
  names: ['teams'],
};

export const activityHistory: HistoryFormat = {
  table: 'champion_activities',
  labels: { championId: 'Champion', kind: 'Kind', date: 'Date', attendance: 'Attendance', notes: 'Notes', programId: 'Program' },
  values: { date: dateField },
};
