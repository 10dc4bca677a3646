import { stakeholdersCsv } from '../../stakeholders/csv';
import { checkInScope, describeScope, inScope, teamScope } from '../../stakeholders/scope';
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
import type { Ctx } from '../context';
import { type AreaHandlers, recordHandlers } from '../handlers';

/** Champions read the stakeholders of the teams they champion (db/stakeholders/scope.ts). */
const scopeOf = (ctx: Ctx) => teamScope(ctx.engine, ctx.actor);
/** The stakeholder, when the acting member may see them. */
function visible(ctx: Ctx, id: string) {
  const stakeholder = getStakeholder(ctx.engine, id);
  checkInScope(scopeOf(ctx), stakeholder.teamId);
  return stakeholder;
}

export const stakeholdersHandlers = {
  ...recordHandlers({ list: listStakeholders, create: createStakeholder, update: updateStakeholder, remove: deleteStakeholder }),
  list: (ctx, input) => {
    const scope = scopeOf(ctx);
    return listStakeholders(ctx.engine, input.includeDeleted).filter((s) => inScope(scope, s.teamId));
  },
  scope: (ctx) => describeScope(ctx.engine, ctx.actor),
  get: (ctx, input) => visible(ctx, input.id),
  timeline: (ctx, input) => {
    visible(ctx, input.id);
    return stakeholderTimeline(ctx.engine, input.id);
  },
  restore: (ctx, input) => restoreStakeholder(ctx, input.id),
  concerns: (ctx, input) => {
    visible(ctx, input.stakeholderId);
    return listConcerns(ctx.engine, input.stakeholderId);
  },
  addConcern: (ctx, input) => createConcern(ctx, input),
  updateConcern: (ctx, input) => updateConcern(ctx, input),
  deleteConcern: (ctx, input) => deleteConcern(ctx, input.id),
  teams: (ctx, input) => teamView(ctx.engine, input.today, scopeOf(ctx)),
  exportCsv: (ctx) => stakeholdersCsv(ctx.engine, scopeOf(ctx)),
  gapContacts: (ctx, input) => gapContacts(ctx.engine, input.today, scopeOf(ctx)),
} satisfies AreaHandlers<'stakeholders'>;
