import { addDemoChampions } from './demo-champions';
import { addDemoSignals } from './demo-signals';
import { createInitiative, type InitiativeFields, listInitiatives } from './initiatives/initiatives';
import { createMember } from './members/members';
import type { Actor, Role } from './members/model';
import type { Engine } from './open';
import { prng } from './random';
import { inTransaction, type Session } from './records';
import { createTouchpoint, deliverTouchpoint, type TouchpointFields } from './stakeholder-plan/stakeholder-plan';
import type { ActionStatus, Sentiment, SessionKind } from './stakeholder-sessions/model';
import { createSession, listSessions } from './stakeholder-sessions/stakeholder-sessions';
import { createField } from './stakeholders/fields';
import type { ConcernKind, SupportLevel } from './stakeholders/model';
import {
  createConcern,
  createStakeholder,
  type SessionRatings,
  type StakeholderFields,
  updateConcern,
  updateStakeholder,
} from './stakeholders/stakeholders';
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
    const mei = member('Mei Chen', 'champion', 'mei.chen@acme.example');
    const sam = member('Sam Rivera', 'change_manager', 'sam.rivera@acme.example');
    const marcus = member('Marcus Webb', 'sponsor', 'marcus.webb@acme.example');

    const teams = new Map<string, Team>();
    for (const t of TEAMS) {
      const headcount = t.headcount === 0 ? null : t.headcount + Math.floor(rand() * 5);
      const parentId = t.parent ? (teams.get(t.parent)?.id ?? null) : null;
      teams.set(t.name, createTeam(s, { name: t.name, parentId, region: t.region, businessUnit: t.unit, headcount }));
    }

    const initiative = (fields: InitiativeFields) => createInitiative(s, fields);
    const claims = initiative({
      name: 'Claims triage assistant',
      description: 'Ranks incoming claims by complexity and suggests a handling route and reserve.',
      status: 'live',
      goLive: '2026-02-02',
      modelVersions: ['triage-gbm 3.2', 'triage-gbm 3.4'],
      businessSponsor: { memberId: priya },
      productOwner: { name: 'Alex Morgan' },
      technicalLead: { name: 'Jordan Patel' },
    });
    const uw = initiative({
      name: 'Underwriting risk scorer',
      description: 'Scores commercial property submissions and flags ones to refer.',
      status: 'pilot',
      goLive: '2026-09-14',
      modelVersions: ['uw-risk 0.9'],
      businessSponsor: { memberId: marcus },
      productOwner: { name: 'Ines Duarte' },
    });
    const email = initiative({
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
    addDemoStakeholders(s, teams, { me: me.id, tom, priya });
    addDemoChampions(s, teams, { claims: claims.id, email: email.id, uw: uw.id }, { me: me.id, tom, mei, sam });
    setLocal(engine, 'acting_member', me.id);
    return me;
  });
}

type Adkar = [number | null, number | null, number | null, number | null, number | null];
/** name, title, team, influence, interest, support, ADKAR, open concerns, tags. */
type DemoStakeholder = [string, string, string, number, number, SupportLevel, Adkar, ConcernKind[], string[]];

/*
 * The people the rollout needs, agreeing with the signals: Claims North looks adopted but
 * overrides habitually, and that is where the sceptics and the open "loss of control" concerns
 * sit; the contact centres and Underwriting are mostly on side.
 */
