import type { HistoryTables } from '../../../db/api/contract';

export type HistoryTable = (typeof HistoryTables)[number];

/** The record whose history the drawer shows. */
export interface HistoryTarget {
  id: string;
  /** The record's name, for the drawer's title. */
  name: string;
}
