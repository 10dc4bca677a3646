import type { HistoryTables } from '../../../db/api/contract';

/** The record whose history the drawer shows. */
export interface HistoryTarget {
  table: (typeof HistoryTables)[number];
  id: string;
  /** The record's name, for the drawer's title. */
  name: string;
}
