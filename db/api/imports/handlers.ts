import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listImportBatches } from '../../signals/batches';
import { type ImportOptions, importFile, importTemplate } from '../../signals/import';
import { deleteMapping, getMapping, inspectFile, listMappings, saveMapping } from '../../signals/mappings';
import type { ImportProgress } from '../../signals/model';
import { saveUpload, uploadFileOf } from '../../signals/uploads';
import type { AreaHandlers } from '../handlers';

/**
 * Uploads in progress in this process, by the id the client chose, so the app can show a real
 * progress bar while the import runs. Finished entries are kept briefly for the last poll.
 */
const progress = new Map<string, ImportProgress>();
const PROGRESS_KEEP_MS = 60_000;

/** The mapped-import fields of an input, as import options. */
const mapped = (input: { mapping?: string | Record<string, unknown>; month?: string; perApp?: boolean; effectiveDate?: string }) => ({
  ...(input.mapping !== undefined ? { mapping: input.mapping as ImportOptions['mapping'] } : {}),
  ...(input.month ? { month: input.month } : {}),
  ...(input.perApp ? { perApp: true } : {}),
  ...(input.effectiveDate ? { effectiveDate: input.effectiveDate } : {}),
});

export const importsHandlers = {
  run: (ctx, input) =>
    importFile(ctx.engine, ctx.authorId, input.kind, input.path, {
      dryRun: input.dryRun,
      createMissing: input.createMissing,
      again: input.again,
      ...(input.aliases ? { aliases: input.aliases } : {}),
      ...mapped(input),
      ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    }),
  upload: async (ctx, input) => {
    // The web host streams an upload to a temp file before the handler runs; other hosts hand a File.
    const streamed = uploadFileOf(input.file);
    const dir = streamed ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-upload-'));
    const file = streamed ?? path.join(dir ?? '', 'upload.csv');
    const state: ImportProgress = { phase: 'checking', rows: 0 };
    if (input.progressId) progress.set(input.progressId, state);
    try {
      if (!streamed) await saveUpload(input.file, file);
      const summary = await importFile(ctx.engine, ctx.authorId, input.kind, file, {
        dryRun: input.dryRun,
        createMissing: input.createMissing,
        again: input.again,
        ...(input.aliases ? { aliases: input.aliases } : {}),
        ...mapped(input),
        displayName: input.file.name || `${input.kind}.csv`,
        onProgress: (p) => {
          state.phase = p.phase;
          state.rows = p.rows;
        },
      });
      state.phase = 'done';
      return summary;
    } catch (e) {
      state.phase = 'failed';
      throw e;
    } finally {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      const id = input.progressId;
      if (id) setTimeout(() => progress.delete(id), PROGRESS_KEEP_MS).unref();
    }
  },
  template: (_ctx, input) => importTemplate(input.kind),
  inspect: async (ctx, input) => {
    const streamed = uploadFileOf(input.file);
    const dir = streamed ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-inspect-'));
    const file = streamed ?? path.join(dir ?? '', 'upload.csv');
    try {
      // The head of the file is enough: a header, a preview and the action words in use.
      if (!streamed) await saveUpload(input.file.slice(0, 1 << 18), file);
      return inspectFile(ctx.engine, input.kind, file);
    } finally {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  mappings: (ctx) => listMappings(ctx.engine),
  mapping: (ctx, input) => getMapping(ctx.engine, input.name),
  saveMapping: (ctx, input) => saveMapping(ctx.engine, input.mapping),
  deleteMapping: (ctx, input) => deleteMapping(ctx.engine, input.name),
  list: (ctx) => listImportBatches(ctx.engine),
  progress: (_ctx, input) => progress.get(input.progressId) ?? { phase: 'unknown', rows: 0 },
} satisfies AreaHandlers<'imports'>;
