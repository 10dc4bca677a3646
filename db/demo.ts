import type { Actor } from './api/context';
import { addProfile } from './api/members';
import { initWorkspace } from './api/workspace';
import type { Engine } from './open';
import { teams as teamsTable } from './schema';
import { newId, setLocal, write } from './write';

/** Small deterministic PRNG (mulberry32), so `demo --seed N` gives the same workspace every time. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
 * A realistic demo workspace, written through the same write path as everything else. Later
 * features extend it (stakeholders, champions, feedback, signals).
 */
export function createDemo(engine: Engine, seed: number): Actor {
  return engine.sqlite.transaction(() => {
    const rand = prng(seed);
    const me = initWorkspace(engine, 'Acme Insurance', 'Dana Lee');
    const member = (name: string, role: 'change_manager' | 'champion' | 'sponsor', email: string) => {
      const id = newId();
      write(engine, me.id, 'members', id, { name, email, role }, 'create');
      addProfile(engine, id);
      return id;
    };
    const priya = member('Priya Shah', 'sponsor', 'priya.shah@acme.example');
    const tom = member('Tom Okafor', 'champion', 'tom.okafor@acme.example');
    member('Mei Chen', 'champion', 'mei.chen@acme.example');
    member('Sam Rivera', 'change_manager', 'sam.rivera@acme.example');
    const marcus = member('Marcus Webb', 'sponsor', 'marcus.webb@acme.example');

    const ids = new Map<string, string>();
    for (const t of TEAMS) {
      const id = newId();
      ids.set(t.name, id);
      const headcount = t.headcount === 0 ? null : t.headcount + Math.floor(rand() * 5);
      write(
        engine,
        me.id,
        'teams',
        id,
        { name: t.name, parentId: t.parent ? (ids.get(t.parent) ?? null) : null, region: t.region, businessUnit: t.unit, headcount },
        'create',
      );
    }

    const initiative = (fields: Record<string, unknown>) =>
      write(
        engine,
        me.id,
        'initiatives',
        newId(),
        { description: null, goLive: null, businessSponsor: null, productOwner: null, technicalLead: null, ...fields },
        'create',
      );
    initiative({
      name: 'Claims triage assistant',
      description: 'Ranks incoming claims by complexity and suggests a handling route and reserve.',
      status: 'live',
      goLive: '2026-02-02',
      modelVersions: JSON.stringify(['triage-gbm 3.2', 'triage-gbm 3.4']),
      businessSponsor: JSON.stringify({ memberId: priya }),
      productOwner: JSON.stringify({ name: 'Alex Morgan' }),
      technicalLead: JSON.stringify({ name: 'Jordan Patel' }),
    });
    initiative({
      name: 'Underwriting risk scorer',
      description: 'Scores commercial property submissions and flags ones to refer.',
      status: 'pilot',
      goLive: '2026-09-14',
      modelVersions: JSON.stringify(['uw-risk 0.9']),
      businessSponsor: JSON.stringify({ memberId: marcus }),
      productOwner: JSON.stringify({ name: 'Ines Duarte' }),
    });
    initiative({
      name: 'Customer email drafter',
      description: 'Drafts replies to customer emails for agents to edit and send.',
      status: 'rolling_out',
      goLive: '2026-05-11',
      modelVersions: JSON.stringify(['llm-drafts 2026-04']),
      businessSponsor: JSON.stringify({ name: 'Helen Brooks' }),
      productOwner: JSON.stringify({ memberId: tom }),
      technicalLead: JSON.stringify({ name: 'Chris Lin' }),
    });

    // A little history, so the audit trail has something to show.
    const north = ids.get('Claims North');
    if (north) {
      const current = engine.orm
        .select()
        .from(teamsTable)
        .all()
        .find((t) => t.id === north);
      write(engine, me.id, 'teams', north, { headcount: (current?.headcount ?? 60) + 4, region: 'UK North & Scotland' }, 'update');
    }
    setLocal(engine, 'acting_member', me.id);
    return me;
  })();
}
