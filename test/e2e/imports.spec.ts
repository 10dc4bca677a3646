import path from 'node:path';
import { expect, test } from './fixtures';
import { SHOTS } from './shots';
import { expectLabelsAlike } from './steps';

const HEADER = 'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed';
const FIRST = [HEADER, '2026-01,Claims North,Claims triage assistant,20,17,100,80'].join('\n');
/** Twelve good rows, then the team misspelt in row 14 (beyond the preview's first ten rows). */
const months = Array.from(
  { length: 12 },
  (_, i) => `2025-${String(i + 1).padStart(2, '0')},Claims North,Claims triage assistant,20,15,90,70`,
);
const MISSPELT = [HEADER, ...months, '2026-02,Claims Nrth,Claims triage assistant,20,18,120,90'].join('\n');
/** The same with a month that does not exist in row 3 and more active than licensed users in row 5. */
const BAD = MISSPELT.replace('2025-02,Claims North', '2025-13,Claims North').replace(
  '2025-04,Claims North,Claims triage assistant,20,15',
  '2025-04,Claims North,Claims triage assistant,20,25',
);

test.use({ viewport: { width: 1440, height: 900 } });

test('every problem at once, each pointing at its row; a misspelt team fixed by "did you mean"; a file imported twice asks first', async ({
  app,
  page,
}) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  await app.go('Imports');
  await expect(app.screen('imports')).toBeVisible();
  // The choice of kind is labelled as the file field under it is.
  const label = (text: string) => app.screen('imports').getByText(text, { exact: true });
  await expectLabelsAlike(label('CSV file'), label('Kind of file'));

  // A template of each kind: the header and two example rows.
  const template = await app.imports.downloadTemplate();
  expect(template.fileName).toBe('usage-template.csv');
  expect(template.lines[0]).toBe(HEADER);
  expect(template.lines).toHaveLength(3);

  await app.imports.chooseFile('first.csv', FIRST);
  await app.imports.importButton.click();
  await app.imports.createMissingButton.click();
  await expect(app.imports.summary).toContainText('Imported first.csv');

  // One dry run finds the bad values and the misspelt name together.
  await app.imports.chooseFile('bad.csv', BAD);
  await expect(app.imports.preview.locator('tbody tr').first().locator('td').first()).toHaveText('2');
  await app.imports.dryRunButton.click();
  const error = app.imports.error;
  await expect(error).toContainText('2 problems and 1 unknown name in bad.csv: nothing was written');
  await expect(error).not.toContainText('--');
  await expect(error).not.toContainText('not imported');
  const problems = error.getByTestId('import-problems');
  await expect(problems).toContainText('Row 3, month, value 2025-13: expected a month as YYYY-MM');
  await expect(problems).toContainText('Row 5, active_users, value 25: expected at most licensed_users (20)');
  const name = error.getByTestId('import-name');
  await expect(name).toHaveText(/Team “Claims Nrth” row 14\. Did you mean Claims North\?/);
  // The first problem's row is highlighted as soon as it is shown; choosing another moves there.
  const row = (n: number) => app.imports.preview.locator(`tr[data-row="${n}"]`);
  await expect(row(3)).toHaveAttribute('data-focused', 'true');
  await expect(row(5)).toHaveAttribute('data-problem', 'true');
  await problems.getByRole('button', { name: 'Row 5' }).click();
  await expect(row(5)).toHaveAttribute('data-focused', 'true');
  await expect(row(3)).not.toHaveAttribute('data-focused', 'true');
  // Row 14 is beyond the first rows: the rows around it are shown, highlighted and scrolled to.
  await name.getByRole('button', { name: 'row 14' }).click();
  await expect(row(14)).toHaveAttribute('data-focused', 'true');
  await expect(row(14)).toBeInViewport();
  await expect(row(14).locator('td').nth(2)).toHaveText('Claims Nrth');
  await page.screenshot({ path: path.join(SHOTS, 'imports-problems-1440.png'), animations: 'disabled' });
  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'imports-problems-1024.png'), animations: 'disabled' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // The fixed file: the misspelt name is mapped in one click, and the file imports.
  await app.imports.chooseFile('misspelt.csv', MISSPELT);
  await app.imports.importButton.click();
  await expect(error.getByTestId('import-name')).toContainText('Did you mean Claims North?');
  await expect(error.getByRole('button', { name: 'Create them and import' })).toBeVisible();
  await error.getByRole('button', { name: 'Use Claims North' }).click();
  await expect(app.imports.summary).toContainText('Imported misspelt.csv');
  await expect(app.imports.summary).toContainText('13');
  await expect(app.imports.root.getByTestId('import-aliases')).toContainText('“Claims Nrth” as Claims North');
  await expect(app.imports.batches()).toHaveCount(2);

  // The same file again: said before anything is written, then imported only when confirmed.
  await app.imports.chooseFile('first-again.csv', FIRST);
  await app.imports.importButton.click();
  await expect(error).toContainText(
    /This file was already imported on .* by Dana Lee \(batch \w{8}, “first\.csv”\): nothing was written\. Import it again anyway\?/,
  );
  await expect(app.imports.batches()).toHaveCount(2);
  await error.getByRole('button', { name: 'Import again anyway' }).click();
  await expect(app.imports.summary).toContainText('Imported first-again.csv');
  await expect(app.imports.batches()).toHaveCount(3);
});

test('a folder dropped on the import card is said to be a folder, not a CSV file', async ({ app }) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  await app.go('Imports');
  const examples = path.resolve(import.meta.dirname, '..', '..', 'examples');
  await app.imports.dropFolder(examples);
  await expect(app.imports.error).toContainText('examples is a folder, not a CSV file. Drop or choose the CSV file itself.');
  await expect(app.imports.error).not.toContainText('cannot reach its engine');
  // A file chosen next clears it.
  await app.imports.chooseFile('first.csv', FIRST);
  await expect(app.imports.error).toHaveCount(0);
});
