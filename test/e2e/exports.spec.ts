import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { SHOTS } from './shots';
import { closeWith } from './steps';

/*
 * The report's Export menu in the web host: the HTML export downloaded and opened on its own
 * (charts and figures there, nothing fetched), CSV and JSON downloads, "PDF" opening the report
 * in a new tab to print, and publishing to a shared folder (asked once, then remembered).
 */

class ExportMenu {
  constructor(readonly page: Page) {}
  get button() {
    return this.page.locator('[data-screen="report"]').getByRole('button', { name: 'Export', exact: true });
  }
  get menu() {
    return this.page.getByRole('menu');
  }
  async choose(item: RegExp) {
    await this.button.click();
    await expect(this.menu).toBeVisible();
    await this.menu.getByRole('menuitem', { name: item }).click();
  }
  notification(text: string | RegExp) {
    return this.page.locator('.mantine-Notification-root').filter({ hasText: text });
  }
  get publishDialog() {
    return this.page.getByRole('dialog', { name: 'Publish to a shared folder' });
  }
}

test.use({ workspace: 'demo', viewport: { width: 1280, height: 800 } });

test('export the report as HTML, open it offline and find the charts; CSV and JSON downloads; the menu is accessible', async ({
  app,
  page,
  served,
  context,
}) => {
  const exports = new ExportMenu(page);
  await app.go('Report');
  await expect(app.report.rows().first()).toBeVisible();

  await exports.button.click();
  await expect(exports.menu).toBeVisible();
  await expect(exports.menu.getByRole('menuitem')).toHaveText([
    'Export HTML',
    'Export PDF…',
    'Export CSV',
    'Export JSON',
    'Publish to shared folder…',
  ]);
  await expectAccessible(page, 'export menu');
  await page.screenshot({ path: path.join(SHOTS, 'report-export-menu.png'), animations: 'disabled' });
  await page.keyboard.press('Escape');
  await expect(exports.menu).toBeHidden();

  // HTML: a download, named after the workspace and the period.
  const htmlDownload = page.waitForEvent('download');
  await exports.choose(/^Export HTML/);
  const html = await htmlDownload;
  expect(html.suggestedFilename()).toBe('uptake-report-acme-insurance-2026-05-to-2026-10.html');
  const file = path.join(served.dir, html.suggestedFilename());
  await html.saveAs(file);
  await expect(exports.notification('HTML report downloaded')).toBeVisible();

  // Opened on its own from file://, with the network cut: everything it shows is in the file.
  const offline = await context.newPage();
  const requests: string[] = [];
  offline.on('request', (r) => requests.push(r.url()));
  await context.setOffline(true);
  await offline.setViewportSize({ width: 1000, height: 1400 });
  await offline.goto(pathToFileURL(file).href);
  await expect(offline.getByRole('heading', { level: 1 })).toHaveText('Acme Insurance');
  const dumbbell = offline.locator('svg[data-chart="dumbbell"]');
  await expect(dumbbell).toBeVisible();
  await expect(dumbbell.locator('circle')).toHaveCount(8);
  await expect(dumbbell).toContainText('Claims North');
  await expect(offline.locator('svg[data-chart="trend"]')).toBeVisible();
  await expect(offline.locator('svg[data-chart="trend"] polyline')).toHaveCount(3);
  await expect(offline.locator('table.ranking tbody tr')).toHaveCount(4);
  await expect(offline.locator('.tile[data-figure="formal"] .value')).toHaveText(/^\d{1,3}%$/);
  await expect(offline.locator('#alerts article.alert').first()).toBeVisible();
  await expect(offline.locator('#how')).toContainText('Activation = Σ active users / Σ licensed users');
  expect(await offline.locator('script').count()).toBe(0);
  expect(requests).toEqual([pathToFileURL(file).href]);
  await expectAccessible(offline, 'exported HTML report');
  await offline.screenshot({ path: path.join(SHOTS, 'report-export-html.png'), animations: 'disabled' });
  await context.setOffline(false);
  await offline.close();

  // CSV and JSON: the same figures as the CLI's.
  const csvDownload = page.waitForEvent('download');
  await exports.choose(/^Export CSV/);
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const csvText = fs.readFileSync(await csv.path(), 'utf8');
  expect(csvText.split('\r\n')[0]).toBe(
    'initiative,team,formal,real,gap,activation,completion,reliance,trust,shadowFree,overrideRate,ignoreRate,decisions,habitualOverriders,overrideAppropriateness,alerts',
  );
  const jsonDownload = page.waitForEvent('download');
  await exports.choose(/^Export JSON/);
  const json = JSON.parse(fs.readFileSync(await (await jsonDownload).path(), 'utf8'));
  expect(json).toMatchObject({ workspace: 'Acme Insurance', slice: { initiative: null, team: null, from: '2026-05', to: '2026-10' } });
  expect(json.rows).toHaveLength(4);
});

