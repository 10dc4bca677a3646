import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { UserError } from '../../db/errors';
import { matchPatternName } from '../../db/feedback/model';
import { idsByName, withDemo, workspaceForEachTest } from '../helpers';

const t = workspaceForEachTest({ teams: ['Leeds'], initiatives: ['Claims triage'] });

async function setup() {
  const id = await idsByName(t.host);
  const [team, initiative] = [id.team('Leeds'), id.initiative('Claims triage')];
  const shorthand = await callTyped(t.host, 'failurePatterns.create', {
    name: 'Local shorthand read literally',
    category: 'terminology or jargon',
  });
  const scans = await callTyped(t.host, 'failurePatterns.create', { name: 'Scanned documents misread', category: 'format variation' });
  const shadow = (name: string, extra: Record<string, unknown>) =>
    callTyped(t.host, 'shadowProcesses.create', {
      name,
      teamId: team,
      kind: 'spreadsheet',
      usersInvolved: 3,
      firstSeen: '2026-01-05',
      ...extra,
    });
  const review = (recommendationId: string, verdict: 'appropriate' | 'inappropriate', extra: Record<string, unknown> = {}) =>
    callTyped(t.host, 'reviews.create', {
      initiativeId: initiative,
      recommendationId,
      userHash: 'u1',
      verdict,
      reasonCode: 'model_wrong',
      ...extra,
    });
  const feedback = (caseRef: string) =>
    callTyped(t.host, 'feedback.create', {
      initiativeId: initiative,
      teamId: team,
      caseRef,
      aiSaid: 'Fast track',
      whatWasRight: 'Complex',
      category: 'missing context',
      severity: 'medium',
      caught: 'review',
    });
  return { team, initiative, shorthand, scans, shadow, review, feedback };
}

