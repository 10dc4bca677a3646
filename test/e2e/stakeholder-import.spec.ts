import { exampleText, OTHER_TOOL_STAKEHOLDER_COLUMNS } from '../examples';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import type { UptakeApp } from './pages';
import { shootAtSizes } from './shots';
import { StakeholdersScreen } from './stakeholder-pages';

/* The stakeholder register from CSV on the Imports screen: twice without duplicates, a bad file, another tool's file. */

test.use({ workspace: 'demo', viewport: { width: 1440, height: 900 } });

/** Imports the mapped file, which adds one person, and opens that person's custom fields on their page. */
async function importedFields(app: UptakeApp, file: string, name: string) {
  await app.imports.importButton.click();
  await expect(app.imports.summary).toContainText(`Imported ${file}`);
  await expect(app.imports.count('New')).toHaveText('1');
  const register = new StakeholdersScreen(app.page);
  await register.open();
  const person = await register.openPerson(name);
  return person.root.getByTestId('stakeholder-custom-fields');
}

test('the register imports a CSV twice without duplicates: the second import is 0 new, 14 unchanged', async ({ app, page }) => {
  const register = new StakeholdersScreen(page);
  await register.open();
  await expect(register.root).toContainText('25 people');
  // The register's Import CSV opens the Imports screen on stakeholders.
  await register.root.getByRole('link', { name: 'Import CSV' }).click();
  await expect(app.imports.root).toBeVisible();
  await expect(app.imports.root.getByRole('radio', { name: 'Stakeholders' })).toBeChecked();
  // The template is the kind's header (the register's export) and two example rows.
  const template = await app.imports.downloadTemplate();
  expect(template.fileName).toBe('stakeholders-template.csv');
  expect([template.lines[0], template.lines.length]).toEqual([exampleText('stakeholders.csv').split('\n')[0], 3]);
  await app.imports.chooseFile('stakeholders.csv', exampleText('stakeholders.csv'));
  await expect(app.imports.detected).toContainText('stakeholders');
  await app.imports.importButton.click();
  await expect(app.imports.summary).toContainText('Imported stakeholders.csv');
  await expect(app.imports.count('New')).toHaveText('14');
  await expect(app.imports.count('Updated')).toHaveText('0');

  await app.imports.chooseFile('stakeholders.csv', exampleText('stakeholders.csv'));
  await app.imports.importButton.click();
  await expect(app.imports.count('Unchanged')).toHaveText('14');
  await expect(app.imports.count('New')).toHaveText('0');
  await expectAccessible(page, 'Imports after a stakeholder import');
  await shootAtSizes(page, 'imports-stakeholders');

  await register.open();
  await expect(register.root).toContainText('39 people');
  await shootAtSizes(page, 'stakeholders-after-import');
  await register.root.getByRole('textbox', { name: 'Search' }).fill('Laura Kent');
  await expect(register.rows()).toHaveCount(1);
});

