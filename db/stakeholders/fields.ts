import { eq } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import { badInput } from '../errors';
import { recordHistory } from '../history/history';
import type { HistoryEntry } from '../history/model';
import type { Engine } from '../open';
import { byName, inTransaction, type RecordKit, recordKit, type Session, stringList, tableRows } from '../records';
import { stakeholderFields } from '../schema';
import { readRow, write } from '../write';
import {
  FIELD_CHOICE_MAX,
  FIELD_CHOICES_MAX,
  FIELD_NAME_MAX,
  FIELD_TEXT_MAX,
  FIELD_TYPE_LABELS,
  type FieldType,
  type FieldValue,
  STAKEHOLDER_CSV_COLUMNS,
  type StakeholderField,
} from './model';

/*
 * The workspace's own stakeholder fields (docs/stakeholders.md, "Custom fields"): definitions in
 * `stakeholder_fields`, values in `stakeholder_field_values`, one row per stakeholder × field.
 */

/**
 * Names a custom field may not take: the register's built-in CSV columns (also as read with spaces)
 * and its table's headers, which an export, an import or the column chooser would confuse with it.
 */
const RESERVED_NAMES = new Set([...STAKEHOLDER_CSV_COLUMNS, ...STAKEHOLDER_CSV_COLUMNS.map((c) => c.replaceAll('_', ' ')), 'concerns']);

/** Values per field, of every stakeholder (removed ones too: restoring them brings the values back). */
function valueCounts(engine: Engine): Map<string, number> {
  const rows = engine.sqlite
    .prepare('SELECT field_id AS id, COUNT(*) AS n FROM stakeholder_field_values WHERE value IS NOT NULL GROUP BY field_id')
    .all() as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

function toField(r: typeof stakeholderFields.$inferSelect, used: Map<string, number>): StakeholderField {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    choices: stringList(r.choices),
    position: r.position,
    used: used.get(r.id) ?? 0,
    deleted: r.deleted,
  };
}

/** The fields in their order (position, then name). */
export function listFields(engine: Engine, includeDeleted = false): StakeholderField[] {
  const used = valueCounts(engine);
  return tableRows(engine, stakeholderFields, includeDeleted)
    .sort((a, b) => a.position - b.position || byName(a, b))
    .map((r) => toField(r, used));
}

const fields: RecordKit<StakeholderField> = recordKit({
  table: 'stakeholder_fields',
  label: 'stakeholder field',
  find: (engine, id) => {
    const row = engine.orm.select().from(stakeholderFields).where(eq(stakeholderFields.id, id)).get();
    return row ? toField(row, valueCounts(engine)) : undefined;
  },
});
export const getField = fields.get;

export interface FieldDefinition {
  name: string;
  type: FieldType;
  choices?: string[] | undefined;
}

/**
 * The live fields' names, which a stakeholder file adds as columns and a mapping of another tool's
 * file may fill, and the date fields' among them (a mapping's date format converts their values):
 * only for stakeholders.
 */
export function fieldTargets(engine: Engine, kind: string): { names: string[]; dates: string[] } {
  const live = kind === 'stakeholders' ? listFields(engine) : [];
  return { names: live.map((f) => f.name.trim()), dates: live.filter((f) => f.type === 'date').map((f) => f.name.trim()) };
}
/** The same names as a CSV header is matched (lower case): what isOwnHeader (db/signals/columns.ts) accepts beyond Uptake's own columns. */
export const headerNames = (names: readonly string[]): string[] => names.map((n) => n.toLowerCase());

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

function checkName(engine: Engine, name: string, id: string | null) {
  const trimmed = name.trim();
  if (trimmed === '') throw badInput('name: a field needs a name (for example "Region").');
  if (trimmed.length > FIELD_NAME_MAX) throw badInput(`name: a field's name is at most ${FIELD_NAME_MAX} characters.`);
  if (RESERVED_NAMES.has(trimmed.toLocaleLowerCase()))
    throw badInput(`name: "${trimmed}" is a built-in column of the register. Choose another name for the field.`);
  const taken = listFields(engine).find((f) => f.id !== id && sameName(f.name, trimmed));
  if (taken) throw badInput(`name: the register already has a field called "${taken.name}". Field names are unique.`);
}

/** Choices kept trimmed, without blanks or repeats (ignoring case), in the order given. */
function cleanChoices(choices: string[]): string[] {
  const kept: string[] = [];
  for (const c of choices.map((x) => x.trim())) if (c !== '' && !kept.some((k) => sameName(k, c))) kept.push(c);
  return kept;
}

