import { dateField, type HistoryFormat, memberField, nameField } from '../history/format';
import { ACTION_STATUS_LABELS, SESSION_KIND_LABELS } from './register';

const label =
  (labels: Record<string, string>) =>
  (value: unknown): string | undefined =>
    typeof value === 'string' ? (labels[value] ?? value) : undefined;

export const sessionHistory: HistoryFormat = {
  table: 'stakeholder_sessions',
  labels: {
    at: 'Date and time',
    kind: 'Kind',
    initiativeId: 'Initiative',
    facilitatorMemberId: 'Facilitator',
    notes: 'Notes',
    decisions: 'Decisions',
  },
  values: {
    kind: label(SESSION_KIND_LABELS),
    initiativeId: nameField('initiatives', 'a deleted initiative'),
    facilitatorMemberId: memberField,
  },
  names: ['initiatives'],
};

export const actionHistory: HistoryFormat = {
  table: 'stakeholder_actions',
  labels: { what: 'What', ownerMemberId: 'Owner', due: 'Due', status: 'Status', sessionId: 'Session', stakeholderId: 'Stakeholder' },
  values: {
    ownerMemberId: memberField,
    due: dateField,
    status: label(ACTION_STATUS_LABELS),
    sessionId: (v) => (v ? 'a logged session' : undefined),
    stakeholderId: (v) => (v ? 'a stakeholder' : undefined),
  },
};
