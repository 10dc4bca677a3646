import { type } from '@orpc/contract';
import { z } from 'zod';
import { type FailurePattern, FEEDBACK_CATEGORIES, PATTERN_STATUSES } from '../../feedback/model';
import type { PatternDetail } from '../../feedback/patterns';
import { ById, everyone, id, oneOf, optionalText, query, recordOperations, text, triageMutation, updateInput } from '../kit';

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

const changes = ['failurePatterns', 'feedback', 'history'] as const;
export const failurePatterns = {
  list: recordOperations<FailurePattern>(changes).list('Failure patterns, with the teams, dates and count of their feedback'),
  get: query('A failure pattern: its feedback per month and its items', everyone).input(ById).output(type<PatternDetail>()),
  create: triageMutation('Name a failure pattern (and group feedback items into it)', changes)
    .input(PatternCreateInput)
    .output(type<FailurePattern>()),
  update: triageMutation('Change a failure pattern (its name, description or status)', changes)
    .input(PatternUpdateInput)
    .output(type<FailurePattern>()),
  delete: triageMutation('Delete a failure pattern (its items keep the link; restore undoes it)', changes)
    .input(ById)
    .output(type<FailurePattern>()),
  restore: triageMutation('Undo the deletion of a failure pattern', changes).input(ById).output(type<FailurePattern>()),
};
