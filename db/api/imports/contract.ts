import { type } from '@orpc/contract';
import { z } from 'zod';
import {
  IMPORT_KINDS,
  type ImportBatch,
  type ImportMapping,
  type ImportProgress,
  type ImportSummary,
  type MappingInfo,
  type MappingProposal,
} from '../../signals/model';
import { changeManagers, everyone, isoDate, month, mutation, noInput, oneOf, query, text } from '../kit';

const kind = oneOf('kind', IMPORT_KINDS);
/**
 * A mapping by name (a preset's id or a saved mapping's name) or in full. Its fields are checked
 * by the engine's one mapping schema (db/signals/mappings.ts), which the renderer does not bundle.
 */
const mappingRef = z.union([text('mapping', 200), z.looseObject({ name: z.string() })]);
/** What a mapped import may add: the mapping, a per-user report's month and apps, a directory's effective date. */
const mappedFields = {
  mapping: mappingRef.optional(),
  month: month.optional(),
  perApp: z.boolean().optional(),
  effectiveDate: isoDate.optional(),
};
export const ImportInput = z.strictObject({
  kind,
  /** A CSV file on this machine. */
  path: z.string().min(1, 'path cannot be empty'),
  dryRun: z.boolean().optional().default(false),
  createMissing: z.boolean().optional().default(false),
  /** Names in the file → existing team or initiative names, applied to every row ("did you mean"). */
  aliases: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).optional(),
  /** Import even though the same file was imported before. */
  again: z.boolean().optional().default(false),
  ...mappedFields,
});
export const ImportUploadInput = z.strictObject({
  kind,
  file: z.file({ error: 'file must be a CSV file' }),
  dryRun: z.boolean().optional().default(false),
  createMissing: z.boolean().optional().default(false),
  aliases: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).optional(),
  again: z.boolean().optional().default(false),
  /** Chosen by the client so it can poll `imports.progress` while the import runs. */
  progressId: z.string().min(8).max(64).optional(),
  ...mappedFields,
});

const changes = ['imports', 'reports', 'teams', 'initiatives', 'shadowProcesses', 'stakeholders', 'history'] as const;
export const imports = {
  run: mutation('Import a usage, decisions, pulse, shadow-process, people or stakeholder CSV (all or nothing)', changeManagers, changes)
    .input(ImportInput)
    .output(type<ImportSummary>()),
  upload: mutation('Import an uploaded CSV (the app’s file picker; same rules as run)', changeManagers, changes)
    .input(ImportUploadInput)
    .output(type<ImportSummary>()),
  template: query('A template of a kind of file: its header and two example rows, as CSV', everyone)
    .input(z.strictObject({ kind }))
    .output(type<{ fileName: string; csv: string }>()),
  list: query('Imported files (batches), newest first', everyone).input(noInput).output(type<ImportBatch[]>()),
  inspect: query('Read the header and first rows of an uploaded CSV: the mapping it fits, or one proposed by column names', changeManagers)
    .input(z.strictObject({ kind, file: z.file({ error: 'file must be a CSV file' }) }))
    .output(type<MappingProposal>()),
  mappings: query('Column mappings: the presets shipped with Uptake and those saved on this device', everyone)
    .input(noInput)
    .output(type<MappingInfo[]>()),
  mapping: query('One column mapping in full, by name', everyone)
    .input(z.strictObject({ name: text('name', 200) }))
    .output(type<ImportMapping>()),
  saveMapping: mutation('Save a column mapping under its name (replacing one of the same name)', changeManagers, ['imports'])
    .input(z.strictObject({ mapping: z.looseObject({ name: z.string() }) }))
    .output(type<ImportMapping>()),
  deleteMapping: mutation('Delete a saved column mapping', changeManagers, ['imports'])
    .input(z.strictObject({ name: text('name', 200) }))
    .output(type<{ deleted: string }>()),
  progress: query('How far a running upload import has got', changeManagers)
    .input(z.strictObject({ progressId: z.string() }))
    .output(type<ImportProgress>()),
};
