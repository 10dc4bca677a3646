import { tz } from '@date-fns/tz';
import { format as formatDate, isValid, parse } from 'date-fns';
import { z } from 'zod';
import aiDecisionLog from '../../presets/ai-decision-log.json';
import copilotUsage from '../../presets/microsoft-365-copilot-usage.json';
import { badInput, UserError } from '../errors';
import type { Engine } from '../open';
import { fieldTargets, headerNames } from '../stakeholders/fields';
import { STAKEHOLDER_COMPUTED_COLUMNS } from '../stakeholders/import-columns';
import { IMPORT_COLUMNS, isOwnHeader, OPTIONAL_IMPORT_COLUMNS, PER_USER_COLUMNS } from './columns';
import { peekCsv } from './csv';
import { DECISION_ACTIONS, IMPORT_KINDS, type ImportKind, type ImportMapping, type MappingInfo, type MappingProposal } from './model';

/*
 * Column mappings: how another system's export becomes one of Uptake's files. Presets ship as
 * JSON files in presets/ (one per source); saved mappings live in this database's
 * import_mappings table. Both are checked by one schema, so a copied and edited preset is
 * validated like any other input.
 */

/** A time zone the runtime knows (IANA name, e.g. Europe/Berlin). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "iso", or a date-fns pattern that formats a date (an unknown letter throws). */
function isDateFormat(pattern: string): boolean {
  if (pattern === 'iso') return true;
  try {
    formatDate(new Date(0), pattern);
    return /[yMd]/.test(pattern);
  } catch {
    return false;
  }
}

/**
 * The target columns of a mapping: its kind's own columns, or a per-user report's. `fields`: the
 * workspace's custom fields a stakeholder mapping may fill too, by name (fieldTargets).
 */
export function targetColumns(kind: ImportKind, perUser: boolean, fields: readonly string[] = []): readonly string[] {
  if (perUser) return PER_USER_COLUMNS;
  // What the register's export computes (barrier point, quadrant, open concerns) is not read from another tool.
  if (kind === 'stakeholders')
    return [...IMPORT_COLUMNS[kind].filter((c) => !(STAKEHOLDER_COMPUTED_COLUMNS as readonly string[]).includes(c)), ...fields];
  return IMPORT_COLUMNS[kind];
}

/**
 * Whether a target column holds timestamps or dates, which a mapping's date format converts, or
 * null. `dateFields`: the workspace's custom date fields (fieldTargets), by name in any case.
 */
export function dateTarget(
  kind: ImportKind,
  column: string,
  perUser: boolean,
  dateFields: readonly string[] = [],
): 'timestamp' | 'date' | null {
  if (perUser) return column === 'last_activity' || column === 'report_date' ? 'date' : null;
  if (kind === 'decisions') return column === 'timestamp' ? 'timestamp' : null;
  if (kind === 'people') return column === 'effective_date' ? 'date' : null;
  if (kind === 'shadow-processes') return column === 'first_seen' || column === 'retired_on' ? 'date' : null;
  const key = column.trim().toLowerCase();
  return dateFields.some((f) => f.trim().toLowerCase() === key) ? 'date' : null;
}

/** Target columns a mapping may leave unmapped (every custom field among them). */
function optionalTargets(kind: ImportKind, perUser: boolean, fields: readonly string[] = []): readonly string[] {
  if (perUser) return ['report_date'];
  const optional = [...(OPTIONAL_IMPORT_COLUMNS[kind] ?? []), ...(kind === 'stakeholders' ? fields : [])];
  if (kind === 'decisions') optional.push('reason');
  if (kind === 'shadow-processes') optional.push('initiative', 'owner', 'reason', 'failure_pattern', 'retired_on');
  return optional;
}

const name = z.string().trim().min(1, 'a name').max(120, 'at most 120 characters');
const column = z.string().min(1).max(300);

