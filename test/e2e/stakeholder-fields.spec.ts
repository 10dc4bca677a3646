import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { shootAtSizes } from './shots';
import { callApi, openScreen } from './signals-pages';
import { StakeholdersScreen } from './stakeholder-pages';
import { closeWith, expectLabelsAlike } from './steps';

test.use({ workspace: 'demo' });

test('a change manager defines a choice field in Settings, sets it on a stakeholder, and sees it as a register column and in the history', async ({
  app,
  page,
}) => {
  await openScreen(app, 'Settings');
  const section = page.getByRole('region', { name: 'Stakeholder fields' });
  // The demo's two fields, in their order.
  await expect(section.getByTestId('stakeholder-field-row')).toHaveCount(2);
  await expect(section.getByTestId('stakeholder-field-row').first()).toContainText('Region');
  await expect(section.getByTestId('stakeholder-field-row').first()).toContainText('North, South, Central');
  await expectAccessible(page, 'stakeholder fields section', 'section[aria-label="Stakeholder fields"]');

  await section.getByRole('button', { name: 'New field' }).click();
  const form = page.getByRole('dialog', { name: 'New stakeholder field' });
  await form.getByRole('textbox', { name: 'Name' }).fill('region');
  await form.getByText('Choice', { exact: true }).click();
  await form.getByRole('button', { name: 'Add field' }).click();
  // Names are unique; a choice field needs its choices.
  await expect(form).toContainText(/already has a field called "Region"|at least one choice/);
  await form.getByRole('textbox', { name: 'Name' }).fill('Tier');
  const choices = form.getByLabel('Choices');
  for (const c of ['Gold', 'Silver']) {
    await choices.fill(c);
    await choices.press('Enter');
  }
  await expectAccessible(page, 'stakeholder field form');
  await closeWith(form, 'Add field');
  const tier = section.getByTestId('stakeholder-field-row').filter({ hasText: 'Tier' });
  await expect(tier).toContainText('Gold, Silver');
  await shootAtSizes(page, 'settings-stakeholder-fields');
  // Its history names the field's place in the list for people, not the internal "Position".
  await tier.getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'History' }).click();
  const fieldHistory = page.getByRole('dialog', { name: 'History Tier' });
  await expect(fieldHistory.getByTestId('history-entry').first()).toContainText('Order in the list');
  await expect(fieldHistory).not.toContainText('Position');
  await shootAtSizes(page, 'settings-stakeholder-field-history');
  await page.keyboard.press('Escape');
  await expect(fieldHistory).toBeHidden();

  // Set it on Shona Reid through the stakeholder form.
  const register = new StakeholdersScreen(page);
  await register.open();
  await register.rowAction('Shona Reid', 'Edit');
  await expect(register.form.getByTestId('custom-fields')).toBeVisible();
  // The groups' labels read as every field's label does.
  const label = (text: string) => register.form.getByText(text, { exact: true });
  await expectLabelsAlike(label('Title'), label('ADKAR'), label("The workspace's fields"), label('Influence'));
  await register.choose('Tier', 'Gold');
  await expect(register.form.getByRole('textbox', { name: 'Next review' })).not.toHaveValue('');
  await expectAccessible(page, 'stakeholder form with custom fields');
  await shootAtSizes(page, 'stakeholder-form-custom-fields');
  await closeWith(register.form, 'Save changes');

  // An optional column: hidden until chosen, then shown, sortable and filterable.
  await expect(register.root.getByRole('columnheader', { name: 'Tier' })).toHaveCount(0);
  await register.root.getByRole('button', { name: 'Columns' }).click();
  await page.getByTestId('column-chooser').getByRole('checkbox', { name: 'Tier' }).check();
  await page.keyboard.press('Escape');
  await expect(register.root.getByRole('columnheader', { name: 'Tier' })).toBeVisible();
  await expect(register.row('Shona Reid')).toContainText('Gold');
  await register.root.getByRole('combobox', { name: 'Tier' }).click();
  await page.getByRole('option', { name: 'Gold', exact: true }).click();
  await expect(register.rows()).toHaveCount(1);
  await shootAtSizes(page, 'stakeholders-custom-column');

  // The history names the field and dates the demo's date field as a date.
  await register.rowAction('Shona Reid', 'History');
  const drawer = page.getByTestId('history-drawer');
  await expect(drawer.locator('[data-ready="true"]')).toBeVisible();
  const latest = drawer.getByTestId('history-entry').first();
  await expect(latest.locator('dt')).toHaveText(['Tier']);
  await expect(latest.locator('dd')).toHaveText('—→Gold');
  await expect(drawer).toContainText('Next review');
  // A date reads as a date ("Dec 4, 2026" in the test's English locale), not as YYYY-MM-DD.
  await expect(drawer.locator('dd', { hasText: /2026-12-/ })).toHaveCount(0);
  await expect(drawer.locator('dd', { hasText: /Dec \d+, 2026/ })).not.toHaveCount(0);
  await page.keyboard.press('Escape');

  // Her page shows the workspace's fields.
  const person = await register.openPerson('Shona Reid');
  await expect(person.root.getByTestId('stakeholder-custom-fields')).toContainText('Tier');
  await expect(person.root.getByTestId('stakeholder-custom-fields')).toContainText('Gold');
  await expect(person.root.getByTestId('stakeholder-custom-fields')).toContainText('North');
});

