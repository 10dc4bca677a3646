import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { badInput } from '../errors';
import type { Engine } from '../open';
import { IMPORT_COLUMNS, OPTIONAL_IMPORT_COLUMNS } from './columns';
import { CsvErrors, formatCsvErrors, readCsv, wholeRow } from './csv';
import { ACTIONS, hashUser, MONTH } from './decisions-read';
import { convertDate, dateExpected, dateTarget } from './mappings';
import type { ImportMapping } from './model';
import { directoryId, hasDirectory, teamsOn } from './people';

/*
 * A file in another system's format is read through its mapping into a temporary file in
 * Uptake's own format, row for row (so row numbers stay the file's), and that file is imported
 * as any other: the same checks, the same row errors, the same all-or-nothing transaction. Cells
 * the mapping itself cannot read (a date in another format, an action word it does not know) are
 * row errors here, named by the source's columns, and nothing is imported.
 *
 * A per-user activity report (the Copilot usage report) is not row for row: its users are counted
 * per team (the people directory's team on the month's last day) into usage rows for one month.
 */

const csvCell = (v: string) => (/[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\n`;

export interface Translated {
  /** The file in Uptake's own format. */
  file: string;
  cleanup: () => void;
  /** Target column → the source column it came from (row errors name the source's). */
  sourceOf: Record<string, string>;
  notInDirectory?: { users: string[]; count: number };
  month?: string;
}

export interface TranslateOptions {
  /** Stakeholder mappings: the workspace's custom date fields (fieldTargets), whose values the mapping's date format converts. */
  dateFields?: readonly string[];
  /** Per-user reports: the month counted (default: the month of the report's refresh date). */
  month?: string;
  /** Per-user reports: also one initiative per app ("<initiative>: <app>"). */
  perApp?: boolean;
}

function tempFile(): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-mapped-'));
  return { file: path.join(dir, 'mapped.csv'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The header's index of each source column (trimmed, any case). */
function indexOf(header: string[]): (source: string | undefined) => number {
  const at = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  return (source) => (source === undefined ? -1 : (at.get(source.trim().toLowerCase()) ?? -1));
}

function refuse(name: string, errors: CsvErrors): never {
  const problems = errors.list.map((e) => ({ row: e.row, column: e.column, value: e.value, message: e.expected }));
  throw badInput(formatCsvErrors(name, errors), {
    errors: errors.list,
    errorCount: errors.count,
    file: name,
    problems,
    problemCount: errors.count,
    names: [],
    nameCount: 0,
  });
}

export async function translateFile(
  engine: Engine,
  mapping: ImportMapping,
  file: string,
  name: string,
  options: TranslateOptions = {},
): Promise<Translated> {
  return mapping.perUser ? perUserReport(engine, mapping, file, name, options) : rowForRow(mapping, file, name, options.dateFields);
}

async function rowForRow(mapping: ImportMapping, file: string, name: string, dateFields: readonly string[] = []): Promise<Translated> {
  const kind = mapping.kind;
  const optional = OPTIONAL_IMPORT_COLUMNS[kind] ?? [];
  // Optional columns only when the mapping fills them, so the file says as little as the source.
  const own = IMPORT_COLUMNS[kind];
  const filled = Object.keys({ ...mapping.columns, ...mapping.constants });
  const targets = [
    ...own.filter((c) => !optional.includes(c) || filled.includes(c)),
    // A stakeholder mapping's custom fields (checked against the workspace's before this runs), by name.
    ...filled.filter((c) => !own.includes(c)),
  ];
  const actions = new Map(Object.entries(mapping.actions ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const out = tempFile();
  const errors = new CsvErrors();
  let fd: number | null = null;
  try {
    fd = fs.openSync(out.file, 'w');
    const target = fd;
    fs.writeSync(target, csvLine([...targets]));
    let at: number[] = [];
    let width = 0;
    await readCsv(
      file,
      (header) => {
        const index = indexOf(header);
        at = targets.map((t) => index(mapping.columns[t]));
        width = header.length;
        const missing = targets.filter((t, i) => mapping.columns[t] !== undefined && at[i] === -1).map((t) => `"${mapping.columns[t]}"`);
        if (missing.length > 0) {
          throw badInput(
            `${name} does not fit the mapping "${mapping.id ?? mapping.name}": it has no column ${missing.join(', ')}. Choose another mapping, or map this file's columns again. Nothing was imported.`,
          );
        }
      },
      (rows, first, broken) => {
        let text = '';
        rows.forEach((r, i) => {
          const row = first + i;
          if (!wholeRow(errors, r, i, row, broken, width)) return;
          const cells = targets.map((t, j) => {
            const constant = mapping.constants?.[t];
            if (constant !== undefined) return constant;
            const source = mapping.columns[t] ?? t;
            const value = at[j] === -1 ? '' : (r[at[j] as number] ?? '').trim();
            const date = dateTarget(kind, t, false, dateFields);
            if (date && value) {
              const converted = convertDate(value, mapping.dates, date);
              if (converted === null) errors.add({ row, column: source, value, expected: dateExpected(mapping.dates, date) });
              return converted ?? '';
            }
            if (kind === 'decisions' && t === 'action' && actions.size > 0) {
              const action = actions.get(value.toLowerCase()) ?? (ACTIONS.includes(value as never) ? value : undefined);
              if (action === undefined) {
                errors.add({
                  row,
                  column: source,
                  value,
                  expected: `one of the action words the mapping knows (${[...actions.keys()].join(', ')}): add "${value}" to the mapping's actions`,
                });
              }
              return action ?? '';
            }
            return value;
          });
          if (errors.count === 0) text += csvLine(cells);
        });
        if (text) fs.writeSync(target, text);
      },
    );
    fs.closeSync(target);
    fd = null;
    if (errors.count > 0) refuse(name, errors);
    return { file: out.file, cleanup: out.cleanup, sourceOf: { ...mapping.columns } };
  } catch (e) {
    if (fd !== null) fs.closeSync(fd);
    out.cleanup();
    throw e;
  }
}

