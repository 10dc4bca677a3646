import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/*
 * Screenshots of every screen at 1280x800 for the README and for design review
 * (docs/screenshots/). They are taken on each run so they never show a stale UI.
 */
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
async function shoot(page: Page, name: string) {
  // Park the pointer where it hovers nothing, so no row or link shows a hover state.
  await page.mouse.move(1275, 795);
  await page.screenshot({ path: path.join(dir, `${name}.png`), animations: 'disabled' });
}

test.use({ viewport: { width: 1280, height: 800 } });

test('screenshots: first run, then the empty workspace', async ({ app, page }) => {
  await expect(app.firstRun.root).toBeVisible();
  await shoot(page, 'first-run');
  await app.firstRun.create('Acme', 'Dana Lee');
  await expect(app.screen('teams')).toBeVisible();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await shoot(page, 'teams-empty');
});

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('screenshots: screens, drawer and forms', async ({ app, page }) => {
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
});
