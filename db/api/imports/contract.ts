import { type } from '@orpc/contract';
import { z } from 'zod';
import { IMPORT_KINDS, type ImportBatch, type ImportProgress, type ImportSummary } from '../../signals/model';
import { changeManagers, everyone, mutation, noInput, oneOf, query } from '../kit';

const kind = oneOf('kind', IMPORT_KINDS);
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
});

const changes = ['imports', 'reports', 'teams', 'initiatives', 'shadowProcesses', 'history'] as const;
export const imports = {
  run: mutation('Import a usage, decisions, pulse or shadow-process CSV (all or nothing)', changeManagers, changes)
    .input(ImportInput)
    .output(type<ImportSummary>()),
  upload: mutation('Import an uploaded CSV (the app’s file picker; same rules as run)', changeManagers, changes)
    .input(ImportUploadInput)
    .output(type<ImportSummary>()),
  template: query('A template of a kind of file: its header and two example rows, as CSV', everyone)
    .input(z.strictObject({ kind }))
    .output(type<{ fileName: string; csv: string }>()),
  list: query('Imported files (batches), newest first', everyone).input(noInput).output(type<ImportBatch[]>()),
  progress: query('How far a running upload import has got', changeManagers)
    .input(z.strictObject({ progressId: z.string() }))
    .output(type<ImportProgress>()),
};
