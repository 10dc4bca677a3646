import { createChampion, createProgram, logActivity } from './champions/champions';
import { daysBefore } from './champions/model';
import { addComment } from './feedback/comments';
import { createFeedback, type FeedbackFields, triageFeedback } from './feedback/feedback';
import type { FeedbackStatus } from './feedback/model';
import { createPattern } from './feedback/patterns';
import type { Session } from './records';
import type { Team } from './teams/model';

interface DemoPeople {
  me: string;
  tom: string;
  mei: string;
  sam: string;
}

type Item = [
  team: string,
  initiative: 'claims' | 'email' | 'uw',
  daysAgo: number,
  fields: Omit<FeedbackFields, 'initiativeId' | 'teamId'>,
  triage?: { status: FeedbackStatus; assignee?: 'me' | 'sam'; resolvedVersion?: string; duplicateOf?: number },
];

/*
 * Programs that agree with the signals: champions in every team of the rollout, one team
 * (Contact Centre Bristol) whose champion has run nothing for 75 days and so fails the 60-day rule;
 * feedback across the categories, and in Leeds, which accepts nearly every draft, the confidently
 * wrong ones nobody overrides. Dates count back from today so the 60-day rule reads the same on
 * whatever day the demo is made.
 */
const FEEDBACK: Item[] = [
  [
    'Contact Centre Leeds',
    'email',
    3,
    {
      modelVersion: 'llm-drafts 2026-04',
      caseRef: 'EM-88213',
      aiSaid: 'Confirmed the refund would arrive in 3 days',
      whatWasRight: 'Refunds to this card type take 10 working days',
      category: 'outdated information',
      severity: 'high',
      confidentlyWrong: true,
      statedConfidence: 97,
      caught: 'downstream',
    },
  ],
  [
    'Contact Centre Leeds',
    'email',
    6,
    {
      modelVersion: 'llm-drafts 2026-04',
      caseRef: 'EM-87950',
      aiSaid: 'Read "the flat" as the customer’s flat roof and offered a roofer',
      whatWasRight: 'In Leeds "the flat" is the customer’s home: it was a contents claim',
      category: 'regional variation',
      severity: 'medium',
      confidentlyWrong: true,
      statedConfidence: 92,
      caught: 'downstream',
    },
    { status: 'triaged', assignee: 'me' },
  ],
  [
    'Contact Centre Leeds',
    'email',
    9,
    {
      modelVersion: 'llm-drafts 2026-04',
      caseRef: 'EM-87711',
      aiSaid: 'Quoted the old excess of £250',
      whatWasRight: 'The excess went up to £350 at renewal',
      category: 'outdated information',
      severity: 'high',
      confidentlyWrong: true,
      caught: 'review',
    },
    { status: 'duplicate', assignee: 'me', duplicateOf: 0 },
  ],
  [
    'Contact Centre Leeds',
    'email',
    14,
    {
      aiSaid: 'Told the customer the policy number was missing',
      whatWasRight: 'It was in the subject line in the old format (ACM/…)',
      category: 'format variation',
      severity: 'low',
      caught: 'review',
    },
  ],
  [
    'Claims North',
    'claims',
    4,
    {
      modelVersion: 'triage-gbm 3.4',
      caseRef: 'CLM-20417',
      aiSaid: 'Simple claim, fast track, reserve £1,200',
      whatWasRight: 'Escape of water with subsidence: complex, reserve £14,000',
      category: 'missing context',
      severity: 'critical',
      confidentlyWrong: true,
      statedConfidence: 91,
      caught: 'review',
    },
    { status: 'in_progress', assignee: 'sam' },
  ],
  [
    'Claims North',
    'claims',
    11,
    {
      modelVersion: 'triage-gbm 3.2',
      caseRef: 'CLM-19876',
      aiSaid: 'Flagged "LOI" as a loss of income claim',
      whatWasRight: 'Handlers here write LOI for a letter of indemnity',
      category: 'terminology or jargon',
      severity: 'medium',
      caught: 'review',
    },
    { status: 'resolved', assignee: 'sam', resolvedVersion: 'triage-gbm 3.4' },
  ],
  [
    'Claims North',
    'claims',
    19,
    {
      modelVersion: 'triage-gbm 3.4',
      caseRef: 'CLM-19540',
      aiSaid: 'No third party involved',
      whatWasRight: 'Third party was in the free-text notes; North fills that field differently',
      category: 'data field filled differently',
      severity: 'high',
      caught: 'review',
    },
    { status: 'triaged', assignee: 'sam' },
  ],
  [
    'Claims South',
    'claims',
    7,
    {
      modelVersion: 'triage-gbm 3.4',
      caseRef: 'CLM-20302',
      aiSaid: 'Route to motor team',
      whatWasRight: 'Caravan claim: goes to home and leisure',
      category: 'other',
      severity: 'low',
      caught: 'review',
    },
    { status: 'wont_fix', assignee: 'me' },
  ],
  [
    'Claims South',
    'claims',
    23,
    {
      modelVersion: 'triage-gbm 3.2',
      caseRef: 'CLM-18801',
      aiSaid: 'Reserve £800 for a scanned estimate',
      whatWasRight: 'The scan was rotated and the total misread: £8,000',
      category: 'format variation',
      severity: 'high',
      confidentlyWrong: true,
      statedConfidence: 88,
      caught: 'review',
    },
    { status: 'resolved', assignee: 'sam', resolvedVersion: 'triage-gbm 3.4' },
  ],
  [
    'Underwriting',
    'uw',
    2,
    {
      modelVersion: 'uw-risk 0.9',
      caseRef: 'UW-3321',
      aiSaid: 'Low flood risk',
      whatWasRight: 'Postcode was split last year; the new one is in a flood zone',
      category: 'outdated information',
      severity: 'critical',
      confidentlyWrong: true,
      statedConfidence: 95,
      caught: 'review',
    },
  ],
  [
    'Underwriting',
    'uw',
    8,
    {
      modelVersion: 'uw-risk 0.9',
      caseRef: 'UW-3290',
      aiSaid: 'Refer: construction type unknown',
      whatWasRight: 'Given as "trad." in the broker’s form, meaning traditional brick',
      category: 'terminology or jargon',
      severity: 'medium',
      caught: 'review',
    },
    { status: 'triaged', assignee: 'me' },
  ],
  [
    'Contact Centre Leeds',
    'email',
    1,
    {
      modelVersion: 'llm-drafts 2026-04',
      aiSaid: 'Apologised for a delay that had not happened',
      whatWasRight: 'The customer was asking a question, not complaining',
      category: 'missing context',
      severity: 'low',
      caught: 'review',
    },
  ],
];