const STAKEHOLDERS: DemoStakeholder[] = [
  [
    'Gareth Hughes',
    'Head of Claims North',
    'Claims North',
    5,
    5,
    'sceptical',
    [5, 2, 4, 3, 2],
    ['loss of control', 'workflow disruption'],
    ['leads'],
  ],
  [
    'Fiona Walsh',
    'Senior claims handler',
    'Claims North',
    3,
    5,
    'opposed',
    [4, 1, 3, 3, 1],
    ['loss of control', 'job displacement'],
    ['handlers'],
  ],
  ['Dev Malhotra', 'Claims team lead', 'Claims North', 4, 4, 'sceptical', [5, 3, 4, 2, 2], ['loss of control'], ['leads']],
  [
    'Kerry Doyle',
    'Claims handler',
    'Claims North',
    2,
    4,
    'sceptical',
    [4, 2, 2, 2, null],
    ['loss of control', 'increased monitoring'],
    ['handlers'],
  ],
  ['Liam Foster', 'Reserving specialist', 'Claims North', 3, 3, 'neutral', [4, 3, null, null, null], ['workflow disruption'], []],
  [
    'Shona Reid',
    'Union representative',
    'Claims North',
    4,
    3,
    'opposed',
    [5, 1, 3, null, null],
    ['job displacement', 'increased monitoring'],
    ['union'],
  ],
  ['Paul Greaves', 'Quality lead', 'Claims North', 2, 2, 'neutral', [3, 3, 3, 3, 3], [], []],
  ['Nadia Karim', 'Head of Claims South', 'Claims South', 5, 4, 'supportive', [5, 4, 4, 4, 3], [], ['leads']],
  ['Owen Price', 'Claims team lead', 'Claims South', 3, 4, 'supportive', [5, 5, 4, 4, 4], ['workflow disruption'], ['leads']],
  ['Hannah Cole', 'Claims handler', 'Claims South', 2, 3, 'neutral', [4, 3, 3, null, null], [], ['handlers']],
  ['Richard Stone', 'Claims director', 'Claims', 5, 3, 'supportive', [5, 4, 3, null, null], [], ['leads', 'steering']],
  ['Ines Duarte', 'Underwriting product owner', 'Underwriting', 4, 5, 'advocate', [5, 5, 5, 4, 4], [], ['steering']],
  ['Victor Lang', 'Senior underwriter', 'Underwriting', 4, 3, 'sceptical', [5, 3, 4, 4, null], ['loss of control'], []],
  ['Amelia Scott', 'Underwriter', 'Underwriting', 2, 4, 'supportive', [4, 4, 3, 3, null], [], []],
  ['Grace Obi', 'Head of Customer Service', 'Customer Service', 5, 4, 'advocate', [5, 5, 4, 4, 4], [], ['leads', 'steering']],
  [
    'Martin Shaw',
    'Contact centre manager',
    'Contact Centre Leeds',
    4,
    5,
    'supportive',
    [5, 4, 4, 4, 3],
    ['increased monitoring'],
    ['leads'],
  ],
  ['Zoe Patel', 'Team leader', 'Contact Centre Leeds', 3, 4, 'advocate', [5, 5, 5, 4, 4], [], ['champions']],
  ['Craig Dunn', 'Agent', 'Contact Centre Leeds', 1, 3, 'neutral', [3, 3, 2, 2, null], ['job displacement'], ['agents']],
  ['Aisha Bello', 'Agent', 'Contact Centre Leeds', 1, 4, 'supportive', [4, 4, 4, 3, null], [], ['agents']],
  ['Tomasz Nowak', 'Contact centre manager', 'Contact Centre Bristol', 4, 4, 'supportive', [5, 4, 4, 3, 3], [], ['leads']],
  ['Ellie Marsh', 'Team leader', 'Contact Centre Bristol', 3, 3, 'neutral', [4, 3, 3, 3, null], ['workflow disruption'], []],
  ['Ben Carter', 'Agent', 'Contact Centre Bristol', 1, 2, 'sceptical', [3, 2, null, null, null], ['job displacement'], ['agents']],
  ['Rosa Mendes', 'Head of Fraud Analytics', 'Fraud Analytics', 4, 2, 'neutral', [5, 3, 4, 4, null], [], ['leads']],
  ['Yusuf Ali', 'Fraud analyst', 'Fraud Analytics', 2, 3, 'supportive', [4, 4, 4, 4, 4], [], []],
  ['Helen Brooks', 'Customer operations director', 'Customer Service', 5, 2, 'supportive', [5, 4, null, null, null], [], ['steering']],
];

