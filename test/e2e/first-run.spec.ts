import { expect, test } from './fixtures';
import { closeWith } from './steps';

test('first run: create a workspace, teams and an initiative; they persist and have history', async ({ app, page }) => {
  // An empty database opens on the first-run panel.
  await expect(app.firstRun.root).toBeVisible();
  await expect(app.firstRun.root).toContainText('Uptake helps change managers');
  await app.firstRun.create('Acme', 'Dana Lee');

  // The shell opens on the report, which says what to do first; then Teams.
  await expect(app.screen('report')).toBeVisible();
  await expect(app.report.emptyState).toContainText('No adoption data yet');
  await app.go('Teams');
  await expect(app.workspaceName).toHaveText('Acme');
  await expect(app.sidebar.getByTestId('acting-member')).toHaveText('Dana Lee');
  await expect(app.sidebar.getByTestId('acting-role')).toHaveText('Change manager');
  await expect(page.getByTestId('empty-state')).toContainText('No teams yet');

  // A team and a sub-team.
  await app.teams.create({ name: 'Claims North', region: 'UK North', businessUnit: 'Operations', headcount: 1200 });
  await expect(app.teams.row('Claims North')).toBeVisible();
  await app.teams.create({ name: 'Motor claims', parent: 'Claims North', headcount: 85 });
  const parentRow = app.teams.row('Claims North');
  await expect(parentRow).toContainText('1,200');
  await expect(parentRow.locator('td').nth(4)).toHaveText('1');
  await expect(app.teams.rows().nth(1)).toContainText('Motor claims');

  // An initiative with no technical lead is flagged in the list.
  await app.go('Initiatives');
  await app.initiatives.create({
    name: 'Claims triage assistant',
    status: 'Pilot',
    goLive: '2026-09-14',
    modelVersions: ['triage-gbm 3.2'],
    businessSponsor: { member: 'Dana Lee' },
    productOwner: { external: 'Alex Morgan' },
  });
  await expect(app.initiatives.flag('Claims triage assistant')).toHaveText('Triad incomplete: no technical lead');

  // Everything is still there after a reload.
  await app.reload();
  await expect(app.initiatives.flag('Claims triage assistant')).toBeVisible();
  // The form's "External" is the word the table shows under a triad person who is not a member.
  await expect(app.initiatives.row('Claims triage assistant')).toContainText('Alex MorganExternal');
  await app.go('Teams');
  await expect(app.teams.row('Claims North')).toBeVisible();
  await expect(app.teams.row('Motor claims')).toBeVisible();

  // Rename the team, then its history shows the edit (from → to) above the creation.
  await app.teams.edit('Claims North', { name: 'Claims North & Scotland' });
  await expect(app.teams.row('Claims North & Scotland')).toBeVisible();
  await app.teams.rowAction('Claims North & Scotland', 'History');
  const entries = await app.history.expectEntries('Edited by Dana Lee', 'Created');
  const edit = entries.nth(0);
  await expect(app.history.change(edit, 'name')).toHaveText('Claims North→Claims North & Scotland');
  const created = entries.nth(1);
  await expect(app.history.change(created, 'name')).toHaveText('Claims North');
  await expect(app.history.change(created, 'headcount')).toHaveText('1,200');
  await app.history.close();

  // Filling the missing role clears the flag; the initiative's history shows the triad change readably.
  await app.go('Initiatives');
  await app.initiatives.rowAction('Claims triage assistant', 'Edit');
  await app.initiatives.fill({ technicalLead: { external: 'Jordan Patel' } });
  await closeWith(app.initiatives.form, 'Save changes');
  await expect(app.initiatives.flag('Claims triage assistant')).toHaveCount(0);
  await app.initiatives.rowAction('Claims triage assistant', 'History');
  const initiativeEntries = await app.history.expectEntries('Edited', 'Created');
  const triadEdit = initiativeEntries.nth(0);
  // Saving the whole form records only what changed.
  await expect(triadEdit.locator('dt')).toHaveText(['Technical lead']);
  await expect(app.history.change(triadEdit, 'technicalLead')).toHaveText('—→Jordan Patel (external)');
  const createdInitiative = initiativeEntries.nth(1);
  await expect(app.history.change(createdInitiative, 'businessSponsor')).toHaveText('Dana Lee');
  await expect(app.history.change(createdInitiative, 'modelVersions')).toHaveText('triage-gbm 3.2');
  await expect(app.history.change(createdInitiative, 'status')).toHaveText('Pilot');
  await app.history.close();

  // A change manager renames the workspace in Settings.
  await app.go('Settings');
  await app.settings.workspaceName.fill('Acme Group');
  await app.settings.workspaceName.press('Enter');
  await expect(app.workspaceName).toHaveText('Acme Group');
});

test('first run: open the demo workspace', async ({ app }) => {
  await app.firstRun.demoButton.click();
  // The demo opens on the report, with its story: a wide gap in Claims North. Making it writes a
  // year of signals (about 2 s of CPU here), so a loaded machine gets longer than a click.
  await expect(app.screen('report')).toBeVisible({ timeout: 30_000 });
  await expect(app.workspaceName).toHaveText('Acme Insurance');
  await expect(app.report.row('Claims triage assistant', 'Claims North')).toBeVisible();
  await app.go('Teams');
  await expect(app.sidebar.getByTestId('acting-member')).toHaveText('Dana Lee');
  await expect(app.teams.row('Claims North')).toBeVisible();
});