/** The schema of a mapping; `fields`: the workspace's custom fields a stakeholder mapping may fill. */
const mappingSchema = (fields: readonly string[]) =>
  z
    .strictObject({
      id: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lower-case letters, digits and dashes')
        .optional(),
      name,
      description: z.string().max(2000).optional(),
      kind: z.enum(IMPORT_KINDS, { error: `one of ${IMPORT_KINDS.join(', ')}` }),
      header: z.array(column).min(1, 'the header of the file it was made for').max(500),
      columns: z.record(z.string(), column),
      constants: z.record(z.string(), z.string().trim().min(1).max(200)).optional(),
      actions: z
        .record(z.string().trim().min(1).max(200), z.enum(DECISION_ACTIONS, { error: `one of ${DECISION_ACTIONS.join(', ')}` }))
        .optional(),
      dates: z
        .strictObject({
          format: z.string().min(1).max(60).refine(isDateFormat, 'a date-fns pattern such as dd/MM/yyyy HH:mm, or "iso"'),
          timeZone: z.string().min(1).max(60).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin or UTC'),
        })
        .optional(),
      perUser: z.strictObject({ apps: z.record(z.string().trim().min(1).max(60), column).optional() }).optional(),
    })
    .superRefine((m, ctx) => {
      const perUser = m.perUser !== undefined;
      if (perUser && m.kind !== 'usage') ctx.addIssue({ code: 'custom', path: ['perUser'], message: 'only for usage mappings' });
      const targets = targetColumns(m.kind, perUser, fields);
      const optional = optionalTargets(m.kind, perUser, fields);
      const inHeader = new Set(m.header);
      for (const [target, source] of Object.entries(m.columns)) {
        if (!targets.includes(target)) {
          const also = m.kind === 'stakeholders' ? ', or one of the workspace’s custom fields by name' : '';
          ctx.addIssue({ code: 'custom', path: ['columns', target], message: `not a ${m.kind} column (${targets.join(', ')}${also})` });
        }
        if (!inHeader.has(source)) ctx.addIssue({ code: 'custom', path: ['columns', target], message: `"${source}" is not in the header` });
      }
      for (const target of Object.keys(m.constants ?? {})) {
        const own = perUser ? ['initiative'] : targets;
        if (!own.includes(target)) ctx.addIssue({ code: 'custom', path: ['constants', target], message: `not a ${m.kind} column` });
      }
      for (const target of targets) {
        if (optional.includes(target) || m.columns[target] !== undefined || m.constants?.[target] !== undefined) continue;
        ctx.addIssue({ code: 'custom', path: ['columns', target], message: 'a source column (or a constant) for this column' });
      }
      if (perUser && !m.constants?.initiative) {
        ctx.addIssue({ code: 'custom', path: ['constants', 'initiative'], message: 'the initiative the report is counted for' });
      }
      for (const [app, source] of Object.entries(m.perUser?.apps ?? {})) {
        if (!inHeader.has(source))
          ctx.addIssue({ code: 'custom', path: ['perUser', 'apps', app], message: `"${source}" is not in the header` });
      }
      if (m.actions && m.kind !== 'decisions') ctx.addIssue({ code: 'custom', path: ['actions'], message: 'only for decisions mappings' });
    });

/** A mapping's problems as one message: what, where, and what to do. */
function mappingProblems(label: string, error: z.ZodError): UserError {
  const lines = error.issues.slice(0, 100).map((i) => `  ${i.path.join('.') || '(mapping)'}: ${i.message}`);
  const more = error.issues.length > 100 ? `\n  …and ${error.issues.length - 100} more` : '';
  return badInput(`${label} is not a valid mapping; fix these and try again:\n${lines.join('\n')}${more}`, {
    mappingIssues: error.issues.slice(0, 100).map((i) => ({ path: i.path.map(String), message: i.message })),
  });
}

/**
 * Checks a mapping (a preset file, a saved one, one from the app); throws every problem found.
 * `fields`: the workspace's custom fields (fieldTargets), which a stakeholder mapping may fill.
 */
