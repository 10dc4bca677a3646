import { createFeedback, deleteFeedback, listFeedback, triageFeedback, updateFeedback } from '../../feedback/feedback';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const feedbackHandlers = {
  ...recordHandlers({ list: listFeedback, create: createFeedback, update: updateFeedback, remove: deleteFeedback }),
  triage: (ctx, input) => triageFeedback(ctx, input),
} satisfies AreaHandlers<'feedback'>;