describe('the shadow register’s free-text failure pattern', () => {
  it('names a pattern when the text is its name, case, surrounding and doubled spaces aside; never a deleted one', () => {
    const patterns = [
      { id: 'p1', name: 'Local shorthand read literally', deleted: false },
      { id: 'p2', name: 'Scanned documents misread', deleted: true },
    ];
    expect(matchPatternName('  local SHORTHAND  read literally ', patterns)?.id).toBe('p1');
    expect(matchPatternName('Scanned documents misread', patterns)).toBeNull();
    expect(matchPatternName('Local shorthand', patterns)).toBeNull();
    expect(matchPatternName('   ', patterns)).toBeNull();
    expect(matchPatternName(null, patterns)).toBeNull();
  });

  it('a process links its pattern by the text it already had, by a choice (which wins), or keeps unmatched text as text', async () => {
    const { shorthand, scans, shadow } = await setup();
    await shadow('Old-words sheet', { failurePattern: ' local shorthand  READ literally' });
    await shadow('Totals re-keyed', { failurePattern: 'Local shorthand read literally', failurePatternId: scans.id });
    await shadow('Paper log', { failurePattern: 'Misses reserve changes on large claims' });
    const list = await callTyped(t.host, 'shadowProcesses.list', {});
    expect(list.map((p) => [p.name, p.pattern, p.patternByText, p.failurePattern])).toEqual([
      // The API trims the text; the doubled space inside is kept, and matched as one.
      ['Old-words sheet', 'Local shorthand read literally', true, 'local shorthand  READ literally'],
      ['Paper log', null, false, 'Misses reserve changes on large claims'],
      ['Totals re-keyed', 'Scanned documents misread', false, 'Local shorthand read literally'],
    ]);
    // A pattern named later matches the text kept from before.
    await callTyped(t.host, 'failurePatterns.update', { id: shorthand.id, name: 'Misses reserve changes on large claims' });
    const after = await callTyped(t.host, 'shadowProcesses.list', {});
    expect(after.find((p) => p.name === 'Paper log')?.patternId).toBe(shorthand.id);
    expect(after.find((p) => p.name === 'Old-words sheet')?.patternId).toBeNull();
    const e = await callTyped(t.host, 'shadowProcesses.update', { id: after[0]?.id ?? '', failurePatternId: 'nope' }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toContain('failurePatternId: no failure pattern with id nope');
  });
});

describe('a pattern’s page', () => {
  it('lists the shadow processes that name it and the appropriate overrides linked to it, directly or through their feedback', async () => {
    const { shorthand, scans, shadow, review, feedback } = await setup();
    await shadow('Old-words sheet', { failurePattern: 'local shorthand read literally' });
    await shadow('Chosen sheet', { failurePatternId: shorthand.id });
    await shadow('Scan checks', { failurePatternId: scans.id });
    // Deleted from the register, it is still listed, after the live ones and marked so.
    const gone = await shadow('A dropped sheet', { failurePatternId: shorthand.id });
    await callTyped(t.host, 'shadowProcesses.delete', { id: gone.id });
    await review('R-1', 'appropriate', { patternId: shorthand.id });
    await review('R-2', 'appropriate');
    await review('R-3', 'inappropriate');
    await review('R-4', 'appropriate', { patternId: scans.id });
    // became feedback (their case references), grouped into the pattern; R-4 has its own link elsewhere.
    const r2 = await feedback('R-2');
    const r3 = await feedback('R-3');
    const r4 = await feedback('R-4');
    await callTyped(t.host, 'feedback.group', { ids: [r2.id, r3.id, r4.id], patternId: shorthand.id });
    const page = await callTyped(t.host, 'failurePatterns.get', { id: shorthand.id });
    expect(page.shadowProcesses.map((p) => [p.name, p.byText, p.deleted])).toEqual([
      ['Chosen sheet', false, false],
      ['Old-words sheet', true, false],
      ['A dropped sheet', false, true],
    ]);
    expect(page.overrides.map((o) => [o.recommendationId, o.via, o.initiative])).toEqual([
      ['R-1', 'review', 'Claims triage'],
      ['R-2', 'feedback', 'Claims triage'],
    ]);
    expect((await callTyped(t.host, 'failurePatterns.get', { id: scans.id })).overrides.map((o) => o.recommendationId)).toEqual(['R-4']);
  });

  it('only an override judged appropriate links to a pattern; judging it inappropriate later drops the link', async () => {
    const { shorthand, review } = await setup();
    const e = await review('R-9', 'inappropriate', { patternId: shorthand.id }).catch((x: unknown) => x);
    expect((e as UserError).message).toContain('only an override judged appropriate');
    const { id } = await review('R-8', 'appropriate', { patternId: shorthand.id });
    const changed = await callTyped(t.host, 'reviews.update', { id, verdict: 'inappropriate' });
    expect(changed.patternId).toBeNull();
    expect((await callTyped(t.host, 'failurePatterns.get', { id: shorthand.id })).overrides).toEqual([]);
  });
});

describe('a pattern’s regions', () => {
  it('are the regions of its live items’ teams, once each, sorted; a team without a region adds none', async () => {
    const { initiative, shorthand } = await setup();
    const team = async (name: string, region?: string) =>
      (await callTyped(t.host, 'teams.create', { name, ...(region ? { region } : {}) })).id;
    const bristol = await team('Bristol', 'South West');
    const leeds = await team('Leeds North', ' Yorkshire ');
    const york = await team('York', 'Yorkshire');
    const plain = await team('Head office');
    const log = (teamId: string) =>
      callTyped(t.host, 'feedback.create', {
        initiativeId: initiative,
        teamId,
        aiSaid: 'Roofer',
        whatWasRight: 'Contents',
        category: 'regional variation',
        severity: 'low',
        caught: 'review',
        patternId: shorthand.id,
      });
    await log(leeds);
    await log(york);
    await log(plain);
    const gone = await log(bristol);
    const pattern = async () => (await callTyped(t.host, 'failurePatterns.list', {})).find((p) => p.id === shorthand.id);
    expect((await pattern())?.regions).toEqual(['South West', 'Yorkshire']);
    expect((await pattern())?.teams).toEqual(['Bristol', 'Head office', 'Leeds North', 'York']);
    await callTyped(t.host, 'feedback.delete', { id: gone.id });
    expect((await pattern())?.regions).toEqual(['Yorkshire']);
  });
});

describe('the demo workspace', () => {
  it('links two shadow processes to the pattern they hedge against, chosen in the register; the habit-driven check names none', async () => {
    await withDemo(async (host) => {
      const list = await callTyped(host, 'shadowProcesses.list', {});
      expect(list.map((p) => [p.name, p.pattern, p.patternByText])).toEqual([
        ['Claims reserve tracker', 'Scanned documents misread', false],
        ['Old triage checklist', null, false],
        ['Paper referral log', 'Local shorthand read literally', false],
        ['Second-pair check on complex claims', null, false],
      ]);
    });
  }, 120_000);
});
