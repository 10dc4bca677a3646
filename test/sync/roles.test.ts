import { afterEach, describe, expect, it, vi } from 'vitest';
import { permissions } from '../../db/api/permissions';
import { exportWorkspace } from '../../db/export';
import { formatHlc } from '../../db/hlc';
import { createMember, updateMember } from '../../db/members/members';
import type { Engine } from '../../db/open';
import { createShadowProcess, listShadowProcesses, updateShadowProcess } from '../../db/shadow-processes/shadow-processes';
import { joinWorkspace, syncFolder } from '../../db/sync/sync';
import { SYNCED_DELETERS, SYNCED_WRITERS } from '../../db/synced';
import { createTeam, listTeams, updateTeam } from '../../db/teams/teams';
import { initWorkspace } from '../../db/workspace/workspace';
import { deviceId, setLocal } from '../../db/write';
import { twoDatabases } from './devices';

/*
 * Roles hold across devices: a received change whose author's role (as the writing device knew
 * it) does not allow it is not applied, and the summary names the device and the member. The
 * changes here are written through the domain functions, below the API's permission check: what
 * an older build, a bug or a hand-made database would publish.
 */

afterEach(() => {
  vi.useRealTimers();
});

function twoDevices() {
  const { folder, a, b } = twoDatabases('uptake-sync-roles-');
  const dana = initWorkspace(a, 'Acme', 'Dana Lee');
  return { folder, a, b, dana: { engine: a, authorId: dana.id } };
}

const exported = (e: Engine) => JSON.stringify(exportWorkspace(e));