export function checkMapping(value: unknown, label = 'The mapping', fields: readonly string[] = []): ImportMapping {
  const parsed = mappingSchema(fields).safeParse(value);
  if (!parsed.success) throw mappingProblems(label, parsed.error);
  return parsed.data as ImportMapping;
}

/** The presets shipped in presets/ (a test checks every file there is listed). */
export const PRESETS: readonly ImportMapping[] = [copilotUsage, aiDecisionLog].map((p) => checkMapping(p, `Preset ${p.id}`));

/* ---------- proposals by name ---------- */

/** Lower case, accents dropped, every run of other characters one space. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Other names sources give each target column (normalised). */
const SYNONYMS: Record<string, string[]> = {
  timestamp: [
    'when',
    'time',
    'date time',
    'datetime',
    'ts',
    'event time',
    'created at',
    'created',
    'decided at',
    'decision time',
    'occurred at',
    'date',
  ],
  initiative: ['program', 'programme', 'project', 'tool', 'application', 'app', 'use case', 'model', 'product'],
  team: ['department', 'dept', 'group', 'unit', 'business unit', 'org unit', 'division', 'cost center', 'organisation', 'organization'],
  user: [
    'user id',
    'userid',
    'employee',
    'employee id',
    'employee number',
    'agent',
    'agent id',
    'email',
    'mail',
    'user email',
    'upn',
    'user principal name',
    'login',
    'username',
    'staff id',
    'person',
  ],
  recommendation_id: ['recommendation', 'rec id', 'suggestion id', 'suggestion', 'case id', 'ticket id', 'item id', 'event id', 'id'],
  action: ['verdict', 'decision', 'outcome', 'response', 'status', 'result', 'disposition', 'user action'],
  reason: ['comment', 'comments', 'note', 'notes', 'override reason', 'justification', 'why'],
  recommended: ['ai recommendation', 'suggested', 'model output', 'ai output', 'proposal'],
  final: ['final decision', 'final value', 'chosen', 'user choice'],
  month: ['period', 'reporting month'],
  licensed_users: ['licenses', 'licences', 'seats', 'enabled users', 'licensed'],
  active_users: ['active', 'users active'],
  workflows_started: ['started'],
  workflows_completed: ['completed'],
  trust_mean: ['trust', 'trust score', 'average trust'],
  manual_backup: ['manual', 'backup', 'kept manual backup'],
  region: ['country', 'location', 'office', 'site'],
  manager: ['manager email', 'manager id', 'reports to', 'line manager', 'supervisor'],
  effective_date: ['effective from', 'start date', 'as of', 'valid from'],
  last_activity: ['last activity date', 'last activity', 'last active', 'last seen'],
  report_date: ['report refresh date', 'refresh date', 'report date'],
  // The stakeholder register as other tools (and spreadsheets) head it.
  name: ['full name', 'display name', 'stakeholder', 'stakeholder name', 'person name', 'employee name', 'contact', 'contact name'],
  title: ['job title', 'role', 'position', 'job role', 'job'],
  email: ['e mail', 'email address', 'e mail address', 'mail', 'work email'],
  influence: ['power', 'influence level', 'power level', 'authority'],
  interest: ['interest level', 'impact', 'concern level'],
  support: ['stance', 'attitude', 'support level', 'position on change', 'sentiment', 'disposition'],
  owner: ['relationship owner', 'account owner', 'contact owner', 'owned by'],
  tags: ['labels', 'tag', 'categories', 'keywords'],
  notes: ['comments', 'comment', 'note', 'remarks'],
};

/** How well a source column's name fits a target column: 1 the same or a synonym, less for shared words, 0 none. */
export function nameScore(target: string, source: string): number {
  const s = normalizeName(source);
  const names = [normalizeName(target), ...(SYNONYMS[target] ?? [])];
  if (names.includes(s)) return 1;
  const words = new Set(s.split(' '));
  let best = 0;
  for (const n of names) {
    const w = n.split(' ');
    const shared = w.filter((x) => words.has(x)).length;
    if (shared === 0) continue;
    // Shared words over all words of both: "user email address" fits "user email" better than "email".
    best = Math.max(best, (0.9 * shared) / (w.length + words.size - shared));
  }
  return best;
}

