import { expect, test } from './fixtures';

test.use({ workspace: 'demo' });

test('a sponsor sees read-only lists: no create, edit or delete', async ({ app, page }) => {
  await expect(app.workspaceName).toHaveText('Acme Insurance');
  await expect(app.sidebar.getByTestId('acting-member')).toHaveText('Dana Lee');
  await app.go('Teams');
  await expect(app.teams.newButton).toBeVisible();

  await app.switchProfile('Priya Shah');
  await expect(app.sidebar.getByTestId('acting-role')).toHaveText('Sponsor');
  // A switch lands on the role's main screen.
  await expect(app.screen('report')).toBeVisible();
  await app.go('Teams');
  await expect(app.teams.newButton).toHaveCount(0);
  await expect(app.teams.rows().first()).toBeVisible();

  // The row menu offers the history only.
  await page.getByRole('button', { name: 'Actions for Claims North' }).click();
  await expect(page.getByRole('menuitem')).toHaveText(['History']);
  await page.keyboard.press('Escape');

  await app.go('Initiatives');
  await expect(app.initiatives.rows().first()).toBeVisible();
  await expect(app.initiatives.newButton).toHaveCount(0);

  await app.go('Members');
  await expect(app.members.rows().first()).toBeVisible();
  await expect(app.members.newButton).toHaveCount(0);

  await app.go('Settings');
  await expect(app.settings.renameButton).toHaveCount(0);
  await expect(app.settings.root.getByTestId('workspace-name-readonly')).toHaveText('Acme Insurance');

  // Back to a change manager: the actions return.
  await app.switchProfile('Dana Lee');
  await app.go('Teams');
  await expect(app.teams.newButton).toBeVisible();
});

test('switching profile lands on that role’s main screen', async ({ app }) => {
  await app.go('Members');
  await app.switchProfile('Tom Okafor');
  await expect(app.sidebar.getByTestId('acting-role')).toHaveText('Champion');
  await expect(app.screen('reviews')).toBeVisible();
  await app.go('Members');
  await app.switchProfile('Priya Shah');
  await expect(app.screen('report')).toBeVisible();
  await app.go('Settings');
  await app.switchProfile('Dana Lee');
  await expect(app.sidebar.getByTestId('acting-role')).toHaveText('Change manager');
  await expect(app.screen('report')).toBeVisible();
});
