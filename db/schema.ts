import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ACTIVITY_KINDS, CHAMPION_STATUSES } from './champions/model';
import { FEEDBACK_CATEGORIES, FEEDBACK_CAUGHT, FEEDBACK_SEVERITIES, FEEDBACK_STATUSES, PATTERN_STATUSES } from './feedback/model';
import { INITIATIVE_STATUSES } from './initiatives/model';
import { ROLES } from './members/model';
import { REVIEW_REASONS, REVIEW_VERDICTS } from './reviews/model';
import { SHADOW_PROCESS_KINDS } from './shadow-processes/model';
import { IMPORT_KINDS } from './signals/model';
import { PLAN_CHANNELS } from './stakeholder-plan/model';
import { ACTION_STATUSES, SENTIMENTS, SESSION_KINDS } from './stakeholder-sessions/model';
import { CONCERN_KINDS, CONCERN_STATUSES, FIELD_TYPES, SUPPORT_LEVELS } from './stakeholders/model';
import type { SyncedTableName } from './synced';

/*
 * Synced tables: every row has a device-made text id, a `deleted` tombstone and `last_hlc`,
 * the HLC of the last change applied to it. Triggers (migration 0001) refuse any insert or
 * update whose `last_hlc` has no matching change-log record, and any hard delete, so nothing
 * can change synced data behind the write path's back.
 *
 * References between synced rows carry no FOREIGN KEY: sync delivers fields in any order, so a
 * child may arrive before its parent. The write path validates references; readers tolerate
 * dangling ones.
 */
const synced = {
  id: text('id').primaryKey(),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  lastHlc: text('last_hlc').notNull(),
};

export const workspace = sqliteTable('workspace', {
  ...synced,
  name: text('name').notNull(),
});

export const members = sqliteTable('members', {
  ...synced,
  name: text('name').notNull(),
  email: text('email'),
  role: text('role', { enum: ROLES }).notNull(),
});

export const teams = sqliteTable(
  'teams',
  {
    ...synced,
    name: text('name').notNull(),
    parentId: text('parent_id'),
    region: text('region'),
    businessUnit: text('business_unit'),
    headcount: integer('headcount'),
  },
  (t) => [index('teams_parent').on(t.parentId)],
);

export const initiatives = sqliteTable('initiatives', {
  ...synced,
  name: text('name').notNull(),
  description: text('description'),
  status: text('status', { enum: INITIATIVE_STATUSES }).notNull(),
  goLive: text('go_live'),
  /** JSON array of strings. */
  modelVersions: text('model_versions').notNull().default('[]'),
  /** JSON `{"memberId": …}` or `{"name": …}`; null when the role is unfilled. */
  businessSponsor: text('business_sponsor'),
  productOwner: text('product_owner'),
  technicalLead: text('technical_lead'),
});