export function addDemoChampions(s: Session, teams: Map<string, Team>, initiatives: Record<Item[1], string>, people: DemoPeople) {
  const today = new Date().toISOString().slice(0, 10);
  const team = (name: string) => teams.get(name)?.id ?? '';
  const claims = createProgram(s, { name: 'Claims champions', initiativeId: initiatives.claims });
  const email = createProgram(s, { name: 'Contact centre champions', initiativeId: initiatives.email });
  const uw = createProgram(s, { name: 'Underwriting pilot champions', initiativeId: initiatives.uw });
  const since = daysBefore(today, 200);
  const champion = (programId: string, memberId: string, teamName: string) =>
    createChampion(s, { programId, memberId, teamId: team(teamName), since }).id;
  const activity = (
    championId: string,
    kind: Parameters<typeof logActivity>[1]['kind'],
    daysAgo: number,
    attendance: number,
    notes?: string,
  ) => logActivity(s, { championId, kind, date: daysBefore(today, daysAgo), attendance, notes: notes ?? null });

  const tomNorth = champion(claims.id, people.tom, 'Claims North');
  activity(tomNorth, 'demo', 95, 14, 'Go-live walkthrough of the triage screen');
  activity(tomNorth, 'office hours', 40, 6);
  activity(tomNorth, 'office hours', 12, 9, 'Most questions about the reserve suggestion');
  const meiSouth = champion(claims.id, people.mei, 'Claims South');
  activity(meiSouth, 'training', 25, 11);
  const meiLeeds = champion(email.id, people.mei, 'Contact Centre Leeds');
  activity(meiLeeds, 'feedback round', 18, 15, 'Agents send most drafts unchanged; asked them to flag wrong ones');
  const tomBristol = champion(email.id, people.tom, 'Contact Centre Bristol');
  activity(tomBristol, 'demo', 75, 20);
  const samUw = champion(uw.id, people.sam, 'Underwriting');
  activity(samUw, 'peer support', 20, 4);
  const tomUw = champion(uw.id, people.tom, 'Underwriting');
  activity(tomUw, 'demo', 33, 8, 'Showed the referral reasons behind each score');

  const reporters = { claims: people.tom, email: people.mei, uw: people.sam };
  const made: string[] = [];
  const now = Date.now();
  for (const [teamName, initiative, daysAgo, fields] of FEEDBACK) {
    const at = new Date(now - daysAgo * 86_400_000);
    const item = createFeedback(
      { engine: s.engine, authorId: reporters[initiative] },
      { ...fields, initiativeId: initiatives[initiative], teamId: team(teamName) },
      at,
    );
    made.push(item.id);
  }
  FEEDBACK.forEach(([, , , , triage], i) => {
    const id = made[i];
    if (!triage || !id) return;
    const assigneeId = triage.assignee === 'sam' ? people.sam : people.me;
    // Along the transitions a person would take: triaged first, then where it ended up.
    if (triage.status !== 'duplicate' && triage.status !== 'wont_fix') triageFeedback(s, { ids: [id], status: 'triaged', assigneeId });
    if (triage.status === 'resolved') triageFeedback(s, { ids: [id], status: 'in_progress' });
    if (triage.status !== 'triaged')
      triageFeedback(s, {
        ids: [id],
        status: triage.status,
        assigneeId,
        ...(triage.resolvedVersion ? { resolvedVersion: triage.resolvedVersion } : {}),
        ...(triage.duplicateOf !== undefined ? { duplicateOfId: made[triage.duplicateOf] ?? null } : {}),
      });
  });

  // Short threads, as the reporter and the people fixing or watching an item would write them.
  const comments: [ref: string, author: string, daysAgo: number, body: string][] = [
    ['CLM-19876', people.tom, 10, 'Two more at office hours this week, both LOI. Handlers now spell it out until the fix ships.'],
    ['CLM-19876', people.sam, 6, 'Fixed in triage-gbm 3.4: the team glossary is read before the claim text.'],
    ['CLM-18801', people.mei, 22, 'The scanner at the South office rotates landscape estimates; the originals are fine.'],
    [
      'CLM-18801',
      people.me,
      20,
      'Asked the vendor to check orientation before reading totals. Watching it under the scanned documents pattern.',
    ],
    [
      'EM-87950',
      people.mei,
      5,
      'Leeds agents say “the flat” for home all the time. Added it to the tips channel: check any draft that offers a roofer.',
    ],
    [
      'EM-87950',
      people.me,
      4,
      'Grouped under local shorthand with LOI and “trad.”. The vendor wants a list of other local words; Mei, can the agents start one?',
    ],
    ['CLM-20417', people.tom, 3, 'The subsidence was only in the loss adjuster’s report, which is attached, not typed into the claim.'],
    [
      'CLM-20417',
      people.sam,
      2,
      'Confirmed with the vendor: attachments are not read before triage. Until they are, claims with an adjuster’s report go to a handler.',
    ],
    ['UW-3321', people.tom, 1, 'The broker says two more postcodes in that district were split in the same boundary review.'],
  ];
  for (const [ref, authorId, daysAgo, body] of comments) {
    const feedbackId = made[FEEDBACK.findIndex(([, , , fields]) => fields.caseRef === ref)];
    if (feedbackId) addComment({ engine: s.engine, authorId }, { feedbackId, body }, new Date(now - daysAgo * 86_400_000));
  }

  // Patterns that agree with the items: local shorthand read literally across three teams, and
  // scanned documents, fixed in a later version and watched since.
  const byCase = (...refs: string[]) =>
    refs.flatMap((ref) => {
      const i = FEEDBACK.findIndex(([, , , fields]) => fields.caseRef === ref);
      return made[i] ? [made[i]] : [];
    });
  createPattern(s, {
    name: 'Local shorthand read literally',
    category: 'terminology or jargon',
    description: 'Teams write “the flat”, “LOI” or “trad.” with a local meaning; the model reads the word, not the team’s usage.',
    feedbackIds: byCase('EM-87950', 'CLM-19876', 'UW-3290'),
  });
  createPattern(s, {
    name: 'Scanned documents misread',
    category: 'format variation',
    description: 'Rotated or low-resolution scans: totals and dates read wrong, with high confidence.',
    status: 'monitoring',
    feedbackIds: byCase('CLM-18801'),
  });
}
