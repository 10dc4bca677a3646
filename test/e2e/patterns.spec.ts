import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, setReportedAt, test } from './fixtures';
import { shootAtSizes } from './shots';
import { ReviewsScreen, ShadowScreen } from './signals-pages';
import { closeWith } from './steps';

const shoot = (page: Page, name: string) => shootAtSizes(page, `patterns-${name}`);

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('a change manager groups two feedback items into a new pattern and finds it on the Patterns screen and its page', async ({
    app,
    page,
  }) => {
    await app.switchProfile('Dana Lee');
    await app.go('Feedback');
    const queue = app.screen('feedback');
    for (const ref of ['UW-3321', 'CLM-20417'])
      await queue.getByTestId('feedback-row').filter({ hasText: ref }).getByRole('checkbox').check();
    await queue.getByTestId('group-into-pattern').click();
    const dialog = page.getByRole('dialog', { name: 'Group 2 items into a pattern' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: 'Pattern' })).toHaveValue('A new pattern…');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Reference data out of date');
    await dialog.getByRole('textbox', { name: 'Description' }).fill('The model reads last year’s postcodes and reserves');
    await expectAccessible(page, 'group into pattern');
    await shoot(page, 'group-dialog');
    await closeWith(dialog, 'Group');
    await expect(app.notification('2 items grouped into the new pattern “Reference data out of date”.')).toBeVisible();
    await expect(queue.getByTestId('feedback-row').filter({ hasText: 'UW-3321' }).getByTestId('feedback-pattern')).toHaveText(
      'Reference data out of date',
    );

    await app.go('Patterns');
    const patterns = app.screen('patterns');
    const row = patterns.getByTestId('pattern-row').filter({ hasText: 'Reference data out of date' });
    await expect(row.getByTestId('pattern-count')).toHaveText('2');
    await expect(row).toContainText('Claims North, Underwriting');
    await expect(row.getByTestId('pattern-status')).toHaveText('Open');
    await expectAccessible(page, 'patterns screen');
    await shoot(page, 'list');

    await row.getByRole('link', { name: 'Reference data out of date' }).click();
    const detail = app.screen('pattern');
    await expect(detail.getByTestId('pattern-item')).toHaveCount(2);
    await expect(detail.getByTestId('pattern-month').first()).toBeVisible();
    await expect(detail).toContainText('The model reads last year’s postcodes and reserves');
    // The items read as on the Feedback screen: the quiet table header, severity and "Sure 95%" badges, the status badge.
    const items = detail.getByRole('table', { name: 'Feedback in this pattern' });
    await expect(items).toHaveClass(/data-table/);
    const flood = detail.getByTestId('pattern-item').filter({ hasText: 'UW-3321' });
    await expect(flood.getByTestId('confidently-wrong')).toHaveText('Sure 95%');
    await expect(flood.getByTestId('feedback-status')).toHaveText('New');
    await expect(detail.getByTestId('pattern-item').filter({ hasText: 'CLM-20417' }).getByTestId('feedback-status')).toHaveText(
      'In progress',
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await expectAccessible(page, 'pattern page');
    await shoot(page, 'page');
    // An item opens in the feedback drawer, with its comments, as on the Feedback screen.
    await flood.getByRole('button', { name: /^UW-3321 · Low flood risk/ }).click();
    const drawer = page.getByTestId('feedback-drawer').getByRole('dialog');
    await expect(drawer).toContainText('Postcode was split last year; the new one is in a flood zone');
    await expect(drawer.getByTestId('feedback-comments')).toBeVisible();
  });

  test('a pattern’s shadow processes open in the register, by a click or the keyboard; a deleted one is listed as deleted, with no link', async ({
    app,
    page,
  }) => {
    await app.switchProfile('Dana Lee');
    const openPattern = async () => {
      await app.go('Patterns');
      await app.screen('patterns').getByRole('link', { name: 'Local shorthand read literally' }).click();
      return app.screen('pattern').getByTestId('pattern-shadow').filter({ hasText: 'Paper referral log' });
    };
    const log = await openPattern();
    await expect(log.getByTestId('pattern-shadow-status')).toHaveText('Active');
    const link = log.getByRole('link', { name: 'Paper referral log' });
    await expectAccessible(page, 'pattern page with a shadow process');
    await shoot(page, 'page-shadow-process');

    // A click lands on the register, the process marked as the one opened (and only it).
    await link.click();
    const shadow = new ShadowScreen(page);
    const row = shadow.row('Paper referral log');
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(row).toBeInViewport();
    await expect(shadow.root.locator('[aria-current="true"]')).toHaveCount(1);
    await expect(shadow.rows()).toHaveCount(4);
    await expect(page.getByRole('link', { name: 'Shadow processes' })).toHaveAttribute('aria-current', 'page');
    await expectAccessible(page, 'register with a process opened');
    await shoot(page, 'shadow-process-opened');

    // The keyboard: the link takes focus and Enter follows it.
    await page.goBack();
    await link.focus();
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(row).toHaveAttribute('aria-current', 'true');

    // Deleted from the register, it stays on the pattern's page, marked deleted and opening nothing.
    await shadow.rowAction('Paper referral log', 'Delete');
    await app.confirmDialog('Delete Paper referral log?').getByRole('button', { name: 'Delete shadow process' }).click();
    await expect(row).toHaveCount(0);
    const gone = await openPattern();
    await expect(gone).toHaveAttribute('data-deleted', 'true');
    await expect(gone.getByTestId('pattern-shadow-status')).toHaveText('Deleted');
    await expect(gone.getByRole('link')).toHaveCount(0);
    await expectAccessible(page, 'pattern page with a deleted shadow process');
    await shoot(page, 'page-deleted-shadow-process');
  });

  test('similar open feedback and patterns are suggested while a champion types, and the new item links to a pattern', async ({
    app,
    page,
  }) => {
    await app.switchProfile('Tom Okafor');
    const form = await app.openFeedbackForm();
    await expect(form.getByTestId('feedback-suggestions')).toHaveCount(0);
    await form.getByRole('combobox', { name: 'Initiative' }).fill('Claims');
    await page
      .getByRole('option', { name: /Claims/ })
      .first()
      .click();
    await form.getByRole('combobox', { name: 'Team' }).fill('Claims South');
    await page.getByRole('option', { name: 'Claims South' }).click();
    await form.getByRole('textbox', { name: 'What the AI said' }).pressSequentially('Took LOI for loss of income');
    const suggestions = form.getByTestId('feedback-suggestions');
    // The open item about LOI is resolved (closed), so only the pattern it belongs to is offered.
    const pattern = suggestions.getByTestId('suggestion').filter({ hasText: 'Pattern: Local shorthand read literally' });
    await expect(pattern).toBeVisible();
    await expect(suggestions.getByTestId('suggestion').filter({ hasText: 'CLM-19876' })).toHaveCount(0);
    await form.getByRole('textbox', { name: 'What was right' }).pressSequentially('A letter of indemnity, as in the flood risk note');
    await expect(suggestions.getByTestId('suggestion').filter({ hasText: 'UW-3321' })).toBeVisible();
    await expect(suggestions.getByTestId('suggestion')).not.toHaveCount(0);
    expect(await suggestions.getByTestId('suggestion').count()).toBeLessThanOrEqual(5);
    await pattern.getByRole('button', { name: 'Link to the pattern Local shorthand read literally' }).click();
    await expect(suggestions.getByTestId('linked-pattern')).toContainText('Local shorthand read literally');
    await form.getByRole('combobox', { name: 'Category' }).fill('terminology');
    await page.getByRole('option', { name: 'Terminology or jargon' }).click();
    await expectAccessible(page, 'feedback form with suggestions');
    await shoot(page, 'suggestions');
    await closeWith(form, 'Log feedback');

    await app.go('Patterns');
    const row = app.screen('patterns').getByTestId('pattern-row').filter({ hasText: 'Local shorthand read literally' });
    await expect(row.getByTestId('pattern-count')).toHaveText('4');
    await expect(row).toContainText('Claims South');
  });

  test('an override judged appropriate becomes feedback with one key, prefilled from the decision', async ({ app, page }) => {
    await app.switchProfile('Tom Okafor');
    const reviews = await ReviewsScreen.open(app);
    const first = reviews.items().first();
    const recommendation = (await first.getAttribute('data-recommendation')) ?? '';
    expect(recommendation).not.toBe('');
    await first.focus();
    // Not judged yet: F does nothing.
    await page.keyboard.press('f');
    const form = app.feedbackForm;
    await expect(form).toHaveCount(0);
    await page.keyboard.press('1');
    await page.keyboard.press('a');
    await expect(first.getByTestId('review-verdict')).toContainText('Appropriate');
    // Focus moves on to the next override waiting (once the verdict is saved); back up to this one.
    await expect(reviews.items().nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(first).toBeFocused();
    await expect(first.getByTestId('review-to-feedback')).toBeVisible();
    await expectAccessible(page, 'review queue with an appropriate override');
    await page.keyboard.press('f');
    await expect(form).toBeVisible();
    await expect(form.getByTestId('feedback-source')).toContainText(`From override ${recommendation} of `);
    await expect(form.getByRole('textbox', { name: 'Case reference' })).toHaveValue(recommendation);
    await expect(form.getByRole('combobox', { name: 'Initiative' })).toHaveValue('Claims triage assistant');
    const team = (await first.getAttribute('aria-label'))?.split(', ')[1] ?? '';
    await expect(form.getByRole('combobox', { name: 'Team' })).toHaveValue(new RegExp(team));
    await form.getByRole('textbox', { name: 'What the AI said' }).fill('Fast track');
    await form.getByRole('textbox', { name: 'What was right' }).fill('Complex: the handler was right to override');
    await form.getByRole('combobox', { name: 'Category' }).fill('missing');
    await page.getByRole('option', { name: 'Missing context' }).click();
    // (axe on the form itself: the other tests here; behind this one, the queue's colours are dimmed by the overlay.)
    await shoot(page, 'from-override');
    await closeWith(form, 'Log feedback');

    await app.go('Feedback');
    const row = app.screen('feedback').getByTestId('feedback-row').filter({ hasText: recommendation });
    await expect(row).toContainText('Complex: the handler was right to override');
    await expect(row).toContainText('Tom Okafor');
  });
});

test.describe('a reader in New York', () => {
  // Not the machine's UTC: an item reported at 02:30 UTC on 3 November was reported on 2 November there.
  test.use({ workspace: 'demo', timezoneId: 'America/New_York' });

  test('reads when a pattern was first and last seen as days of their own calendar, not the UTC days', async ({ app, served }) => {
    setReportedAt(served.database, {
      'EM-87950': '2026-11-03T02:30:00.000Z',
      'CLM-19876': '2026-11-10T15:00:00.000Z',
      'UW-3290': '2026-11-20T04:45:00.000Z',
    });
    await app.go('Patterns');
    const row = app.screen('patterns').getByTestId('pattern-row').filter({ hasText: 'Local shorthand read literally' });
    await expect(row.getByTestId('pattern-first-seen')).toHaveText('Nov 2, 2026');
    await expect(row.getByTestId('pattern-last-seen')).toHaveText('Nov 19, 2026');
  });
});
