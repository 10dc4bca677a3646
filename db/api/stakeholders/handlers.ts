import { stakeholdersCsv } from '../../stakeholders/csv';
import {
  createConcern,
  createStakeholder,
  deleteConcern,
  deleteStakeholder,
  getStakeholder,
  listConcerns,
  listStakeholders,
  restoreStakeholder,
  stakeholderTimeline,
  updateConcern,
  updateStakeholder,
} from '../../stakeholders/stakeholders';
import { gapContacts, teamView } from '../../stakeholders/teams';
import { type AreaHandlers, recordHandlers } from '../handlers';

export const stakeholdersHandlers = {
  ...recordHandlers({ list: listStakeholders, create: createStakeholder, update: updateStakeholder, remove: deleteStakeholder }),
  get: (ctx, input) => getStakeholder(ctx.engine, input.id),
  timeline: (ctx, input) => stakeholderTimeline(ctx.engine, input.id),
  restore: (ctx, input) => restoreStakeholder(ctx, input.id),
  concerns: (ctx, input) => {
    getStakeholder(ctx.engine, input.stakeholderId);
    return listConcerns(ctx.engine, input.stakeholderId);
  },
  addConcern: (ctx, input) => createConcern(ctx, input),
  updateConcern: (ctx, input) => updateConcern(ctx, input),
  deleteConcern: (ctx, input) => deleteConcern(ctx, input.id),
  teams: (ctx, input) => teamView(ctx.engine, input.today),
  exportCsv: (ctx) => stakeholdersCsv(ctx.engine),
  gapContacts: (ctx, input) => gapContacts(ctx.engine, input.today),
} satisfies AreaHandlers<'stakeholders'>;
