import path from 'node:path';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { SHOTS } from './shots';

const USAGE = [
  'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed',
  '2026-01,Claims North,Claims triage assistant,20,17,100,80',
  '2026-02,Claims North,Claims triage assistant,20,18,120,90',
  '2026-01,Claims South,Claims triage assistant,30,15,90,45',
  '2026-02,Claims South,Claims triage assistant,30,21,110,77',
].join('\n');

const DECISIONS = [
  'timestamp,initiative,team,user,recommendation_id,action,reason',
  '2026-01-10T09:00:00Z,Claims triage assistant,Claims North,u1@acme.example,r1,accepted,',
  '2026-01-11T09:00:00Z,Claims triage assistant,Claims North,u1@acme.example,r2,overridden,habit',
  '2026-01-12T09:00:00Z,Claims triage assistant,Claims North,u2@acme.example,r3,edited,',
  '2026-02-03T09:00:00Z,Claims triage assistant,Claims North,u2@acme.example,r4,overridden,model_wrong',
  '2026-02-04T09:00:00Z,Claims triage assistant,Claims North,u3@acme.example,r5,accepted,',
  '2026-02-05T09:00:00Z,Claims triage assistant,Claims North,u3@acme.example,r6,ignored,',
  '2026-01-10T09:00:00Z,Claims triage assistant,Claims South,u4@acme.example,r7,accepted,',
  '2026-02-10T09:00:00Z,Claims triage assistant,Claims South,u4@acme.example,r8,accepted,',
  '2026-02-11T09:00:00Z,Claims triage assistant,Claims South,u5@acme.example,r9,edited,',
].join('\n');

// New York, not the machine's UTC: the drill-down's times must be read in the reader's time zone.
test.use({ viewport: { width: 1280, height: 800 }, timezoneId: 'America/New_York' });

test('import usage and decisions through the UI, then read the report and its formulas', async ({ app, page }) => {
  await app.firstRun.create('Acme', 'Dana Lee');

  // No data yet: the app opens on the report, which says what to import and links to Imports.
  await expect(app.screen('report')).toBeVisible();
  await expect(app.report.emptyState).toContainText('Import usage, decisions and pulse CSVs');
  await app.report.root.getByRole('button', { name: 'Go to Imports' }).click();
  await expect(app.screen('imports')).toBeVisible();
  await expect(app.imports.root).toContainText('User ids in decisions are replaced by a keyed hash; no names are stored.');

  // Usage names teams and an initiative the workspace does not have yet.
  await app.imports.chooseFile('usage.csv', USAGE);
  await expect(app.imports.preview.locator('tbody tr')).toHaveCount(4);
  await app.imports.importButton.click();
  await expect(app.imports.error).toContainText('3 unknown names in usage.csv: nothing was written');
  await expect(app.imports.error).toContainText('Claims North');
  await app.imports.createMissingButton.click();
  await expect(app.imports.summary).toContainText('Imported usage.csv');
  await expect(app.imports.summary).toContainText('Claims triage assistant');
  await expect(app.imports.batches()).toHaveCount(1);

  // Decisions dragged onto the card: the kind is recognised from the columns.
  await app.imports.dropFile('decisions.csv', DECISIONS);
  await expect(app.imports.detected).toHaveText('Recognised as a decisions file from its columns.');
  await expect(app.imports.root.getByRole('radio', { name: 'Decisions' })).toBeChecked();
  await expect(app.imports.preview.locator('tbody tr')).toHaveCount(9);
  await app.imports.dryRunButton.click();
  await expect(app.imports.summary).toContainText('Checked 9 rows of decisions.csv: nothing was written.');
  await app.imports.importButton.click();
  await expect(app.imports.summary).toContainText('Imported decisions.csv');
  await expect(app.imports.batches()).toHaveCount(2);
  await expect(app.imports.batches().first()).toContainText('decisions.csv');
  await expectAccessible(page, 'imports');
  await page.mouse.move(1275, 795);
  await page.screenshot({ path: path.join(SHOTS, 'imports.png'), animations: 'disabled' });

  // The report: one row per (initiative, team), ranked by gap.
  await app.go('Report');
  await expect(app.report.rows()).toHaveCount(2);
  const north = app.report.row('Claims triage assistant', 'Claims North');
  await expect(north).toBeVisible();
  // Claims North: overrideRate = 2 / (2 + 1 + 2) = 40%.
  await expect(app.report.figure(north, 'overrideRate')).toHaveText('40%');
  await expect(app.report.tiles()).toHaveCount(5);
  await expect(app.report.tiles().filter({ hasText: 'Decisions' })).toContainText('9');
  // No pulse and no shadow register: real adoption rests on reliance alone, 1 of its 3 components,
  // and says so next to the figure, in the tile and in each row.
  const realTile = app.report.tiles().filter({ hasText: 'Real adoption' });
  await expect(realTile.locator('[data-partial="real"]')).toHaveText('1 of 3');
  await expect(realTile.getByTestId('partial-why-real')).toHaveText('Rests on 1 of 3 components: no data for trust, shadow-free.');
  await expect(north.locator('[data-partial="real"]')).toHaveText('1 of 3');
  await expect(north.locator('[data-partial="formal"]')).toHaveCount(0);
  // Both months have fewer than 30 decisions: counted, named under the figures and hatched on the trend.
  await expect(app.report.root.getByTestId('thin-months')).toHaveText(
    'Includes thin months, counted in every figure but with little data behind them: Jan 2026: 4 decisions; Feb 2026: 5 decisions.',
  );
  await expect(app.report.root.locator('[data-testid="trend-chart"] rect[data-thin="2026-01"]')).toHaveCount(1);

  await expectAccessible(page, 'report');
  await page.mouse.move(1275, 795);
  await page.screenshot({ path: path.join(SHOTS, 'report.png'), animations: 'disabled' });

  // Drill-down: activation of Claims North = 35 / 40.
  await app.report.figure(north, 'formal').click();
  await expect(app.report.formula).toContainText('Formal adoption = mean of those of activation and completion that have data');
  await app.report.formula.getByRole('button', { name: /^Activation/ }).click();
  await expect(app.report.formula.getByTestId('formula-worked')).toHaveText('Activation = 35 / 40 = 87.5%');
  // …and the usage rows that fed it, with the file they came from.
  await expect(app.report.sourceRows()).toHaveCount(2);
  await expect(app.report.sourceRows().first()).toContainText('2026-02');
  await expect(app.report.sourceRows().first()).toContainText('usage.csv');
  await expectAccessible(page, 'formula drawer');
  await page.keyboard.press('Escape');
  await expect(app.report.formula).toBeHidden();

  // The override rate's drill-down lists the overrides themselves, users only as a hash.
  await app.report.figure(north, 'overrideRate').click();
  await expect(app.report.formula.getByTestId('formula-worked')).toHaveText('Override rate = 2 / (2 + 1 + 2) = 40.0%');
  await expect(app.report.sourceRows()).toHaveCount(2);
  await expect(app.report.sourceRows().first()).toContainText('r4');
  await expect(app.report.sourceRows().first()).toContainText('model_wrong');
  await expect(app.report.sourceRows().first()).not.toContainText('u2@acme.example');
  // Its time in the reader's time zone and locale, as on Override review; the stored UTC time in its tooltip.
  const time = app.report.sourceRows().first().getByRole('cell').first();
  await expect(app.report.formula.getByRole('columnheader', { name: 'Time', exact: true })).toBeVisible();
  await expect(time).toHaveText(/^(Feb 3, 2026, 04:00 AM|3 Feb 2026, 04:00)$/);
  await expect(time).toHaveAttribute('title', '2026-02-03T09:00:00Z');
  await app.report.formula.getByText('All', { exact: true }).click();
  await expect(app.report.sourceRows()).toHaveCount(6);
  await page.keyboard.press('Escape');

  // The period filter offers the months with data; February alone: 1 override of 2 acted on.
  await app.report.pickMonth('From', 'Feb 2026');
  await expect(app.report.figure(north, 'overrideRate')).toHaveText('50%');

  // Each team has its own page with its figures.
  await app.report.root.getByRole('button', { name: 'Open the page of Claims South' }).click();
  await expect(app.report.teamPage).toBeVisible();
  await expect(app.report.teamPage.getByRole('heading', { level: 1 })).toHaveText('Claims South');
  await expect(app.report.teamPage.getByTestId('report-row')).toHaveCount(1);
  await expect(app.report.teamPage.getByTestId('stat-tile').filter({ hasText: 'Decisions' })).toContainText('3');
  await expectAccessible(page, 'team page');
});

