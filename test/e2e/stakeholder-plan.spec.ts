import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { shootAtSizes } from './shots';
import { callApi } from './signals-pages';
import { logSessionWith, StakeholdersScreen } from './stakeholder-pages';
import { closeWith } from './steps';

type Planned = {
  id: string;
  message: string;
  state: string;
  nextDue: string | null;
  lastDeliveredOn: string | null;
  lastSessionId: string | null;
};

/** The device's today, as the screen computes it (YYYY-MM-DD, local time). */
const localToday = (page: Page) =>
  page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function planOf(page: Page): Promise<Planned[]> {
  return (await callApi(page, 'stakeholderPlan.list', { today: await localToday(page) })).body as Planned[];
}

async function openPlan(page: Page) {
  const register = new StakeholdersScreen(page);
  await register.open();
  await register.view('Plan');
  const plan = register.root.getByTestId('plan-view');
  await expect(plan.getByRole('table', { name: 'Communication plan' })).toBeVisible();
  return plan;
}

const row = (plan: ReturnType<Page['locator']>, message: string) => plan.getByTestId('touchpoint-row').filter({ hasText: message });

test('an empty plan says what to plan', async ({ app, page }) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  const teams = (await callApi(page, 'teams.create', { name: 'Claims North' })).body as { id: string };
  await callApi(page, 'stakeholders.create', { name: 'Ravi Kumar', teamId: teams.id, influence: 4, interest: 4, support: 'neutral' });
  const register = new StakeholdersScreen(page);
  await register.open();
  await register.view('Plan');
  await expect(register.root.getByTestId('empty-state')).toContainText('No touchpoints planned yet');
  await expect(register.root.getByTestId('empty-state').getByRole('button', { name: 'Plan a touchpoint' })).toBeVisible();
  await expectAccessible(page, 'empty communication plan');
});

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('the plan puts overdue first; mark done by a logged session or by logging one; plan a new touchpoint', async ({ app, page }) => {
    await expect(app.sidebar).toBeVisible();
    const plan = await openPlan(page);
    const expected = await planOf(page);
    // The rows in the engine's order: overdue, due today, upcoming, done.
    const rows = plan.getByTestId('touchpoint-row');
    await expect(rows).toHaveCount(expected.length);
    for (const [i, t] of expected.entries()) await expect(rows.nth(i)).toHaveAttribute('data-state', t.state);
    const states = expected.map((t) => t.state);
    expect(states.indexOf('overdue')).toBe(0);
    expect(states.lastIndexOf('overdue')).toBeLessThan(Math.max(states.indexOf('upcoming'), states.indexOf('done')));
    await expectAccessible(page, 'communication plan');
    await shootAtSizes(page, 'stakeholders-plan');

    // Mark the override briefing done by the latest session logged: the next due date moves a cadence on.
    const briefing = 'Override figures: what the team changes next';
    const sessions = (await callApi(page, 'stakeholderSessions.list', {})).body as { id: string; at: string }[];
    const latest = sessions[0];
    if (!latest) throw new Error('the demo has sessions');
    await row(plan, briefing)
      .getByRole('button', { name: `Mark “${briefing}” done` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Mark touchpoint done' });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, 'mark touchpoint done dialog');
    await dialog.getByRole('combobox', { name: 'Delivered in' }).click();
    await page.getByRole('option').first().click();
    await closeWith(dialog, 'Mark done');
    await expect(app.notification(`“${briefing}” marked done.`)).toBeVisible();
    const delivered = (await planOf(page)).find((t) => t.message === briefing);
    expect(delivered).toMatchObject({
      lastSessionId: latest.id,
      lastDeliveredOn: latest.at.slice(0, 10),
      nextDue: addDays(latest.at.slice(0, 10), 30),
    });

    // Tom's weekly tips, never posted: log the session that delivered them from the plan itself.
    const tips = 'Tips for the triage screen';
    await row(plan, tips)
      .getByRole('button', { name: `Mark “${tips}” done` })
      .click();
    await dialog.getByRole('button', { name: 'Log the session instead' }).click();
    const log = await logSessionWith(page, 'Kerry');
    await closeWith(log, 'Log session');
    const today = await localToday(page);
    await expect.poll(async () => (await planOf(page)).find((t) => t.message === tips)?.nextDue).toBe(addDays(today, 7));
    await expect(row(plan, tips)).toHaveAttribute('data-state', 'upcoming');
    const logged = ((await callApi(page, 'stakeholderSessions.list', {})).body as { id: string; attendees: { name: string }[] }[])[0];
    expect(logged?.attendees.map((a) => a.name)).toEqual(['Kerry Doyle']);
    expect((await planOf(page)).find((t) => t.message === tips)?.lastSessionId).toBe(logged?.id);

    // Plan a new one for a tag, every 14 days, due today: it joins the plan as due today.
    await plan.getByRole('button', { name: 'Plan touchpoint' }).click();
    const form = page.getByRole('dialog', { name: 'Plan a touchpoint' });
    await expect(form.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await page.keyboard.type('Ask the handlers what the AI gets wrong');
    await form.getByRole('combobox', { name: 'For' }).click();
    await page.getByRole('option', { name: '#handlers', exact: true }).click();
    await form.getByRole('combobox', { name: 'Channel' }).click();
    await page.getByRole('option', { name: 'Teams/Slack post', exact: true }).click();
    await form.getByRole('textbox', { name: 'Every (days)' }).fill('14');
    await expectAccessible(page, 'plan a touchpoint dialog');
    await shootAtSizes(page, 'stakeholders-plan-form');
    await closeWith(form, 'Plan touchpoint');
    await expect(row(plan, 'Ask the handlers what the AI gets wrong')).toHaveAttribute('data-state', 'due');
    await expect(row(plan, 'Ask the handlers what the AI gets wrong')).toContainText('#handlers');
    await expect(row(plan, 'Ask the handlers what the AI gets wrong')).toContainText('Every 14 days');
  });
});
