import { oc, type } from '@orpc/contract';
import { z } from 'zod';
import { REPORT_FORMATS, type ReportExport, type ReportPublishResult, type ReportPublishTarget } from './report-types';
import type {
  ImportBatch,
  ImportProgress,
  ImportSummary,
  MetricSettings,
  Report,
  ReviewItem,
  ShadowProcess,
  SourceRows,
} from './signal-types';
import {
  type CheckResult,
  type ExportData,
  type HistoryEntry,
  INITIATIVE_STATUSES,
  type Initiative,
  type Member,
  ROLES,
  type Team,
  type WorkspaceInfo,
} from './types';

/**
 * The one service API. Every host (Electron IPC, the loopback web host, the CLI) serves exactly
 * these operations, named `area.verb`; the renderer sees only this file and ./types.
 * `invalidates` names the areas whose queries a client refetches after the operation succeeds.
 */
export interface OperationMeta {
  kind: 'query' | 'mutation';
  invalidates: readonly string[];
  summary: string;
}
const base = oc.$meta<OperationMeta>({ kind: 'query', invalidates: [], summary: '' });
const query = (summary: string) => base.meta({ kind: 'query', invalidates: [], summary });
const mutation = (summary: string, invalidates: readonly string[]) => base.meta({ kind: 'mutation', invalidates, summary });

const text = (label: string, max = 200) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, `${label} cannot be empty`)
    .max(max, `${label} is longer than ${max} characters`);
const optionalText = (label: string, max = 200) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} is longer than ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
const id = z.string({ error: 'id must be text' }).min(1, 'id cannot be empty');
const noInput = z.strictObject({}).optional().default({});

export const RoleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });
export const StatusSchema = z.enum(INITIATIVE_STATUSES, { error: `status must be one of ${INITIATIVE_STATUSES.join(', ')}` });
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');

/** A triad role: a member of the workspace, or a named person who is not one; null clears it. */
export const PersonInput = z
  .union([z.strictObject({ memberId: id }), z.strictObject({ name: text('name', 120) })], {
    error: 'a person is {"memberId": "…"} or {"name": "…"}',
  })
  .nullable();

export const WorkspaceInitInput = z.strictObject({
  workspace: text('Workspace name', 120),
  me: text('Your name', 120),
});
export const MemberCreateInput = z.strictObject({
  name: text('Name', 120),
  email: z.email('email is not a valid address').nullable().optional(),
  role: RoleSchema,
  /** Let this device act as the new member (a shared machine, a demo). Default true. */
  profileOnThisDevice: z.boolean().optional().default(true),
});
export const MemberUpdateInput = z.strictObject({
  id,
  name: text('Name', 120).optional(),
  email: z.email('email is not a valid address').nullable().optional(),
  role: RoleSchema.optional(),
});

const headcount = z
  .number({ error: 'headcount must be a whole number' })
  .int('headcount must be a whole number')
  .min(0, 'headcount cannot be negative')
  .max(10_000_000, 'headcount is implausibly large')
  .nullable()
  .optional();
export const TeamCreateInput = z.strictObject({
  name: text('Team name', 120),
  parentId: id.nullable().optional(),
  region: optionalText('Region', 120),
  businessUnit: optionalText('Business unit', 120),
  headcount,
});
export const TeamUpdateInput = z.strictObject({
  id,
  name: text('Team name', 120).optional(),
  parentId: id.nullable().optional(),
  region: optionalText('Region', 120),
  businessUnit: optionalText('Business unit', 120),
  headcount,
});

const initiativeFields = {
  description: optionalText('Description', 4000),
  goLive: isoDate.nullable().optional(),
  modelVersions: z
    .array(text('Model version', 120), { error: 'modelVersions must be a list of text' })
    .max(50, 'at most 50 model versions')
    .optional(),
  businessSponsor: PersonInput.optional(),
  productOwner: PersonInput.optional(),
  technicalLead: PersonInput.optional(),
};
export const InitiativeCreateInput = z.strictObject({
  name: text('Initiative name', 120),
  status: StatusSchema.optional().default('pilot'),
  ...initiativeFields,
});
export const InitiativeUpdateInput = z.strictObject({
  id,
  name: text('Initiative name', 120).optional(),
  status: StatusSchema.optional(),
  ...initiativeFields,
});

