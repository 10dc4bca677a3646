import fs from 'node:fs';
import path from 'node:path';
import { callTyped } from '../db/api';
import type { OperationName } from '../db/api/contract';
import { DEFAULT_METRIC_SETTINGS as DEFAULT_SETTINGS } from '../db/metrics/model';
import { open } from '../db/open';
import { PRESETS, saveMapping } from '../db/signals/mappings';

/*
 * What the permission tests run every operation on: the demo workspace plus one shadow process,
 * saved once as a template file to copy per case, and a valid input for every operation.
 */

export interface TemplateIds {
  team: string;
  leafTeam: string;
  initiative: string;
  member: string;
  shadow: string;
  review: string;
  stakeholder: string;
  concern: string;
  /** A custom stakeholder field (choice: Leeds, York). */
  field: string;
  /** The demo's champion: the sessions and actions below are theirs. */
  champion: string;
  session: string;
  action: string;
  /** A touchpoint of the communication plan, owned by the demo's champion. */
  touchpoint: string;
  program: string;
  /** The fixture program's champion entry (Tom Okafor in a team). */
  championEntry: string;
  /** Another entry, for champions.delete. */
  leavingChampion: string;
  activity: string;
  feedback: string;
  pattern: string;
  /** Tom Okafor's comment on the feedback item. */
  comment: string;
}

export interface Template {
  file: string;
  ids: TemplateIds;
  /** A one-row usage file for the imports. */
  usageFile: string;
}