/** Words sources use for each action (normalised). */
const ACTION_WORDS: Record<(typeof DECISION_ACTIONS)[number], string[]> = {
  accepted: ['accept', 'accepted', 'approve', 'approved', 'applied', 'apply', 'yes', 'ok', 'agree', 'agreed', 'confirmed', 'used', 'taken'],
  edited: ['edit', 'edited', 'modified', 'modify', 'adjusted', 'changed', 'amended', 'partial', 'corrected'],
  overridden: ['override', 'overridden', 'overruled', 'reject', 'rejected', 'manual', 'declined', 'denied', 'replaced', 'no'],
  ignored: ['ignore', 'ignored', 'timeout', 'timed out', 'expired', 'skipped', 'skip', 'no response', 'dismissed', 'none', 'unanswered'],
};

/** An action for each source word that has an obvious one (others are left for the user). */
export function proposeActions(values: string[]): Record<string, (typeof DECISION_ACTIONS)[number]> {
  const out: Record<string, (typeof DECISION_ACTIONS)[number]> = {};
  for (const v of values) {
    const n = normalizeName(v);
    const action = DECISION_ACTIONS.find((a) => ACTION_WORDS[a].includes(n));
    if (action) out[v.trim().toLowerCase()] = action;
  }
  return out;
}

