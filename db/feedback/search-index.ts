/*
 * The full-text index behind the suggestions shown while someone logs feedback: SQLite FTS5 over
 * what the AI said, what was right and the case reference of each feedback item, and the name
 * and description of each failure pattern. It is local derived data: kept by triggers on the two
 * synced tables, filled from them when the migration creates it, never synced or exported.
 *
 * FTS5 rows are keyed by integers; the synced tables' rowids are not stable (VACUUM INTO, which
 * snapshots and backups use, renumbers them), so `search_docs` gives each record its own
 * INTEGER PRIMARY KEY, which VACUUM keeps.
 *
 * `npm run db:guards` writes this SQL into a migration like the guards (db/guards.ts).
 */

export interface DerivedSql {
  name: string;
  sql: string;
}

const docN = (id: string) => `(SELECT \`n\` FROM \`search_docs\` WHERE \`id\` = ${id})`;

function indexTriggers(table: 'feedback' | 'failure_patterns', kind: string, columns: string[], values: string[]): DerivedSql[] {
  const put = `INSERT INTO \`search_index\` (\`rowid\`, \`title\`, \`detail\`, \`ref\`) VALUES (${docN('NEW.`id`')}, ${values.join(', ')});`;
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
    ...indexTriggers(
      'feedback',
      'feedback',
      ['ai_said', 'what_was_right', 'case_ref'],
      ['NEW.`ai_said`', 'NEW.`what_was_right`', 'NEW.`case_ref`'],
    ),
    ...indexTriggers('failure_patterns', 'pattern', ['name', 'description'], ['NEW.`name`', 'NEW.`description`', 'NULL']),
    {
      name: 'search_docs_fill',
      sql: "INSERT INTO `search_docs` (`id`, `kind`) SELECT `id`, 'feedback' FROM `feedback` UNION ALL SELECT `id`, 'pattern' FROM `failure_patterns`;",
    },
    {
      name: 'search_index_fill',
      sql: 'INSERT INTO `search_index` (`rowid`, `title`, `detail`, `ref`) SELECT d.`n`, f.`ai_said`, f.`what_was_right`, f.`case_ref` FROM `search_docs` d JOIN `feedback` f ON f.`id` = d.`id` UNION ALL SELECT d.`n`, p.`name`, p.`description`, NULL FROM `search_docs` d JOIN `failure_patterns` p ON p.`id` = d.`id`;',
    },
  ];
}
