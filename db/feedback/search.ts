import type { Statement } from 'better-sqlite3';
import type { Engine } from '../open';
import type { SimilarItem } from './model';

// Words that make everything look alike ("the AI said…"); the search skips them.
const COMMON = new Set(
  'the a an and or but of to in on at by for from with as is was were be been it its this that these those not no ai said says did'.split(
    ' ',
  ),
);

export interface Term {
  word: string;
  /** The last word, still being typed: matched as a prefix. */
  prefix: boolean;
}

/**
 * The words of what someone is typing (two letters or more, common ones left out), lower case;
 * a reference with digits and separators (CLM-20417) as one word without them, as it is indexed;
 * the last one as a prefix unless a space or punctuation ended it. At most 12, the longest.
 */
export function typedTerms(text: string): Term[] {
  const chunks = text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-/_.][\p{L}\p{N}]+)*/gu) ?? [];
  const words: string[] = [];
  for (const chunk of chunks) {
    if (/\d/.test(chunk) && /[-/_.]/.test(chunk)) words.push(chunk.replace(/[-/_.]/g, ''));
    else words.push(...(chunk.match(/[\p{L}\p{N}]{2,}/gu) ?? []));
  }
  const typing = /[\p{L}\p{N}]$/u.test(text);
  const last = typing ? words.at(-1) : undefined;
  const kept = [...new Set(words)].filter((w) => !COMMON.has(w) || w === last);
  return kept
    .sort((a, b) => b.length - a.length)
    .slice(0, 12)
    .map((word) => ({ word, prefix: word === last }));
}

/** The FTS5 query: any of the terms ("similar", not "all of these"), each quoted so nothing typed is FTS syntax. */
export function matchQuery(terms: readonly Term[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.word}"${t.prefix ? '*' : ''}`).join(' OR ');
}

/*
 * A word in most items says nothing about which are similar, and ranking tens of thousands of
 * rows is what makes a search slow; so the terms are taken rarest first while the rows they hold
 * add up to at most MAX_ROWS, and a term in more than that many rows on its own is left out.
 */
const MAX_ROWS = 20_000;
/** Rows to rank before the (rare) closed or deleted ones the index has not caught up with are dropped. */
const CANDIDATES = 50;

interface Statements {
  vocab: Statement<[string, string], { term: string; doc: number }>;
  prefixRows: Statement<[string, string], number>;
  ranked: Statement<[string, number, number], SimilarItem>;
}
const prepared = new WeakMap<Engine, Statements>();

function statements(engine: Engine): Statements {
  let s = prepared.get(engine);
  if (!s) {
    s = {
      vocab: engine.sqlite.prepare('SELECT term, doc FROM search_vocab WHERE term >= ? AND term <= ?'),
      prefixRows: engine.sqlite
        .prepare<[string, string], number>('SELECT coalesce(sum(doc), 0) FROM search_vocab WHERE term >= ? AND term < ?')
        .pluck() as Statement<[string, string], number>,
      ranked: engine.sqlite.prepare(`
        SELECT d.kind AS kind, d.id AS id,
          coalesce(f.ai_said, p.name) AS title, coalesce(f.what_was_right, p.description) AS detail,
          t.name AS team, f.case_ref AS caseRef, CASE WHEN d.kind = 'pattern' THEN p.id ELSE f.pattern_id END AS patternId
        FROM (SELECT rowid AS n, bm25(search_index, 3.0, 2.0, 4.0) AS score FROM search_index WHERE search_index MATCH ? ORDER BY score LIMIT ?) hit
        JOIN search_docs d ON d.n = hit.n
        LEFT JOIN feedback f ON d.kind = 'feedback' AND f.id = d.id
        LEFT JOIN failure_patterns p ON d.kind = 'pattern' AND p.id = d.id
        LEFT JOIN teams t ON t.id = f.team_id
        WHERE (f.id IS NOT NULL AND f.deleted = 0 AND f.status NOT IN ('resolved', 'wont_fix', 'duplicate'))
           OR (p.id IS NOT NULL AND p.deleted = 0 AND p.status <> 'fixed')
        ORDER BY hit.score
        LIMIT ?`),
    };
    prepared.set(engine, s);
  }
  return s;
}

/**
 * How many indexed rows hold a term. The index stems words (porter), so a typed word's term is
 * the longest indexed term it starts with (roofs → roof; a final y is indexed as i).
 */
function rowsWith(s: Statements, t: Term): number {
  if (t.prefix) return s.prefixRows.get(t.word, `${t.word}\u{10ffff}`) ?? 0;
  const word = t.word.replace(/y$/, 'i');
  const from = word.slice(0, Math.min(3, word.length));
  let best: { term: string; doc: number } | undefined;
  for (const row of s.vocab.all(from, word)) if (word.startsWith(row.term) && (!best || row.term.length > best.term.length)) best = row;
  return best?.doc ?? 0;
}

/** Open feedback and open or monitored patterns that read like `text`, best first (deleted and closed ones never). */
export function similarFeedback(engine: Engine, text: string, limit = 5): SimilarItem[] {
  const s = statements(engine);
  const counted = typedTerms(text)
    .map((t) => ({ t, rows: rowsWith(s, t) }))
    .filter((x) => x.rows > 0 && x.rows <= MAX_ROWS)
    .sort((a, b) => a.rows - b.rows);
  const kept: Term[] = [];
  let rows = 0;
  for (const x of counted) {
    if (rows + x.rows > MAX_ROWS) break;
    rows += x.rows;
    kept.push(x.t);
  }
  const match = matchQuery(kept);
  return match ? s.ranked.all(match, Math.max(CANDIDATES, limit * 4), limit) : [];
}
