import { exampleText } from '../examples';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { shootAtSizes } from './shots';

/* Files in other systems' formats on the Imports screen: the people directory, a preset, a mapping made once. */

test.use({ viewport: { width: 1440, height: 900 } });

// Every test starts in a new workspace, on the Imports screen.
test.beforeEach(async ({ app }) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  await app.go('Imports');
});

test('the people directory, then a Copilot usage export read with its preset; users not in the directory are listed', async ({ app }) => {
  await app.imports.chooseFile('people.csv', exampleText('people.csv'));
  await expect(app.imports.detected).toContainText('people');
  await app.imports.importButton.click();
  await app.imports.createMissingButton.click();
  await expect(app.imports.summary).toContainText('Imported people.csv');

  await app.imports.kind('Usage');
  await app.imports.chooseFile('copilot-usage.csv', exampleText('copilot-usage.csv'));
  const matched = app.imports.root.getByTestId('import-matched-mapping');
  await expect(matched).toContainText('the preset “Microsoft 365 Copilot usage (per user)”');
  await expect(app.imports.root.getByTestId('mapping-step')).toHaveCount(0);
  await app.imports.importButton.click();
  await app.imports.createMissingButton.click();
  await expect(app.imports.summary).toContainText('Imported copilot-usage.csv');
  await expect(app.imports.root.getByTestId('import-mapping-used')).toHaveText(
    "Read with the mapping “microsoft-365-copilot-usage”, counted per team for 2026-01: each row above is one team's month, not one user.",
  );
  await expect(app.imports.root.getByTestId('import-not-in-directory')).toContainText(
    '1 user of the report is not in the people directory, so counted in no team: contractor.42@example.com',
  );
  await expect(app.imports.batches()).toHaveCount(2);
  await expectAccessible(app.page, 'Imports after a Copilot import');
  await shootAtSizes(app.page, 'imports-copilot');
});

test('a Copilot usage export counted per app as well, when asked', async ({ app }) => {
  await app.imports.chooseFile('people.csv', exampleText('people.csv'));
  await app.imports.importButton.click();
  await app.imports.createMissingButton.click();
  await expect(app.imports.summary).toContainText('Imported people.csv');
  await app.imports.kind('Usage');
  await app.imports.chooseFile('copilot-usage.csv', exampleText('copilot-usage.csv'));
  const perApp = app.imports.root.getByRole('checkbox', { name: /Also count each app as its own initiative/ });
  await expect(perApp).not.toBeChecked();
  await perApp.check();
  await app.imports.importButton.click();
  await app.imports.createMissingButton.click();
  await expect(app.imports.summary).toContainText('Imported copilot-usage.csv');
  await expect(app.imports.summary).toContainText('Microsoft 365 Copilot: Word');
  await app.go('Initiatives');
  await expect(app.page.getByText('Microsoft 365 Copilot: Teams', { exact: true })).toBeVisible();
});

const HEADER = 'When,Agent,Unit,App,Case,Verdict';
const JAN = [
  HEADER,
  '2026-01-05 10:00,E7,Claims North,Claims triage assistant,c1,yes',
  '2026-01-05 11:30,E8,Claims North,Claims triage assistant,c2,no',
  '2026-01-06 09:15,E7,Claims South,Claims triage assistant,c3,timeout',
].join('\n');
const FEB = [HEADER, '2026-02-02 08:00,E7,Claims North,Claims triage assistant,c4,no'].join('\n');

test('an unknown decision log is mapped once; the next file with its header imports without a question; a bad mapping changes nothing', async ({
  app,
  page,
}) => {
  const step = await app.imports.mapFile('Decisions', 'jan.csv', JAN);
  // Proposed from the names: When → timestamp, Unit → team, Case → recommendation_id, Verdict → action.
  await expect(step.getByRole('combobox', { name: 'timestamp' })).toHaveValue('When');
  await expect(step.getByRole('combobox', { name: 'team' })).toHaveValue('Unit');
  await expect(step.getByRole('combobox', { name: 'recommendation_id' })).toHaveValue('Case');
  await expect(step.getByRole('combobox', { name: '“no” means' })).toHaveValue('overridden');
  await expect(step.getByRole('combobox', { name: 'Date format' })).toHaveValue('yyyy-MM-dd HH:mm');
  // The times are Berlin's: chosen with the keyboard.
  const zone = step.getByRole('combobox', { name: 'Time zone' });
  await zone.click();
  await zone.fill('Europe/Berl');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(zone).toHaveValue('Europe/Berlin');
  const preview = step.getByTestId('mapping-preview');
  await expect(preview.locator('tbody tr').first()).toContainText('2026-01-05 09:00 UTC');
  await expect(preview.locator('tbody tr').nth(2)).toContainText('ignored');
  await expectAccessible(page, 'Imports: the mapping step');

  // A bad mapping: no team column. Saving it is refused, naming what is missing; nothing is written.
  await step.getByRole('combobox', { name: 'team' }).click();
  await page.getByRole('option', { name: 'Not in this file', exact: true }).click();
  await expect(step.getByRole('combobox', { name: 'team' })).toHaveValue('Not in this file');
  await step.getByRole('textbox', { name: 'Save mapping as' }).fill('Triage log');
  await app.imports.importButton.click();
  await expect(app.imports.error).toContainText('The mapping "Triage log" was not saved: it is not a valid mapping');
  await expect(app.imports.error).toContainText('columns.team: a source column (or a constant) for this column');
  await expect(app.imports.batches()).toHaveCount(0);

  await step.getByRole('combobox', { name: 'team' }).click();
  await page.getByRole('option', { name: 'Unit', exact: true }).click();
  await expect(app.imports.error).toHaveCount(0);
  await shootAtSizes(page, 'imports-mapping');
  await app.imports.importButton.click();
  await app.imports.createMissingButton.click();
  await expect(app.imports.summary).toContainText('Imported jan.csv');
  await expect(app.imports.root.getByTestId('import-mapping-used')).toHaveText('Read with the mapping “Triage log”.');

  // The next month's file: its header fits the saved mapping, so no question is asked.
  await app.imports.chooseFile('feb.csv', FEB);
  await expect(app.imports.root.getByTestId('import-matched-mapping')).toContainText('Triage log');
  await expect(step).toHaveCount(0);
  await app.imports.importButton.click();
  await expect(app.imports.summary).toContainText('Imported feb.csv');
  await expect(app.imports.batches()).toHaveCount(2);

  // The same rows saved again with Windows line ends: other bytes, but the rows it gives through the mapping were imported.
  await app.imports.chooseFile('feb-again.csv', FEB.replaceAll('\n', '\r\n'));
  await app.imports.importButton.click();
  await expect(app.imports.error).toContainText(
    /^Already importedThe rows this file gives through the mapping “Triage log” were already imported on .* by Dana Lee \(batch \w{8}, “feb\.csv”\): nothing was written\./,
  );
  await expect(app.imports.batches()).toHaveCount(2);
});
