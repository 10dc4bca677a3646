import { createPattern, deletePattern, listPatterns, patternDetail, restorePattern, updatePattern } from '../../feedback/patterns';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const failurePatternsHandlers = {
  ...recordHandlers({ list: listPatterns, create: createPattern, update: updatePattern, remove: deletePattern }),
  get: (ctx, input) => patternDetail(ctx.engine, input.id),
  restore: (ctx, input) => restorePattern(ctx, input.id),
} satisfies AreaHandlers<'failurePatterns'>;
