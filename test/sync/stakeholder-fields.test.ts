import { describe, expect, it } from 'vitest';
import { exportWorkspace } from '../../db/export';
import { createMember } from '../../db/members/members';
import { createField, listFields } from '../../db/stakeholders/fields';
import { createStakeholder, getStakeholder, updateStakeholder } from '../../db/stakeholders/stakeholders';
import { joinWorkspace, syncFolder } from '../../db/sync/sync';
import { createTeam } from '../../db/teams/teams';
import { initWorkspace } from '../../db/workspace/workspace';
import { twoDatabases } from './devices';

/*
 * Custom field values are rows of their own, one per stakeholder × field, with the same id on
 * every device: two change managers who set different fields of one person offline both keep their
 * edit (one JSON column on the stakeholder would keep only the later of the two).
 */
describe('custom stakeholder fields across devices', () => {
  it('two devices editing different fields of the same stakeholder both keep their edit; the same field takes the later edit', () => {
    const { folder, a, b } = twoDatabases('uptake-sync-fields-');
    const dana = { engine: a, authorId: initWorkspace(a, 'Acme', 'Dana Lee').id };
    const ana = createMember(dana, { name: 'Ana Silva', role: 'change_manager' });
    const team = createTeam(dana, { name: 'Claims North' });
    const ravi = createStakeholder(dana, { name: 'Ravi', teamId: team.id, influence: 3, interest: 3, support: 'neutral' });
    const region = createField(dana, { name: 'Region', type: 'choice', choices: ['North', 'South', 'Central'] });
    const review = createField(dana, { name: 'Next review', type: 'date' });
    syncFolder(a, folder);
    const onB = { engine: b, authorId: joinWorkspace(b, folder, ana.name).memberId };
    expect(listFields(b).map((f) => f.name)).toEqual(['Region', 'Next review']);

    /** A sets Ravi's fields, then B (offline from each other); after A, B and A sync, both devices hold `expected`. */
    const editOfflineThenSync = (fromA: Record<string, string>, fromB: Record<string, string>, expected: Record<string, string>) => {
      updateStakeholder(dana, { id: ravi.id, fields: fromA });
      updateStakeholder(onB, { id: ravi.id, fields: fromB });
      syncFolder(a, folder);
      syncFolder(b, folder);
      syncFolder(a, folder);
      for (const engine of [a, b]) expect(getStakeholder(engine, ravi.id).fields).toEqual(expected);
    };
    // Offline, each sets a different field of Ravi.
    editOfflineThenSync({ [region.id]: 'North' }, { [review.id]: '2026-04-01' }, { [region.id]: 'North', [review.id]: '2026-04-01' });
    // Both change his region: the later edit holds on both devices.
    editOfflineThenSync({ [region.id]: 'South' }, { [region.id]: 'Central' }, { [region.id]: 'Central', [review.id]: '2026-04-01' });
    expect(JSON.stringify(exportWorkspace(b))).toBe(JSON.stringify(exportWorkspace(a)));
  });
});
