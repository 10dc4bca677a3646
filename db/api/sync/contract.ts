import { type } from '@orpc/contract';
import { z } from 'zod';
import type { SyncSummary } from '../../sync/model';
import type { WorkspaceInfo } from '../../workspace/model';
import { everyone, mutation, noInput, query, text } from '../kit';

export const SyncRunInput = z
  .strictObject({
    /** The shared folder (a full path); default: the one this device synced with last. */
    folder: z.string().trim().min(1, 'folder cannot be empty').max(4096, 'folder is longer than 4096 characters').optional(),
    /** Apply a sync that deletes many records (otherwise it stops before applying and says so). */
    allowMassDelete: z.boolean().optional(),
  })
  .optional()
  .default({});

export const SyncJoinInput = z.strictObject({
  folder: z.string().trim().min(1, 'folder cannot be empty').max(4096, 'folder is longer than 4096 characters'),
  member: text('Your name as a change manager added you', 120),
  workspace: z.string().trim().min(1).max(200).optional(),
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
  folder: query('The shared folder this device syncs with', everyone).input(noInput).output(type<{ folder: string | null }>()),
};