test('a large decisions file shows its real progress while it imports', async ({ app, page }) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  await app.go('Imports');
  await app.imports.chooseFile('usage.csv', USAGE);
  await app.imports.importButton.click();
  await app.imports.createMissingButton.click();
  await expect(app.imports.summary).toContainText('Imported usage.csv');

  const lines = ['timestamp,initiative,team,user,recommendation_id,action,reason'];
  const actions = ['accepted', 'accepted', 'edited', 'overridden', 'ignored'];
  for (let i = 0; i < 200_000; i++) {
    lines.push(
      `2026-01-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z,Claims triage assistant,Claims North,u${i % 400},r${i},${actions[i % 5]},`,
    );
  }
  await app.imports.chooseFile('big-decisions.csv', `${lines.join('\n')}\n`);
  await expect(app.imports.detected).toBeVisible();
  // Every text the progress line shows, as the page draws it: on a fast machine the rows counted
  // can come and go between two of the assertion's own polls.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressTexts: string[] }).progressTexts = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-progress-rows"]')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await app.imports.importButton.click();
  await expect(app.imports.progress).toBeVisible();
  await expect(app.imports.summary).toContainText('Imported big-decisions.csv', { timeout: 120_000 });
  await expect(app.imports.summary).toContainText('200,000');
  const seen = await page.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts);
  expect(seen).toContainEqual(expect.stringMatching(/^[1-9][\d,]* rows (checked|written) · \d+%$/));
});

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('a sponsor sees the report but not the Imports screen', async ({ app }) => {
    await app.switchProfile('Priya Shah');
    await expect(app.sidebar.getByRole('link', { name: 'Report', exact: true })).toBeVisible();
    await expect(app.sidebar.getByRole('link', { name: 'Imports', exact: true })).toHaveCount(0);
    await app.go('Report');
    await expect(app.report.root.getByRole('button', { name: 'Go to Imports' })).toHaveCount(0);
  });
});
