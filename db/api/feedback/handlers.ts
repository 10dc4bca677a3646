import { addComment, deleteComment, editComment, listComments } from '../../feedback/comments';
import { exportFeedback } from '../../feedback/export';
import { createFeedback, deleteFeedback, listFeedback, triageFeedback, updateFeedback } from '../../feedback/feedback';
import { groupFeedback } from '../../feedback/patterns';
import { similarFeedback } from '../../feedback/search';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const feedbackHandlers = {
  ...recordHandlers({ list: listFeedback, create: createFeedback, update: updateFeedback, remove: deleteFeedback }),
  triage: (ctx, input) => triageFeedback(ctx, input),
  group: (ctx, input) => groupFeedback(ctx, input),
  export: (ctx, input) => exportFeedback(ctx.engine, input),
  similar: (ctx, input) => similarFeedback(ctx.engine, input.text, input.limit),
  comments: (ctx, input) => listComments(ctx.engine, input.feedbackId),
  comment: (ctx, input) => addComment(ctx, input),
  editComment: (ctx, input) => editComment(ctx, input),
  deleteComment: (ctx, input) => deleteComment(ctx, input.id),
} satisfies AreaHandlers<'feedback'>;
