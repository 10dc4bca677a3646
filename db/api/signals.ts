import { desc, eq } from 'drizzle-orm';
import { importBatches } from '../schema';
import { importFile } from '../signals/import';
import { computeReport } from '../signals/metrics';
import { metricSettings, saveMetricSettings } from '../signals/settings';
import type { Handlers } from './handlers';
import { listMembers } from './members';
import type { ImportBatch } from './signal-types';

export const signalsHandlers = {
  'imports.run': (ctx, input) =>
    importFile(ctx.engine, ctx.actor?.id ?? null, input.kind, input.path, { dryRun: input.dryRun, createMissing: input.createMissing }),
  'imports.list': (ctx) => {
    const names = new Map(listMembers(ctx.engine, true).map((m) => [m.id, m.name]));
    const firstLog = ctx.engine.sqlite
      .prepare("SELECT hlc, author_id FROM change_log WHERE tbl = 'import_batches' AND row_id = ? ORDER BY hlc LIMIT 1")
      .raw();
    return ctx.engine.orm
      .select()
      .from(importBatches)
      .where(eq(importBatches.deleted, false))
      .orderBy(desc(importBatches.lastHlc))
      .all()
      .filter((b) => !b.open)
      .map((b): ImportBatch => {
        const first = firstLog.get(b.id) as [string, string | null] | undefined;
        return {
          id: b.id,
          kind: b.kind,
          fileName: b.fileName,
          sha256: b.sha256,
          counts: JSON.parse(b.counts) as ImportBatch['counts'],
          importedAt: (first?.[0] ?? b.lastHlc).slice(0, 24),
          importedBy: first?.[1] ? (names.get(first[1]) ?? null) : null,
        };
      });
  },
  'reports.get': (ctx, input) => computeReport(ctx.engine, input),
  'metrics.settings': (ctx) => metricSettings(ctx.engine),
  'metrics.configure': (ctx, input) => saveMetricSettings(ctx.engine, ctx.actor?.id ?? null, input),
} satisfies Partial<Handlers>;