/** Where some people stood before the re-ratings that brought them to STAKEHOLDERS' values. */
const EARLIER: Record<string, Partial<StakeholderFields>> = {
  'Gareth Hughes': { support: 'neutral', desire: 3 },
  'Nadia Karim': { support: 'neutral', interest: 3, desire: 3 },
  'Zoe Patel': { support: 'supportive', reinforcement: 3 },
  'Victor Lang': { support: 'neutral', influence: 3 },
};
// Gareth is re-rated in a one-to-one (addDemoSessions), so his timeline dates it at the session.
const RERATED: Record<string, Partial<StakeholderFields>> = {
  'Nadia Karim': { support: 'supportive', interest: 4, desire: 4 },
  'Zoe Patel': { support: 'advocate', reinforcement: 4 },
  'Victor Lang': { support: 'sceptical', influence: 4 },
};

/** The demo's custom fields: where each team sits, and when the people who matter most are next reviewed. */
const REGIONS = ['North', 'South', 'Central'] as const;
const regionOf = (team: string) => (/North|Leeds/.test(team) ? 'North' : /South|Bristol/.test(team) ? 'South' : 'Central');

function addDemoStakeholders(s: Session, teams: Map<string, Team>, who: { me: string; tom: string; priya: string }) {
  const ids = new Map<string, string>();
  const region = createField(s, { name: 'Region', type: 'choice', choices: [...REGIONS] });
  const review = createField(s, { name: 'Next review', type: 'date' });
  for (const [i, [name, title, team, influence, interest, support, adkar, concerns, tags]] of STAKEHOLDERS.entries()) {
    const teamId = teams.get(team)?.id;
    if (!teamId) continue;
    const [awareness, desire, knowledge, ability, reinforcement] = adkar;
    const owner = team === 'Claims North' || team === 'Claims' ? who.me : team.startsWith('Contact') ? who.tom : who.priya;
    const created = createStakeholder(s, {
      name,
      title,
      teamId,
      influence,
      interest,
      support,
      awareness,
      desire,
      knowledge,
      ability,
      reinforcement,
      ownerMemberId: owner,
      tags,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@acme.example`,
      // The sceptics and the most influential are reviewed in December, on a day of their own.
      fields: {
        [region.id]: regionOf(team),
        [review.id]:
          support === 'opposed' || support === 'sceptical' || influence >= 4
            ? `2026-12-${String(1 + ((i * 3) % 28)).padStart(2, '0')}`
            : null,
      },
      // Rated first as they were; re-rated below to where they are now.
      ...EARLIER[name],
    });
    ids.set(name, created.id);
    for (const kind of concerns) createConcern(s, { stakeholderId: created.id, kind });
  }
  // A few re-ratings and a resolved concern, so timelines and history have steps to show.
  const id = (name: string) => ids.get(name) ?? '';
  for (const [name, now] of Object.entries(RERATED)) updateStakeholder(s, { id: id(name), ...now });
  const resolved = createConcern(s, {
    stakeholderId: id('Owen Price'),
    kind: 'job displacement',
    note: 'Explained the redeployment plan at the team meeting.',
  });
  updateConcern(s, { id: resolved.id, status: 'resolved' });
  const audit = createConcern(s, { stakeholderId: id('Gareth Hughes'), kind: 'other', label: 'Audit trail of AI suggestions' });
  addDemoSessions(s, id, { ...who, audit: audit.id });
  addDemoPlan(s, teams, who);
}

type Attending = [string, Sentiment | null, SessionRatings?];
/** when, kind, initiative, facilitator, attendees, decisions, actions [what, owner, due, status, about]. */
type DemoSession = [
  string,
  SessionKind,
  string | null,
  'me' | 'tom',
  Attending[],
  string | null,
  [string, 'me' | 'tom', string, ActionStatus, string | null][],
];

/*
 * Sessions over the months of the signals (May to November 2026, fixed dates like the rest of the
 * demo): steering committees with the supporters, training and workshops in Claims North where
 * the sceptics sit and come across badly, demos in the contact centres. Two follow-ups are past
 * their due date in late November, and Gareth Hughes (manage closely) is overdue for contact.
 */
const SESSIONS: DemoSession[] = [
  [
    '2026-05-12T10:00',
    'steering committee',
    'Claims triage assistant',
    'me',
    [
      ['Richard Stone', 'positive'],
      ['Ines Duarte', 'positive'],
      ['Grace Obi', 'positive'],
      ['Helen Brooks', 'neutral'],
    ],
    'Go live in Claims North and Claims South in June.',
    [],
  ],
  [
    '2026-06-03T14:00',
    'training',
    'Claims triage assistant',
    'tom',
    [
      ['Kerry Doyle', 'negative'],
      ['Liam Foster', 'neutral'],
      ['Paul Greaves', 'neutral'],
      ['Hannah Cole', 'positive'],
    ],
    null,
    [],
  ],
  [
    '2026-07-08T09:30',
    'one-to-one',
    'Claims triage assistant',
    'me',
    [['Gareth Hughes', 'negative', { support: 'sceptical', desire: 2 }]],
    'Gareth keeps the second-pair check on complex claims for now.',
    [],
  ],
  [
    '2026-08-19T11:00',
    'workshop',
    'Claims triage assistant',
    'me',
    [
      ['Fiona Walsh', 'negative'],
      ['Dev Malhotra', 'neutral'],
      ['Kerry Doyle', 'negative'],
      ['Shona Reid', 'negative'],
    ],
    'Handlers see why the assistant recommends each reserve before accepting it.',
    [['Share the Claims North override reasons with the vendor', 'me', '2026-09-15', 'done', null]],
  ],
  [
    '2026-09-10T15:00',
    'demo',
    'Customer email drafter',
    'tom',
    [
      ['Martin Shaw', 'positive'],
      ['Zoe Patel', 'positive'],
      ['Craig Dunn', 'neutral'],
      ['Aisha Bello', 'positive'],
    ],
    null,
    [['Set up a drafter tips channel for Leeds agents', 'tom', '2026-09-30', 'done', 'Zoe Patel']],
  ],
  [
    '2026-10-14T10:00',
    'one-to-one',
    null,
    'me',
    [['Shona Reid', 'negative']],
    null,
    [['Send Shona the redeployment commitments in writing', 'me', '2026-10-28', 'open', 'Shona Reid']],
  ],
  [
    '2026-11-04T09:00',
    'steering committee',
    'Claims triage assistant',
    'me',
    [
      ['Richard Stone', 'neutral'],
      ['Gareth Hughes', 'negative'],
      ['Nadia Karim', 'positive'],
      ['Ines Duarte', 'positive'],
    ],
    'Hold the auto-accept threshold in Claims North until overrides fall.',
    [
      ['Run a hands-on session for Claims North handlers', 'tom', '2026-11-20', 'open', 'Kerry Doyle'],
      ['Bring the Claims North override review to the December steering committee', 'me', '2026-12-09', 'open', null],
    ],
  ],
  [
    '2026-10-20T14:00',
    'demo',
    'Customer email drafter',
    'tom',
    [
      ['Tomasz Nowak', 'positive'],
      ['Ellie Marsh', 'neutral'],
      ['Ben Carter', 'negative'],
    ],
    null,
    [],
  ],
  [
    '2026-11-12T10:30',
    'workshop',
    'Underwriting risk scorer',
    'me',
    [
      ['Victor Lang', 'negative'],
      ['Amelia Scott', 'positive'],
      ['Ines Duarte', 'positive'],
      ['Rosa Mendes', 'neutral'],
      ['Yusuf Ali', 'positive'],
    ],
    'Referrals keep the paper log until the scorer has a quarter of clean results.',
    [],
  ],
  [
    '2026-11-17T09:00',
    'town hall',
    null,
    'me',
    [
      ['Owen Price', 'positive'],
      ['Hannah Cole', 'positive'],
      ['Paul Greaves', 'neutral'],
      ['Liam Foster', 'neutral'],
      ['Craig Dunn', 'neutral'],
      ['Aisha Bello', 'positive'],
    ],
    null,
    [],
  ],
  ['2026-11-18T13:30', 'one-to-one', 'Claims triage assistant', 'tom', [['Dev Malhotra', 'neutral']], null, []],
];

function addDemoSessions(s: Session, id: (name: string) => string, who: { me: string; tom: string; audit: string }) {
  const initiatives = new Map(listInitiatives(s.engine).map((i) => [i.name, i.id]));
  for (const [at, kind, initiative, facilitator, attendees, decisions, actions] of SESSIONS) {
    createSession(s, {
      at,
      kind,
      initiativeId: initiative ? (initiatives.get(initiative) ?? null) : null,
      facilitatorMemberId: who[facilitator],
      decisions,
      attendees: attendees.map(([name, sentiment, ratings]) => ({ stakeholderId: id(name), sentiment, ...ratings })),
      // The audit-trail concern Gareth raised is taken up at the November steering committee.
      address: at.startsWith('2026-11-04') ? [{ concernId: who.audit, status: 'being addressed' }] : [],
      actions: actions.map(([what, owner, due, status, about]) => ({
        what,
        ownerMemberId: who[owner],
        due,
        status,
        stakeholderId: about ? id(about) : null,
      })),
    });
  }
}

/**
 * The communication plan, agreeing with the sessions: Claims North's monthly override briefing
 * last given at Shona Reid's October one-to-one and now overdue, Tom's weekly tips there never
 * posted, the team leads' note given at the November steering committee, the Bristol demo done,
 * and the Underwriting pilot town hall still to come.
 */
function addDemoPlan(s: Session, teams: Map<string, Team>, who: { me: string; tom: string; priya: string }) {
  const sessionAt = new Map(listSessions(s.engine).map((x) => [x.at, x.id]));
  const team = (name: string) => teams.get(name)?.id ?? null;
  const plan: [TouchpointFields, string | null][] = [
    [
      {
        message: 'Override figures: what the team changes next',
        channel: 'meeting',
        teamId: team('Claims North'),
        everyDays: 30,
        ownerMemberId: who.me,
        startOn: '2026-06-03',
      },
      '2026-10-14T10:00',
    ],
    [
      {
        message: 'Tips for the triage screen',
        channel: 'chat post',
        teamId: team('Claims North'),
        everyDays: 7,
        ownerMemberId: who.tom,
        startOn: '2026-11-16',
      },
      null,
    ],
    [
      {
        message: 'Monthly adoption note to team leads',
        channel: 'newsletter',
        tag: 'leads',
        everyDays: 30,
        ownerMemberId: who.me,
        startOn: '2026-05-12',
      },
      '2026-11-04T09:00',
    ],
    [
      {
        message: 'The email drafter’s tone settings',
        channel: 'meeting',
        teamId: team('Contact Centre Bristol'),
        ownerMemberId: who.tom,
        startOn: '2026-10-20',
      },
      '2026-10-20T14:00',
    ],
    [
      {
        message: 'Pilot results and the wider rollout',
        channel: 'town hall',
        teamId: team('Underwriting'),
        ownerMemberId: who.priya,
        startOn: '2026-12-10',
      },
      null,
    ],
  ];
  for (const [fields, deliveredAt] of plan) {
    if (fields.teamId === null) continue;
    const t = createTouchpoint(s, fields);
    const sessionId = deliveredAt ? sessionAt.get(deliveredAt) : undefined;
    if (sessionId) deliverTouchpoint(s, { id: t.id, sessionId });
  }
}
