import fs from 'node:fs/promises';
import path from 'node:path';
import { ALERT_ORDER } from '../../db/reports/shared/alerts';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { SHOTS } from './shots';
import { callApi } from './signals-pages';

/*
 * The report tells its story in the app (issue 13, items 3–6): alerts in words, ordered by
 * severity and filtered by a row's badge; the ranking sorted by any column; chart values on focus;
 * the formula drawer in words with the docs offline; one locale for numbers and dates, chosen in
 * Settings, in the app and in the exported HTML. The demo workspace: four rows, Claims North
 * with 5,280 decisions and five alerts (low champion coverage among them), Leeds with the
 * automation-bias risk, 15,432 decisions in all (hand-summed from the demo).
 */

test.use({ workspace: 'demo', viewport: { width: 1440, height: 900 } });

const rowNames = (rows: import('@playwright/test').Locator) =>
  rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));

test('sort the ranking, filter alerts by a row, read a chart value on focus', async ({ app, page }) => {
  await app.go('Report');
  const rows = app.report.rows();
  await expect(rows).toHaveCount(4);

  // By decisions, most first, then fewest first: 5,280 (Claims North) … 1,800 (Underwriting).
  const decisions = app.report.root.getByRole('button', { name: 'Decisions', exact: true });
  await decisions.click();
  await expect(app.report.root.locator('th[aria-sort="descending"]')).toContainText('Decisions');
  await expect(rows.first()).toContainText('Claims North');
  await expect(rows.first().locator('td').last()).toHaveText('5,280');
  await decisions.click();
  await expect(app.report.root.locator('th[aria-sort="ascending"]')).toContainText('Decisions');
  await expect(rows.first()).toContainText('Underwriting');
  await expect(rows.last()).toContainText('Claims North');
  // By name, A to Z.
  await app.report.root.getByRole('button', { name: 'Initiative · team' }).click();
  const names = await rowNames(rows);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

  // Alerts: plain titles with the code in small print, most severe first.
  const alerts = app.report.root.getByTestId('alert');
  await expect(alerts).toHaveCount(10);
  const codes = await alerts.evaluateAll((els) => els.map((el) => el.getAttribute('data-code') ?? ''));
  const ranks = codes.map((c) => ALERT_ORDER.indexOf(c));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  // Sponsors read an alert's title and message; its machine code stays out of the text, in data-code.
  expect(codes.every((c) => /^[A-Z_]+$/.test(c))).toBe(true);
  for (const [i, a] of (await alerts.all()).entries()) await expect(a).not.toContainText(codes[i] ?? '');
  // Why an alert matters waits behind its disclosure, hidden until opened; Tab from the slice link reaches it, Enter opens it.
  const gap = alerts.filter({ hasText: 'Adoption gap' }).first();
  const why = gap.getByRole('button', { name: 'Why it matters' });
  const explanation = gap.getByTestId('alert-explanation');
  await expect(why).toHaveAttribute('aria-expanded', 'false');
  await expect(explanation).toBeHidden();
  await gap.getByRole('button', { name: 'Claims triage assistant · Claims North' }).focus();
  await page.keyboard.press('Tab');
  await expect(why).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(why).toHaveAttribute('aria-expanded', 'true');
  await expect(explanation).toBeVisible();
  await expect(explanation).toContainText('the formal figures overstate real adoption');
  await page.keyboard.press('Space');
  await expect(explanation).toBeHidden();

  await expect(alerts.filter({ hasText: 'Automation-bias risk' })).toContainText('Contact Centre Leeds');
  // Coverage names its program as a program, not as though it were a figure, and says how many more champions.
  await expect(alerts.filter({ hasText: 'Low champion coverage' }).filter({ hasText: 'Claims North' })).toContainText(
    'Champion coverage 1.6% (1 active champion for 62 active users), below the 5% target of the Claims champions program (3 more needed)',
  );
  // Claims North's "5 alerts" badge filters the list to its five.
  const north = app.report.row('Claims triage assistant', 'Claims North');
  await north.getByTestId('alert-badge').click();
  await expect(app.report.root.getByTestId('alerts-filter')).toHaveText('Only the alerts of Claims triage assistant · Claims North.');
  await expect(alerts).toHaveCount(5);
  for (const a of await alerts.all()) await expect(a).toContainText('Claims North');
  await app.report.root.getByTestId('alerts-show-all').click();
  await expect(alerts).toHaveCount(10);

  // An alert links to its row: the row's first figure takes the focus.
  await alerts
    .first()
    .getByRole('button', { name: /Claims North|Claims South|Leeds|Underwriting/ })
    .click();
  await expect(page.locator('[data-row-key] .report-figure:focus')).toHaveCount(1);

  // The trend: focus the last month and its values show.
  const lastMonth = app.report.root.getByTestId('trend-month').last();
  await lastMonth.focus();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText(/^October 2026: formal \d{1,3}%, real \d{1,3}%, gap [+−]?\d+ pts?, override rate \d{1,3}%$/);
  // Arrow left moves to September.
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tooltip')).toContainText(/^September 2026: formal/);
  // The gap chart's dumbbells show their values too.
  await app.report.root.getByTestId('dumbbell').first().focus();
  await expect(page.getByRole('tooltip')).toContainText(/^Formal \d{1,3}%, real \d{1,3}%, gap [+−]?\d+ pts?$/);
  await page.keyboard.press('Escape');

  await expectAccessible(page, 'report story');
  await page.mouse.move(1435, 895);
  await page.screenshot({ path: path.join(SHOTS, 'report-1440.png'), fullPage: true, animations: 'disabled' });
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(rows).toHaveCount(4);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling of the page at 1024 px').toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, 'report-1024.png'), fullPage: true, animations: 'disabled' });
});