test('a date field shown as a column filters the register by when its date falls: before today, the next 30 days, later, or none', async ({
  app,
  page,
}) => {
  await app.go('Stakeholders');
  const register = new StakeholdersScreen(page);
  await register.root.getByRole('button', { name: 'Columns' }).click();
  await page.getByTestId('column-chooser').getByRole('checkbox', { name: 'Next review' }).check();
  await page.keyboard.press('Escape');
  await register.rowAction('Shona Reid', 'Edit');
  await register.form.getByRole('textbox', { name: 'Next review' }).fill('2020-01-15');
  await closeWith(register.form, 'Save changes');
  await expect(register.row('Shona Reid')).toContainText('2020');

  const filter = register.root.getByRole('combobox', { name: 'Next review' });
  const pick = async (band: string) => {
    await filter.click();
    await page.getByRole('option', { name: band, exact: true }).click();
  };
  await pick('Before today');
  await expect(register.row('Shona Reid')).toHaveCount(1);
  await shootAtSizes(page, 'stakeholders-date-filter');
  for (const band of ['In the next 30 days', 'Later', 'No date']) {
    await pick(band);
    await expect(register.root.getByRole('combobox', { name: 'Next review' })).toHaveValue(band);
    await expect(register.row('Shona Reid')).toHaveCount(0);
  }
  // Most of the demo's people have no review date.
  await expect(register.rows().first()).toBeVisible();
});

test('number and text fields shown as columns filter the register by their values; a saved view keeps them, a value no one has any more too', async ({
  app,
  page,
}) => {
  await app.go('Stakeholders');
  const headcount = (await callApi(page, 'stakeholderFields.create', { name: 'Headcount', type: 'number' })).body as { id: string };
  const site = (await callApi(page, 'stakeholderFields.create', { name: 'Site', type: 'text' })).body as { id: string };
  const people = (await callApi(page, 'stakeholders.list', {})).body as { id: string; name: string }[];
  const setValues = async (name: string, values: { headcount: number; site: string }) => {
    const id = people.find((p) => p.name === name)?.id;
    const res = await callApi(page, 'stakeholders.update', { id, fields: { [headcount.id]: values.headcount, [site.id]: values.site } });
    expect(res.status).toBe(200);
  };
  await setValues('Gareth Hughes', { headcount: 1200, site: 'leeds' });
  await setValues('Aisha Bello', { headcount: 12, site: 'Leeds' });
  await setValues('Tomasz Nowak', { headcount: 40, site: 'Bristol' });

  // The fields were made behind the screen's back: a reload shows them.
  await app.reload();
  const register = new StakeholdersScreen(page);
  // Shona Reid's through the form, as a change manager sets them.
  await register.rowAction('Shona Reid', 'Edit');
  await register.form.getByRole('textbox', { name: 'Headcount' }).fill('12');
  await register.form.getByRole('textbox', { name: 'Site' }).fill('Leeds');
  await closeWith(register.form, 'Save changes');
  await register.root.getByRole('button', { name: 'Columns' }).click();
  for (const column of ['Headcount', 'Site']) await page.getByTestId('column-chooser').getByRole('checkbox', { name: column }).check();
  await page.keyboard.press('Escape');
  const everyone = people.length;
  await expect(register.rows()).toHaveCount(everyone);

  const filter = (name: string) => register.root.getByRole('combobox', { name });
  const pick = async (name: string, option: string) => {
    await filter(name).click();
    await page.getByRole('option', { name: option, exact: true }).click();
    await expect(filter(name)).toHaveValue(option);
  };
  // Numbers in order, in the locale's way; "leeds" and "Leeds" are one entry, spelled as most write it.
  await filter('Headcount').click();
  await expect(page.getByRole('option')).toHaveText(['12', '40', '1,200', 'No value']);
  await page.keyboard.press('Escape');
  await filter('Site').click();
  await expect(page.getByRole('option')).toHaveText(['Bristol', 'Leeds', 'No value']);
  await page.keyboard.press('Escape');

  await pick('Headcount', '1,200');
  await expect(register.rows()).toHaveCount(1);
  await expect(register.row('Gareth Hughes')).toHaveCount(1);
  await pick('Headcount', 'No value');
  await expect(register.rows()).toHaveCount(everyone - 4);
  await pick('Headcount', '12');
  await pick('Site', 'Leeds');
  await expect(register.rows()).toHaveCount(2);
  await expect(register.row('Shona Reid')).toHaveCount(1);
  await expect(register.row('Aisha Bello')).toHaveCount(1);
  await shootAtSizes(page, 'stakeholders-value-filters');

  await register.root.getByRole('button', { name: 'Views' }).click();
  await page.getByRole('menuitem', { name: 'Save current view…' }).click();
  await page.keyboard.type('Leeds teams of twelve');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Save the current view' })).toBeHidden();

  const applyView = async () => {
    await page.reload();
    await register.open();
    await expect(register.rows()).toHaveCount(everyone);
    await register.root.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: 'Leeds teams of twelve' }).click();
    await expect(filter('Headcount')).toHaveValue('12');
    await expect(filter('Site')).toHaveValue('Leeds');
  };
  await applyView();
  await expect(register.rows()).toHaveCount(2);
  await expect(register.row('Shona Reid')).toHaveCount(1);

  // No one has 12 any more: the view still filters by it, shows it, and says no one matches.
  await setValues('Shona Reid', { headcount: 14, site: 'Leeds' });
  await setValues('Aisha Bello', { headcount: 14, site: 'Leeds' });
  await applyView();
  await expect(register.rows()).toHaveCount(0);
  await expect(register.root.getByText('Nothing matches these filters')).toBeVisible();
  await register.root.getByRole('button', { name: 'Clear filters' }).click();
  await expect(register.rows()).toHaveCount(everyone);
  await expect(filter('Headcount')).toHaveValue('');
});