function checkChoices(type: FieldType, choices: string[]) {
  if (type !== 'choice') return;
  if (choices.length === 0) throw badInput('choices: a choice field needs at least one choice (for example North, South, Central).');
  if (choices.length > FIELD_CHOICES_MAX) throw badInput(`choices: a choice field has at most ${FIELD_CHOICES_MAX} choices.`);
  const long = choices.find((c) => c.length > FIELD_CHOICE_MAX);
  if (long) throw badInput(`choices: "${long.slice(0, 40)}…" is longer than ${FIELD_CHOICE_MAX} characters.`);
}

const plural = (n: number) => (n === 1 ? '1 stakeholder has' : `${n} stakeholders have`);

export function createField(s: Session, input: FieldDefinition): StakeholderField {
  return fields.create(s, () => {
    checkName(s.engine, input.name, null);
    const choices = input.type === 'choice' ? cleanChoices(input.choices ?? []) : [];
    checkChoices(input.type, choices);
    const last = listFields(s.engine, true).reduce((max, f) => Math.max(max, f.position), 0);
    return { name: input.name.trim(), type: input.type, choices: JSON.stringify(choices), position: last + 1 };
  });
}

/** Renaming keeps the values (they point at the field's id); the type stays once a value exists; a choice in use stays. */
export function updateField(s: Session, { id, ...patch }: Partial<FieldDefinition> & { id: string }): StakeholderField {
  return fields.update(s, id, (current) => {
    if (patch.name !== undefined) checkName(s.engine, patch.name, id);
    const type = patch.type ?? current.type;
    if (type !== current.type && current.used > 0)
      throw badInput(
        `type: "${current.name}" stays ${FIELD_TYPE_LABELS[current.type].toLowerCase()} because ${plural(current.used)} a value for it, which the new type could not hold. Clear those values first, or add a new field of the type you want.`,
      );
    const choices = type === 'choice' ? cleanChoices(patch.choices ?? current.choices) : [];
    checkChoices(type, choices);
    if (type === 'choice' && current.type === 'choice') {
      const dropped = current.choices.filter((c) => !choices.includes(c));
      for (const c of dropped) {
        const n = countValue(s.engine, id, c);
        if (n > 0)
          throw badInput(
            `choices: "${c}" is the value of ${n === 1 ? '1 stakeholder' : `${n} stakeholders`}, so it stays a choice. Change their ${current.name} first.`,
          );
      }
    }
    return { name: patch.name?.trim(), type, choices: JSON.stringify(choices) };
  });
}

function countValue(engine: Engine, fieldId: string, value: string): number {
  return (
    engine.sqlite.prepare('SELECT COUNT(*) AS n FROM stakeholder_field_values WHERE field_id = ? AND value = ?').get(fieldId, value) as {
      n: number;
    }
  ).n;
}

/** Hides the field and, with it, its values (they are kept: a restore brings both back). */
export const deleteField = (s: Session, id: string): StakeholderField => fields.remove(s, id);

export const restoreField = (s: Session, id: string): StakeholderField =>
  fields.restore(s, id, (current) => checkName(s.engine, current.name, id));

/** Swaps a field with its neighbour above or below, among the live fields. */
export function moveField(s: Session, id: string, direction: 'up' | 'down'): StakeholderField[] {
  return inTransaction(s.engine, () => {
    fields.live(s.engine, id);
    const live = listFields(s.engine);
    // Positions may tie after two devices added fields at once: renumber in the shown order first.
    const order = live.map((f) => f.id);
    const i = order.indexOf(id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j >= 0 && j < order.length) [order[i], order[j]] = [order[j] as string, order[i] as string];
    order.forEach((fieldId, k) => {
      write(s.engine, s.authorId, 'stakeholder_fields', fieldId, { position: k + 1 }, 'update');
    });
    return listFields(s.engine);
  });
}

// Values

