import { expect, test } from './fixtures';

test.use({ workspace: 'demo' });

// The app opens on the report; these tests start on Teams.
test.beforeEach(async ({ app }) => {
  await app.go('Teams');
});

test('delete a team, see it among the deleted, then undo', async ({ app, page }) => {
  await expect(app.teams.row('Claims North')).toBeVisible();
  await app.teams.rowAction('Claims North', 'Delete');
  const confirm = app.confirmDialog('Delete Claims North?');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete team' }).click();

  await expect(app.teams.row('Claims North')).toHaveCount(0);
  const notice = app.notification('Team “Claims North” deleted.');
  await expect(notice).toBeVisible();

  // Still there, marked, when deleted teams are shown.
  await app.teams.showDeleted.check();
  await expect(app.teams.row('Claims North')).toContainText('Deleted');
  await app.teams.showDeleted.uncheck();
  await expect(app.teams.row('Claims North')).toHaveCount(0);

  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(app.teams.row('Claims North')).toBeVisible();
  await expect(app.notification('Team “Claims North” restored.')).toBeVisible();

  // The history tells the story, newest first: restored, deleted, (the demo's edit), created.
  await app.teams.rowAction('Claims North', 'History');
  await app.history.expectEntries('Restored', 'Deleted', 'Edited', 'Created');
  await app.history.close();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('a team with sub-teams cannot be deleted: the server says why', async ({ app }) => {
  await app.teams.rowAction('Claims', 'Delete');
  const confirm = app.confirmDialog('Delete Claims?');
  await confirm.getByRole('button', { name: 'Delete team' }).click();
  await expect(app.notification(/Claims has 2 sub-teams\. Move or delete them first\./)).toBeVisible();
  await expect(app.teams.row('Claims')).toBeVisible();
});

test('the server refuses removing the last change manager, and its message is shown', async ({ app }) => {
  await app.go('Members');
  await app.members.rowAction('Sam Rivera', 'Remove');
  await app.confirmDialog('Remove Sam Rivera?').getByRole('button', { name: 'Remove member' }).click();
  await expect(app.members.row('Sam Rivera')).toHaveCount(0);

  await app.members.rowAction('Dana Lee', 'Remove');
  await app.confirmDialog('Remove Dana Lee?').getByRole('button', { name: 'Remove member' }).click();
  await expect(app.notification('Dana Lee is the only change manager and cannot be removed')).toBeVisible();
  await expect(app.members.row('Dana Lee')).toBeVisible();
});

test('a server-side validation error lands on the field it names', async ({ app }) => {
  await app.teams.newButton.click();
  await app.teams.fill({ name: 'Claims', region: 'UK' });
  await app.teams.form.getByRole('button', { name: 'Add team' }).click();
  await expect(app.teams.form.getByText(/A team named "Claims" already exists at top level/)).toBeVisible();
  await expect(app.teams.form.getByRole('textbox', { name: 'Name', exact: true })).toHaveAttribute('aria-invalid', 'true');
});
