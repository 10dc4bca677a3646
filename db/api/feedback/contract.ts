import { type } from '@orpc/contract';
import { z } from 'zod';
import type { FeedbackExport } from '../../feedback/export';
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_CAUGHT,
  FEEDBACK_SEVERITIES,
  FEEDBACK_STATUSES,
  type Feedback,
  type FeedbackComment,
  type SimilarItem,
} from '../../feedback/model';
import {
  championsAndManagers,
  changeManagers,
  everyone,
  id,
  oneOf,
  optionalText,
  query,
  recordOperations,
  text,
  triageMutation,
  updateInput,
} from '../kit';

const feedbackFields = {
  initiativeId: id,
  modelVersion: optionalText('Model version', 80),
  teamId: id,
  caseRef: optionalText('Case reference', 120),
  aiSaid: text('What the AI said', 2000),
  whatWasRight: text('What was right', 2000),
  category: oneOf('category', FEEDBACK_CATEGORIES),
  severity: oneOf('severity', FEEDBACK_SEVERITIES),
  confidentlyWrong: z.boolean({ error: 'confidentlyWrong must be true or false' }).optional(),
  statedConfidence: z
    .number({ error: 'statedConfidence must be a whole number of per cent' })
    .int('statedConfidence must be a whole number of per cent')
    .min(0, 'statedConfidence is a percentage, 0 to 100')
    .max(100, 'statedConfidence is a percentage, 0 to 100')
    .nullable()
    .optional(),
  caught: oneOf('caught', FEEDBACK_CAUGHT),
  patternId: id.nullable().optional(),
};
export const FeedbackCreateInput = z.strictObject(feedbackFields);
export const FeedbackUpdateInput = updateInput(feedbackFields);
export const FeedbackTriageInput = z.strictObject({
  ids: z.array(id).min(1, 'pick at least one feedback item').max(1000, 'triage at most 1,000 items at once'),
  status: oneOf('status', FEEDBACK_STATUSES).optional(),
  assigneeId: id.nullable().optional(),
  resolvedVersion: optionalText('Resolved in version', 80),
  duplicateOfId: id.nullable().optional(),
});

export const FeedbackGroupInput = z.strictObject({
  ids: z.array(id).min(1, 'pick at least one feedback item').max(1000, 'group at most 1,000 items at once'),
  patternId: id.nullable(),
});
export const FeedbackSimilarInput = z.strictObject({
  text: z.string({ error: 'text must be text' }).max(4000, 'text: at most 4,000 characters'),
  limit: z.number().int().min(1).max(20).optional(),
});

export const FeedbackExportInput = z.strictObject({
  what: z.enum(['feedback', 'patterns'], { error: 'what must be feedback or patterns' }).default('feedback'),
  format: z.enum(['csv', 'json'], { error: 'format must be csv or json' }),
  initiativeId: id.nullable().optional(),
  teamId: id.nullable().optional(),
  show: z.enum(['open', 'done', 'all'], { error: 'show must be open, done or all' }).optional(),
});

export const CommentsInput = z.strictObject({ feedbackId: id });
export const CommentInput = z.strictObject({ feedbackId: id, body: text('Comment', 4000) });
export const CommentEditInput = z.strictObject({ id, body: text('Comment', 4000) });

const changes = ['feedback', 'failurePatterns', 'history'] as const;
const ops = recordOperations<Feedback>(changes);
const commentOps = recordOperations<FeedbackComment>(changes);
export const feedback = {
  list: ops.list('Feedback on wrong predictions, newest first'),
  create: ops.change('Log feedback on a wrong prediction (you are its reporter)', championsAndManagers, FeedbackCreateInput),
  update: ops.change('Correct what a feedback item says', championsAndManagers, FeedbackUpdateInput),
  triage: triageMutation('Triage feedback: status, assignee, fixed-in version, duplicate link (one or many items)', changes)
    .input(FeedbackTriageInput)
    .output(type<Feedback[]>()),
  group: triageMutation('Group feedback items into a failure pattern (or, with patternId null, take them out)', changes)
    .input(FeedbackGroupInput)
    .output(type<Feedback[]>()),
  similar: query('Open feedback and failure patterns that read like a text (suggestions while logging)', everyone)
    .input(FeedbackSimilarInput)
    .output(type<SimilarItem[]>()),
  export: query('Feedback or failure patterns as CSV (formula-safe) or JSON, filtered, for the model team', everyone)
    .input(FeedbackExportInput)
    .output(type<FeedbackExport>()),
  comments: query('The comments on a feedback item, oldest first', everyone).input(CommentsInput).output(type<FeedbackComment[]>()),
  comment: triageMutation('Comment on a feedback item (you are its author)', changes, championsAndManagers)
    .input(CommentInput)
    .output(type<FeedbackComment>()),
  editComment: commentOps.change('Change a comment you wrote', championsAndManagers, CommentEditInput),
  deleteComment: commentOps.byId('Delete a comment you wrote', championsAndManagers),
  delete: ops.byId('Remove a feedback item logged by mistake', changeManagers),
};
