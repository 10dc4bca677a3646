import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SHOTS } from './shots';
import { MetricSettingsSection, openScreen, ReviewsScreen, ShadowScreen } from './signals-pages';
import { StakeholdersScreen } from './stakeholder-pages';

/*
 * Screenshots of every screen at 1280x800 for the README and for design review. Each run takes
 * them afresh into an ignored folder (./shots.ts); `npm run screenshots` puts them in
 * docs/screenshots/, so the README's pictures change only when someone means them to.
 */
async function shoot(page: Page, name: string) {
  // Park the pointer where it hovers nothing, so no row or link shows a hover state.
  await page.mouse.move(1275, 795);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
}

test.use({ viewport: { width: 1280, height: 800 } });

test('screenshots: first run, then the empty workspace', async ({ app, page }) => {
  await expect(app.firstRun.root).toBeVisible();
  await shoot(page, 'first-run');
  await app.firstRun.create('Acme', 'Dana Lee');
  await expect(app.screen('report')).toBeVisible();
  await shoot(page, 'report-empty');
  await app.go('Teams');
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await shoot(page, 'teams-empty');
});

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('screenshots: screens, drawer and forms', async ({ app, page }) => {
    await app.go('Teams');
    await expect(app.teams.rows().first()).toBeVisible();
    await shoot(page, 'teams');

    await app.teams.rowAction('Claims North', 'History');
    await expect(app.history.ready).toBeVisible();
    await shoot(page, 'history');
    await app.history.close();

    await app.teams.rowAction('Claims North', 'Edit');
    await expect(app.teams.form).toBeVisible();
    await shoot(page, 'team-form');
    await page.keyboard.press('Escape');
    await expect(app.teams.form).toBeHidden();

    await app.go('Initiatives');
    await expect(app.initiatives.rows().getByTestId('triad-flag').first()).toBeVisible();
    await shoot(page, 'initiatives');

    const first = (await app.initiatives.rows().first().locator('td').first().locator('p').first().textContent()) ?? '';
    await app.initiatives.rowAction(first, 'Edit');
    await expect(app.initiatives.form).toBeVisible();
    await shoot(page, 'initiative-form');
    await page.keyboard.press('Escape');
    await expect(app.initiatives.form).toBeHidden();

    await app.go('Members');
    await shoot(page, 'members');

    await app.go('Settings');
    await shoot(page, 'settings');
  });

  test('screenshots: the report the demo opens on, a drill-down and a team page', async ({ app, page }) => {
    await expect(app.screen('report')).toBeVisible();
    await expect(app.report.rows().first()).toBeVisible();
    await shoot(page, 'report-demo');
    await app.report.figure(app.report.row('Claims triage assistant', 'Claims North'), 'overrideRate').click();
    await expect(app.report.sourceRows().first()).toBeVisible();
    await shoot(page, 'report-drilldown');
    await page.keyboard.press('Escape');
    await app.report.root.getByRole('button', { name: 'Open the page of Claims North' }).first().click();
    await expect(app.report.teamPage).toBeVisible();
    await shoot(page, 'team-report');
    await app.go('Imports');
    await shoot(page, 'imports-demo');
  });
});

test.describe('shadow processes, override review, weights and thresholds', () => {
  test('screenshots: empty register and empty review queue', async ({ app, page }) => {
    await app.firstRun.create('Acme', 'Dana Lee');
    const shadow = await ShadowScreen.open(app);
    await expect(shadow.emptyState).toBeVisible();
    await shoot(page, 'shadow-empty');
    const reviews = await ReviewsScreen.open(app);
    await expect(reviews.emptyState).toBeVisible();
    await shoot(page, 'reviews-empty');
  });

  test.describe('demo workspace', () => {
    test.use({ workspace: 'demo' });

    test('screenshots: register, form, review queue, settings', async ({ app, page }) => {
      const shadow = await ShadowScreen.open(app);
      await expect(shadow.rows().first()).toBeVisible();
      await shoot(page, 'shadow');
      await shadow.rowAction('Claims reserve tracker', 'Edit');
      await expect(shadow.form).toBeVisible();
      await shoot(page, 'shadow-form');
      await page.keyboard.press('Escape');
      await expect(shadow.form).toBeHidden();
      await shadow.rowAction('Paper referral log', 'Retire');
      await expect(shadow.retireDialog).toBeVisible();
      await shoot(page, 'shadow-retire');
      await page.keyboard.press('Escape');

      const reviews = await ReviewsScreen.open(app);
      await expect(reviews.items().first()).toBeVisible();
      // One judged, the next one current with a reason picked: the queue mid-review.
      await reviews.items().first().focus();
      await page.keyboard.press('1');
      await page.keyboard.press('a');
      await expect(reviews.items().nth(1)).toBeFocused();
      await page.keyboard.press('5');
      await shoot(page, 'reviews');

      // The settings screen is long: a taller window shows the whole weights and thresholds section.
      const settings = new MetricSettingsSection(page);
      await page.setViewportSize({ width: 1280, height: 1240 });
      await openScreen(app, 'Settings');
      await settings.input('High override rate').fill('60');
      await shoot(page, 'metric-settings');
      await app.switchProfile('Priya Shah');
      await openScreen(app, 'Settings');
      await expect(settings.root).toContainText('Only change managers');
      await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
      await shoot(page, 'metric-settings-readonly');

      // A sponsor's register: read-only, the disabled button says why.
      await page.setViewportSize({ width: 1280, height: 800 });
      await openScreen(app, 'Shadow processes');
      await shadow.newButton.hover();
      await expect(page.getByRole('tooltip')).toBeVisible();
      await page.screenshot({ path: path.join(SHOTS, 'shadow-readonly.png'), animations: 'disabled' });
    });
  });
});

test.describe('stakeholders', () => {
  test.use({ workspace: 'demo' });

  test('screenshots: register, grid and a stakeholder page', async ({ app, page }) => {
    await expect(app.sidebar).toBeVisible();
    const register = new StakeholdersScreen(page);
    await register.open();
    await expect(register.rows().first()).toBeVisible();
    await shoot(page, 'stakeholders');
    await register.view('Grid');
    await expect(register.grid).toBeVisible();
    await shoot(page, 'stakeholders-grid');
    await register.view('Table');
    const person = await register.openPerson('Gareth Hughes');
    await expect(person.root.getByTestId('team-adoption')).toContainText('Formal adoption');
    await shoot(page, 'stakeholder');
  });
});