/** The id of a stakeholder's value of a field: the same on every device, so their edits of it merge field by field. */
const NAMESPACE = '6f1b7d2e-3c4a-4b8e-9a51-2d7c0e9f4a10';
export const valueId = (stakeholderId: string, fieldId: string): string => uuidv5(`${stakeholderId}/${fieldId}`, NAMESPACE);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A value as stored (text), or null to clear; a value the field's type does not allow is refused with what it takes. */
export function storedValue(field: StakeholderField, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) throw badInput(`${field.name}: a value must be text or a number.`);
  if (text === '') return null;
  switch (field.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(text);
      if (!Number.isFinite(n))
        throw badInput(`${field.name}: "${text}" is not a number. Write a number such as 12 or 3.5, or leave it empty.`);
      return String(n);
    }
    case 'date':
      if (!isRealDate(text))
        throw badInput(`${field.name}: "${text}" is not a date. Write a date as YYYY-MM-DD (for example 2026-03-31), or leave it empty.`);
      return text;
    case 'choice': {
      const choice = field.choices.find((c) => sameName(c, text));
      if (!choice) throw badInput(`${field.name}: "${text}" is not one of its choices (${field.choices.join(', ')}).`);
      return choice;
    }
    default:
      if (text.length > FIELD_TEXT_MAX) throw badInput(`${field.name}: the text is longer than ${FIELD_TEXT_MAX} characters.`);
      return text;
  }
}

const readValue = (field: Pick<StakeholderField, 'type'>, value: string): FieldValue => (field.type === 'number' ? Number(value) : value);

/**
 * Sets some of a stakeholder's custom field values, by field id; null or empty clears one. Every
 * value is checked before any is written (a refused value writes nothing). The caller checks the
 * stakeholder exists and runs this in its transaction.
 */
export function setFieldValues(s: Session, stakeholderId: string, values: Record<string, unknown>): void {
  inTransaction(s.engine, () => {
    const byId = new Map(listFields(s.engine, true).map((f) => [f.id, f]));
    const checked = Object.entries(values).map(([fieldId, value]) => {
      const field = byId.get(fieldId);
      if (!field) throw badInput(`fields: no custom field with id ${fieldId}. Settings → Stakeholder fields lists them.`);
      if (field.deleted)
        throw badInput(`fields: the field "${field.name}" was removed. Restore it in Settings → Stakeholder fields to set it.`);
      return { fieldId, value: storedValue(field, value) };
    });
    for (const { fieldId, value } of checked) {
      const id = valueId(stakeholderId, fieldId);
      if (readRow(s.engine, 'stakeholder_field_values', id))
        write(s.engine, s.authorId, 'stakeholder_field_values', id, { value }, 'update');
      else if (value !== null) write(s.engine, s.authorId, 'stakeholder_field_values', id, { stakeholderId, fieldId, value }, 'create');
    }
  });
}

/** Every stakeholder's values of the live fields: stakeholder id → field id → value (one query: the register lists thousands). */
export function fieldValues(engine: Engine, stakeholderId?: string): Map<string, Record<string, FieldValue>> {
  const rows = engine.sqlite
    .prepare(
      `SELECT v.stakeholder_id AS stakeholderId, v.field_id AS fieldId, v.value, f.type
       FROM stakeholder_field_values v JOIN stakeholder_fields f ON f.id = v.field_id
       WHERE v.value IS NOT NULL AND v.deleted = 0 AND f.deleted = 0${stakeholderId ? ' AND v.stakeholder_id = ?' : ''}`,
    )
    .all(...(stakeholderId ? [stakeholderId] : [])) as { stakeholderId: string; fieldId: string; value: string; type: FieldType }[];
  const out = new Map<string, Record<string, FieldValue>>();
  for (const r of rows) {
    let values = out.get(r.stakeholderId);
    if (!values) {
      values = {};
      out.set(r.stakeholderId, values);
    }
    values[r.fieldId] = readValue(r, r.value);
  }
  return out;
}

/** The history drawer's key for a custom field's changes: the renderer names it by the field (its current name). */
export const fieldHistoryKey = (fieldId: string): string => `field:${fieldId}`;

/**
 * A stakeholder's history with their custom field values' changes merged in as changes of the
 * stakeholder (`field:<field id>`, from → to), newest first; the values of removed fields too.
 */
export function stakeholderHistory(engine: Engine, id: string): HistoryEntry[] {
  const entries = recordHistory(engine, 'stakeholders', id);
  const rows = engine.sqlite.prepare('SELECT id, field_id AS fieldId FROM stakeholder_field_values WHERE stakeholder_id = ?').all(id) as {
    id: string;
    fieldId: string;
  }[];
  for (const row of rows) {
    for (const h of recordHistory(engine, 'stakeholder_field_values', row.id)) {
      const changes = h.changes
        .filter((c) => c.field === 'value')
        .map((c) => ({ field: fieldHistoryKey(row.fieldId), from: c.from, to: c.to }));
      if (changes.length > 0) entries.push({ ...h, created: false, changes });
    }
  }
  return entries.sort((a, b) => b.hlc.localeCompare(a.hlc));
}
