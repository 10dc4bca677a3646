import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { callApi, openScreen, ShadowScreen } from './signals-pages';
import { closeWith, expectShown, openDialog, submitRefused, typeAhead } from './steps';

/** Axe on the page as it is now: no violation of serious or critical impact. */

test('an empty register says what to do next', async ({ app, page }) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  const shadow = await ShadowScreen.open(app);
  await expect(shadow.emptyState).toContainText('No shadow processes registered');
  await expect(shadow.emptyState).toContainText('or import a shadow-processes CSV from Imports');
  await expect(shadow.emptyState.getByRole('button', { name: 'Add a shadow process' })).toBeVisible();
  await expectAccessible(page, 'empty register');
  await shadow.emptyState.getByRole('button', { name: 'Go to Imports' }).click();
  await expect(app.screen('imports')).toBeVisible();
});

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('create, edit, retire and delete a shadow process, each kept in its history', async ({ app, page }) => {
    const shadow = await ShadowScreen.open(app);
    await expect(shadow.rows()).toHaveCount(4);
    await expect(shadow.root).toContainText('3 active');
    await expectAccessible(page, 'register');

    // Create: the form checks its own rules before asking the engine.
    await openDialog(shadow.newButton, shadow.form);
    await submitRefused(shadow.form, 'Add to register', 'Name cannot be empty', 'Choose the team that keeps it');
    await expectAccessible(page, 'shadow-process form with errors');
    await shadow.fill({
      name: 'Underwriting referral spreadsheet',
      team: 'Underwriting',
      initiative: 'Underwriting risk scorer',
      kind: 'Spreadsheet',
      owner: 'Ines Duarte',
      usersInvolved: 7,
      firstSeen: '2026-08-03',
      reason: 'Scores are re-checked by hand before referral',
    });
    await closeWith(shadow.form, 'Add to register');
    const row = await expectShown(shadow.row('Underwriting referral spreadsheet'), 'Underwriting risk scorer', 'Ines Duarte', 'Active');
    await expect(row.getByTestId('users-involved')).toHaveText('7');
    await expect(shadow.rows()).toHaveCount(5);

    // Edit: more people keep it than first thought; retired before first seen is refused.
    await shadow.rowAction('Underwriting referral spreadsheet', 'Edit');
    await expect(shadow.form).toBeVisible();
    await expect(shadow.form.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Underwriting referral spreadsheet');
    await shadow.fill({ usersInvolved: 9, retiredOn: '2026-07-01' });
    await shadow.form.getByRole('button', { name: 'Save changes' }).click();
    await expect(shadow.form.getByText('Retired on cannot be before first seen')).toBeVisible();
    await shadow.form.getByLabel('Retired on').fill('');
    await closeWith(shadow.form, 'Save changes');
    await expect(row.getByTestId('users-involved')).toHaveText('9');

    // Retire: it stays in the register, as retired, and the filters tell active from retired.
    await shadow.rowAction('Underwriting referral spreadsheet', 'Retire');
    await expect(shadow.retireDialog).toBeVisible();
    await expectAccessible(page, 'retire dialog');
    await shadow.retireDialog.getByLabel('Retired on').fill('2026-10-15');
    await shadow.retireDialog.getByRole('button', { name: 'Retire', exact: true }).click();
    await expect(shadow.retireDialog).toBeHidden();
    await expect(row).toHaveAttribute('data-status', 'retired');
    await expect(row).toContainText('Retired');
    await expect(row).toContainText(/15 Oct 2026|Oct 15, 2026/);
    await shadow.status('Active').click();
    await expect(shadow.rows()).toHaveCount(3);
    await expect(row).toHaveCount(0);
    await shadow.status('Retired').click();
    await expect(shadow.rows()).toHaveCount(2);
    await expect(row).toBeVisible();
    await shadow.status('All').click();

    // The history shows each step, with the team by name.
    await shadow.rowAction('Underwriting referral spreadsheet', 'History');
    await expect(app.history.ready).toBeVisible();
    await expect(app.history.entries()).toHaveCount(3);
    await expect(app.history.change(app.history.entries().nth(2), 'teamId')).toHaveText('Underwriting');
    await expect(app.history.change(app.history.entries().nth(1), 'usersInvolved')).toHaveText('7→9');
    await expectAccessible(page, 'shadow-process history');
    await app.history.close();

    // Delete, after a confirmation.
    await shadow.rowAction('Underwriting referral spreadsheet', 'Delete');
    const confirm = app.confirmDialog('Delete Underwriting referral spreadsheet?');
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Delete shadow process' }).click();
    await expect(shadow.row('Underwriting referral spreadsheet')).toHaveCount(0);
    await expect(shadow.rows()).toHaveCount(4);

    // The register is stored: a reload shows the same four.
    await app.reload();
    await expect(app.screen('shadow-processes')).toBeVisible();
    await expect(shadow.rows()).toHaveCount(4);
  });

  test('pickers: typing narrows them and Enter picks the match; the initiative picker offers the team’s initiatives', async ({
    app,
    page,
  }) => {
    const shadow = new ShadowScreen(page);
    // A team with no data yet, and an initiative no team has data for.
    expect((await callApi(page, 'teams.create', { name: 'Fraud Ops' })).status).toBe(200);
    expect((await callApi(page, 'initiatives.create', { name: 'Fraud detection' })).status).toBe(200);
    await app.reload();
    await openScreen(app, 'Shadow processes');
    await openDialog(shadow.newButton, shadow.form);
    const team = shadow.form.getByRole('combobox', { name: 'Team' });
    const initiative = shadow.form.getByRole('combobox', { name: 'Initiative' });
    const options = page.getByRole('listbox').getByRole('option');

    // Underwriting works with one initiative; Claims with the one its sub-teams use.
    await team.click();
    await page.getByRole('option', { name: 'Underwriting', exact: true }).click();
    await initiative.click();
    await expect(options).toHaveText(['Underwriting risk scorer']);
    await page.keyboard.press('Escape');
    await typeAhead(page, team, 'Claims');
    await expect(team).toHaveValue('Claims');
    await initiative.click();
    await expect(options).toHaveText(['Claims triage assistant']);
    await page.keyboard.press('Escape');

    // Type-ahead: Enter picks the highlighted match, not the list's first option.
    // The demo has a Fraud Analytics team too: the typed text decides.
    await typeAhead(page, team, 'Fraud O');
    await expect(team).toHaveValue('Fraud Ops');
    // A team without data yet is offered every initiative.
    await initiative.click();
    await expect(options).toHaveCount(4);
    await initiative.pressSequentially('Fraud', { delay: 20 });
    await expect(options).toHaveText(['Fraud detection']);
    await page.keyboard.press('Enter');
    await expect(initiative).toHaveValue('Fraud detection');
    await typeAhead(page, initiative, 'scorer');
    await expect(initiative).toHaveValue('Underwriting risk scorer');
    await typeAhead(page, initiative, 'Fraud');

    await shadow.fill({ name: 'Fraud double-check', usersInvolved: 3 });
    await closeWith(shadow.form, 'Add to register');
    await expect(shadow.row('Fraud double-check')).toContainText('Fraud Ops');
    await expect(shadow.row('Fraud double-check')).toContainText('Fraud detection');
  });

  test('a sponsor reads the register but cannot change it; a champion edits but cannot delete', async ({ app, page }) => {
    const shadow = new ShadowScreen(page);
    await app.switchProfile('Priya Shah');
    await openScreen(app, 'Shadow processes');
    await expect(shadow.rows()).toHaveCount(4);
    await expect(shadow.newButton).toHaveAttribute('aria-disabled', 'true');
    await shadow.newButton.hover();
    await expect(page.getByRole('tooltip')).toHaveText('Only champions and change managers can add or change shadow processes.');
    await shadow.newButton.click({ force: true });
    await expect(shadow.form).toBeHidden();
    await page.getByRole('button', { name: 'Actions for Claims reserve tracker' }).click();
    await expect(page.getByRole('menuitem')).toHaveText(['History']);
    await page.keyboard.press('Escape');
    // The engine refuses it too, whatever the screen shows.
    const refused = await callApi(page, 'shadowProcesses.delete', { id: 'anything' });
    expect(refused.status).toBe(403);
    await expectAccessible(page, 'register as a sponsor');

    await app.switchProfile('Tom Okafor');
    await openScreen(app, 'Shadow processes');
    await expect(shadow.newButton).not.toHaveAttribute('aria-disabled', 'true');
    await page.getByRole('button', { name: 'Actions for Claims reserve tracker' }).click();
    await expect(page.getByRole('menuitem')).toHaveText(['Edit', 'Retire', 'History']);
    await page.keyboard.press('Escape');
  });
});
