import { addDemoSignals } from './demo-signals';
import { createInitiative, type InitiativeFields } from './initiatives/initiatives';
import { createMember } from './members/members';
import type { Actor, Role } from './members/model';
import type { Engine } from './open';
import { prng } from './random';
import { inTransaction, type Session } from './records';
import type { Team } from './teams/model';
import { createTeam, updateTeam } from './teams/teams';
import { initWorkspace } from './workspace/workspace';
import { setLocal } from './write';

const TEAMS: { name: string; parent?: string; region: string; unit: string; headcount: number }[] = [
  { name: 'Claims', region: 'UK', unit: 'Operations', headcount: 0 },
  { name: 'Claims North', parent: 'Claims', region: 'UK North', unit: 'Operations', headcount: 64 },
  { name: 'Claims South', parent: 'Claims', region: 'UK South', unit: 'Operations', headcount: 58 },
  { name: 'Underwriting', region: 'UK', unit: 'Commercial', headcount: 41 },
  { name: 'Customer Service', region: 'UK', unit: 'Operations', headcount: 0 },
  { name: 'Contact Centre Leeds', parent: 'Customer Service', region: 'UK North', unit: 'Operations', headcount: 120 },
  { name: 'Contact Centre Bristol', parent: 'Customer Service', region: 'UK South', unit: 'Operations', headcount: 95 },
  { name: 'Fraud Analytics', region: 'UK', unit: 'Risk', headcount: 18 },
];

/**
 * A realistic demo workspace, written through the same domain functions and write path as
 * everything else, then filled with signals through the real importers. Later features extend
 * it (stakeholders, champions, feedback).
 */
export async function createDemo(engine: Engine, seed: number): Promise<Actor> {
  const me = createDemoRecords(engine, seed);
  await addDemoSignals(engine, me.id, seed);
  return me;
}

function createDemoRecords(engine: Engine, seed: number): Actor {
  return inTransaction(engine, () => {
    const rand = prng(seed);
    const me = initWorkspace(engine, 'Acme Insurance', 'Dana Lee');
    const s: Session = { engine, authorId: me.id };
    const member = (name: string, role: Role, email: string) => {
      return createMember(s, { name, email, role, profileOnThisDevice: true }).id;
    };
    const priya = member('Priya Shah', 'sponsor', 'priya.shah@acme.example');
    const tom = member('Tom Okafor', 'champion', 'tom.okafor@acme.example');
    member('Mei Chen', 'champion', 'mei.chen@acme.example');
    member('Sam Rivera', 'change_manager', 'sam.rivera@acme.example');
    const marcus = member('Marcus Webb', 'sponsor', 'marcus.webb@acme.example');

    const teams = new Map<string, Team>();
    for (const t of TEAMS) {
      const headcount = t.headcount === 0 ? null : t.headcount + Math.floor(rand() * 5);
      const parentId = t.parent ? (teams.get(t.parent)?.id ?? null) : null;
      teams.set(t.name, createTeam(s, { name: t.name, parentId, region: t.region, businessUnit: t.unit, headcount }));
    }

    const initiative = (fields: InitiativeFields) => createInitiative(s, fields);
    initiative({
      name: 'Claims triage assistant',
      description: 'Ranks incoming claims by complexity and suggests a handling route and reserve.',
      status: 'live',
      goLive: '2026-02-02',
      modelVersions: ['triage-gbm 3.2', 'triage-gbm 3.4'],
      businessSponsor: { memberId: priya },
      productOwner: { name: 'Alex Morgan' },
      technicalLead: { name: 'Jordan Patel' },
    });
    initiative({
      name: 'Underwriting risk scorer',
      description: 'Scores commercial property submissions and flags ones to refer.',
      status: 'pilot',
      goLive: '2026-09-14',
      modelVersions: ['uw-risk 0.9'],
      businessSponsor: { memberId: marcus },
      productOwner: { name: 'Ines Duarte' },
    });
    initiative({
      name: 'Customer email drafter',
      description: 'Drafts replies to customer emails for agents to edit and send.',
      status: 'rolling_out',
      goLive: '2026-05-11',
      modelVersions: ['llm-drafts 2026-04'],
      businessSponsor: { name: 'Helen Brooks' },
      productOwner: { memberId: tom },
      technicalLead: { name: 'Chris Lin' },
    });

    // A little history, so the audit trail has something to show.
    const north = teams.get('Claims North');
    if (north) updateTeam(s, { id: north.id, headcount: (north.headcount ?? 60) + 4, region: 'UK North & Scotland' });
    setLocal(engine, 'acting_member', me.id);
    return me;
  });
}