export async function makeTemplate(dir: string): Promise<Template> {
  const file = path.join(dir, 'template.db');
  const usageFile = path.join(dir, 'usage.csv');
  fs.writeFileSync(
    usageFile,
    'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed\n2026-01,Claims North,Claims triage assistant,10,8,100,90\n',
  );
  const engine = open(file);
  // A saved column mapping, for imports.deleteMapping.
  saveMapping(engine, { ...PRESETS[1], id: undefined, name: 'Fixture log' });
  try {
    await callTyped({ engine }, 'workspace.demo', { seed: 7 });
    const teams = await callTyped({ engine }, 'teams.list', {});
    const initiatives = await callTyped({ engine }, 'initiatives.list', {});
    const members = await callTyped({ engine }, 'members.list', {});
    const team = teams[0]?.id ?? '';
    const shadow = await callTyped({ engine }, 'shadowProcesses.create', {
      name: 'Reserve double-check',
      teamId: team,
      kind: 'manual double-check',
      usersInvolved: 3,
      firstSeen: '2026-01-01',
    });
    const stakeholder = await callTyped({ engine }, 'stakeholders.create', {
      name: 'Ravi Kumar',
      teamId: team,
      influence: 4,
      interest: 3,
      support: 'sceptical',
    });
    const field = await callTyped({ engine }, 'stakeholderFields.create', { name: 'Site', type: 'choice', choices: ['Leeds', 'York'] });
    const concern = await callTyped({ engine }, 'stakeholders.addConcern', { stakeholderId: stakeholder.id, kind: 'loss of control' });
    const champion = members.find((m) => m.name === 'Tom Okafor')?.id ?? '';
    const session = await callTyped({ engine }, 'stakeholderSessions.create', {
      at: '2026-02-03T10:00',
      kind: 'one-to-one',
      facilitatorMemberId: champion,
      attendees: [{ stakeholderId: stakeholder.id, sentiment: 'neutral' }],
    });
    const action = await callTyped({ engine }, 'stakeholderActions.create', {
      what: 'Send the override figures',
      ownerMemberId: champion,
      due: '2026-02-10',
      sessionId: session.id,
    });
    const touchpoint = await callTyped({ engine }, 'stakeholderPlan.create', {
      message: 'Override figures for the team',
      channel: 'meeting',
      teamId: team,
      everyDays: 14,
      ownerMemberId: champion,
      startOn: '2026-02-01',
    });
    const program = await callTyped({ engine }, 'champions.createProgram', {
      name: 'Fixture champions',
      initiativeId: initiatives[0]?.id ?? '',
    });
    // Tom Okafor: Mei Chen (ids.member) is removed by members.delete before the champion samples run.
    const championEntry = await callTyped({ engine }, 'champions.create', {
      programId: program.id,
      memberId: champion,
      teamId: team,
      since: '2026-01-01',
    });
    // A second entry for champions.delete, which runs before champions.logActivity needs the first.
    const leaving = await callTyped({ engine }, 'champions.create', {
      programId: program.id,
      memberId: members.find((m) => m.name === 'Dana Lee')?.id ?? '',
      teamId: team,
      since: '2026-01-01',
    });
    const activity = await callTyped({ engine }, 'champions.logActivity', {
      championId: championEntry.id,
      kind: 'demo',
      date: '2026-02-01',
      attendance: 9,
    });
    // On the initiative Tom Okafor (a champion) is the AI product owner of: he may triage it.
    const item = await callTyped({ engine }, 'feedback.create', {
      initiativeId: initiatives.find((i) => i.name === 'Customer email drafter')?.id ?? '',
      teamId: team,
      aiSaid: 'Approve',
      whatWasRight: 'Refer',
      category: 'format variation',
      severity: 'medium',
      caught: 'review',
    });
    const pattern = await callTyped({ engine }, 'failurePatterns.create', {
      name: 'Scanned forms misread',
      category: 'format variation',
      feedbackIds: [item.id],
    });
    const comment = await callTyped({ engine, actAs: 'Tom Okafor' }, 'feedback.comment', {
      feedbackId: item.id,
      body: 'Seen twice more this week',
    });
    const review = engine.sqlite.prepare('SELECT id FROM override_reviews WHERE deleted = 0 ORDER BY id LIMIT 1').pluck().get() as string;
    engine.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      file,
      usageFile,
      ids: {
        team,
        leafTeam: teams.find((t) => t.subTeamCount === 0)?.id ?? '',
        initiative: initiatives[0]?.id ?? '',
        member: members.find((m) => m.name === 'Mei Chen')?.id ?? '',
        shadow: shadow.id,
        review,
        stakeholder: stakeholder.id,
        concern: concern.id,
        field: field.id,
        champion,
        session: session.id,
        action: action.id,
        touchpoint: touchpoint.id,
        program: program.id,
        championEntry: championEntry.id,
        leavingChampion: leaving.id,
        activity: activity.id,
        feedback: item.id,
        pattern: pattern.id,
        comment: comment.id,
      },
    };
  } finally {
    engine.close();
  }
}

