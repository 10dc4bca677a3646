import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  role: text('role', { enum: ['change_manager', 'champion', 'sponsor'] }).notNull(),
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
  status: text('status', { enum: ['pilot', 'rolling_out', 'live', 'paused', 'retired'] }).notNull(),
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
  (t) => [uniqueIndex('change_log_identity').on(t.hlc, t.tbl, t.rowId, t.col), index('change_log_field').on(t.tbl, t.rowId, t.col, t.hlc)],
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

/** The synced tables and their columns, in the order export and the change log use. */
export const syncedTables = { workspace, members, teams, initiatives } as const;
export type SyncedTableName = keyof typeof syncedTables;
