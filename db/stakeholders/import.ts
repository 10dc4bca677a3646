import { UserError } from '../errors';
import { listMembers } from '../members/members';
import type { Engine } from '../open';
import { FORMULA_START } from '../reports/csv';
import type { CsvErrors, CsvSink } from '../signals/csv';
import { columnIndex, wholeRow } from '../signals/csv';
import type { ImportSummary } from '../signals/model';
import type { NameResolver } from '../signals/names';
import { listFields, storedValue } from './fields';
import { STAKEHOLDER_IMPORT_COLUMNS, STAKEHOLDER_OPTIONAL_COLUMNS, STAKEHOLDER_REQUIRED_COLUMNS } from './import-columns';
import { ADKAR_ELEMENTS, type AdkarElement, RATING_MAX, RATING_MIN, type Stakeholder, SUPPORT_LEVELS, type SupportLevel } from './model';
import { createStakeholder, listStakeholders, type StakeholderFields, updateStakeholder } from './stakeholders';

/*
 * The stakeholder register from CSV (docs/stakeholders.md, "Import"). Uptake's own format is the
 * export's, so an exported register imports back unchanged. Each row is matched to a live
 * stakeholder (by email, else by name and team) and created or updated through the same domain
 * functions as the API, so support, ADKAR and concerns keep their dated history and the history
 * drawer names who changed what. The import's transaction (db/signals/import.ts) makes it all or
 * nothing.
 */

type Column = (typeof STAKEHOLDER_IMPORT_COLUMNS)[number];

/** A new stakeholder's ratings when the file leaves them out (the middle of the scale, neutral). */
export const IMPORT_DEFAULTS = { influence: 3, interest: 3, support: 'neutral' } as const satisfies Partial<StakeholderFields>;

const RATING = /^\d+$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** The export puts an apostrophe before a cell that starts like a formula; the import takes it off again. */
const NEUTRALISED = new RegExp(`^'(?=${FORMULA_START.source.slice(1)})`);
/** Spellings other tools use for the support levels. */
const SUPPORT_ALIASES: Record<string, SupportLevel> = { skeptical: 'sceptical' };

const nameKey = (name: string, teamId: string) => `${name.toLocaleLowerCase()}\u0001${teamId}`;
const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => map.set(key, [...(map.get(key) ?? []), value]);
const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** The fields a row gives, as the register stores them (only the columns the file has). */
type RowFields = Partial<StakeholderFields> & { name: string; teamId: string };

/** The fields of `wanted` that differ from the stakeholder as stored: the update to make, empty when none. */
function changesTo(current: Stakeholder, wanted: RowFields): Partial<StakeholderFields> {
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(wanted)) {
    if (field === 'fields') {
      // Custom field values, as stored (text) against the register's (text or number).
      const changed = Object.entries(value as Record<string, string | null>).filter(
        ([id, v]) => (v ?? '') !== String(current.fields[id] ?? ''),
      );
      if (changed.length > 0) patch.fields = Object.fromEntries(changed);
      continue;
    }
    const now = current[field as keyof Stakeholder];
    const same = Array.isArray(value)
      ? sameTags(now as string[], value)
      : typeof value === 'string' || value === null
        ? ((now as string | null) ?? '').trim() === (value ?? '')
        : now === value;
    if (!same) patch[field] = value;
  }
  return patch as Partial<StakeholderFields>;
}

/** What the import pipeline (db/signals/import.ts) hands a sink. */
export interface SinkContext {
  engine: Engine;
  authorId: string | null;
  names: NameResolver;
  errors: CsvErrors;
  summary: ImportSummary;
  /** The import's first pass: rows are checked and matched, nothing is written. */
  checkOnly: boolean;
}