test('the formula drawer speaks in words, fits, and opens the docs offline', async ({ app, page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.go('Report');
  await app.report.figure(app.report.tiles().filter({ hasText: 'Real adoption' }), 'real').click();
  const drawer = app.report.formula;
  await expect(drawer.getByTestId('formula-definition')).toHaveText(
    'Real adoption = weighted mean of those of reliance, trust and shadow-free that have data, weights rescaled to add up to 1',
  );
  await expect(drawer).not.toContainText('shadowFree');
  // Its title reads as every drawer's does (the feedback drawer's, History's): the same weight.
  await expect(page.locator('.mantine-Drawer-title')).toHaveCSS('font-weight', '600');
  await drawer.locator('summary').click();
  await expect(drawer).toContainText('Pulse respondents');
  await expect(drawer).not.toContainText('licensedUsers');
  // Nothing in the drawer scrolls sideways.
  const sideways = await page.locator('.mantine-Drawer-body').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, 'formula-drawer-1024.png'), animations: 'disabled' });

  // The docs page of the formulas, bundled with the app (no network), opened at "Formulas".
  await drawer.getByTestId('formula-docs-link').click();
  const docs = page.getByTestId('docs-view');
  await expect(docs.getByRole('heading', { name: 'Formulas', exact: true })).toBeVisible();
  await expect(docs).toContainText('Weights and thresholds');
  await expectAccessible(page, 'docs view');
  await page.keyboard.press('Escape');
  await expect(docs).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // A team's page names the reasons its people give most for overriding, most frequent first.
  await app.report.root.getByRole('button', { name: 'Open the page of Claims North' }).click();
  await expect(app.report.teamPage).toBeVisible();
  const reasons = app.report.teamPage.getByTestId('override-reason');
  await expect(reasons.first()).toBeVisible();
  const counts = await reasons.evaluateAll((trs) => trs.map((tr) => Number((tr.children[1]?.textContent ?? '').replace(/\D/g, ''))));
  expect(counts.length).toBeGreaterThan(0);
  expect(counts.length).toBeLessThanOrEqual(5);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  await expectAccessible(page, 'team page with override reasons');
});

test('one locale, chosen in Settings, for numbers and dates in the app and in the export', async ({ app, page }) => {
  await app.go('Report');
  await expect(app.report.root.getByTestId('decisions-total')).toHaveText('15,432');

  await app.go('Settings');
  // The section's heading does not repeat its one field's label.
  await page.getByRole('region', { name: 'Numbers and dates' }).getByRole('combobox', { name: 'Language and region' }).click();
  await page.getByRole('option', { name: 'Deutsch (Deutschland)' }).click();
  await expect(page.getByTestId('locale-example')).toHaveText('For example: 1.234.567 decisions · 87,5 % · 30. Nov. 2026');

  await app.go('Report');
  await expect(app.report.root.getByTestId('decisions-total')).toHaveText('15.432');
  await expect(app.report.figure(app.report.tiles().filter({ hasText: 'Formal adoption' }), 'formal')).toHaveText(/^\d{1,3}\u00a0%$/);
  await expect(app.report.root.getByTestId('report-footer')).toContainText(/Generated \d{1,2}\. [A-Z][a-zä]{2,3}\.? 2026/);
  await app.report.root.getByRole('combobox', { name: 'From', exact: true }).click();
  await expect(page.getByRole('option', { name: 'Okt. 2026', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');

  // The HTML export is written in the same locale.
  const download = page.waitForEvent('download');
  await app.report.root.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: /^Export HTML/ }).click();
  const file = await (await download).path();
  const html = await fs.readFile(file, 'utf8');
  expect(html).toContain('>15.432<');
  expect(html).toContain('<dd data-slice="period">Mai 2026 to Okt. 2026</dd>');

  // Weights other than the defaults: the report says "custom weights" in its header and footer.
  await expect(app.report.root.getByTestId('custom-weights')).toHaveCount(0);
  const settings = await callApi(page, 'metrics.settings', {});
  const configured = await callApi(page, 'metrics.configure', {
    ...(settings.body as object),
    weights: { reliance: 0.6, trust: 0.2, shadowFree: 0.2 },
  });
  expect(configured.status).toBe(200);
  await app.reload();
  await expect(app.report.root.getByTestId('custom-weights')).toHaveText('Custom weights');
  await expect(app.report.root.getByTestId('report-footer')).toContainText(
    'Real adoption weights (custom weights): reliance 0,6, trust 0,2',
  );

  // It stays chosen after a reload, and "System default" goes back to the browser's (en-US here).
  await app.reload();
  await expect(app.report.root.getByTestId('decisions-total')).toHaveText('15.432');
  await app.go('Settings');
  await page.getByRole('combobox', { name: 'Language and region' }).click();
  await page.getByRole('option', { name: /^System default/ }).click();
  await app.go('Report');
  await expect(app.report.root.getByTestId('decisions-total')).toHaveText('15,432');
});
