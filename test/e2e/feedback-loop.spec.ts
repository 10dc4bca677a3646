import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import type { UptakeApp } from './pages';
import { shootAtSizes } from './shots';
import { openScreen, ReviewsScreen } from './signals-pages';
import { closeWith, expectNotClipped } from './steps';

const shoot = (page: Page, name: string) => shootAtSizes(page, `feedback-loop-${name}`);

/** Opens the review queue and focuses its first override (the one the keys act on), with its recommendation id. */
async function firstOverride(app: UptakeApp) {
  const reviews = await ReviewsScreen.open(app);
  const first = reviews.items().first();
  const recommendation = (await first.getAttribute('data-recommendation')) ?? '';
  await first.focus();
  return { first, recommendation };
}

/*
 * In the demo, Tom Okafor is a champion and the AI product owner of the Customer email drafter;
 * Mei Chen is a champion and fills no such role.
 */
test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('the product owner (a champion) triages and groups two items of their initiative into a pattern', async ({ app, page }) => {
    await app.switchProfile('Tom Okafor');
    await app.go('Feedback');
    const queue = app.screen('feedback');
    const refund = queue.getByTestId('feedback-row').filter({ hasText: 'EM-88213' });
    const delay = queue.getByTestId('feedback-row').filter({ hasText: 'Apologised for a delay' });
    await refund
      .getByRole('button', { name: 'Actions for EM-88213: Confirmed the refund would arrive in 3 days (Contact Centre Leeds)' })
      .click();
    await page.getByRole('menuitem', { name: 'Triage' }).click();
    const triage = page.getByRole('dialog', { name: 'Triage feedback' });
    // Status is focused for the keyboard, its list closed until asked for: it does not cover the form.
    await expect(triage.getByRole('combobox', { name: 'Status' })).toBeFocused();
    await expect(page.getByRole('listbox')).toHaveCount(0);
    await shoot(page, 'triage-form');
    await triage.getByRole('combobox', { name: 'Assignee' }).fill('Tom');
    await page.getByRole('option', { name: 'Tom Okafor' }).click();
    await closeWith(triage, 'Save triage');
    await expect(refund.getByTestId('feedback-status')).toHaveText('Triaged');
    await expect(refund.getByTestId('feedback-assignee')).toHaveText('Tom Okafor');

    await refund.getByRole('checkbox').check();
    await delay.getByRole('checkbox').check();
    await queue.getByTestId('group-into-pattern').click();
    const dialog = page.getByRole('dialog', { name: 'Group 2 items into a pattern' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Drafts promise what policy does not say');
    await closeWith(dialog, 'Group');
    await expect(delay.getByTestId('feedback-pattern')).toHaveText('Drafts promise what policy does not say');
    await expect(refund.getByTestId('feedback-pattern')).toHaveText('Drafts promise what policy does not say');
    await expectAccessible(page, 'feedback queue as a product owner');
    await shoot(page, 'product-owner-queue');
  });

  test('a champion who owns no initiative cannot triage but comments (Ctrl+Enter), and the product owner sees the comment', async ({
    app,
    page,
  }) => {
    await app.switchProfile('Mei Chen');
    await app.go('Feedback');
    const queue = app.screen('feedback');
    await expect(queue.getByTestId('feedback-row').first()).toBeVisible();
    await expect(queue.getByRole('checkbox')).toHaveCount(0);
    const row = queue.getByTestId('feedback-row').filter({ hasText: 'EM-88213' });
    await row.getByRole('button', { name: /^Actions for EM-88213/ }).click();
    await expect(page.getByRole('menuitem', { name: 'Triage' })).toHaveCount(0);
    await page.getByRole('menuitem', { name: 'Open and comment' }).click();
    const drawer = page.getByTestId('feedback-drawer').getByRole('dialog');
    await expect(drawer).toContainText('Refunds to this card type take 10 working days');
    await expect(drawer.getByTestId('feedback-comments')).toContainText('No comments yet');
    // Its long title wraps whole, in the weight every drawer's and dialog's title has.
    const title = drawer.locator('.mantine-Drawer-title');
    await expect(title).toHaveText(/^EM-88213: Confirmed the refund.*\)$/);
    await expectNotClipped(title);
    await expect(title).toHaveCSS('font-weight', '600');
    const box = drawer.getByRole('textbox', { name: 'Add a comment' });
    await box.fill('Two more this week, both Visa debit refunds.');
    await box.press('Control+Enter');
    const comment = drawer.getByTestId('feedback-comment');
    await expect(comment).toHaveCount(1);
    await expect(comment).toContainText('Mei Chen');
    await expect(comment).toContainText('Two more this week, both Visa debit refunds.');
    await expect(box).toHaveValue('');
    await expect(comment.getByRole('button', { name: 'Edit' })).toBeVisible();
    await expectAccessible(page, 'feedback drawer with a comment');
    await shoot(page, 'drawer');
    await page.keyboard.press('Escape');

    await app.switchProfile('Tom Okafor');
    await app.go('Feedback');
    await app
      .screen('feedback')
      .getByRole('button', { name: /^EM-88213 · Confirmed the refund/ })
      .click();
    const seen = page.getByTestId('feedback-drawer').getByRole('dialog').getByTestId('feedback-comment');
    await expect(seen).toContainText('Two more this week, both Visa debit refunds.');
    await expect(seen).toContainText('Mei Chen');
    // Not his: no edit or delete.
    await expect(seen.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  });

  test('a pattern’s page lists the appropriate override whose feedback joined it and the shadow process that names it', async ({
    app,
    page,
  }) => {
    await app.switchProfile('Tom Okafor');
    const pattern = 'Local shorthand read literally';

    // A shadow process names the pattern, chosen in the register's form.
    await openScreen(app, 'Shadow processes');
    const sheet = app.screen('shadow-processes').getByTestId('shadow-row').filter({ hasText: 'Claims reserve tracker' });
    await sheet.getByRole('button', { name: 'Actions for Claims reserve tracker' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const form = page.getByRole('dialog', { name: 'Edit shadow process' });
    await form.getByRole('combobox', { name: 'Failure pattern' }).fill('Local short');
    await page.getByRole('option', { name: pattern }).click();
    await expectAccessible(page, 'shadow process form with a pattern');
    await closeWith(form, 'Save changes');
    await expect(sheet.getByTestId('shadow-pattern')).toHaveText(`Pattern: ${pattern}`);

    // An override judged appropriate becomes feedback that joins the pattern (a suggestion taken).
    const { first, recommendation } = await firstOverride(app);
    await page.keyboard.press('1');
    await page.keyboard.press('a');
    await expect(first.getByTestId('review-verdict')).toContainText('Appropriate');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('f');
    const feedback = app.feedbackForm;
    await feedback.getByRole('textbox', { name: 'What the AI said' }).fill('');
    await feedback.getByRole('textbox', { name: 'What the AI said' }).pressSequentially('Took LOI for loss of income');
    await feedback.getByRole('textbox', { name: 'What was right' }).fill('A letter of indemnity');
    const suggestion = feedback.getByTestId('suggestion').filter({ hasText: `Pattern: ${pattern}` });
    await suggestion.getByRole('button', { name: `Link to the pattern ${pattern}` }).click();
    await feedback.getByRole('combobox', { name: 'Category' }).fill('terminology');
    await page.getByRole('option', { name: 'Terminology or jargon' }).click();
    await closeWith(feedback, 'Log feedback');

    await app.go('Patterns');
    await app.screen('patterns').getByRole('link', { name: pattern }).click();
    const detail = app.screen('pattern');
    await expect(detail.getByTestId('pattern-override').filter({ hasText: recommendation })).toContainText('Through its feedback');
    // The demo's paper referral log names it already; the reserve tracker now too.
    await expect(detail.getByTestId('pattern-shadow')).toHaveCount(2);
    await expect(detail.getByTestId('pattern-shadow').filter({ hasText: 'Claims reserve tracker' })).toHaveCount(1);
    await expectAccessible(page, 'pattern page with overrides and shadow processes');
    // At 1024 px the items table fits beside the sidebar, the long "Resolved in triage-gbm 3.4" badge too.
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect(detail.getByTestId('pattern-item').filter({ hasText: 'CLM-19876' }).getByTestId('feedback-status')).toHaveText(
      'Resolved in triage-gbm 3.4',
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await shoot(page, 'pattern-page');
  });

  test('an override judged appropriate is linked to a pattern in the review queue (Ctrl+Z takes it back) and the pattern page lists it', async ({
    app,
    page,
  }) => {
    await app.switchProfile('Tom Okafor');
    const pattern = 'Local shorthand read literally';
    const { first, recommendation } = await firstOverride(app);
    // Judged not appropriate (the AI was right), there is nothing to link.
    await page.keyboard.press('1');
    await page.keyboard.press('n');
    await expect(first.getByTestId('review-verdict')).toContainText('Not appropriate');
    await first.focus();
    await expect(first.getByRole('combobox', { name: 'Failure pattern' })).toHaveCount(0);
    await page.keyboard.press('a');
    await expect(first.getByTestId('review-verdict')).toContainText('Appropriate');
    const link = first.getByRole('combobox', { name: 'Failure pattern' });
    const choose = async () => {
      await link.fill('shorthand');
      await page.getByRole('option', { name: pattern }).click();
      await expect(link).toHaveValue(pattern);
    };
    await choose();
    // Ctrl+Z takes the link back, as it takes back a verdict.
    await first.focus();
    await page.keyboard.press('Control+z');
    await expect(link).toHaveValue('');
    await expect(first.getByTestId('review-verdict')).toContainText('Appropriate');
    await choose();
    await expectAccessible(page, 'review queue with a pattern linked');
    await shoot(page, 'review-pattern-link');

    await app.go('Patterns');
    await app.screen('patterns').getByRole('link', { name: pattern }).click();
    await expect(app.screen('pattern').getByTestId('pattern-override').filter({ hasText: recommendation })).toContainText('On the review');
  });

  test('the Feedback and Patterns screens export what they show as CSV and JSON', async ({ app, page }) => {
    await app.switchProfile('Priya Shah');
    await app.go('Feedback');
    const queue = app.screen('feedback');
    await queue.getByRole('combobox', { name: 'Team', exact: true }).click();
    await page.getByRole('option', { name: /Contact Centre Leeds$/ }).click();
    const shown = await queue.getByTestId('feedback-row').count();
    expect(shown).toBeGreaterThan(0);
    await queue.getByRole('button', { name: 'Export' }).click();
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'CSV (spreadsheet)' }).click();
    const csv = fs
      .readFileSync(await (await csvDownload).path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toMatch(/^id,reported_at,initiative,model_version,team,/);
    // The header, then one line per item the screen shows (open items of Contact Centre Leeds; none has a line break).
    expect(csv).toHaveLength(shown + 1);
    expect(csv.slice(1).every((line) => line.includes('Contact Centre Leeds'))).toBe(true);
    await expect(app.notification(new RegExp(`${shown} feedback items?`))).toBeVisible();

    await app.go('Patterns');
    await app.screen('patterns').getByRole('button', { name: 'Export' }).click();
    const jsonDownload = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'JSON' }).click();
    const patterns = JSON.parse(fs.readFileSync(await (await jsonDownload).path(), 'utf8')) as { name: string; regions: string[] }[];
    expect(patterns.map((p) => p.name).sort()).toEqual(['Local shorthand read literally', 'Scanned documents misread']);
    expect(patterns.find((p) => p.name === 'Local shorthand read literally')?.regions.length).toBeGreaterThan(0);
    await expectAccessible(page, 'patterns screen with the export button');
    await shoot(page, 'patterns-export');
  });
});