test('"PDF" in a browser opens the report in a new tab to print from, with the filters on screen', async ({ app, page, context }) => {
  const exports = new ExportMenu(page);
  await app.go('Report');
  await expect(app.report.rows().first()).toBeVisible();
  await app.report.root.getByRole('combobox', { name: 'Team', exact: true }).click();
  await page.getByRole('option', { name: 'Claims › Claims North', exact: true }).click();
  await expect(app.report.rows()).toHaveCount(1);

  const tab = context.waitForEvent('page');
  await exports.choose(/^Export PDF/);
  const report = await tab;
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('Acme Insurance');
  await expect(report.locator('dd[data-slice="team"]')).toHaveText('Claims North (with its sub-teams)');
  await expect(report.locator('svg[data-chart="dumbbell"]')).toBeVisible();
  await expect(exports.notification('Report opened in a new tab')).toContainText('Save as PDF');
});

test('publish to a shared folder: asked once, remembered, and a clear error for a missing folder', async ({ app, page, served }) => {
  const exports = new ExportMenu(page);
  const share = path.join(served.dir, 'share');
  fs.mkdirSync(share);
  await app.go('Report');
  await expect(app.report.rows().first()).toBeVisible();

  await exports.choose(/^Publish to shared folder/);
  await expect(exports.publishDialog).toBeVisible();
  await expectAccessible(page, 'publish dialog');
  const folder = exports.publishDialog.getByRole('textbox', { name: 'Shared folder' });

  await folder.fill(path.join(served.dir, 'not-mounted'));
  await exports.publishDialog.getByRole('button', { name: 'Publish' }).click();
  await expect(exports.publishDialog.getByTestId('publish-error')).toContainText(
    `The folder ${path.join(served.dir, 'not-mounted')} does not exist`,
  );

  await folder.fill(share);
  await closeWith(exports.publishDialog, 'Publish');
  await expect(exports.notification('Report published')).toContainText(`uptake-report.html and uptake-report.json written to ${share}`);
  expect(fs.readdirSync(share).sort()).toEqual(['uptake-report.html', 'uptake-report.json']);

  // Next time it publishes straight away, to the folder it shows in the menu.
  fs.rmSync(path.join(share, 'uptake-report.json'));
  await exports.button.click();
  await expect(exports.menu.getByRole('menuitem', { name: /^Publish to shared folder/ })).toContainText(share);
  await exports.menu.getByRole('menuitem', { name: /^Publish to shared folder/ }).click();
  await expect(exports.publishDialog).toBeHidden();
  await expect.poll(() => fs.readdirSync(share).sort()).toEqual(['uptake-report.html', 'uptake-report.json']);
  await expect(exports.menu.getByRole('menuitem', { name: 'Change shared folder…' })).toBeHidden();
});

test('a sponsor may export and publish', async ({ app, page }) => {
  await app.switchProfile('Priya Shah');
  await app.go('Report');
  const exports = new ExportMenu(page);
  await exports.button.click();
  await expect(exports.menu.getByRole('menuitem', { name: /^Publish to shared folder/ })).toBeVisible();
  await expect(exports.menu.getByRole('menuitem', { name: 'Export HTML' })).toBeVisible();
});
