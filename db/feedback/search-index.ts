import { DONE_STATUSES } from './model';

/*
 * The full-text index behind the suggestions shown while someone logs feedback: SQLite FTS5 over
 * what the AI said, what was right and the case reference of each OPEN, live feedback item, and
 * the name and description of each live pattern not yet fixed. It is local derived data: kept by
 * triggers on the two synced tables (an item leaves the index when it closes or is deleted and
 * comes back when it reopens or is restored), filled from them when the migration creates it,
 * never synced or exported. Indexing only what may be suggested keeps the index small and the
 * search from ranking rows it would then throw away.
 *
 * FTS5 rows are keyed by integers; the synced tables' rowids are not stable (VACUUM INTO, which
 * snapshots and backups use, renumbers them), so `search_docs` gives each record its own
 * INTEGER PRIMARY KEY, which VACUUM keeps. `search_vocab` reads the index's terms with the number
 * of rows holding each, so a search can leave out the words nearly every item contains.
 *
 * A case reference is indexed with its separators removed (CLM-20417 → clm20417), so it is one
 * term, found whole, rather than "clm", which every claim shares.
 *
 * `npm run db:guards` writes this SQL into a migration like the guards (db/guards.ts).
 */

export interface DerivedSql {
  name: string;
  sql: string;
}

const docN = (id: string) => `(SELECT \`n\` FROM \`search_docs\` WHERE \`id\` = ${id})`;
const done = DONE_STATUSES.map((s) => `'${s}'`).join(', ');
/** The case reference as one term: what `matchQuery` does to a typed reference. */
const joined = (column: string) => `replace(replace(replace(replace(${column}, '-', ''), '/', ''), '_', ''), '.', '')`;

interface Indexed {
  table: 'feedback' | 'failure_patterns';
  kind: 'feedback' | 'pattern';
  /** The columns whose change re-indexes the row. */
  columns: string[];
  /** title, detail, ref of a row (`R` is NEW or a table alias). */
  values: (r: string) => string;
  /** Whether a row may be suggested. */
  shown: (r: string) => string;
}

const FEEDBACK: Indexed = {
  table: 'feedback',
  kind: 'feedback',
  columns: ['ai_said', 'what_was_right', 'case_ref', 'status', 'deleted'],
  values: (r) => `${r}.\`ai_said\`, ${r}.\`what_was_right\`, ${joined(`${r}.\`case_ref\``)}`,
  shown: (r) => `${r}.\`deleted\` = 0 AND ${r}.\`status\` NOT IN (${done})`,
};
const PATTERNS: Indexed = {
  table: 'failure_patterns',
  kind: 'pattern',
  columns: ['name', 'description', 'status', 'deleted'],
  values: (r) => `${r}.\`name\`, ${r}.\`description\`, NULL`,
  shown: (r) => `${r}.\`deleted\` = 0 AND ${r}.\`status\` <> 'fixed'`,
};

function indexTriggers({ table, kind, columns, values, shown }: Indexed): DerivedSql[] {
  const put = `INSERT INTO \`search_index\` (\`rowid\`, \`title\`, \`detail\`, \`ref\`) SELECT ${docN('NEW.`id`')}, ${values('NEW')} WHERE ${shown('NEW')};`;
  return [
    {
      name: `${table}_search_insert`,
      sql: `CREATE TRIGGER \`${table}_search_insert\` AFTER INSERT ON \`${table}\`
BEGIN
INSERT OR IGNORE INTO \`search_docs\` (\`id\`, \`kind\`) VALUES (NEW.\`id\`, '${kind}');
DELETE FROM \`search_index\` WHERE \`rowid\` = ${docN('NEW.`id`')};
${put}
END;`,
    },
    {
      name: `${table}_search_update`,
      sql: `CREATE TRIGGER \`${table}_search_update\` AFTER UPDATE OF ${columns.map((c) => `\`${c}\``).join(', ')} ON \`${table}\`
BEGIN
DELETE FROM \`search_index\` WHERE \`rowid\` = ${docN('OLD.`id`')};
${put}
END;`,
    },
  ];
}

const fill = ({ table, values, shown }: Indexed, alias: string) =>
  `SELECT d.\`n\`, ${values(alias)} FROM \`search_docs\` d JOIN \`${table}\` ${alias} ON ${alias}.\`id\` = d.\`id\` WHERE ${shown(alias)}`;

export function searchIndexSql(): DerivedSql[] {
  return [
    {
      name: 'search_docs',
      sql: 'CREATE TABLE `search_docs` (`n` integer PRIMARY KEY, `id` text NOT NULL UNIQUE, `kind` text NOT NULL);',
    },
    {
      name: 'search_index',
      sql: "CREATE VIRTUAL TABLE `search_index` USING fts5(`title`, `detail`, `ref`, tokenize = 'porter unicode61 remove_diacritics 2');",
    },
    { name: 'search_vocab', sql: 'CREATE VIRTUAL TABLE `search_vocab` USING fts5vocab(`search_index`, `row`);' },
    ...indexTriggers(FEEDBACK),
    ...indexTriggers(PATTERNS),
    {
      name: 'search_docs_fill',
      sql: "INSERT INTO `search_docs` (`id`, `kind`) SELECT `id`, 'feedback' FROM `feedback` UNION ALL SELECT `id`, 'pattern' FROM `failure_patterns`;",
    },
    {
      name: 'search_index_fill',
      sql: `INSERT INTO \`search_index\` (\`rowid\`, \`title\`, \`detail\`, \`ref\`) ${fill(FEEDBACK, 'f')} UNION ALL ${fill(PATTERNS, 'p')};`,
    },
  ];
}
