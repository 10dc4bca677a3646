import type { HistoryFormat } from '../history/format';
import { dateTimeField, memberField, nameField } from '../history/format';

export const feedbackHistory: HistoryFormat = {
  table: 'feedback',
  labels: {
    initiativeId: 'Initiative',
    modelVersion: 'Model version',
    teamId: 'Team',
    caseRef: 'Case reference',
    aiSaid: 'What the AI said',
    whatWasRight: 'What was right',
    category: 'Category',
    severity: 'Severity',
    confidentlyWrong: 'Confidently wrong',
    statedConfidence: 'Stated confidence',
    caught: 'Caught',
    reporterId: 'Reporter',
    reportedAt: 'Reported',
    status: 'Status',
    assigneeId: 'Assignee',
    resolvedVersion: 'Resolved in',
    duplicateOfId: 'Duplicate of',
    patternId: 'Failure pattern',
  },
  values: {
    teamId: nameField('teams', 'a deleted team'),
    initiativeId: nameField('initiatives', 'a deleted initiative'),
    patternId: nameField('patterns', 'a deleted pattern'),
    reporterId: memberField,
    assigneeId: memberField,
    reportedAt: dateTimeField,
  },
  names: ['teams', 'initiatives', 'patterns'],
};
