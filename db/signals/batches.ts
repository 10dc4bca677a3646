import { desc, eq } from 'drizzle-orm';
import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { importBatches } from '../schema';
import type { ImportBatch } from './model';

/** Imported files (closed batches), newest first, with who imported them and when. */
export function listImportBatches(engine: Engine): ImportBatch[] {
  const names = new Map(listMembers(engine, true).map((m) => [m.id, m.name]));
  const firstLog = engine.sqlite
    .prepare("SELECT hlc, author_id FROM change_log WHERE tbl = 'import_batches' AND row_id = ? ORDER BY hlc LIMIT 1")
    .raw();
  return engine.orm
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
}
