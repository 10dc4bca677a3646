import { type } from '@orpc/contract';
import { z } from 'zod';
import { REVIEW_REASONS, REVIEW_VERDICTS, type Review, type ReviewItem, type ReviewSession } from '../../reviews/model';
import { championsAndManagers, id, mutation, noInput, oneOf, optionalText, query, recordOperations } from '../kit';

const verdict = z.enum(REVIEW_VERDICTS, { error: 'verdict is appropriate (the AI was wrong) or inappropriate (the AI was right)' });

export const ReviewCreateInput = z.strictObject({
  initiativeId: id,
  recommendationId: z.string().min(1),
  userHash: z.string().min(1),
  verdict,
  reasonCode: oneOf('reasonCode', REVIEW_REASONS),
  note: optionalText('Note', 2000),
  patternId: id.nullable().optional(),
});

export const ReviewUpdateInput = z.strictObject({
  id,
  verdict: verdict.optional(),
  reasonCode: oneOf('reasonCode', REVIEW_REASONS).optional(),
  note: optionalText('Note', 2000),
  patternId: id.nullable().optional(),
});

const SampleInput = z
  .strictObject({
    initiative: z.string().nullable().optional(),
    team: z.string().nullable().optional(),
    limit: z.number().int().min(1).max(200).optional().default(25),
  })
  .optional()
  .default({ limit: 25 });

const changes = ['reviews', 'reports', 'history'] as const;
const ops = recordOperations<Review>(changes);
export const reviews = {
  queue: query('Overridden decisions not yet reviewed, sampled per initiative and team', championsAndManagers)
    .input(SampleInput)
    .output(type<ReviewItem[]>()),
  create: mutation('Judge one override: appropriate (the AI was wrong) or not', championsAndManagers, changes)
    .input(ReviewCreateInput)
    .output(type<{ id: string }>()),
  update: ops.change('Change a verdict, its reason or note (the history keeps the earlier one)', championsAndManagers, ReviewUpdateInput),
  delete: ops.byId('Undo a verdict: the override waits for review again (the history keeps it)', championsAndManagers),
  current: query('Your review sample on this device and its progress (null before your first)', championsAndManagers)
    .input(noInput)
    .output(type<ReviewSession | null>()),
  start: mutation('Draw a new review sample for you on this device, replacing the one you had', championsAndManagers, ['reviews'])
    .input(SampleInput)
    .output(type<ReviewSession>()),
};
