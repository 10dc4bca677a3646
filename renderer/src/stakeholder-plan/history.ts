import { dateField, type HistoryFormat, memberField, nameField } from '../history/format';
import { PLAN_CHANNEL_LABELS } from './register';

export const touchpointHistory: HistoryFormat = {
  table: 'plan_touchpoints',
  labels: {
    message: 'Message',
    channel: 'Channel',
    teamId: 'Team',
    tag: 'Tag',
    everyDays: 'Every (days)',
    ownerMemberId: 'Owner',
    startOn: 'Starts',
    lastDeliveredOn: 'Last delivered',
    lastSessionId: 'Delivered in',
  },
  values: {
    channel: (v) => (typeof v === 'string' ? (PLAN_CHANNEL_LABELS[v as keyof typeof PLAN_CHANNEL_LABELS] ?? v) : undefined),
    teamId: nameField('teams', 'a deleted team'),
    everyDays: (v) => (v === null ? 'once' : undefined),
    ownerMemberId: memberField,
    startOn: dateField,
    lastDeliveredOn: dateField,
    lastSessionId: (v) => (v ? 'a logged session' : undefined),
  },
  names: ['teams'],
};
