import { desc, eq } from 'drizzle-orm';
import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { namesById } from '../records';
import { importBatches } from '../schema';
import type { ImportBatch } from './model';

/** Imported files (closed batches), newest first, with who imported them and when. */
export function listImportBatches(engine: Engine): ImportBatch[] {
  const names = namesById(engine, listMembers);
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

/** The latest import of the same kind of file with the same SHA-256, if any. */
export function findImportBatch(engine: Engine, kind: ImportBatch['kind'], sha256: string): ImportBatch | null {
  const found = engine.sqlite
    .prepare('SELECT id FROM import_batches WHERE kind = ? AND sha256 = ? AND deleted = 0 AND open = 0 LIMIT 1')
    .get(kind, sha256) as { id: string } | undefined;
  if (!found) return null;
  return listImportBatches(engine).find((b) => b.kind === kind && b.sha256 === sha256) ?? null;
}
