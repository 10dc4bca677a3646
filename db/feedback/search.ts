import type { Statement } from 'better-sqlite3';
import type { Engine } from '../open';
import { DONE_STATUSES, type SimilarItem } from './model';

/**
 * The FTS5 query for what someone is typing: its words (two letters or more), each quoted so no
 * character of theirs is FTS syntax, any of them matching ("similar", not "all of these"); the
 * last one as a prefix, since it may be half typed. Common words are left out. At most 12 words, the longest, which say most.
 */
// Words that make everything look alike ("the AI said…"); the search skips them.
const COMMON = new Set(
  'the a an and or but of to in on at by for from with as is was were be been it its this that these those not no ai said says did was'.split(
    ' ',
  ),
);

export function matchQuery(text: string): string | null {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])].filter((w) => !COMMON.has(w));
  if (words.length === 0) return null;
  const last = text.trimEnd().length === text.length ? words.at(-1) : undefined;
  const kept = [...words].sort((a, b) => b.length - a.length).slice(0, 12);
  return kept.map((w) => `"${w}"${w === last ? '*' : ''}`).join(' OR ');
}

const done = DONE_STATUSES.map((s) => `'${s}'`).join(', ');
const sql = `
SELECT d.kind AS kind, d.id AS id,
  coalesce(f.ai_said, p.name) AS title, coalesce(f.what_was_right, p.description) AS detail,
  t.name AS team, f.case_ref AS caseRef, CASE WHEN d.kind = 'pattern' THEN p.id ELSE f.pattern_id END AS patternId
FROM search_index s
JOIN search_docs d ON d.n = s.rowid
LEFT JOIN feedback f ON d.kind = 'feedback' AND f.id = d.id
LEFT JOIN failure_patterns p ON d.kind = 'pattern' AND p.id = d.id
LEFT JOIN teams t ON t.id = f.team_id
WHERE search_index MATCH ?
  AND ((f.id IS NOT NULL AND f.deleted = 0 AND f.status NOT IN (${done}))
    OR (p.id IS NOT NULL AND p.deleted = 0 AND p.status <> 'fixed'))
ORDER BY bm25(search_index, 3.0, 2.0, 1.0)
LIMIT ?`;

const statements = new WeakMap<Engine, Statement<[string, number], SimilarItem>>();

/** Open feedback and open or monitored patterns that read like `text`, best first (deleted and closed ones never). */
export function similarFeedback(engine: Engine, text: string, limit = 5): SimilarItem[] {
  const match = matchQuery(text);
  if (!match) return [];
  let statement = statements.get(engine);
  if (!statement) {
    statement = engine.sqlite.prepare<[string, number], SimilarItem>(sql);
    statements.set(engine, statement);
  }
  return statement.all(match, limit);
}