/** The last day of a month (YYYY-MM) as YYYY-MM-DD. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * A per-user activity report counted per team for one month: licensed users are the rows (the
 * report lists only people with a licence), active users those whose last activity date falls
 * inside the month. The people directory gives each user's team on the month's last day; users
 * it does not have are listed, not counted. Workflows stay 0 of 0: the report has no such counts,
 * so completion reads "no data".
 */
async function perUserReport(
  engine: Engine,
  mapping: ImportMapping,
  file: string,
  name: string,
  options: TranslateOptions,
): Promise<Translated> {
  if (!hasDirectory(engine)) {
    throw badInput(
      `${name} lists people, not teams: import the people directory first (uptake import people FILE, or People on the Imports screen), so each user is counted in their team. Nothing was imported.`,
    );
  }
  if (options.month !== undefined && !MONTH.test(options.month))
    throw badInput(`The month "${options.month}" is not YYYY-MM, e.g. 2026-03.`);
  const errors = new CsvErrors();
  const users: { row: number; user: string; last: string; apps: string[] }[] = [];
  const seen = new Map<string, number>();
  let reportDate = '';
  let at: { user: number; last: number; report: number; apps: [string, number][] } = { user: -1, last: -1, report: -1, apps: [] };
  let width = 0;
  const apps = Object.entries(mapping.perUser?.apps ?? {});
  await readCsv(
    file,
    (header) => {
      const index = indexOf(header);
      at = {
        user: index(mapping.columns.user),
        last: index(mapping.columns.last_activity),
        report: index(mapping.columns.report_date),
        apps: apps.map(([app, source]) => [app, index(source)]),
      };
      width = header.length;
      const missing = [mapping.columns.user, mapping.columns.last_activity].filter((c, i) => c && [at.user, at.last][i] === -1);
      if (missing.length > 0) {
        throw badInput(
          `${name} does not fit the mapping "${mapping.id ?? mapping.name}": it has no column ${missing.map((c) => `"${c}"`).join(', ')}. Nothing was imported.`,
        );
      }
    },
    (rows, first, broken) => {
      rows.forEach((r, i) => {
        const row = first + i;
        if (!wholeRow(errors, r, i, row, broken, width)) return;
        const cell = (j: number) => (j < 0 ? '' : (r[j] ?? '').trim());
        const date = (j: number, column: string) => {
          const v = cell(j);
          if (!v) return '';
          const d = convertDate(v, mapping.dates, 'date');
          if (d === null) errors.add({ row, column, value: v, expected: dateExpected(mapping.dates, 'date') });
          return d ?? '';
        };
        const user = cell(at.user);
        if (!user) errors.add({ row, column: mapping.columns.user ?? 'user', value: '', expected: 'a user principal name or id' });
        const earlier = seen.get(user.toLowerCase());
        if (user && earlier !== undefined) {
          errors.add({ row, column: mapping.columns.user ?? 'user', value: user, expected: `a user not already in row ${earlier}` });
        }
        seen.set(user.toLowerCase(), row);
        const last = date(at.last, mapping.columns.last_activity ?? 'last_activity');
        const report = date(at.report, mapping.columns.report_date ?? 'report_date');
        if (report > reportDate) reportDate = report;
        const appDates = at.apps.map(([app, j]) => date(j, mapping.perUser?.apps?.[app] ?? app));
        users.push({ row, user, last, apps: appDates });
      });
    },
  );
  if (errors.count > 0) refuse(name, errors);
  if (users.length === 0) throw badInput(`${name} has a header but no data rows; nothing was imported.`);
  const month = options.month ?? reportDate.slice(0, 7);
  if (!month) {
    throw badInput(
      `${name} has no report refresh date to tell its month: give the month the report covers (--month YYYY-MM). Nothing was imported.`,
    );
  }
  const first = `${month}-01`;
  const last = lastDayOf(month);
  const inMonth = (d: string) => d >= first && d <= last;
  const secret = JSON.parse(
    (engine.sqlite.prepare("SELECT value FROM settings WHERE id = 'user_hash_key'").pluck().get() as string | undefined) ?? '""',
  ) as string;
  const teams = teamsOn(engine, last);
  const teamName = new Map(
    (engine.sqlite.prepare('SELECT id, name FROM teams WHERE deleted = 0').raw().all() as [string, string][]).map(([id, n]) => [id, n]),
  );
  const initiative = mapping.constants?.initiative ?? '';
  // team name → initiative → [licensed, active]
  const counts = new Map<string, Map<string, [number, number]>>();
  const add = (team: string, init: string, active: boolean) => {
    let byInit = counts.get(team);
    if (!byInit) {
      byInit = new Map();
      counts.set(team, byInit);
    }
    const c = byInit.get(init) ?? [0, 0];
    c[0]++;
    if (active) c[1]++;
    byInit.set(init, c);
  };
  const missing: string[] = [];
  let missingCount = 0;
  for (const u of users) {
    const teamId = teams.get(hashUser(secret, directoryId(u.user)));
    const team = teamId ? teamName.get(teamId) : undefined;
    if (!team) {
      missingCount++;
      if (missing.length < 100) missing.push(u.user);
      continue;
    }
    add(team, initiative, inMonth(u.last));
    if (options.perApp) {
      for (const [j, [app]] of apps.entries()) add(team, `${initiative}: ${app}`, inMonth(u.apps[j] ?? ''));
    }
  }
  if (counts.size === 0) {
    throw badInput(
      `${name}: none of its ${users.length} users is in the people directory on ${last}, so no team can be counted. Import a directory that has them (their user ids as the report writes them: ${missing.slice(0, 3).join(', ')}…). Nothing was imported.`,
      { notInDirectory: { users: missing, count: missingCount } },
    );
  }
  const out = tempFile();
  let text = csvLine([...IMPORT_COLUMNS.usage]);
  for (const team of [...counts.keys()].sort()) {
    for (const [init, [licensed, active]] of counts.get(team) ?? []) {
      text += csvLine([month, team, init, String(licensed), String(active), '0', '0']);
    }
  }
  fs.writeFileSync(out.file, text);
  return {
    file: out.file,
    cleanup: out.cleanup,
    sourceOf: {},
    month,
    notInDirectory: { users: missing, count: missingCount },
  };
}
