import { type } from '@orpc/contract';
import { z } from 'zod';
import { type FailurePattern, FEEDBACK_CATEGORIES, PATTERN_STATUSES } from '../../feedback/model';
import type { PatternDetail } from '../../feedback/patterns';
import { ById, everyone, id, oneOf, optionalText, query, recordOperations, text, updateInput } from '../kit';

const patternFields = {
  name: text('Name', 160),
  category: oneOf('category', FEEDBACK_CATEGORIES),
  description: optionalText('Description', 2000),
  status: oneOf('status', PATTERN_STATUSES).optional(),
};
export const PatternCreateInput = z.strictObject({
  ...patternFields,
  feedbackIds: z.array(id).max(1000, 'group at most 1,000 items at once').optional(),
});
export const PatternUpdateInput = updateInput(patternFields);

const ops = recordOperations<FailurePattern>(['failurePatterns', 'feedback', 'history']);
export const failurePatterns = {
  list: ops.list('Failure patterns, with the teams, dates and count of their feedback'),
  get: query('A failure pattern: its feedback per month and its items', everyone).input(ById).output(type<PatternDetail>()),
  create: ops.triage('Name a failure pattern (and group feedback items into it)', PatternCreateInput),
  update: ops.triage('Change a failure pattern (its name, description or status)', PatternUpdateInput),
  delete: ops.triage('Delete a failure pattern (its items keep the link; restore undoes it)', ById),
  restore: ops.triage('Undo the deletion of a failure pattern', ById),
};
