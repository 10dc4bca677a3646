import { type } from '@orpc/contract';
import { z } from 'zod';
import type { JoinableWorkspace, SyncConflict, SyncStatus, SyncSummary } from '../../sync/model';
import type { WorkspaceInfo } from '../../workspace/model';
import { changeManagers, everyone, mutation, noInput, query, text } from '../kit';

export const SyncRunInput = z
  .strictObject({
    /** The shared folder (a full path); default: the one this device synced with last. */
    folder: z.string().trim().min(1, 'folder cannot be empty').max(4096, 'folder is longer than 4096 characters').optional(),
    /** Apply a sync that deletes many records (otherwise it stops before applying and says so). */
    allowMassDelete: z.boolean().optional(),
    /** Write a snapshot of this device's state now (otherwise every 10,000 published changes). */
    snapshot: z.boolean().optional(),
    /** Remove this device's change files every device has passed and a snapshot holds (otherwise after each snapshot). */
    compact: z.boolean().optional(),
  })
  .optional()
  .default({});

export const SyncJoinInput = z.strictObject({
  folder: z.string().trim().min(1, 'folder cannot be empty').max(4096, 'folder is longer than 4096 characters'),
  member: text('Your name as a change manager added you', 120),
  workspace: z.string().trim().min(1).max(200).optional(),
});

export const SyncResolveInput = z.strictObject({
  table: z.string().min(1),
  id: z.string().min(1),
  field: z.string().min(1),
  /** The stamp of the other (losing) value, as listed: the conflict is found again by it. */
  otherHlc: z.string().min(1),
  keep: z.enum(['current', 'other'], { error: 'keep must be current or other' }),
});

// Every member syncs: a sponsor's device receives the workspace through the folder like anyone's.
export const sync = {
  run: mutation("Publish this device's changes to the shared folder and apply the other devices' (the folder is remembered)", everyone, [
    '*',
  ])
    .input(SyncRunInput)
    .output(type<SyncSummary>()),
  // Anyone: an empty database has no member yet; the member named must exist in the workspace.
  join: mutation('Make this empty database a new device of a workspace on the shared folder, as a member added there', 'anyone', ['*'])
    .input(SyncJoinInput)
    .output(type<WorkspaceInfo & { sync: SyncSummary }>()),
  // Anyone: a new device (no workspace, no member yet) looks before it joins.
  joinable: query('The workspaces in a shared folder and their members, to choose whom to join as', 'anyone')
    .input(z.strictObject({ folder: SyncJoinInput.shape.folder }))
    .output(type<JoinableWorkspace[]>()),
  folder: query('The shared folder this device syncs with', everyone).input(noInput).output(type<{ folder: string | null }>()),
  status: query('Where sync stands on this device: last run, pending changes, devices seen, problems', everyone)
    .input(noInput)
    .output(type<SyncStatus>()),
  conflicts: query('Fields two devices changed without seeing each other', everyone).input(noInput).output(type<SyncConflict[]>()),
  // Keeping the other value edits the record (teams, initiatives, members…): change managers only, like those edits.
  resolve: mutation('Settle a conflict: keep the current value, or write the other one again as a new change', changeManagers, ['*'])
    .input(SyncResolveInput)
    .output(type<SyncConflict>()),
};