test('a bad stakeholder CSV changes nothing and lists each bad row', async ({ app, page }) => {
  const bad = [
    'name,team,email,influence,support,owner',
    'Amy Lo,Claims North,amy.lo@acme.example,6,keen,',
    ',Claims North,,3,neutral,',
    'Bo Chen,Claims South,,3,neutral,Nobody Here',
    'Ann Lee,Claims South,ann.lee@acme.example,3,neutral,',
    'Ann Lee,Claims South,ANN.LEE@acme.example,4,neutral,',
  ].join('\n');
  await app.go('Imports');
  await app.imports.kind('Stakeholders');
  await app.imports.chooseFile('bad.csv', bad);
  await app.imports.importButton.click();
  await expect(app.imports.error).toContainText('in bad.csv: nothing was written');
  const problems = app.imports.error.getByTestId('import-problems').getByRole('listitem');
  await expect(problems).toHaveText([
    'Row 2, influence, value 6: expected a whole number from 1 to 5',
    'Row 2, support, value keen: expected one of opposed, sceptical, neutral, supportive, advocate',
    "Row 3, name, value (empty): expected the stakeholder's name",
    /^Row 4, owner, value Nobody Here: expected the name or email of a member of the workspace \(Dana Lee, /,
    /^Row 6, email, value ANN\.LEE@acme\.example: expected one row per person: rows 5 and 6 are both Ann Lee \(matched by email\)/,
  ]);
  await expectAccessible(page, 'Imports: a refused stakeholder file');
  await shootAtSizes(page, 'imports-stakeholders-refused');
  const register = new StakeholdersScreen(page);
  await register.open();
  await expect(register.root).toContainText('25 people');
});

test('a stakeholder list from another tool goes through the mapping step; saved, the next file is read with it unasked', async ({
  app,
  page,
}) => {
  await app.go('Imports');
  const step = await app.imports.mapFile('Stakeholders', 'other-tool.csv', exampleText('stakeholders-other-tool.csv'));
  for (const [target, source] of Object.entries(OTHER_TOOL_STAKEHOLDER_COLUMNS)) {
    await expect(step.getByRole('combobox', { name: new RegExp(`^${target}( \\(optional\\))?$`) })).toHaveValue(source);
  }
  await expect(step.getByRole('combobox', { name: /quadrant|barrier_point|open_concerns/ })).toHaveCount(0);
  await step.getByRole('textbox', { name: 'Save mapping as' }).fill('Stakeholder tool');
  await expectAccessible(page, 'Imports: mapping a stakeholder list');
  await shootAtSizes(page, 'imports-stakeholders-mapping');
  await app.imports.importButton.click();
  await expect(app.imports.summary).toContainText('Imported other-tool.csv');
  await expect(app.imports.count('New')).toHaveText('10');
  await expect(app.imports.root.getByTestId('import-mapping-used')).toHaveText('Read with the mapping “Stakeholder tool”.');

  await app.imports.chooseFile('other-tool-march.csv', exampleText('stakeholders-other-tool.csv'));
  await expect(app.imports.root.getByTestId('import-matched-mapping')).toContainText('the saved mapping “Stakeholder tool”');
  await expect(step).toHaveCount(0);
  await app.imports.importButton.click();
  await expect(app.imports.summary).toContainText('Imported other-tool-march.csv');
  await expect(app.imports.count('New')).toHaveText('0');
  await expect(app.imports.count('Unchanged')).toHaveText('10');
  const register = new StakeholdersScreen(page);
  await register.open();
  await expect(register.root).toContainText('35 people');
});

test('the workspace’s own stakeholder fields are columns to map: a value read through the mapping shows on the person’s page', async ({
  app,
  page,
}) => {
  await app.go('Imports');
  const step = await app.imports.mapFile('Stakeholders', 'areas.csv', 'Full name,Department,Area\nMia Novak,Claims North,Central\n');
  // The demo's two fields follow Uptake's own columns; nothing in the file is named like them.
  const region = step.getByRole('combobox', { name: 'Region (optional)' });
  await expect(region).toHaveValue('Not in this file');
  await expect(step.getByRole('combobox', { name: 'Next review (optional)' })).toHaveValue('Not in this file');
  await region.click();
  await page.getByRole('option', { name: 'Area', exact: true }).click();
  await expect(region).toHaveValue('Area');
  await expect(step.getByTestId('mapping-preview')).toContainText('Central');
  await shootAtSizes(page, 'imports-stakeholders-custom-field');
  const fields = await importedFields(app, 'areas.csv', 'Mia Novak');
  await expect(fields).toContainText('Region');
  await expect(fields).toContainText('Central');
});

test('a custom date field written day first is read with the mapping’s date format: proposed, previewed, stored as the date on the person’s page', async ({
  app,
  page,
}) => {
  await app.go('Imports');
  const step = await app.imports.mapFile(
    'Stakeholders',
    'reviews.csv',
    'Full name,Department,Review on\nMia Novak,Claims North,07/12/2026\n',
  );
  const review = step.getByRole('combobox', { name: 'Next review (optional)' });
  await expect(review).toHaveValue('Review on');
  // The format is proposed from the file's dates and editable like a built-in date column's.
  await expect(step.getByRole('combobox', { name: 'Date format' })).toHaveValue('dd/MM/yyyy');
  // The preview writes the date the app's way, and asks for no time zone: a day reads the same in every zone.
  await expect(step.getByTestId('mapping-preview')).toContainText(/Dec 7, 2026|7 Dec 2026/);
  await expect(step.getByTestId('mapping-preview')).not.toContainText('2026-12-07');
  await expect(step.getByRole('combobox', { name: 'Time zone' })).toHaveCount(0);
  // What the file holds comes before the mapping, and what the import makes of it before "Save mapping as".
  const filePreview = page.getByTestId('import-preview');
  const [fileTop, mappedTop, saveTop] = await Promise.all([
    filePreview.evaluate((e) => e.getBoundingClientRect().top),
    step.getByTestId('mapping-preview').evaluate((e) => e.getBoundingClientRect().top),
    step.getByRole('textbox', { name: 'Save mapping as' }).evaluate((e) => e.getBoundingClientRect().top),
  ]);
  expect(fileTop).toBeLessThan(mappedTop);
  expect(mappedTop).toBeLessThan(saveTop);
  await expectAccessible(page, 'Imports: a custom date field in the mapping step');
  await shootAtSizes(page, 'imports-stakeholders-custom-date');
  // 7 December, not 12 July ("Dec 7, 2026" in the test's English locale).
  await expect(await importedFields(app, 'reviews.csv', 'Mia Novak')).toContainText(/Dec 7, 2026|7 Dec 2026/);
});
