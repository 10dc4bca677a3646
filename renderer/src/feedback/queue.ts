import type { Feedback } from '../../../db/api/types';

/** How an item is named in lists, menus and the history drawer: its case, else what the AI said. */
export const feedbackTitle = (f: Pick<Feedback, 'caseRef' | 'aiSaid' | 'team'>): string => {
  const said = f.aiSaid.length > 60 ? `${f.aiSaid.slice(0, 60)}…` : f.aiSaid;
  return `${f.caseRef ? `${f.caseRef}: ` : ''}${said}${f.team ? ` (${f.team})` : ''}`;
};

export type QueueFilter = 'open' | 'done' | 'all';
