import type { Engine } from '../open';
import { PEOPLE_COLUMNS, PEOPLE_OPTIONAL_COLUMNS } from './columns';
import { type BrokenRows, type CsvErrors, columnIndex, wholeRow } from './csv';
import { DATE, hashUser, isRealDate } from './decisions-read';
import type { ImportSummary } from './model';
import type { NameResolver } from './names';
import { personUpsert } from './upserts';

/*
 * The people directory: who is in which team from which day. A row's user id or email is kept
 * only as the workspace's keyed hash (the decisions' hash, so the two meet without a name). A
 * person whose team, region or manager differs from what the directory says on the file's
 * effective date gets a new row from that date: earlier rows stay, so a month is counted with
 * the teams people were in then.
 */

type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];

/** A user id as the directory hashes it: an email (it has an @) in lower case, as mail systems compare them. */
export const directoryId = (user: string) => (user.includes('@') ? user.toLowerCase() : user);

/** Today in UTC as YYYY-MM-DD: the effective date of a file that has none. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

export function peopleSink(
  engine: Engine,
  batchId: string,
  names: NameResolver,
  errors: CsvErrors,
  summary: ImportSummary,
  /** Null in the first pass (nothing is hashed or written then). */
  secret: string | null,
  effectiveDate: string,
) {
  let idx = {} as Record<PeopleColumn, number>;
  let width = 0;
  const seen = new Map<string, number>();
  const current = engine.sqlite
    .prepare(
      'SELECT effective_from, team_id, region, manager FROM people WHERE user = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1',
    )
    .raw();
  const known = engine.sqlite.prepare('SELECT 1 FROM people WHERE user = ? LIMIT 1').pluck();
  const upsert = personUpsert(engine);
  return {
    header: (name: string, header: string[]) => {
      const lower = header.map((h) => h.trim().toLowerCase());
      const present = PEOPLE_OPTIONAL_COLUMNS.filter((c) => lower.includes(c));
      const expected = PEOPLE_COLUMNS.filter(
        (c) => !(PEOPLE_OPTIONAL_COLUMNS as readonly string[]).includes(c) || present.includes(c as never),
      );
      idx = columnIndex(name, header, expected, PEOPLE_OPTIONAL_COLUMNS) as Record<PeopleColumn, number>;
      width = expected.length;
    },
    rows: (rows: string[][], first: number, broken: BrokenRows | null) => {
      rows.forEach((r, i) => {
        const row = first + i;
        if (!wholeRow(errors, r, i, row, broken, width)) return;
        const cell = (c: PeopleColumn) => (idx[c] === undefined ? '' : (r[idx[c]] ?? '').trim());
        let ok = true;
        const bad = (column: string, expected: string) => {
          errors.add({ row, column, value: cell(column as PeopleColumn), expected });
          ok = false;
        };
        const user = cell('user');
        if (!user) bad('user', 'a user id or email');
        if (!cell('team')) bad('team', 'a team name');
        const date = cell('effective_date') || effectiveDate;
        if (!DATE.test(date) || !isRealDate(date)) bad('effective_date', 'a date as YYYY-MM-DD, or empty for the day of the import');
        const teamId = cell('team') ? names.team(cell('team'), row) : null;
        if (!ok || !teamId) return;
        const key = user.toLowerCase();
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          errors.add({ row, column: 'user', value: user, expected: `a person not already in row ${earlier}: keep one of the two rows` });
          return;
        }
        seen.set(key, row);
        if (secret === null || errors.count > 0) return;
        const hash = hashUser(secret, directoryId(user));
        const manager = cell('manager') ? hashUser(secret, directoryId(cell('manager'))) : null;
        const region = cell('region') || null;
        const now = current.get(hash, date) as [string, string, string | null, string | null] | undefined;
        if (now && now[1] === teamId && now[2] === region && now[3] === manager) {
          summary.unchanged++;
          return;
        }
        if (now || known.get(hash)) summary.changed++;
        else summary.new++;
        upsert.run(hash, date, teamId, region, manager, batchId);
      });
    },
    finish: () => {},
  };
}

/** Each person's team on a day (user hash → team id): the directory's latest row on or before it. */
export function teamsOn(engine: Engine, day: string): Map<string, string> {
  const rows = engine.sqlite
    .prepare(
      `SELECT p.user, p.team_id FROM people p
       WHERE p.effective_from = (SELECT MAX(q.effective_from) FROM people q WHERE q.user = p.user AND q.effective_from <= ?)`,
    )
    .raw()
    .all(day) as [string, string][];
  return new Map(rows);
}

/** Whether the workspace has a people directory at all. */
export const hasDirectory = (engine: Engine) => engine.sqlite.prepare('SELECT 1 FROM people LIMIT 1').pluck().get() !== undefined;
