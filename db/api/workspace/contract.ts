import { type } from '@orpc/contract';
import { z } from 'zod';
import type { CheckResult, ExportData, WorkspaceInfo } from '../../workspace/model';
import { changeManagers, everyone, mutation, noInput, query, text } from '../kit';

export const WorkspaceInitInput = z.strictObject({
  workspace: text('Workspace name', 120),
  me: text('Your name', 120),
});

export const workspace = {
  get: query('The workspace, the acting member and what they may do', 'anyone').input(noInput).output(type<WorkspaceInfo>()),
  init: mutation('Create the workspace in an empty database, with you as its first change manager', 'anyone', ['*'])
    .input(WorkspaceInitInput)
    .output(type<WorkspaceInfo>()),
  demo: mutation('Fill an empty database with a realistic demo workspace', 'anyone', ['*'])
    .input(z.strictObject({ seed: z.number().int().optional() }).optional().default({}))
    .output(type<WorkspaceInfo>()),
  update: mutation('Rename the workspace or set its recommendation link (a URL with {id})', changeManagers, ['workspace', 'history'])
    .input(
      z.strictObject({
        name: text('Workspace name', 120).optional(),
        /** '' or null clears it; the domain checks the pattern (http/https, contains {id}). */
        recommendationLink: z.string({ error: 'recommendationLink must be text' }).nullable().optional(),
      }),
    )
    .output(type<WorkspaceInfo>()),
  export: query('All workspace data in a deterministic order', everyone).input(noInput).output(type<ExportData>()),
  check: query('Integrity check, schema version, change-log consistency', everyone).input(noInput).output(type<CheckResult>()),
};
