import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectShown, press, typeThen } from './steps';

test.use({ workspace: 'demo' });

// The app opens on the report; these tests start on Teams.
test.beforeEach(async ({ app }) => {
  await app.go('Teams');
});

/** Press Tab until the focused element matches; fails if it never does. */
async function tabTo(page: Page, accessibleName: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
    });
    if (name === accessibleName) return;
  }
  throw new Error(`Tab never reached "${accessibleName}"`);
}

test('create a team using only the keyboard', async ({ app, page }) => {
  await expect(app.teams.newButton).toBeVisible();

  // Esc closes a dialog and gives focus back.
  await tabTo(page, 'New team');
  await page.keyboard.press('Enter');
  await expect(app.teams.form).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(app.teams.form).toBeHidden();
  await expect(app.teams.newButton).toBeFocused();

  // The dialog opens with focus in its first field; Tab walks the fields; Enter submits.
  await page.keyboard.press('Enter');
  const name = app.teams.form.getByRole('textbox', { name: 'Name', exact: true });
  await expect(name).toBeFocused();
  await typeThen(page, 'Claims Scotland', 'Tab');
  await expect(app.teams.form.getByRole('combobox', { name: 'Parent team' })).toBeFocused();
  await typeThen(page, 'Claims North', 'ArrowDown', 'Enter');
  await expect(app.teams.form.getByRole('combobox', { name: 'Parent team' })).toHaveValue('Claims › Claims North');
  await press(page, 'Tab');
  await typeThen(page, 'Scotland', 'Tab');
  await typeThen(page, 'Operations', 'Tab');
  await typeThen(page, '42', 'Enter');

  await expect(app.teams.form).toBeHidden();
  await expectShown(app.teams.row('Claims Scotland'), 'Scotland', '42');
  // Placed under its parent, in hierarchy order.
  const names = await app.teams.rows().locator('td:first-child').allTextContents();
  expect(names.indexOf('Claims Scotland')).toBe(names.indexOf('Claims North') + 1);

  // The row menu works from the keyboard too: open it, reach History, open the drawer, close it.
  await page.getByRole('button', { name: 'Actions for Claims Scotland' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'History' })).toBeVisible();
  const history = page.getByRole('menuitem', { name: 'History' });
  for (let i = 0; i < 4 && !(await history.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(history).toBeFocused();
  await page.keyboard.press('Enter');
  await app.history.expectEntries('Created');
  await page.keyboard.press('Escape');
  await expect(app.history.root).toBeHidden();
});
