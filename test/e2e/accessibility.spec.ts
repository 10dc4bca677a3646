import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { openDialog } from './steps';

/** Axe on the page as it is now: no violation of serious or critical impact. */

test('first run is accessible', async ({ app, page }) => {
  await expect(app.firstRun.root).toBeVisible();
  await expectAccessible(page, 'first run');
  // With validation errors showing, too.
  await app.firstRun.createButton.click();
  await expect(app.firstRun.root.getByText('Workspace name cannot be empty')).toBeVisible();
  await expectAccessible(page, 'first run with errors');
});

test.describe('with the demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('every screen, drawer and dialog is accessible', async ({ app, page }) => {
    await app.go('Teams');
    await expectAccessible(page, 'teams');

    await openDialog(app.teams.newButton, app.teams.form);
    await expectAccessible(page, 'team form');
    await page.keyboard.press('Escape');
    await expect(app.teams.form).toBeHidden();

    await app.teams.rowAction('Claims North', 'History');
    await expect(app.history.ready).toBeVisible();
    await expectAccessible(page, 'history drawer');
    await app.history.close();

    await app.teams.rowAction('Claims North', 'Delete');
    await expect(app.confirmDialog('Delete Claims North?')).toBeVisible();
    await expectAccessible(page, 'delete confirmation');
    await page.keyboard.press('Escape');

    await app.go('Initiatives');
    await expectAccessible(page, 'initiatives');
    await openDialog(app.initiatives.newButton, app.initiatives.form);
    await app.initiatives.fill({ businessSponsor: { member: 'Priya Shah' }, productOwner: { external: 'Alex Morgan' } });
    await expectAccessible(page, 'initiative form');
    // The form has unsaved changes: closing it asks first.
    await page.keyboard.press('Escape');
    await expect(app.discardDialog).toBeVisible();
    await expectAccessible(page, 'discard changes confirmation');
    await app.discardDialog.getByRole('button', { name: 'Discard changes' }).click();
    await expect(app.initiatives.form).toBeHidden();

    await app.go('Members');
    await expectAccessible(page, 'members');
    await openDialog(app.members.newButton, app.members.form);
    await expectAccessible(page, 'member form');
    await page.keyboard.press('Escape');

    await app.go('Settings');
    await expectAccessible(page, 'settings');

    await app.profileButton.click();
    await expect(page.getByRole('menu')).toBeVisible();
    await expectAccessible(page, 'profile menu');
  });
});