test('a choice field with many choices shown as a column is filtered from the keyboard by typing; a short list stays a plain select', async ({
  app,
  page,
}) => {
  await app.go('Stakeholders');
  const offices = ['Aberdeen', 'Belfast', 'Bristol', 'Cardiff', 'Edinburgh', 'Glasgow', 'Leeds', 'Liverpool', 'London', 'Manchester'];
  const office = (await callApi(page, 'stakeholderFields.create', { name: 'Office', type: 'choice', choices: offices })).body as {
    id: string;
  };
  const people = (await callApi(page, 'stakeholders.list', {})).body as { id: string; name: string }[];
  for (const [name, value] of [
    ['Gareth Hughes', 'Liverpool'],
    ['Aisha Bello', 'Leeds'],
    ['Tomasz Nowak', 'London'],
  ] as const) {
    const res = await callApi(page, 'stakeholders.update', { id: people.find((p) => p.name === name)?.id, fields: { [office.id]: value } });
    expect(res.status).toBe(200);
  }
  // The field was made behind the screen's back: a reload shows it.
  await app.reload();
  const register = new StakeholdersScreen(page);
  await register.root.getByRole('button', { name: 'Columns' }).click();
  for (const column of ['Office', 'Region']) await page.getByTestId('column-chooser').getByRole('checkbox', { name: column }).check();
  await page.keyboard.press('Escape');
  await expect(register.rows()).toHaveCount(people.length);

  // Ten choices: typing narrows the list, the arrow and Enter pick from what is left.
  const filter = register.root.getByRole('combobox', { name: 'Office' });
  await expect(filter).not.toHaveAttribute('readonly');
  const typeAndPick = async (letters: string, office: string, person: string) => {
    await filter.focus();
    // Over the value chosen before, if any.
    await page.keyboard.press('Control+A');
    await page.keyboard.type(letters);
    await expect(page.getByRole('option')).toHaveText([office]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(filter).toHaveValue(office);
    await expect(register.rows()).toHaveCount(1);
    await expect(register.row(person)).toHaveCount(1);
  };
  await typeAndPick('liv', 'Liverpool', 'Gareth Hughes');
  await shootAtSizes(page, 'stakeholders-searchable-filter');
  await typeAndPick('lo', 'London', 'Tomasz Nowak');

  // Region's three choices, like Support's and Quadrant's short lists, stay plain selects: nothing to type in.
  for (const name of ['Region', 'Support', 'Quadrant']) {
    await expect(register.root.getByRole('combobox', { name, exact: true })).toHaveAttribute('readonly');
  }
});
