import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { SHOTS, shootAtSizes } from './shots';
import { callApi, openScreen } from './signals-pages';
import { logSessionWith, StakeholdersScreen } from './stakeholder-pages';
import { press, typeOver, typeThen } from './steps';

const shoot = (page: Page, name: string) => shootAtSizes(page, `sessions-${name}`);

test('empty session log and action list say what to do next', async ({ app, page }) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  const sessions = await openScreen(app, 'Sessions');
  await expect(sessions.getByTestId('empty-state')).toContainText('No sessions logged yet');
  await expect(sessions.getByTestId('empty-state').getByRole('button', { name: 'Log a session' })).toBeVisible();
  await expectAccessible(page, 'empty session log');
  const actions = await openScreen(app, 'Actions');
  await expect(actions.getByTestId('empty-state')).toContainText('No follow-up actions yet');
  await expectAccessible(page, 'empty action list');
});

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('log a session with two attendees and an action by keyboard; the action is overdue after its due date; My actions', async ({
    app,
    page,
  }) => {
    const sessions = await openScreen(app, 'Sessions');
    const rows = sessions.getByTestId('session-row');
    await expect(rows).toHaveCount(11);
    await expectAccessible(page, 'session log');
    await shoot(page, 'log');

    await sessions.getByRole('button', { name: 'Log session' }).click();
    // The attendees field has the focus: type a name, Enter picks it.
    const dialog = await logSessionWith(page, 'Fiona', 'Kerry');
    // Tab order: attendees, kind, date, time.
    await press(page, 'Tab');
    await expect(dialog.getByLabel('Kind')).toBeFocused();
    await typeOver(page, 'Work', 'Enter', 'Tab');
    await expect(dialog.getByLabel('Date')).toBeFocused();
    await typeOver(page, '2026-11-25', 'Tab');
    await typeOver(page, '10:00');
    await expectAccessible(page, 'log a session dialog');
    await shoot(page, 'dialog');
    // The follow-up action, due in the past.
    await dialog.getByRole('textbox', { name: 'What' }).focus();
    await typeThen(page, 'Send Fiona the override figures', 'Tab', 'Tab');
    await expect(dialog.getByLabel('Due')).toBeFocused();
    await typeOver(page, '2026-01-05', 'Enter');
    await expect(dialog).toBeHidden();
    await expect(rows).toHaveCount(12);
    const logged = rows.filter({ hasText: 'Fiona Walsh' }).filter({ hasText: 'Kerry Doyle' }).filter({ hasText: 'Workshop' });
    await expect(logged).toHaveCount(2); // the demo's August workshop and this one
    await expect(rows.first()).toContainText('Fiona Walsh');

    // The action is overdue, so first.
    const actions = await openScreen(app, 'Actions');
    const actionRows = actions.getByTestId('action-row');
    await expect(actionRows.first()).toContainText('Send Fiona the override figures');
    await expect(actionRows.first()).toHaveAttribute('data-overdue', 'true');
    await expect(actionRows.first().getByTestId('action-overdue')).toHaveText('Overdue');
    await expect(actionRows.filter({ hasText: 'Run a hands-on session' })).toHaveCount(1);
    await expectAccessible(page, 'actions');
    await shoot(page, 'actions');

    // My actions: Dana's only; Tom's hands-on session goes.
    await actions.getByTestId('action-filters').getByText('My actions', { exact: true }).click();
    await expect(actionRows.filter({ hasText: 'Run a hands-on session' })).toHaveCount(0);
    await expect(actionRows.filter({ hasText: 'Send Fiona the override figures' })).toHaveCount(1);
    for (const owner of await actionRows.locator('td:nth-child(3)').allTextContents()) expect(owner).toBe('Dana Lee');

    // Mark it done inline: it leaves the open list.
    await actions.getByRole('checkbox', { name: 'Mark “Send Fiona the override figures” done' }).click();
    await expect(actionRows.filter({ hasText: 'Send Fiona the override figures' })).toHaveCount(0);
  });

  test('needs attention on the stakeholders screen and the report; the timeline shows sessions', async ({ app, page }) => {
    await expect(app.sidebar).toBeVisible();
    const register = new StakeholdersScreen(page);
    await register.open();
    const card = register.root.getByTestId('needs-attention');
    await expect(card).toContainText('Needs attention');
    // Grace Obi (manage closely, every 14 days) was last met at the steering committee of 12 May 2026: the most overdue.
    await expect(card.getByTestId('attention-row').first()).toContainText('Grace Obi');
    await expectAccessible(page, 'stakeholders with needs attention');
    await shoot(page, 'stakeholders');

    const report = await openScreen(app, 'Report');
    await expect(report.getByTestId('needs-attention')).toBeVisible();
    await shoot(page, 'report');

    await register.open();
    const person = await register.openPerson('Gareth Hughes');
    await expect(person.timeline().filter({ hasText: 'Steering committee · came across negative' })).toHaveCount(1);
    await expect(person.timeline().filter({ hasText: 'Re-rated in a one-to-one: Support Neutral → Sceptical' })).toHaveCount(1);
    await shoot(page, 'timeline');
  });

  test('a session with two follow-up actions and an ADKAR update, by keyboard; sentiment shown by more than colour', async ({
    app,
    page,
  }) => {
    const sessions = await openScreen(app, 'Sessions');
    await sessions.getByRole('button', { name: 'Log session' }).click();
    const dialog = await logSessionWith(page, 'Gareth');

    // How he came across: the radio group moves with the arrow keys.
    await dialog.getByRole('radiogroup', { name: 'How Gareth Hughes came across' }).getByRole('radio', { name: 'Not noted' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(dialog.getByRole('radio', { name: 'Negative' })).toBeChecked();

    // ADKAR opens per attendee; each score shows the current one until changed. Desire: now → 4.
    const { body: people } = await callApi(page, 'stakeholders.list', {});
    const before = (people as { name: string; desire: number | null }[]).find((p) => p.name === 'Gareth Hughes')?.desire;
    expect(before).toBeLessThan(4);
    await dialog.getByRole('button', { name: 'ADKAR for Gareth Hughes' }).focus();
    await page.keyboard.press('Enter');
    const desire = dialog.getByRole('combobox', { name: "Gareth Hughes's desire now" });
    await expect(desire).toHaveAttribute('placeholder', `${before} now`);
    await desire.focus();
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await expect(desire).toHaveValue('4');
    await expect(dialog.getByRole('button', { name: 'ADKAR (1 changed) for Gareth Hughes' })).toBeVisible();

    // Two follow-up actions: the second row comes from "Add another action", which focuses its first field.
    await dialog.getByRole('textbox', { name: 'What (action 1)' }).focus();
    await page.keyboard.type('Send Gareth the audit trail design');
    await dialog.getByRole('button', { name: 'Add another action' }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('textbox', { name: 'What (action 2)' })).toBeFocused();
    await page.keyboard.type('Book a hands-on session for Claims North');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(dialog.getByLabel('Due (action 2)')).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('2026-12-18');
    // A third row added and removed again writes nothing.
    await dialog.getByRole('button', { name: 'Add another action' }).click();
    await expect(dialog.getByTestId('session-action-row')).toHaveCount(3);
    await dialog.getByRole('button', { name: 'Remove action 3' }).click();
    await expect(dialog.getByTestId('session-action-row')).toHaveCount(2);
    await expectAccessible(page, 'log a session dialog with ADKAR and two actions');
    await page.screenshot({ path: path.join(SHOTS, 'sessions-dialog-adkar-actions.png'), animations: 'disabled' });
    await dialog.getByRole('textbox', { name: 'What (action 2)' }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Session logged with 1 attendee and 2 follow-up actions.')).toBeVisible();

    // The session's actions, from the API: both, linked to the session.
    const newest = sessions.getByTestId('session-row').first();
    await expect(newest).toContainText('Gareth Hughes');
    await expect(newest.getByRole('img', { name: 'came across negative' })).toBeVisible();
    await expectAccessible(page, 'session log with sentiment icons');
    const { body: list } = await callApi(page, 'stakeholderSessions.list', {});
    const logged = (list as { id: string; attendees: { name: string }[] }[])[0];
    const { body: actions } = await callApi(page, 'stakeholderActions.list', { today: '2026-11-30' });
    const mine = (actions as { what: string; sessionId: string | null; due: string }[]).filter((a) => a.sessionId === logged?.id);
    expect(mine.map((a) => [a.what, a.due]).sort()).toEqual([
      ['Book a hands-on session for Claims North', '2026-12-18'],
      ['Send Gareth the audit trail design', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)],
    ]);

    // The re-rating went through the write path: his desire is 4, his barrier point moved on, the timeline dates it at the session.
    const register = new StakeholdersScreen(page);
    await register.open();
    const person = await register.openPerson('Gareth Hughes');
    await expect(person.timeline().filter({ hasText: `Re-rated in a one-to-one: Desire ${before} → 4` })).toHaveCount(1);
  });
});