export function stakeholderSink({ engine, authorId, names, errors, summary, checkOnly }: SinkContext): CsvSink {
  const current = new Map<string, Stakeholder>();
  const byEmail = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  for (const s of listStakeholders(engine)) {
    current.set(s.id, s);
    if (s.email) push(byEmail, s.email.toLowerCase(), s.id);
    push(byName, nameKey(s.name, s.teamId), s.id);
  }
  const members = listMembers(engine);
  const memberIds = new Map<string, string[]>();
  for (const m of members) {
    push(memberIds, m.name.trim().toLocaleLowerCase(), m.id);
    if (m.email) push(memberIds, m.email.toLowerCase(), m.id);
  }
  /** A person already in the file (an existing stakeholder's id, or a new one's email or name and team) → its row. */
  const seen = new Map<string, number>();
  let idx = {} as Partial<Record<Column, number>>;
  let width = 0;
  /** The workspace's custom fields the file has a column for (by the field's name), with that column. */
  const liveFields = listFields(engine);
  let custom: { field: (typeof liveFields)[number]; at: number }[] = [];
  const session = { engine, authorId };
  return {
    header: (name, header) => {
      const lower = new Set(header.map((h) => h.trim().toLowerCase()));
      const expected = STAKEHOLDER_IMPORT_COLUMNS.filter(
        (c) => (STAKEHOLDER_REQUIRED_COLUMNS as readonly string[]).includes(c) || lower.has(c),
      );
      const named = liveFields.filter((f) => lower.has(f.name.trim().toLowerCase()));
      const all = columnIndex(
        name,
        header,
        [...expected, ...named.map((f) => f.name.trim().toLowerCase())],
        [...STAKEHOLDER_OPTIONAL_COLUMNS, ...liveFields.map((f) => f.name.trim().toLowerCase())],
      );
      idx = Object.fromEntries(expected.map((c) => [c, all[c]]));
      custom = named.map((field) => ({ field, at: all[field.name.trim().toLowerCase()] ?? -1 }));
      width = expected.length + named.length;
    },
    rows: (rows, first, broken) => {
      rows.forEach((r, i) => {
        const row = first + i;
        if (!wholeRow(errors, r, i, row, broken, width)) return;
        const has = (c: Column) => idx[c] !== undefined;
        const cell = (c: Column) => (r[idx[c] ?? -1] ?? '').trim().replace(NEUTRALISED, '');
        let ok = true;
        const bad = (column: Column, expected: string) => {
          errors.add({ row, column, value: cell(column), expected });
          ok = false;
        };
        const fields: Partial<StakeholderFields> = {};
        const name = cell('name');
        if (!name) bad('name', "the stakeholder's name");
        if (!cell('team')) bad('team', 'a team name');
        for (const c of ['title', 'notes'] as const) if (has(c)) fields[c] = cell(c) || null;
        const email = cell('email');
        if (email && !EMAIL.test(email)) bad('email', 'an email address such as lena.fischer@example.com, or empty');
        if (has('email')) fields.email = email || null;
        // Influence and interest left empty keep what is there; an empty ADKAR score is "not assessed".
        const rating = (c: 'influence' | 'interest' | AdkarElement) => {
          const v = cell(c);
          const adkar = c !== 'influence' && c !== 'interest';
          if (!v) {
            if (adkar && has(c)) fields[c] = null;
          } else if (!RATING.test(v) || Number(v) < RATING_MIN || Number(v) > RATING_MAX) {
            bad(c, `a whole number from ${RATING_MIN} to ${RATING_MAX}${adkar ? ', or empty when not assessed' : ''}`);
          } else fields[c] = Number(v);
        };
        rating('influence');
        rating('interest');
        const written = cell('support').toLowerCase();
        const level = SUPPORT_ALIASES[written] ?? SUPPORT_LEVELS.find((l) => l === written);
        if (level) fields.support = level;
        else if (written) bad('support', `one of ${SUPPORT_LEVELS.join(', ')}`);
        for (const c of ADKAR_ELEMENTS) rating(c);
        if (has('tags'))
          fields.tags = [
            ...new Set(
              cell('tags')
                .split(';')
                .map((t) => t.trim())
                .filter(Boolean),
            ),
          ];
        if (custom.length > 0) {
          const values: Record<string, string | null> = {};
          for (const { field, at } of custom) {
            const text = (r[at] ?? '').trim().replace(NEUTRALISED, '');
            try {
              values[field.id] = storedValue(field, text);
            } catch (e) {
              if (!(e instanceof UserError)) throw e;
              errors.add({ row, column: field.name, value: text, expected: e.message.replace(`${field.name}: `, '') });
              ok = false;
            }
          }
          fields.fields = values;
        }
        const teamId = cell('team') ? names.team(cell('team'), row) : null;
        if (!ok || !teamId) return;

        // Which stakeholder the row is: by email when it has one, else by name and team. A row with
        // an email also matches a same-named person of the team who has no email yet (it adds one).
        let candidates = email ? (byEmail.get(email.toLowerCase()) ?? []) : [];
        const by = candidates.length > 0 ? 'email' : 'name and team';
        if (candidates.length === 0) {
          candidates = (byName.get(nameKey(name, teamId)) ?? []).filter((id) => !email || !current.get(id)?.email);
        }
        if (candidates.length > 1) {
          const what = by === 'email' ? `the email ${email}` : `the name ${name} in ${cell('team')}`;
          errors.add({
            row,
            column: by === 'email' ? 'email' : 'name',
            value: by === 'email' ? email : name,
            expected: `one stakeholder, but ${candidates.length} have ${what}: give their emails so each row names one person`,
          });
          return;
        }
        const id = candidates[0];
        const key = id ? `id:${id}` : email ? `email:${email.toLowerCase()}` : `name:${nameKey(name, teamId)}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          errors.add({
            row,
            column: email ? 'email' : 'name',
            value: email || name,
            expected: `one row per person: rows ${earlier} and ${row} are both ${name} (matched by ${email ? 'email' : 'name and team'}); keep one of the two rows`,
          });
          return;
        }
        seen.set(key, row);

        const stakeholder = id ? current.get(id) : undefined;
        if (has('owner')) {
          const owner = cell('owner');
          const found = owner ? (memberIds.get(owner.toLocaleLowerCase()) ?? []) : [];
          if (!owner) fields.ownerMemberId = null;
          else if (found.length === 1) fields.ownerMemberId = found[0] ?? null;
          // A member removed since keeps the people they owned (the export still names them).
          else if (stakeholder?.owner && stakeholder.owner.toLocaleLowerCase() === owner.toLocaleLowerCase())
            fields.ownerMemberId = stakeholder.ownerMemberId;
          else {
            const list = members.map((m) => m.name).slice(0, 20);
            bad(
              'owner',
              found.length > 1
                ? 'one member, but several have this name: write their email instead'
                : `the name or email of a member of the workspace (${list.join(', ')}${members.length > list.length ? ', …' : ''}), or empty`,
            );
            return;
          }
        }
        if (checkOnly || errors.count > 0) return;
        const wanted: RowFields = { ...fields, name, teamId };
        try {
          if (stakeholder) {
            const patch = changesTo(stakeholder, wanted);
            if (Object.keys(patch).length === 0) summary.unchanged++;
            else {
              updateStakeholder(session, { id: stakeholder.id, ...patch });
              summary.changed++;
            }
          } else {
            createStakeholder(session, { ...IMPORT_DEFAULTS, ...wanted });
            summary.new++;
          }
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          errors.add({ row, column: null, value: null, expected: e.message });
        }
      });
    },
    finish: () => {},
  };
}
