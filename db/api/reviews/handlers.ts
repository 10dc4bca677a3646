import { createReview, currentReviewSession, deleteReview, reviewQueue, startReviewSession, updateReview } from '../../reviews/reviews';
import type { AreaHandlers } from '../handlers';

export const reviewsHandlers = {
  queue: (ctx, input) => reviewQueue(ctx.engine, input),
  create: (ctx, input) => createReview(ctx, input),
  update: (ctx, { id, ...change }) => updateReview(ctx, id, change),
  delete: (ctx, input) => deleteReview(ctx, input.id),
  current: (ctx) => currentReviewSession(ctx),
  start: (ctx, input) => startReviewSession(ctx, input),
} satisfies AreaHandlers<'reviews'>;