/**
 * The change log: one record per changed field. It is both the audit trail and what sync ships.
 * Append-only (triggers refuse update and delete). `value` is JSON.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    hlc: text('hlc').notNull(),
    deviceId: text('device_id').notNull(),
    authorId: text('author_id'),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    col: text('col').notNull(),
    value: text('value'),
  },
  (t) => [
    uniqueIndex('change_log_identity').on(t.hlc, t.tbl, t.rowId, t.col),
    index('change_log_field').on(t.tbl, t.rowId, t.col, t.hlc),
    // A device's own records after the last it published, whatever else the log holds (sync, status).
    index('change_log_device').on(t.deviceId, t.seq),
  ],
);

/** Local-only state of this device (never synced, never exported). */
export const localState = sqliteTable('local_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Members who have a profile on this device: the ones `--as` and the profile switcher may act as. */
export const localProfiles = sqliteTable('local_profiles', {
  memberId: text('member_id').primaryKey(),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** Workspace settings (weights, thresholds, the key that hashes user ids): one row per setting, value JSON. */
export const settings = sqliteTable('settings', {
  ...synced,
  value: text('value').notNull(),
});

/**
 * One imported file of signal data (usage, decisions, pulse). Its rows are not logged field by
 * field: the batch is the change-log record (who imported which file, when, its SHA-256, the
 * counts), and rows carry its id. Rows may be written only while their batch is open (triggers).
 */
export const importBatches = sqliteTable('import_batches', {
  ...synced,
  kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  /** JSON: rows read, new, changed/replaced, unchanged/duplicate. */
  counts: text('counts').notNull().default('{}'),
  open: integer('open', { mode: 'boolean' }).notNull().default(true),
});

/** The shadow-process register: parallel spreadsheets, double checks and paper kept as a hedge. */
export const shadowProcesses = sqliteTable('shadow_processes', {
  ...synced,
  name: text('name').notNull(),
  teamId: text('team_id').notNull(),
  initiativeId: text('initiative_id'),
  kind: text('kind', { enum: SHADOW_PROCESS_KINDS }).notNull(),
  owner: text('owner'),
  usersInvolved: integer('users_involved').notNull(),
  reason: text('reason'),
  /** Free text from before the register linked patterns; shown as text when it names no pattern. */
  failurePattern: text('failure_pattern'),
  /** The failure pattern that keeps the process alive (failure_patterns.id). */
  failurePatternId: text('failure_pattern_id'),
  firstSeen: text('first_seen').notNull(),
  retiredOn: text('retired_on'),
});

/** The stakeholder register: the people whose support the rollout needs, rated and assessed (ADKAR). */
export const stakeholders = sqliteTable('stakeholders', {
  ...synced,
  name: text('name').notNull(),
  title: text('title'),
  teamId: text('team_id').notNull(),
  email: text('email'),
  influence: integer('influence').notNull(),
  interest: integer('interest').notNull(),
  support: text('support', { enum: SUPPORT_LEVELS }).notNull(),
  // ADKAR scores 1–5; null = not assessed yet.
  awareness: integer('awareness'),
  desire: integer('desire'),
  knowledge: integer('knowledge'),
  ability: integer('ability'),
  reinforcement: integer('reinforcement'),
  ownerMemberId: text('owner_member_id'),
  /** JSON array of strings. */
  tags: text('tags').notNull().default('[]'),
  notes: text('notes'),
  /**
   * When the ratings last changed in a session, and which: written with the ratings, so the
   * timeline dates that change at the session rather than at the moment it was logged.
   */
  ratedAt: text('rated_at'),
  ratedInSessionId: text('rated_in_session_id'),
});

/** A field the workspace adds to its stakeholders (docs/stakeholders.md, "Custom fields"). */
export const stakeholderFields = sqliteTable('stakeholder_fields', {
  ...synced,
  name: text('name').notNull(),
  type: text('type', { enum: FIELD_TYPES }).notNull(),
  /** JSON array of the choices, in order (type "choice"); "[]" otherwise. */
  choices: text('choices').notNull().default('[]'),
  position: integer('position').notNull(),
});

/**
 * One stakeholder's value of one custom field: a row per stakeholder × field, its id derived from
 * the pair, so two devices that set different fields of one person each keep their edit (a JSON
 * column on the stakeholder would be one value, last writer wins). A cleared value is null.
 */
export const stakeholderFieldValues = sqliteTable(
  'stakeholder_field_values',
  {
    ...synced,
    stakeholderId: text('stakeholder_id').notNull(),
    fieldId: text('field_id').notNull(),
    value: text('value'),
  },
  (t) => [index('stakeholder_field_values_stakeholder').on(t.stakeholderId), index('stakeholder_field_values_field').on(t.fieldId)],
);

/** A stakeholder's concern about the rollout, with its own status and history. */
export const stakeholderConcerns = sqliteTable(
  'stakeholder_concerns',
  {
    ...synced,
    stakeholderId: text('stakeholder_id').notNull(),
    kind: text('kind', { enum: CONCERN_KINDS }).notNull(),
    label: text('label'),
    status: text('status', { enum: CONCERN_STATUSES }).notNull(),
    note: text('note'),
    /** The session it was raised in, and the one that last moved it on (being addressed, resolved). */
    raisedInSessionId: text('raised_in_session_id'),
    addressedInSessionId: text('addressed_in_session_id'),
  },
  (t) => [index('stakeholder_concerns_stakeholder').on(t.stakeholderId)],
);

/** A meeting with stakeholders: a one-to-one, a workshop, a steering committee… */
export const stakeholderSessions = sqliteTable(
  'stakeholder_sessions',
  {
    ...synced,
    /** Local date and time, YYYY-MM-DDTHH:MM. */
    at: text('at').notNull(),
    kind: text('kind', { enum: SESSION_KINDS }).notNull(),
    initiativeId: text('initiative_id'),
    facilitatorMemberId: text('facilitator_member_id').notNull(),
    notes: text('notes'),
    decisions: text('decisions'),
  },
  (t) => [index('stakeholder_sessions_at').on(t.at)],
);

/** Who attended a session and how they came across; a removed attendee is a tombstone. */
export const sessionAttendees = sqliteTable(
  'session_attendees',
  {
    ...synced,
    sessionId: text('session_id').notNull(),
    stakeholderId: text('stakeholder_id').notNull(),
    sentiment: text('sentiment', { enum: SENTIMENTS }),
  },
  // By session, covering what relationship health reads (who attended, not deleted): one index probe per session, no row reads.
  (t) => [
    index('session_attendees_session').on(t.sessionId, t.deleted, t.stakeholderId),
    index('session_attendees_stakeholder').on(t.stakeholderId),
  ],
);

/** A follow-up action: what, who, by when; optionally from a session and about a stakeholder. */
export const stakeholderActions = sqliteTable('stakeholder_actions', {
  ...synced,
  what: text('what').notNull(),
  ownerMemberId: text('owner_member_id').notNull(),
  due: text('due').notNull(),
  status: text('status', { enum: ACTION_STATUSES }).notNull(),
  sessionId: text('session_id'),
  stakeholderId: text('stakeholder_id'),
});

/** A planned touchpoint of the communication plan: a message to a team or a tag, once or every N days. */
export const planTouchpoints = sqliteTable('plan_touchpoints', {
  ...synced,
  message: text('message').notNull(),
  channel: text('channel', { enum: PLAN_CHANNELS }).notNull(),
  teamId: text('team_id'),
  tag: text('tag'),
  everyDays: integer('every_days'),
  ownerMemberId: text('owner_member_id').notNull(),
  startOn: text('start_on').notNull(),
  lastDeliveredOn: text('last_delivered_on'),
  lastSessionId: text('last_session_id'),
});

/** A champion program for one initiative, with its coverage target (active champions per active user). */
export const championPrograms = sqliteTable('champion_programs', {
  ...synced,
  name: text('name').notNull(),
  initiativeId: text('initiative_id').notNull(),
  coverageTarget: real('coverage_target').notNull(),
});

/** A member championing the initiative in one team. */
export const champions = sqliteTable(
  'champions',
  {
    ...synced,
    programId: text('program_id').notNull(),
    memberId: text('member_id').notNull(),
    teamId: text('team_id').notNull(),
    since: text('since').notNull(),
    status: text('status', { enum: CHAMPION_STATUSES }).notNull(),
  },
  (t) => [index('champions_program').on(t.programId)],
);

/** What a champion ran: a demo, office hours, a training… */
export const championActivities = sqliteTable(
  'champion_activities',
  {
    ...synced,
    programId: text('program_id').notNull(),
    championId: text('champion_id').notNull(),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    date: text('date').notNull(),
    attendance: integer('attendance').notNull(),
    notes: text('notes'),
  },
  (t) => [index('champion_activities_program').on(t.programId)],
);

/** Feedback on a wrong prediction, from the frontline, and its triage. */
export const feedback = sqliteTable(
  'feedback',
  {
    ...synced,
    initiativeId: text('initiative_id').notNull(),
    modelVersion: text('model_version'),
    teamId: text('team_id').notNull(),
    caseRef: text('case_ref'),
    aiSaid: text('ai_said').notNull(),
    whatWasRight: text('what_was_right').notNull(),
    category: text('category', { enum: FEEDBACK_CATEGORIES }).notNull(),
    severity: text('severity', { enum: FEEDBACK_SEVERITIES }).notNull(),
    confidentlyWrong: integer('confidently_wrong', { mode: 'boolean' }).notNull().default(false),
    statedConfidence: integer('stated_confidence'),
    caught: text('caught', { enum: FEEDBACK_CAUGHT }).notNull(),
    reporterId: text('reporter_id'),
    reportedAt: text('reported_at').notNull(),
    status: text('status', { enum: FEEDBACK_STATUSES }).notNull(),
    assigneeId: text('assignee_id'),
    resolvedVersion: text('resolved_version'),
    duplicateOfId: text('duplicate_of_id'),
    patternId: text('pattern_id'),
  },
  (t) => [index('feedback_initiative').on(t.initiativeId, t.status), index('feedback_pattern').on(t.patternId)],
);

/** A comment on a feedback item, by the member who wrote it (only they change or delete it). */
export const feedbackComments = sqliteTable(
  'feedback_comments',
  {
    ...synced,
    feedbackId: text('feedback_id').notNull(),
    authorId: text('author_id').notNull(),
    body: text('body').notNull(),
    /** ISO timestamp (UTC) it was written; edits keep it. */
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('feedback_comments_feedback').on(t.feedbackId)],
);

/** A named failure pattern; its teams, dates and count come from the feedback linked to it. */
export const failurePatterns = sqliteTable('failure_patterns', {
  ...synced,
  name: text('name').notNull(),
  category: text('category', { enum: FEEDBACK_CATEGORIES }).notNull(),
  description: text('description'),
  status: text('status', { enum: PATTERN_STATUSES }).notNull(),
});

/** A reviewer's verdict on one overridden decision: was the override right (the AI was wrong)? */
export const overrideReviews = sqliteTable(
  'override_reviews',
  {
    ...synced,
    initiativeId: text('initiative_id').notNull(),
    recommendationId: text('recommendation_id').notNull(),
    userHash: text('user_hash').notNull(),
    verdict: text('verdict', { enum: REVIEW_VERDICTS }).notNull(),
    reasonCode: text('reason_code', { enum: REVIEW_REASONS }).notNull(),
    note: text('note'),
    /** The failure pattern an appropriate override is an instance of (failure_patterns.id). */
    patternId: text('pattern_id'),
  },
  (t) => [index('override_reviews_decision').on(t.initiativeId, t.recommendationId, t.userHash)],
);

/**
 * A reviewer's override sample and its order, one per member on this device. Local, never synced:
 * it is one person's work in progress (which overrides they drew, in what order), not workspace
 * data; two devices syncing half-done samples would merge into a queue nobody drew. The verdicts
 * themselves are synced (override_reviews), so progress is derived from them.
 */
export const reviewSessions = sqliteTable('review_sessions', {
  memberId: text('member_id').primaryKey(),
  /** JSON: the filters the sample was drawn for ({ initiative, team }). */
  filters: text('filters').notNull(),
  startedAt: text('started_at').notNull(),
});

/** The overrides of a review sample, in order; `item` is the ReviewItem as drawn (JSON). */
export const reviewSessionItems = sqliteTable(
  'review_session_items',
  {
    memberId: text('member_id').notNull(),
    position: integer('position').notNull(),
    item: text('item').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.position] })],
);

