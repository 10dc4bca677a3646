import type { HistoryFormat } from '../history/format';

export const patternHistory: HistoryFormat = {
  table: 'failure_patterns',
  labels: { name: 'Name', category: 'Category', description: 'Description', status: 'Status' },
  values: {},
  names: [],
};