const DATE_FORMATS = [
  'dd/MM/yyyy HH:mm:ss',
  'dd/MM/yyyy HH:mm',
  'MM/dd/yyyy HH:mm:ss',
  'MM/dd/yyyy HH:mm',
  'M/d/yyyy h:mm a',
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
  'dd.MM.yyyy HH:mm:ss',
  'dd.MM.yyyy HH:mm',
  'yyyy-MM-dd',
  'dd/MM/yyyy',
  'MM/dd/yyyy',
  'dd.MM.yyyy',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The first date format every sample reads with ("iso" when they are ISO 8601 with an offset), or null. */
export function guessDateFormat(samples: string[]): string | null {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  if (values.length === 0) return null;
  if (values.every((v) => ISO.test(v))) return 'iso';
  return DATE_FORMATS.find((f) => values.every((v) => isValid(parse(v, f, new Date(0))))) ?? null;
}

/**
 * A mapping proposed for a header by name: each target column gets the source column whose name
 * fits it best (each source column used once, best fits first), if it fits at all. `fields`,
 * `dateFields`: the workspace's custom fields and its date fields among them (fieldTargets).
 */
export function proposeMapping(
  kind: ImportKind,
  header: string[],
  rows: string[][] = [],
  perUser = false,
  fields: readonly string[] = [],
  dateFields: readonly string[] = [],
): ImportMapping {
  const targets = targetColumns(kind, perUser, fields);
  const pairs: { target: string; source: string; score: number }[] = [];
  for (const target of targets) for (const source of header) pairs.push({ target, source, score: nameScore(target, source) });
  pairs.sort((a, b) => b.score - a.score || targets.indexOf(a.target) - targets.indexOf(b.target));
  const columns: Record<string, string> = {};
  const used = new Set<string>();
  for (const p of pairs) {
    if (p.score < 0.3 || columns[p.target] !== undefined || used.has(p.source)) continue;
    columns[p.target] = p.source;
    used.add(p.source);
  }
  const mapping: ImportMapping = { name: '', kind, header, columns };
  const sampleOf = (target: string) => {
    const i = header.indexOf(columns[target] ?? '\u0000');
    return i < 0 ? [] : rows.map((r) => r[i] ?? '');
  };
  const dateColumn = kind === 'decisions' ? 'timestamp' : kind === 'people' ? 'effective_date' : perUser ? 'last_activity' : null;
  // Without a built-in date column, the samples of the columns mapped to custom date fields tell the format.
  const dateColumns = dateColumn ? [dateColumn] : dateFields.filter((f) => columns[f] !== undefined);
  const format = guessDateFormat(dateColumns.flatMap(sampleOf));
  if (format) mapping.dates = { format, timeZone: 'UTC' };
  if (kind === 'decisions')
    mapping.actions = proposeActions([
      ...new Set(
        sampleOf('action')
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ]);
  return mapping;
}

/* ---------- saved mappings ---------- */

/** Whether a file's header fits a mapping: it has every column the mapping reads and none the mapping's header lacks. */
export function fitsHeader(mapping: ImportMapping, header: string[]): boolean {
  const own = new Set(mapping.header.map((h) => h.trim().toLowerCase()));
  const file = new Set(header.map((h) => h.trim().toLowerCase()));
  const read = [...Object.values(mapping.columns), ...Object.values(mapping.perUser?.apps ?? {})];
  return [...file].every((h) => own.has(h)) && read.every((c) => file.has(c.trim().toLowerCase()));
}

function savedMappings(engine: Engine): ImportMapping[] {
  return (engine.sqlite.prepare('SELECT definition FROM import_mappings ORDER BY name').pluck().all() as string[]).map(
    (d) => JSON.parse(d) as ImportMapping,
  );
}

/** Presets and saved mappings, presets first. */
export function listMappings(engine: Engine): MappingInfo[] {
  const info = (m: ImportMapping, source: MappingInfo['source']): MappingInfo => ({
    id: m.id ?? null,
    name: m.name,
    kind: m.kind,
    source,
    description: m.description ?? null,
    header: m.header,
  });
  return [...PRESETS.map((m) => info(m, 'preset')), ...savedMappings(engine).map((m) => info(m, 'saved'))];
}

/** A preset (by id or name) or a saved mapping (by name, any case); a clear error listing the names that exist. */
export function getMapping(engine: Engine, wanted: string): ImportMapping {
  const key = wanted.trim().toLowerCase();
  const found =
    PRESETS.find((p) => p.id === key || p.name.toLowerCase() === key) ?? savedMappings(engine).find((m) => m.name.toLowerCase() === key);
  if (found) return found;
  const names = listMappings(engine).map((m) => `"${m.id ?? m.name}"`);
  throw new UserError('NOT_FOUND', `No mapping is called "${wanted}". Mappings: ${names.join(', ')}.`, { mappings: names });
}

/** Saves (or replaces) a mapping under its name. Presets cannot be replaced: save a copy under another name. */
export function saveMapping(engine: Engine, value: unknown): ImportMapping {
  const label = (value as { name?: unknown } | null)?.name;
  const mapping = checkMapping(
    value,
    typeof label === 'string' && label.trim() ? `The mapping "${label.trim()}" was not saved: it` : 'The mapping',
    fieldTargets(engine, 'stakeholders').names,
  );
  const { id: _id, ...saved } = mapping;
  const clash = PRESETS.find((p) => p.id === saved.name.toLowerCase() || p.name.toLowerCase() === saved.name.toLowerCase());
  if (clash) throw badInput(`"${saved.name}" is the name of a preset; save the mapping under another name.`);
  engine.sqlite
    .prepare(
      `INSERT INTO import_mappings (name, kind, definition) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, definition = excluded.definition, saved_at = excluded.saved_at`,
    )
    .run(saved.name, saved.kind, JSON.stringify(saved));
  return saved;
}

/** Deletes a saved mapping (a preset is a file in presets/, not deleted from here). */
export function deleteMapping(engine: Engine, wanted: string): { deleted: string } {
  const mapping = getMapping(engine, wanted);
  if (mapping.id)
    throw badInput(`"${mapping.id}" is a preset (presets/${mapping.id}.json), not a saved mapping; it cannot be deleted here.`);
  engine.sqlite.prepare('DELETE FROM import_mappings WHERE name = ?').run(mapping.name);
  return { deleted: mapping.name };
}

/**
 * A saved stakeholder mapping that fills a custom field this workspace (`fields`, fieldTargets) no
 * longer has (renamed or removed since): said plainly, before anything is read.
 */
export function checkMappedFields(mapping: ImportMapping, fields: readonly string[]): void {
  if (mapping.kind !== 'stakeholders') return;
  // Any case, as the register's own file names a field's column.
  const key = (name: string) => name.trim().toLowerCase();
  const own = new Set(targetColumns('stakeholders', false, fields).map(key));
  const gone = Object.keys({ ...mapping.columns, ...mapping.constants }).filter((t) => !own.has(key(t)));
  if (gone.length === 0) return;
  const names = gone.map((g) => `"${g}"`).join(', ');
  throw badInput(
    `The mapping "${mapping.id ?? mapping.name}" fills ${gone.length === 1 ? 'the custom field' : 'the custom fields'} ${names}, which this workspace does not have (renamed or removed since the mapping was saved). Add ${gone.length === 1 ? 'it' : 'them'} under Settings → Stakeholder fields, or map the file's columns again. Nothing was imported.`,
  );
}

/** The saved mapping, else the preset, a file's header fits for a kind (saved ones first: a user's own wins). */
export function matchingMapping(engine: Engine, kind: ImportKind, header: string[]): ImportMapping | null {
  return [...savedMappings(engine), ...PRESETS].find((m) => m.kind === kind && fitsHeader(m, header)) ?? null;
}

/**
 * What the import screen needs for a file: its header and first rows, whether the header is
 * Uptake's own, the saved mapping or preset it fits, and otherwise a mapping proposed by name
 * with the action words the file's first rows use.
 */
export function inspectFile(engine: Engine, kind: ImportKind, file: string): MappingProposal {
  const [header = [], ...rows] = peekCsv(file, 2000);
  if (header.length === 0 || header.every((h) => h.trim() === '')) {
    throw badInput('The file is empty: it has no header row. Choose the CSV file the system exported.');
  }
  const { names: fields, dates: dateFields } = fieldTargets(engine, kind);
  const own = isOwnHeader(kind, header, headerNames(fields));
  const matched = own ? null : matchingMapping(engine, kind, header);
  const perUser = kind === 'usage' && header.some((h) => nameScore('last_activity', h) === 1);
  const proposed = proposeMapping(kind, header, rows, perUser, fields, dateFields);
  if (perUser) proposed.perUser = {};
  const at = header.indexOf(proposed.columns.action ?? '\u0000');
  const actionValues = at < 0 ? [] : [...new Set(rows.map((r) => (r[at] ?? '').trim()).filter(Boolean))].slice(0, 50);
  const optional = optionalTargets(kind, perUser, fields);
  const targets = targetColumns(kind, perUser, fields).map((column) => {
    const date = dateTarget(kind, column, perUser, dateFields);
    return { column, optional: optional.includes(column), ...(date ? { date } : {}) };
  });
  return { header, own, matched, proposed, targets, actionValues, rows: rows.slice(0, 10) };
}

/* ---------- reading values through a mapping ---------- */

/**
 * A source date or timestamp in Uptake's form, or null when it does not read with the mapping's
 * format: a timestamp as UTC ISO 8601 (read in the mapping's time zone), a date as YYYY-MM-DD.
 */
export function convertDate(value: string, dates: ImportMapping['dates'], want: 'timestamp' | 'date'): string | null {
  if (!dates || dates.format === 'iso') return value;
  const zone = tz(dates.timeZone);
  const d = parse(value, dates.format, new Date(0), { in: zone });
  if (!isValid(d)) return null;
  if (want === 'date') return formatDate(d, 'yyyy-MM-dd', { in: zone });
  const iso = new Date(d.getTime()).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/** What a mapping expects of a date cell, for row errors. */
export const dateExpected = (dates: ImportMapping['dates'], want: 'timestamp' | 'date') =>
  !dates || dates.format === 'iso'
    ? want === 'timestamp'
      ? 'an ISO 8601 timestamp with Z or an offset'
      : 'a date as YYYY-MM-DD'
    : `a ${want} written as ${dates.format} (the mapping's format; read in ${dates.timeZone})`;