/** usage.csv rows; key (month, team, initiative): the later batch wins. */
export const usage = sqliteTable(
  'usage',
  {
    month: text('month').notNull(),
    teamId: text('team_id').notNull(),
    initiativeId: text('initiative_id').notNull(),
    licensedUsers: integer('licensed_users').notNull(),
    activeUsers: integer('active_users').notNull(),
    workflowsStarted: integer('workflows_started').notNull(),
    workflowsCompleted: integer('workflows_completed').notNull(),
    batchId: text('batch_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.teamId, t.initiativeId] })],
);

/** pulse.csv rows (trust pulse survey); key (month, team, initiative): the later batch wins. */
export const pulse = sqliteTable(
  'pulse',
  {
    month: text('month').notNull(),
    teamId: text('team_id').notNull(),
    initiativeId: text('initiative_id').notNull(),
    respondents: integer('respondents').notNull(),
    trustMean: real('trust_mean').notNull(),
    manualBackup: integer('manual_backup').notNull(),
    batchId: text('batch_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.teamId, t.initiativeId] })],
);

/**
 * The people directory (people.csv, or an HR / Entra ID export through a mapping): who is in
 * which team from which day. `user` is the same keyed hash of the user id the decisions use (no
 * id or email is stored). A re-import adds a row from its effective date for each person who
 * moved, so the history of moves is kept; key (user, effective_from): the later batch wins.
 */
export const people = sqliteTable(
  'people',
  {
    user: text('user').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    teamId: text('team_id').notNull(),
    region: text('region'),
    /** The manager's user id, hashed like `user`. */
    manager: text('manager'),
    batchId: text('batch_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.user, t.effectiveFrom] })],
);

/**
 * Column mappings saved on this device (not synced: a mapping is how one person's exports look;
 * a preset file shares one). `definition` is the ImportMapping as JSON.
 */
export const importMappings = sqliteTable('import_mappings', {
  name: text('name').primaryKey(),
  kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
  definition: text('definition').notNull(),
  savedAt: text('saved_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/**
 * Local integer keys for the big signal tables: team and initiative ids, hashed users and batch
 * ids as small integers keep a million decisions at about 40 bytes a row, so imports and reports
 * stay in cache. Local to this device; export and sync translate back to the text ids.
 */
export const signalKeys = sqliteTable(
  'signal_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['team', 'initiative', 'user', 'batch'] }).notNull(),
    value: text('value').notNull(),
  },
  (t) => [uniqueIndex('signal_keys_value').on(t.kind, t.value)],
);

/**
 * decisions.csv rows (WITHOUT ROWID: the key is the table). `user` is the key of an HMAC of the
 * user id with the workspace's secret: no name is stored. Key (initiative, recommendation, user):
 * identical rows are no-ops, a later timestamp replaces. `month` is YYYYMM (UTC); `action`:
 * 0 accepted, 1 edited, 2 overridden, 3 ignored.
 */
export const decisions = sqliteTable(
  'decisions',
  {
    initiative: integer('initiative').notNull(),
    recommendationId: text('recommendation_id').notNull(),
    user: integer('user').notNull(),
    ts: integer('ts').notNull(),
    month: integer('month').notNull(),
    team: integer('team').notNull(),
    action: integer('action').notNull(),
    reason: text('reason'),
    batch: integer('batch').notNull(),
    /** Optional free text from the file: what the AI recommended and what the person did. */
    recommended: text('recommended'),
    final: text('final'),
  },
  (t) => [primaryKey({ columns: [t.initiative, t.recommendationId, t.user] })],
);

/** Decision counts per (initiative, team, month), kept exact inside each import's transaction. */
export const decisionCounts = sqliteTable(
  'decision_counts',
  {
    initiative: integer('initiative').notNull(),
    team: integer('team').notNull(),
    month: integer('month').notNull(),
    accepted: integer('accepted').notNull(),
    edited: integer('edited').notNull(),
    overridden: integer('overridden').notNull(),
    ignored: integer('ignored').notNull(),
  },
  (t) => [primaryKey({ columns: [t.initiative, t.team, t.month] })],
);

/** Per-user decision counts per (initiative, team, month), for habitual overriders. */
export const decisionUserCounts = sqliteTable(
  'decision_user_counts',
  {
    initiative: integer('initiative').notNull(),
    team: integer('team').notNull(),
    month: integer('month').notNull(),
    user: integer('user').notNull(),
    total: integer('total').notNull(),
    acted: integer('acted').notNull(),
    overridden: integer('overridden').notNull(),
  },
  // In user order: habitual overriders sum each user's months without sorting, and the table is
  // the only B-tree an import writes for it (a covering index in this order beside a month-ordered
  // key cost a fifth of a 1,000,000-row import; the report reads no other order).
  (t) => [primaryKey({ columns: [t.initiative, t.team, t.user, t.month] })],
);

/** The synced tables by SQL name, in the order of SYNCED_TABLES (export, the change log, the guards). */
export const syncedTables = {
  workspace,
  members,
  teams,
  initiatives,
  settings,
  import_batches: importBatches,
  shadow_processes: shadowProcesses,
  override_reviews: overrideReviews,
  stakeholders,
  stakeholder_concerns: stakeholderConcerns,
  stakeholder_sessions: stakeholderSessions,
  session_attendees: sessionAttendees,
  stakeholder_actions: stakeholderActions,
  champion_programs: championPrograms,
  champions,
  champion_activities: championActivities,
  feedback,
  failure_patterns: failurePatterns,
  plan_touchpoints: planTouchpoints,
  feedback_comments: feedbackComments,
  stakeholder_fields: stakeholderFields,
  stakeholder_field_values: stakeholderFieldValues,
} as const satisfies Record<SyncedTableName, unknown>;
export type { SyncedTableName };

/** Signal data written in batches (rows carry `batch_id`), exported with the workspace. */
export const batchTables = { usage, pulse, decisions, people } as const;
