import { dateField, type HistoryFormat, nameField } from '../history/format';

export const shadowHistory: HistoryFormat = {
  table: 'shadow_processes',
  labels: {
    name: 'Name',
    teamId: 'Team',
    initiativeId: 'Initiative',
    kind: 'Kind',
    owner: 'Owner',
    usersInvolved: 'Users involved',
    reason: 'Reason',
    failurePattern: 'Failure pattern (in words)',
    failurePatternId: 'Failure pattern',
    firstSeen: 'First seen',
    retiredOn: 'Retired on',
  },
  values: {
    teamId: nameField('teams', 'a deleted team'),
    initiativeId: nameField('initiatives', 'a deleted initiative'),
    failurePatternId: nameField('patterns', 'a deleted pattern'),
    firstSeen: dateField,
    retiredOn: dateField,
  },
  names: ['teams', 'initiatives', 'patterns'],
};