const ById = z.strictObject({ id });
const ListInput = z
  .strictObject({ includeDeleted: z.boolean().optional().default(false) })
  .optional()
  .default({ includeDeleted: false });
export const HistoryTables = ['workspace', 'members', 'teams', 'initiatives', 'shadow_processes'] as const;
const HistoryInput = z.strictObject({
  table: z.enum(HistoryTables, { error: `table must be one of ${HistoryTables.join(', ')}` }),
  id,
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
export const IMPORT_KINDS = ['usage', 'decisions', 'pulse', 'shadow-processes'] as const;
export const ImportInput = z.strictObject({
  kind: z.enum(IMPORT_KINDS, { error: `kind must be one of ${IMPORT_KINDS.join(', ')}` }),
  /** A CSV file on this machine. */
  path: z.string().min(1, 'path cannot be empty'),
  dryRun: z.boolean().optional().default(false),
  createMissing: z.boolean().optional().default(false),
});
export const ImportUploadInput = z.strictObject({
  kind: z.enum(IMPORT_KINDS, { error: `kind must be one of ${IMPORT_KINDS.join(', ')}` }),
  file: z.file({ error: 'file must be a CSV file' }),
  dryRun: z.boolean().optional().default(false),
  createMissing: z.boolean().optional().default(false),
  /** Chosen by the client so it can poll `imports.progress` while the import runs. */
  progressId: z.string().min(8).max(64).optional(),
});
export const SHADOW_KINDS = ['spreadsheet', 'manual double-check', 'paper', 'legacy system', 'other'] as const;
const shadowFields = {
  name: text('Name', 160),
  teamId: id,
  initiativeId: id.nullable().optional(),
  kind: z.enum(SHADOW_KINDS, { error: `kind must be one of ${SHADOW_KINDS.join(', ')}` }),
  owner: optionalText('Owner', 120),
  usersInvolved: z
    .number({ error: 'usersInvolved must be a whole number' })
    .int('usersInvolved must be a whole number')
    .min(0, 'usersInvolved cannot be negative'),
  reason: optionalText('Reason', 2000),
  failurePattern: optionalText('Failure pattern', 200),
  firstSeen: isoDate,
  retiredOn: isoDate.nullable().optional(),
};
export const ShadowCreateInput = z.strictObject(shadowFields);
export const ShadowUpdateInput = z.strictObject({ id, ...z.strictObject(shadowFields).partial().shape });
export const REVIEW_REASONS = [
  'model_wrong',
  'missing_context',
  'policy_exception',
  'customer_request',
  'habit',
  'distrust',
  'other',
] as const;
export const ReviewCreateInput = z.strictObject({
  initiativeId: id,
  recommendationId: z.string().min(1),
  userHash: z.string().min(1),
  verdict: z.enum(['appropriate', 'inappropriate'], {
    error: 'verdict is appropriate (the AI was wrong) or inappropriate (the AI was right)',
  }),
  reasonCode: z.enum(REVIEW_REASONS, { error: `reasonCode must be one of ${REVIEW_REASONS.join(', ')}` }),
  note: optionalText('Note', 2000),
});

/** The report's filters: initiative and team (name or id), first and last month. */
const reportSlice = {
  initiative: z.string().nullable().optional(),
  team: z.string().nullable().optional(),
  from: month.nullable().optional(),
  to: month.nullable().optional(),
};
export const ReportInput = z.strictObject(reportSlice).optional().default({});
export const ReportExportInput = z.strictObject({
  format: z.enum(REPORT_FORMATS, { error: `format must be one of ${REPORT_FORMATS.join(', ')} (a PDF is printed from the html)` }),
  ...reportSlice,
});
export const ReportPublishInput = z
  .strictObject({
    /** The shared folder (a full path); default: the one this device published to last. */
    folder: z.string().trim().min(1, 'folder cannot be empty').max(4096, 'folder is longer than 4096 characters').optional(),
    ...reportSlice,
  })
  .optional()
  .default({});
export const SourceRowsInput = z.strictObject({
  ...reportSlice,
  source: z.enum(['usage', 'pulse', 'decisions', 'shadow'], { error: 'source must be one of usage, pulse, decisions, shadow' }),
  action: z
    .enum(['accepted', 'edited', 'overridden', 'ignored'], { error: 'action must be one of accepted, edited, overridden, ignored' })
    .nullable()
    .optional(),
  offset: z.number().int().min(0).optional().default(0),
  limit: z.number().int().min(1).max(500).optional().default(50),
});
const unit = z.number().min(0, 'must be 0 or more').max(1, 'must be at most 1');
// Weights are renormalised over the components a slice has (docs/metrics.md), so they need not sum
// to 1; but with all three at 0 real adoption could never be computed.
export const MetricSettingsInput = z.strictObject({
  weights: z
    .strictObject({ reliance: unit, trust: unit, shadowFree: unit })
    .refine((w) => w.reliance + w.trust + w.shadowFree > 0, { message: 'at least one weight must be above 0', path: ['reliance'] }),
  thresholds: z
    .strictObject({
      highOverrideRate: unit,
      lowOverrideRate: unit,
      minDecisions: z.number().int('must be a whole number').min(1, 'must be at least 1'),
      adoptionGap: unit,
      shadowShare: unit,
      habitualMinDecisions: z.number().int('must be a whole number').min(1, 'must be at least 1'),
      habitualOverrideRate: unit,
      championCoverage: unit,
    })
    .refine((t) => t.lowOverrideRate < t.highOverrideRate, {
      message: 'the low override rate must be below the high override rate',
      path: ['lowOverrideRate'],
    }),
});
/** The defaults of docs/metrics.md, used until a change manager changes them. */
export const DEFAULT_METRIC_SETTINGS: z.infer<typeof MetricSettingsInput> = {
  weights: { reliance: 0.5, trust: 0.25, shadowFree: 0.25 },
  thresholds: {
    highOverrideRate: 0.5,
    lowOverrideRate: 0.05,
    minDecisions: 30,
    adoptionGap: 0.25,
    shadowShare: 0.2,
    habitualMinDecisions: 20,
    habitualOverrideRate: 0.8,
    championCoverage: 0.05,
  },
};

export const contract = {
  workspace: {
    get: query('The workspace, the acting member and what they may do').input(noInput).output(type<WorkspaceInfo>()),
    init: mutation('Create the workspace in an empty database, with you as its first change manager', ['*'])
      .input(WorkspaceInitInput)
      .output(type<WorkspaceInfo>()),
    demo: mutation('Fill an empty database with a realistic demo workspace', ['*'])
      .input(z.strictObject({ seed: z.number().int().optional() }).optional().default({}))
      .output(type<WorkspaceInfo>()),
    update: mutation('Rename the workspace', ['workspace', 'history'])
      .input(z.strictObject({ name: text('Workspace name', 120) }))
      .output(type<WorkspaceInfo>()),
    export: query('All workspace data in a deterministic order').input(noInput).output(type<ExportData>()),
    check: query('Integrity check, schema version, change-log consistency').input(noInput).output(type<CheckResult>()),
  },
  profiles: {
    switch: mutation('Act as another member who has a profile on this device', ['*'])
      .input(z.strictObject({ memberId: id }))
      .output(type<WorkspaceInfo>()),
  },
  members: {
    list: query('Members of the workspace').input(ListInput).output(type<Member[]>()),
    create: mutation('Add a member', ['members', 'workspace', 'history']).input(MemberCreateInput).output(type<Member>()),
    update: mutation('Change a member', ['members', 'workspace', 'initiatives', 'history']).input(MemberUpdateInput).output(type<Member>()),
    delete: mutation('Remove a member (kept in history)', ['members', 'workspace', 'initiatives', 'history'])
      .input(ById)
      .output(type<Member>()),
  },
  teams: {
    list: query('Teams in hierarchy order').input(ListInput).output(type<Team[]>()),
    get: query('One team').input(ById).output(type<Team>()),
    create: mutation('Add a team', ['teams', 'history']).input(TeamCreateInput).output(type<Team>()),
    update: mutation('Change a team', ['teams', 'history']).input(TeamUpdateInput).output(type<Team>()),
    delete: mutation('Delete a team (a tombstone: restore undoes it)', ['teams', 'history']).input(ById).output(type<Team>()),
    restore: mutation('Undo the deletion of a team', ['teams', 'history']).input(ById).output(type<Team>()),
  },
  initiatives: {
    list: query('AI initiatives, with missing triad roles flagged').input(ListInput).output(type<Initiative[]>()),
    get: query('One initiative').input(ById).output(type<Initiative>()),
    create: mutation('Add an AI initiative', ['initiatives', 'history']).input(InitiativeCreateInput).output(type<Initiative>()),
    update: mutation('Change an initiative', ['initiatives', 'history']).input(InitiativeUpdateInput).output(type<Initiative>()),
    delete: mutation('Delete an initiative (a tombstone: restore undoes it)', ['initiatives', 'history'])
      .input(ById)
      .output(type<Initiative>()),
    restore: mutation('Undo the deletion of an initiative', ['initiatives', 'history']).input(ById).output(type<Initiative>()),
  },
  imports: {
    run: mutation('Import a usage, decisions, pulse or shadow-process CSV (all or nothing)', [
      'imports',
      'reports',
      'teams',
      'initiatives',
      'shadow',
      'history',
    ])
      .input(ImportInput)
      .output(type<ImportSummary>()),
    upload: mutation('Import an uploaded CSV (the app’s file picker; same rules as run)', [
      'imports',
      'reports',
      'teams',
      'initiatives',
      'shadow',
      'history',
    ])
      .input(ImportUploadInput)
      .output(type<ImportSummary>()),
    list: query('Imported files (batches), newest first').input(noInput).output(type<ImportBatch[]>()),
    progress: query('How far a running upload import has got')
      .input(z.strictObject({ progressId: z.string() }))
      .output(type<ImportProgress>()),
  },
  shadow: {
    list: query('The shadow-process register').input(ListInput).output(type<ShadowProcess[]>()),
    create: mutation('Register a shadow process', ['shadow', 'reports', 'history']).input(ShadowCreateInput).output(type<ShadowProcess>()),
    update: mutation('Change a shadow process (e.g. retire it)', ['shadow', 'reports', 'history'])
      .input(ShadowUpdateInput)
      .output(type<ShadowProcess>()),
    delete: mutation('Remove a shadow process from the register', ['shadow', 'reports', 'history'])
      .input(ById)
      .output(type<ShadowProcess>()),
  },
  reviews: {
    queue: query('Overridden decisions not yet reviewed, sampled per initiative and team')
      .input(
        z
          .strictObject({
            initiative: z.string().nullable().optional(),
            team: z.string().nullable().optional(),
            limit: z.number().int().min(1).max(200).optional().default(25),
          })
          .optional()
          .default({ limit: 25 }),
      )
      .output(type<ReviewItem[]>()),
    create: mutation('Judge one override: appropriate (the AI was wrong) or not', ['reviews', 'reports', 'history'])
      .input(ReviewCreateInput)
      .output(type<{ id: string }>()),
  },
  reports: {
    get: query('Formal against real adoption for a slice, exactly as docs/metrics.md defines it').input(ReportInput).output(type<Report>()),
    export: query('The report of a slice as JSON (docs/metrics.md), CSV or a self-contained HTML file')
      .input(ReportExportInput)
      .output(type<ReportExport>()),
    publish: mutation('Write uptake-report.html and uptake-report.json into the shared folder (remembered on this device)', ['reports'])
      .input(ReportPublishInput)
      .output(type<ReportPublishResult>()),
    publishTarget: query('The shared folder this device publishes reports to').input(noInput).output(type<ReportPublishTarget>()),
    rows: query('The stored rows that fed a slice’s figures (drill-down), a page at a time')
      .input(SourceRowsInput)
      .output(type<SourceRows>()),
  },
  metrics: {
    settings: query('Weights and alert thresholds of the workspace').input(noInput).output(type<MetricSettings>()),
    configure: mutation('Change weights and alert thresholds (change managers only)', ['metrics', 'reports', 'history'])
      .input(MetricSettingsInput)
      .output(type<MetricSettings>()),
  },
  history: {
    get: query('Who changed which field of a record, when, from what to what').input(HistoryInput).output(type<HistoryEntry[]>()),
  },
};

export type Contract = typeof contract;
export type Area = keyof Contract;
export type OperationName = { [A in Area]: `${A}.${keyof Contract[A] & string}` }[Area];

export type TeamCreate = z.input<typeof TeamCreateInput>;
export type InitiativeCreate = z.input<typeof InitiativeCreateInput>;
export type MemberCreate = z.input<typeof MemberCreateInput>;
