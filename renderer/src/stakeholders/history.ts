import { dateTimeField, decodeJson, type HistoryFormat, memberField, nameField } from '../history/format';

export const stakeholderHistory: HistoryFormat = {
  table: 'stakeholders',
  labels: {
    name: 'Name',
    title: 'Title',
    teamId: 'Team',
    email: 'Email',
    support: 'Support',
    influence: 'Influence',
    interest: 'Interest',
    awareness: 'Awareness',
    desire: 'Desire',
    knowledge: 'Knowledge',
    ability: 'Ability',
    reinforcement: 'Reinforcement',
    ownerMemberId: 'Relationship owner',
    tags: 'Tags',
    notes: 'Notes',
    ratedAt: 'Re-rated in a session on',
    ratedInSessionId: 'Session',
  },
  values: {
    teamId: nameField('teams', 'a deleted team'),
    ownerMemberId: memberField,
    ratedAt: dateTimeField,
    ratedInSessionId: (value) => (typeof value === 'string' ? 'a logged session' : undefined),
    tags: (value) => {
      const tags = decodeJson(value);
      return Array.isArray(tags) ? tags.join(', ') || 'none' : undefined;
    },
  },
  names: ['teams'],
};

export const concernHistory: HistoryFormat = {
  table: 'stakeholder_concerns',
  labels: {
    kind: 'Kind',
    label: 'Label',
    status: 'Status',
    note: 'Note',
    raisedInSessionId: 'Raised in',
    addressedInSessionId: 'Addressed in',
  },
  values: {
    raisedInSessionId: (value) => (typeof value === 'string' ? 'a logged session' : undefined),
    addressedInSessionId: (value) => (typeof value === 'string' ? 'a logged session' : undefined),
  },
};
