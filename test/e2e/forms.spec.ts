import { expect, test } from './fixtures';
import { callApi, ShadowScreen } from './signals-pages';
import { closeWith, openDialog } from './steps';

test.use({ workspace: 'demo' });

test('closing a form with unsaved changes asks first; an untouched form closes at once', async ({ app, page }) => {
  await app.go('Teams');

  // Untouched: Esc closes it, nothing asked.
  await openDialog(app.teams.newButton, app.teams.form);
  await page.keyboard.press('Escape');
  await expect(app.teams.form).toBeHidden();
  await expect(app.discardDialog).toHaveCount(0);

  // Typed into: Esc asks; Enter keeps editing (focus starts there), and what was typed is still there.
  await app.teams.newButton.click();
  await app.teams.fill({ name: 'Claims Scotland' });
  await page.keyboard.press('Escape');
  await expect(app.discardDialog).toBeVisible();
  await expect(app.discardDialog.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.discardDialog).toBeHidden();
  await expect(app.teams.form.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Claims Scotland');
  // Esc on the question keeps editing too: it closes the question, not the form.
  await page.keyboard.press('Escape');
  await expect(app.discardDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(app.discardDialog).toBeHidden();
  await expect(app.teams.form).toBeVisible();

  // Cancel asks too; discarding closes the form and saves nothing.
  await app.teams.form.getByRole('button', { name: 'Cancel' }).click();
  await closeWith(app.discardDialog, 'Discard changes');
  await expect(app.teams.form).toBeHidden();
  await expect(app.teams.row('Claims Scotland')).toHaveCount(0);

  // An edit discarded leaves the record as it was; a fresh open starts from the record again.
  await app.teams.rowAction('Claims North', 'Edit');
  const region = app.teams.form.getByLabel('Region');
  const saved = await region.inputValue();
  expect(saved).not.toBe('');
  await region.fill('Somewhere else');
  await page.keyboard.press('Escape');
  await app.discardDialog.getByRole('button', { name: 'Discard changes' }).click();
  await expect(app.teams.form).toBeHidden();
  await expect(app.teams.row('Claims North')).toContainText(saved);
  await expect(app.teams.row('Claims North')).not.toContainText('Somewhere else');
  await app.teams.rowAction('Claims North', 'Edit');
  await expect(region).toHaveValue(saved);
  await page.keyboard.press('Escape');
  await expect(app.teams.form).toBeHidden();
});

test('the retire dialog checks its date before asking the engine, and says when it was first seen', async ({ app, page }) => {
  await app.sidebar.getByRole('link', { name: 'Shadow processes', exact: true }).click();
  await expect(app.screen('shadow-processes')).toBeVisible();
  await page.getByRole('button', { name: 'Actions for Paper referral log', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Retire' }).click();
  const retire = page.getByRole('dialog', { name: 'Retire Paper referral log' });
  const date = retire.getByLabel('Retired on');
  await date.fill('');
  await retire.getByRole('button', { name: 'Retire', exact: true }).click();
  await expect(retire.getByText('Enter the day people stopped keeping it')).toBeVisible();
  await date.fill('2001-01-01');
  await retire.getByRole('button', { name: 'Retire', exact: true }).click();
  await expect(retire.getByText(/^It was first seen on .+; retire it on or after that day$/)).toBeVisible();
  await expect(date).toHaveAttribute('aria-invalid', 'true');
});

test('emptied fields hold what the engine expects: no headcount; a role cannot be emptied', async ({ app, page }) => {
  await app.go('Teams');
  await app.teams.rowAction('Claims North', 'Edit');
  await app.teams.form.getByLabel('Headcount').fill('');
  await closeWith(app.teams.form, 'Save changes');
  await expect(app.teams.row('Claims North').locator('td').nth(3)).toHaveText('—');

  await app.go('Members');
  await app.members.newButton.click();
  const role = app.members.form.getByRole('combobox', { name: 'Role' });
  await expect(role).toHaveValue('Champion');
  // Choosing the selected role again keeps it (a Mantine select would otherwise empty itself).
  await role.click();
  await page.getByRole('option', { name: 'Champion', exact: true }).click();
  await expect(role).toHaveValue('Champion');
  await role.click();
  await page.getByRole('option', { name: 'Sponsor', exact: true }).click();
  await expect(role).toHaveValue('Sponsor');
  await expect(app.members.form).toContainText('A senior stakeholder who follows progress');
});

test('a tag input keeps half-typed text out of the tags when the field is left', async ({ app, page }) => {
  await app.go('Initiatives');
  await openDialog(app.initiatives.newButton, app.initiatives.form);
  const versions = app.initiatives.form.getByLabel('Model versions');
  await versions.pressSequentially('triage-gbm 3.2', { delay: 10 });
  await page.keyboard.press('Enter');
  await versions.pressSequentially('stray', { delay: 10 });
  await page.keyboard.press('Tab');
  const tags = app.initiatives.form.locator('.mantine-TagsInput-pill');
  await expect(tags).toHaveText(['triage-gbm 3.2']);
});

test.describe('in a British locale', () => {
  test.use({ locale: 'en-GB' });

  test('date fields are written the locale’s way, in one tab stop', async ({ app, page }) => {
    const shadow = await ShadowScreen.open(app);
    await shadow.newButton.click();
    const firstSeen = shadow.form.getByLabel('First seen');
    const retiredOn = shadow.form.getByLabel('Retired on');
    await expect(firstSeen).toHaveAttribute('placeholder', 'dd/mm/yyyy');
    // Today's date, as the British write it.
    await expect(firstSeen).toHaveValue(/^\d\d\/\d\d\/\d{4}$/);
    await shadow.fill({ name: 'Weekly paper tally', team: 'Underwriting', usersInvolved: 2 });

    // One tab stop per date: from First seen, Tab goes straight to Retired on.
    await firstSeen.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('3/8/26');
    await page.keyboard.press('Tab');
    await expect(retiredOn).toBeFocused();
    await expect(firstSeen).toHaveValue('03/08/2026');
    await page.keyboard.type('31/02/2027');
    await page.keyboard.press('Tab');
    await expect(shadow.form.getByText('There is no such date: enter it as dd/mm/yyyy')).toBeVisible();
    await retiredOn.fill('');

    await closeWith(shadow.form, 'Add to register');
    await expect(shadow.row('Weekly paper tally')).toContainText('3 Aug 2026');
    const stored = (await callApi(page, 'shadowProcesses.list', {})).body as { name: string; firstSeen: string }[];
    expect(stored.find((p) => p.name === 'Weekly paper tally')?.firstSeen).toBe('2026-08-03');
  });
});