/** A valid input for every operation (a missing one is a compile error). `folder` must exist. */
export function sampleInputs(t: Template, folder: string): Record<OperationName, unknown> {
  const { ids, usageFile } = t;
  return {
    'workspace.get': {},
    'workspace.init': { workspace: 'Other', me: 'Someone' },
    'workspace.demo': {},
    'workspace.update': { name: 'Acme Group' },
    'workspace.export': {},
    'workspace.check': {},
    'profiles.switch': { memberId: ids.member },
    'members.list': {},
    'members.create': { name: 'New Person', role: 'champion' },
    'members.update': { id: ids.member, name: 'Mei C.' },
    'members.delete': { id: ids.member },
    'teams.list': {},
    'teams.get': { id: ids.team },
    'teams.create': { name: 'New team' },
    'teams.update': { id: ids.team, region: 'EU' },
    'teams.delete': { id: ids.leafTeam },
    'teams.restore': { id: ids.leafTeam },
    'initiatives.list': {},
    'initiatives.get': { id: ids.initiative },
    'initiatives.byTeam': {},
    'initiatives.create': { name: 'New initiative' },
    'initiatives.update': { id: ids.initiative, status: 'paused' },
    'initiatives.delete': { id: ids.initiative },
    'initiatives.restore': { id: ids.initiative },
    'history.get': { table: 'teams', id: ids.team },
    'sync.run': { folder },
    'sync.folder': {},
    'sync.join': { folder, member: 'Someone' },
    'sync.joinable': { folder },
    'sync.status': {},
    'sync.conflicts': {},
    'sync.resolve': { table: 'teams', id: ids.team, field: 'name', otherHlc: 'none', keep: 'current' },
    'imports.run': { kind: 'usage', path: usageFile, createMissing: true },
    'imports.list': {},
    'imports.template': { kind: 'pulse' },
    'reports.get': {},
    'reports.export': { format: 'html' },
    'reports.publish': { folder },
    'reports.publishTarget': {},
    'reports.rows': { source: 'usage' },
    'reports.overrideReasons': {},
    'imports.progress': { progressId: 'no-such-upload' },
    'imports.inspect': { kind: 'decisions', file: new File([fs.readFileSync(usageFile)], 'usage.csv') },
    'imports.mappings': {},
    'imports.mapping': { name: 'ai-decision-log' },
    'imports.saveMapping': { mapping: { ...PRESETS[1], id: undefined, name: 'My log' } },
    'imports.deleteMapping': { name: 'Fixture log' },
    'metrics.settings': {},
    'imports.upload': { kind: 'usage', file: new File([fs.readFileSync(usageFile)], 'usage.csv'), createMissing: true },
    'shadowProcesses.list': {},
    'shadowProcesses.create': { name: 'Claims tracker', teamId: ids.team, kind: 'spreadsheet', usersInvolved: 4, firstSeen: '2026-01-05' },
    'shadowProcesses.update': { id: ids.shadow, retiredOn: '2026-06-30' },
    'shadowProcesses.delete': { id: ids.shadow },
    'stakeholders.list': {},
    'stakeholders.get': { id: ids.stakeholder },
    'stakeholders.scope': {},
    'stakeholders.timeline': { id: ids.stakeholder },
    'stakeholders.concerns': { stakeholderId: ids.stakeholder },
    'stakeholders.create': { name: 'Lena Fox', teamId: ids.team, influence: 2, interest: 5, support: 'neutral', awareness: 4 },
    'stakeholders.update': { id: ids.stakeholder, support: 'neutral', fields: { [ids.field]: 'York' } },
    'stakeholders.delete': { id: ids.stakeholder },
    'stakeholders.restore': { id: ids.stakeholder },
    'stakeholders.addConcern': { stakeholderId: ids.stakeholder, kind: 'job displacement' },
    'stakeholders.updateConcern': { id: ids.concern, status: 'resolved' },
    'stakeholders.deleteConcern': { id: ids.concern },
    'stakeholders.teams': { today: '2026-03-01' },
    'stakeholders.gapContacts': { today: '2026-03-01' },
    'stakeholders.exportCsv': {},
    'stakeholderFields.list': {},
    'stakeholderFields.create': { name: 'Last workshop', type: 'date' },
    'stakeholderFields.update': { id: ids.field, name: 'Office' },
    'stakeholderFields.move': { id: ids.field, direction: 'up' },
    'stakeholderFields.delete': { id: ids.field },
    'stakeholderFields.restore': { id: ids.field },
    'stakeholderSessions.list': {},
    'stakeholderSessions.get': { id: ids.session },
    'stakeholderSessions.create': {
      at: '2026-02-17T14:30',
      kind: 'workshop',
      facilitatorMemberId: ids.champion,
      attendees: [{ stakeholderId: ids.stakeholder, sentiment: 'positive' }],
      actions: [{ what: 'Share the workshop notes', ownerMemberId: ids.champion, due: '2026-02-20' }],
    },
    'stakeholderSessions.update': { id: ids.session, notes: 'Walked through the override figures.' },
    'stakeholderSessions.delete': { id: ids.session },
    'stakeholderSessions.restore': { id: ids.session },
    'stakeholderSessions.health': { today: '2026-03-01' },
    'stakeholderSessions.needsAttention': { today: '2026-03-01' },
    'stakeholderSessions.cadence': {},
    'stakeholderSessions.setCadence': { 'manage closely': 7, 'keep satisfied': 30, 'keep informed': 30, monitor: 90 },
    'stakeholderActions.list': { today: '2026-03-01' },
    'stakeholderActions.create': { what: 'Book a demo', ownerMemberId: ids.champion, due: '2026-03-05' },
    'stakeholderActions.update': { id: ids.action, status: 'done' },
    'stakeholderActions.delete': { id: ids.action },
    'stakeholderPlan.list': { today: '2026-03-01' },
    'stakeholderPlan.create': {
      message: 'Pilot results',
      channel: 'newsletter',
      tag: 'leads',
      ownerMemberId: ids.champion,
      startOn: '2026-03-02',
    },
    'stakeholderPlan.update': { id: ids.touchpoint, everyDays: 30 },
    'stakeholderPlan.delete': { id: ids.touchpoint },
    'stakeholderPlan.restore': { id: ids.touchpoint },
    'stakeholderPlan.deliver': { id: ids.touchpoint, sessionId: ids.session },
    'champions.programs': {},
    'champions.createProgram': { name: 'Second wave', initiativeId: ids.initiative, coverageTarget: 0.08 },
    'champions.updateProgram': { id: ids.program, coverageTarget: 0.1 },
    'champions.list': {},
    'champions.create': { programId: ids.program, memberId: ids.champion, teamId: ids.leafTeam, since: '2026-03-01' },
    'champions.update': { id: ids.championEntry, status: 'paused' },
    'champions.delete': { id: ids.leavingChampion },
    'champions.activities': { programId: ids.program },
    'champions.logActivity': { championId: ids.championEntry, kind: 'office hours', date: '2026-03-02', attendance: 4 },
    'champions.deleteActivity': { id: ids.activity },
    'champions.coverage': { programId: ids.program, asOf: '2026-03-31' },
    'feedback.list': {},
    'feedback.create': {
      initiativeId: ids.initiative,
      teamId: ids.team,
      aiSaid: 'Low risk',
      whatWasRight: 'High risk: the address is in a flood zone',
      category: 'regional variation',
      severity: 'high',
      confidentlyWrong: true,
      statedConfidence: 94,
      caught: 'downstream',
    },
    'feedback.update': { id: ids.feedback, severity: 'high' },
    'feedback.triage': { ids: [ids.feedback], status: 'triaged', assigneeId: ids.champion },
    'feedback.delete': { id: ids.feedback },
    'feedback.group': { ids: [ids.feedback], patternId: null },
    'feedback.similar': { text: 'flood zone address' },
    'feedback.export': { what: 'feedback', format: 'csv', show: 'open' },
    'feedback.comments': { feedbackId: ids.feedback },
    'feedback.comment': { feedbackId: ids.feedback, body: 'Also in Leeds' },
    'feedback.editComment': { id: ids.comment, body: 'Seen three times more this week' },
    'feedback.deleteComment': { id: ids.comment },
    'failurePatterns.list': {},
    'failurePatterns.get': { id: ids.pattern },
    'failurePatterns.create': { name: 'Regional terms', category: 'terminology or jargon' },
    'failurePatterns.update': { id: ids.pattern, status: 'monitoring' },
    'failurePatterns.delete': { id: ids.pattern },
    'failurePatterns.restore': { id: ids.pattern },
    'reviews.queue': {},
    'reviews.create': {
      initiativeId: ids.initiative,
      recommendationId: 'r1',
      userHash: 'abc',
      verdict: 'appropriate',
      reasonCode: 'model_wrong',
    },
    'reviews.update': { id: ids.review, verdict: 'inappropriate' },
    'reviews.delete': { id: ids.review },
    'reviews.current': {},
    'reviews.start': {},
    'metrics.configure': { weights: { reliance: 0.6, trust: 0.2, shadowFree: 0.2 }, thresholds: DEFAULT_SETTINGS.thresholds },
  };
}
