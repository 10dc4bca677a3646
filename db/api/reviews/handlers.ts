import { createReview, reviewQueue } from '../../reviews/reviews';
import type { AreaHandlers } from '../handlers';

export const reviewsHandlers = {
  queue: (ctx, input) => reviewQueue(ctx.engine, input),
  create: (ctx, input) => createReview(ctx, input),
} satisfies AreaHandlers<'reviews'>;
