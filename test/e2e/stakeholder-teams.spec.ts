import fs from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { SHOTS, shootAtSizes } from './shots';
import { callApi } from './signals-pages';
import { StakeholdersScreen } from './stakeholder-pages';

async function shoot(page: Page, name: string) {
  await page.mouse.move(2, 2);
  await page.screenshot({ path: path.join(SHOTS, `stakeholder-teams-${name}.png`), animations: 'disabled', fullPage: true });
}

async function api<T>(page: Page, op: string, input: unknown): Promise<T> {
  const { status, body } = await callApi(page, op, input);
  expect(status, `${op}: ${JSON.stringify(body)}`).toBe(200);
  return body as T;
}

test('the team view shows each team’s support mix and ADKAR heatmap with its barrier point', async ({ app, page }) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  const north = (await api<{ id: string }>(page, 'teams.create', { name: 'Claims North' })).id;
  const under = (await api<{ id: string }>(page, 'teams.create', { name: 'Underwriting' })).id;
  const add = (name: string, teamId: string, fields: Record<string, unknown>) =>
    api(page, 'stakeholders.create', { name, teamId, influence: 3, interest: 3, support: 'neutral', ...fields });
  await add('Amy', north, { support: 'opposed', awareness: 4, desire: 2, knowledge: 3 });
  await add('Ben', north, { support: 'sceptical', awareness: 5, desire: 3, knowledge: 2 });
  await add('Cleo', north, { support: 'supportive', awareness: 5, desire: 5, knowledge: 4, ability: 2 });
  await add('Dev', north, {});
  await add('Eve', under, { support: 'advocate', awareness: 5, desire: 5, knowledge: 5, ability: 5, reinforcement: 5 });
  await add('Finn', under, { support: 'supportive', awareness: 4, desire: 4, knowledge: 3 });

  const register = new StakeholdersScreen(page);
  await register.open();
  await register.view('Teams');
  await expect(register.teamView).toBeVisible();

  // Support: counts in the bar, and the same in words (not colour alone).
  const northMix = register.teamRow('support-mix', 'Claims North');
  await expect(northMix.getByTestId('support-text')).toHaveText('1 opposed · 1 sceptical · 1 neutral · 1 supportive');
  await expect(northMix.getByRole('img')).toHaveAccessibleName('Claims North: 1 opposed, 1 sceptical, 1 neutral, 1 supportive');
  await expect(register.teamRow('support-mix', 'Underwriting').getByTestId('support-text')).toHaveText('1 supportive · 1 advocate');
  // Its colours, opposed to advocate, are five clearly different fills, the bars' as the legend's.
  const legend = register.teamView.getByTestId('support-legend');
  await register.expectSupportScale(legend, 20);
  const fill = (within: Locator, level: string) =>
    within.locator(`[data-support="${level}"]`).evaluate((el) => getComputedStyle(el).backgroundColor);
  const underMix = register.teamRow('support-mix', 'Underwriting');
  expect(await fill(underMix, 'advocate')).toBe(await fill(legend, 'advocate'));
  expect(await fill(underMix, 'supportive')).toBe(await fill(legend, 'supportive'));

  // ADKAR averages by hand: awareness (4+5+5)/3 = 4.7, desire (2+3+5)/3 = 3.3, knowledge (3+2+4)/3 = 3.0
  // (the first at 3 or below: the barrier point), ability Cleo's 2, reinforcement nobody.
  const northHeat = register.teamRow('adkar-heatmap', 'Claims North');
  const cells = ['awareness', 'desire', 'knowledge', 'ability', 'reinforcement'];
  const texts = async (row: typeof northHeat) => Promise.all(cells.map((e) => row.getByTestId(`heat-${e}`).innerText()));
  expect(await texts(northHeat)).toEqual(['4.7', '3.3', '3.0', '2.0', '—']);
  await expect(northHeat.getByTestId('heat-knowledge')).toHaveAttribute('data-barrier', 'true');
  await expect(northHeat.getByTestId('heat-knowledge').getByLabel('Barrier point')).toBeVisible();
  await expect(northHeat.locator('[data-barrier="true"]')).toHaveCount(1);
  await expect(northHeat.getByTestId('team-barrier')).toHaveText('Knowledge');
  // Underwriting: (5+4)/2 = 4.5 twice, (5+3)/2 = 4.0, Eve's 5 and 5: no barrier point.
  const underHeat = register.teamRow('adkar-heatmap', 'Underwriting');
  expect(await texts(underHeat)).toEqual(['4.5', '4.5', '4.0', '5.0', '5.0']);
  await expect(underHeat.locator('[data-barrier="true"]')).toHaveCount(0);
  await expect(underHeat.getByTestId('team-barrier')).toHaveText('None');

  // No concerns and no report data yet: each section says what to do.
  await expect(register.teamView.getByTestId('concern-trend')).toContainText('No concerns recorded');
  await expect(register.teamView.getByTestId('gap-contacts')).toContainText('No team’s report shows an adoption gap');
  await expectAccessible(page, 'stakeholder team view');
  await shoot(page, 'small');

  // The register as CSV: a download with a row per person.
  const downloaded = page.waitForEvent('download');
  await register.root.getByRole('button', { name: 'Export CSV' }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toBe('uptake-stakeholders.csv');
  const lines = (await fs.readFile(await file.path(), 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toMatch(
    /^name,title,team,email,influence,interest,support,awareness,desire,knowledge,ability,reinforcement,barrier_point/,
  );
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Amy', 'Ben', 'Cleo', 'Dev', 'Eve', 'Finn']);
  await expect(page.getByText('uptake-stakeholders.csv: 6 stakeholders')).toBeVisible();
});

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('a report row with a gap or override alert links to who to talk to in that team, and back to every team', async ({ app, page }) => {
    await app.go('Report');
    const rows = app.report.rows();
    await expect(rows.first()).toBeVisible();
    // The rows the engine flags with ADOPTION_GAP or HIGH_OVERRIDE, and only those, carry the link.
    const report = await api<{ rows: { teamId: string | null; team: string | null; alerts: { code: string }[] }[] }>(
      page,
      'reports.get',
      {},
    );
    const flagged = report.rows.filter((r) => r.teamId && r.alerts.some((a) => a.code === 'ADOPTION_GAP' || a.code === 'HIGH_OVERRIDE'));
    expect(flagged.length).toBeGreaterThan(0);
    await expect(app.report.root.getByTestId('who-to-talk-to')).toHaveCount(flagged.length);
    const gap = await api<{ teamId: string; team: string; people: { name: string }[] }[]>(page, 'stakeholders.gapContacts', {
      today: new Date().toISOString().slice(0, 10),
    });
    const target = gap.find((g) => flagged.some((r) => r.teamId === g.teamId));
    if (!target) throw new Error('a flagged team with people to see');
    await app.report.root
      .getByRole('link', { name: `Who to talk to in ${target.team} about the gap` })
      .first()
      .click();

    const register = new StakeholdersScreen(page);
    await expect(page.locator('[data-screen="stakeholders"][data-ready="true"]')).toBeVisible();
    const section = register.root.getByTestId('gap-contacts');
    await expect(section.getByTestId('gap-only')).toContainText(`Only ${target.team}, from the report.`);
    await expect(section.getByTestId('gap-team')).toHaveCount(1);
    await expect(section.getByTestId('gap-person')).toHaveText(target.people.map((p) => new RegExp(`^${p.name}`)));
    await expectAccessible(page, 'who to talk to in one team');
    await shootAtSizes(page, 'stakeholder-teams-talk-to');
    await section.getByRole('button', { name: 'Show every team' }).click();
    await expect(section.getByTestId('gap-team')).toHaveCount(gap.length);
  });

  test('who to talk to about the gap: Claims North, its influential sceptics first', async ({ app: _app, page }) => {
    const register = new StakeholdersScreen(page);
    await register.open();
    await register.view('Teams');
    const gap = register.teamView.getByTestId('gap-contacts');
    const north = gap.getByTestId('gap-team').filter({ hasText: 'Claims North' });
    await expect(north).toBeVisible();
    await expect(north).toContainText('Adoption gap');
    // The ranking the engine documents: opposed and sceptical with influence 4–5 first.
    const first = north.getByTestId('gap-person').first();
    await expect(first.getByTestId('support-badge')).toHaveText(/Opposed|Sceptical/);
    const influence = Number(await first.getByRole('cell').nth(2).innerText());
    expect(influence).toBeGreaterThanOrEqual(4);
    await expect(register.teamView.getByTestId('concern-trend')).toContainText('Loss of control');
    await expectAccessible(page, 'stakeholder team view (demo)');
    await shoot(page, 'demo');
    await north.getByRole('link', { name: "Open the team's report" }).click();
    await expect(page).toHaveURL(/#\/report\/team\//);
  });
});
