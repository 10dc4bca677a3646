import { type } from '@orpc/contract';
import { z } from 'zod';
import { REVIEW_REASONS, REVIEW_VERDICTS, type ReviewItem } from '../../reviews/model';
import { championsAndManagers, id, mutation, oneOf, optionalText, query } from '../kit';

export const ReviewCreateInput = z.strictObject({
  initiativeId: id,
  recommendationId: z.string().min(1),
  userHash: z.string().min(1),
  verdict: z.enum(REVIEW_VERDICTS, { error: 'verdict is appropriate (the AI was wrong) or inappropriate (the AI was right)' }),
  reasonCode: oneOf('reasonCode', REVIEW_REASONS),
  note: optionalText('Note', 2000),
});

export const reviews = {
  queue: query('Overridden decisions not yet reviewed, sampled per initiative and team', championsAndManagers)
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
  create: mutation('Judge one override: appropriate (the AI was wrong) or not', championsAndManagers, ['reviews', 'reports', 'history'])
    .input(ReviewCreateInput)
    .output(type<{ id: string }>()),
};