describe('roles hold across devices', () => {
  it('the rule sync applies is the API’s: each synced table’s writers are the roles its operations allow', () => {
    const cases: [keyof typeof permissions, readonly string[] | undefined][] = [
      ['workspace.update', SYNCED_WRITERS.workspace],
      ['members.create', SYNCED_WRITERS.members],
      ['members.update', SYNCED_WRITERS.members],
      ['teams.update', SYNCED_WRITERS.teams],
      ['initiatives.update', SYNCED_WRITERS.initiatives],
      ['metrics.configure', SYNCED_WRITERS.settings],
      ['imports.run', SYNCED_WRITERS.import_batches],
      ['shadowProcesses.create', SYNCED_WRITERS.shadow_processes],
      ['shadowProcesses.update', SYNCED_WRITERS.shadow_processes],
      ['shadowProcesses.delete', SYNCED_DELETERS.shadow_processes],
      ['reviews.create', SYNCED_WRITERS.override_reviews],
      ['reviews.delete', SYNCED_WRITERS.override_reviews],
      ['stakeholders.update', SYNCED_WRITERS.stakeholders],
      ['stakeholderSessions.create', SYNCED_WRITERS.stakeholder_sessions],
      ['stakeholderSessions.update', SYNCED_WRITERS.session_attendees],
      ['stakeholderSessions.create', SYNCED_WRITERS.stakeholder_concerns],
      ['stakeholderSessions.delete', SYNCED_DELETERS.stakeholder_sessions],
      ['stakeholderActions.update', SYNCED_WRITERS.stakeholder_actions],
      ['stakeholderActions.delete', SYNCED_DELETERS.stakeholder_actions],
      ['champions.createProgram', SYNCED_WRITERS.champion_programs],
      ['champions.create', SYNCED_WRITERS.champions],
      ['champions.logActivity', SYNCED_WRITERS.champion_activities],
      ['champions.deleteActivity', SYNCED_DELETERS.champion_activities],
      ['feedback.create', SYNCED_WRITERS.feedback],
      ['feedback.delete', SYNCED_DELETERS.feedback],
      ['failurePatterns.create', SYNCED_WRITERS.failure_patterns],
      ['stakeholderPlan.deliver', SYNCED_WRITERS.plan_touchpoints],
      ['stakeholderPlan.delete', SYNCED_DELETERS.plan_touchpoints],
      ['feedback.comment', SYNCED_WRITERS.feedback_comments],
      ['feedback.editComment', SYNCED_WRITERS.feedback_comments],
      ['stakeholderFields.create', SYNCED_WRITERS.stakeholder_fields],
      ['stakeholderFields.delete', SYNCED_WRITERS.stakeholder_fields],
      ['stakeholders.update', SYNCED_WRITERS.stakeholder_field_values],
    ];
    for (const [operation, writers] of cases)
      expect([operation, [...(writers ?? [])].sort()]).toEqual([operation, [...permissions[operation]].sort()]);
  });

  it('a sponsor’s change to a team is refused on the receiving device and named with the device and the member', () => {
    const { folder, a, b, dana } = twoDevices();
    const team = createTeam(dana, { name: 'Claims' });
    const priya = createMember(dana, { name: 'Priya Shah', role: 'sponsor' });
    syncFolder(a, folder);
    const workspace = exportWorkspace(a).tables.workspace?.[0]?.id as string;
    syncFolder(b, folder, { workspace });
    // On A, Priya renames the team below the API (which would refuse a sponsor).
    updateTeam({ engine: a, authorId: priya.id }, { id: team.id, name: 'Renamed by a sponsor' });
    syncFolder(a, folder);
    const pulled = syncFolder(b, folder);
    expect(pulled.imported.files).toBe(1);
    expect(pulled.refused).toEqual([
      expect.objectContaining({
        device: deviceId(a),
        member: priya.id,
        memberName: 'Priya Shah',
        role: 'sponsor',
        table: 'teams',
        field: 'name',
      }),
    ]);
    expect(listTeams(b).map((t) => t.name)).toEqual(['Claims']);
    // Dana's later edit is applied as usual.
    updateTeam(dana, { id: team.id, region: 'North' });
    syncFolder(a, folder);
    expect(syncFolder(b, folder).refused).toEqual([]);
    expect(listTeams(b).map((t) => [t.name, t.region])).toEqual([['Claims', 'North']]);
  });

  it('a champion demoted on another device: edits before they heard of it are applied, later ones refused, even stamped before the demotion', () => {
    const { folder, a, b, dana } = twoDevices();
    const team = createTeam(dana, { name: 'Claims' });
    createMember(dana, { name: 'Sam Okafor', role: 'champion' });
    syncFolder(a, folder);
    const sam = joinWorkspace(b, folder, 'Sam Okafor').memberId;
    const samOnB = { engine: b, authorId: sam };
    const sheet = createShadowProcess(samOnB, {
      name: 'Triage sheet',
      teamId: team.id,
      kind: 'spreadsheet',
      usersInvolved: 4,
      firstSeen: '2026-11-02',
    });
    syncFolder(b, folder);
    syncFolder(a, folder);
    expect(listShadowProcesses(a).map((p) => p.name)).toEqual(['Triage sheet']);

    // Dana makes Sam a sponsor; before hearing of it, Sam edits the sheet (applied: a champion then).
    updateMember(dana, { id: sam, role: 'sponsor' });
    const demotedAt = syncFolder(a, folder);
    expect(demotedAt.published.files).toBe(1);
    updateShadowProcess(samOnB, { id: sheet.id, usersInvolved: 5 });
    syncFolder(b, folder); // publishes the edit, then receives the demotion
    expect(syncFolder(a, folder).refused).toEqual([]);
    expect(listShadowProcesses(a).map((p) => p.usersInvolved)).toEqual([5]);

    // Now B knows. An edit after that is refused, and so is one whose clock says it came first.
    updateShadowProcess(samOnB, { id: sheet.id, owner: 'Sam' });
    const demotion = a.sqlite
      .prepare("SELECT hlc FROM change_log WHERE tbl = 'members' AND row_id = ? AND col = 'role' ORDER BY hlc DESC LIMIT 1")
      .pluck()
      .get(sam) as string;
    const before = Date.parse(demotion.slice(0, 24)) - 60 * 60_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(before);
    setLocal(b, 'hlc', formatHlc({ millis: before, counter: 0 }, deviceId(b)));
    updateShadowProcess(samOnB, { id: sheet.id, usersInvolved: 9 });
    vi.useRealTimers();
    const skewed = b.sqlite
      .prepare("SELECT hlc FROM change_log WHERE tbl = 'shadow_processes' AND col = 'users_involved' ORDER BY rowid DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(skewed < demotion).toBe(true);
    syncFolder(b, folder);
    const refused = syncFolder(a, folder).refused;
    expect(refused.map((r) => [r.device, r.memberName, r.role, r.field]).sort()).toEqual([
      [deviceId(b), 'Sam Okafor', 'sponsor', 'owner'],
      [deviceId(b), 'Sam Okafor', 'sponsor', 'users_involved'],
    ]);
    expect(listShadowProcesses(a).map((p) => [p.usersInvolved, p.owner])).toEqual([[5, null]]);
    // Dana's device and any third device agree; Sam's own device keeps what it wrote (documented).
    expect(exported(a)).not.toBe(exported(b));
  });
});
