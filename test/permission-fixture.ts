import fs from 'node:fs';
import path from 'node:path';
import { callTyped } from '../db/api';
import type { OperationName } from '../db/api/contract';
import { DEFAULT_METRIC_SETTINGS as DEFAULT_SETTINGS } from '../db/metrics/model';
import { open } from '../db/open';

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
  program: string;
  champion: string;
  activity: string;
  feedback: string;
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
    const concern = await callTyped({ engine }, 'stakeholders.addConcern', { stakeholderId: stakeholder.id, kind: 'loss of control' });
    const program = await callTyped({ engine }, 'champions.createProgram', {
      name: 'Fixture champions',
      initiativeId: initiatives[0]?.id ?? '',
    });
    const mei = members.find((m) => m.name === 'Mei Chen')?.id ?? '';
    const champion = await callTyped({ engine }, 'champions.create', {
      programId: program.id,
      memberId: mei,
      teamId: team,
      since: '2026-01-01',
    });
    const activity = await callTyped({ engine }, 'champions.logActivity', {
      championId: champion.id,
      kind: 'demo',
      date: '2026-02-01',
      attendance: 9,
    });
    const item = await callTyped({ engine }, 'feedback.create', {
      initiativeId: initiatives[0]?.id ?? '',
      teamId: team,
      aiSaid: 'Approve',
      whatWasRight: 'Refer',
      category: 'format variation',
      severity: 'medium',
      caught: 'review',
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
        program: program.id,
        champion: champion.id,
        activity: activity.id,
        feedback: item.id,
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
    'metrics.settings': {},
    'imports.upload': { kind: 'usage', file: new File([fs.readFileSync(usageFile)], 'usage.csv'), createMissing: true },
    'shadowProcesses.list': {},
    'shadowProcesses.create': { name: 'Claims tracker', teamId: ids.team, kind: 'spreadsheet', usersInvolved: 4, firstSeen: '2026-01-05' },
    'shadowProcesses.update': { id: ids.shadow, retiredOn: '2026-06-30' },
    'shadowProcesses.delete': { id: ids.shadow },
    'stakeholders.list': {},
    'stakeholders.get': { id: ids.stakeholder },
    'stakeholders.timeline': { id: ids.stakeholder },
    'stakeholders.concerns': { stakeholderId: ids.stakeholder },
    'stakeholders.create': { name: 'Lena Fox', teamId: ids.team, influence: 2, interest: 5, support: 'neutral', awareness: 4 },
    'stakeholders.update': { id: ids.stakeholder, support: 'neutral' },
    'stakeholders.delete': { id: ids.stakeholder },
    'stakeholders.restore': { id: ids.stakeholder },
    'stakeholders.addConcern': { stakeholderId: ids.stakeholder, kind: 'job displacement' },
    'stakeholders.updateConcern': { id: ids.concern, status: 'resolved' },
    'stakeholders.deleteConcern': { id: ids.concern },
    'champions.programs': {},
    'champions.createProgram': { name: 'Second wave', initiativeId: ids.initiative, coverageTarget: 0.08 },
    'champions.updateProgram': { id: ids.program, coverageTarget: 0.1 },
    'champions.list': {},
    'champions.create': { programId: ids.program, memberId: ids.member, teamId: ids.leafTeam, since: '2026-03-01' },
    'champions.update': { id: ids.champion, status: 'paused' },
    'champions.delete': { id: ids.champion },
    'champions.activities': { programId: ids.program },
    'champions.logActivity': { championId: ids.champion, kind: 'office hours', date: '2026-03-02', attendance: 4 },
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
    'feedback.triage': { ids: [ids.feedback], status: 'triaged', assigneeId: ids.member },
    'feedback.delete': { id: ids.feedback },
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
