import { type HistoryFormat, NONE } from '../history/format';

export const teamHistory: HistoryFormat = {
  table: 'teams',
  labels: { name: 'Name', parentId: 'Parent team', region: 'Region', businessUnit: 'Business unit', headcount: 'Headcount' },
  values: { parentId: (value, { teams }) => (typeof value === 'string' ? (teams.get(value) ?? 'a deleted team') : NONE) },
  names: ['teams'],
};
