import { type } from '@orpc/contract';
import { z } from 'zod';
import type { HistoryEntry } from '../../history/model';
import { SYNCED_TABLES } from '../../synced';
import { everyone, id, oneOf, query } from '../kit';

/** Every synced table keeps a history; the list is the one the schema and the guards use. */
export const HistoryTables = SYNCED_TABLES;

export const history = {
  get: query('Who changed which field of a record, when, from what to what', everyone)
    .input(z.strictObject({ table: oneOf('table', HistoryTables), id }))
    .output(type<HistoryEntry[]>()),
};
