import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { UPTAKE } from '../cli-path';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { callApi, openScreen, ReviewsScreen } from './signals-pages';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

interface OverallCounts {
  overall: { overrideAppropriateness: number | null; counts: { reviewed: number; appropriate: number } };
}

test('with no decisions imported, the queue says to import them', async ({ app, page }) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  const reviews = await ReviewsScreen.open(app);
  await expect(reviews.emptyState).toContainText('No overridden decisions yet');
  await expect(reviews.emptyState).toContainText('Import a decisions CSV');
  await expectAccessible(page, 'empty review queue');
  await reviews.emptyState.getByRole('button', { name: 'Go to Imports' }).click();
  await expect(app.screen('imports')).toBeVisible();
});

test('the last override judged: the queue says all are reviewed', async ({ app, page, served }) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  // A decisions log with two overrides, imported with the CLI into the database the app serves.
  const csv = path.join(served.dir, 'decisions.csv');
  await fs.writeFile(
    csv,
    [
      'timestamp,initiative,team,user,recommendation_id,action,reason',
      '2026-03-02T09:00:00Z,Claims triage assistant,Claims North,u1@acme.example,r1,overridden,model_wrong',
      '2026-03-02T10:00:00Z,Claims triage assistant,Claims North,u2@acme.example,r2,accepted,',
      '2026-03-03T09:00:00Z,Claims triage assistant,Claims North,u2@acme.example,r3,overridden,waiting on the police report',
    ].join('\n'),
  );
  await run(process.execPath, [UPTAKE, '--db', served.database, 'import', 'decisions', csv, '--create-missing'], {
    cwd: root,
  });
  const reviews = await ReviewsScreen.open(app);
  await expect(reviews.items()).toHaveCount(2);
  const north = reviews.summaryRow('Claims triage assistant · Claims North');
  await expect(reviews.figure(north, 'overrideAppropriateness')).toHaveText('no data');
  const group = reviews.root.getByTestId('review-group-progress');
  await expect(group).toHaveText('2 in this sample · none reviewed yet');
  // The log's reasons: the user's own words in quotes; a known code by the label its button has.
  await expect(reviews.items().nth(0).getByTestId('review-reason')).toHaveText('“waiting on the police report”');
  await expect(reviews.items().nth(1).getByTestId('review-reason')).toHaveText('Model wrong');

  // r3 (newest first) has free text, so no reason is picked; r1's log reason is a code, so it is picked already.
  await reviews.items().first().focus();
  await page.keyboard.press('6');
  await page.keyboard.press('n');
  await expect(reviews.items().nth(1)).toBeFocused();
  await expect(
    reviews
      .items()
      .nth(1)
      .getByRole('button', { name: /Model wrong/ }),
  ).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('a');
  await expect(reviews.progress).toHaveText('2 of 2 sampled overrides reviewed');
  await expect(reviews.figure(north, 'overrideAppropriateness')).toHaveText('50%');
  await expect(group).toHaveText('2 of 2 in this sample reviewed · 50% appropriate of 2 reviewed in all');
  const next = reviews.root.getByRole('button', { name: 'Next sample' });
  await expect(next).toBeFocused();
  await next.click();
  await expect(reviews.emptyState).toContainText('All overrides reviewed');
  await expect(reviews.figure(north, 'reviewed')).toHaveText('2');
  await expectAccessible(page, 'all reviewed');
});

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });
  // Each test here starts on the review queue.
  test.beforeEach(async ({ app }) => {
    await openScreen(app, 'Override review');
  });

  test('judge one override appropriate and another not; the counts and the report follow', async ({ app, page }) => {
    const reviews = new ReviewsScreen(page);
    await expect(reviews.items()).toHaveCount(25);
    await expect(reviews.progress).toHaveText('0 of 25 sampled overrides reviewed');
    await expect(reviews.root.getByTestId('review-keys')).toContainText('A appropriate');
    await expectAccessible(page, 'review queue');

    // The demo has 12 reviewed overrides in Claims North, none judged appropriate.
    const north = reviews.summaryRow('Claims triage assistant · Claims North');
    await expect(reviews.figure(north, 'reviewed')).toHaveText('12');
    await expect(reviews.figure(north, 'appropriate')).toHaveText('0');
    await expect(reviews.figure(north, 'overrideAppropriateness')).toHaveText('0%');
    const before = (await callApi(page, 'reports.get', {})).body as OverallCounts;
    expect(before.overall.counts.reviewed).toBe(12);

    // The queue is grouped by initiative and team; the first override of Claims North is current.
    const first = reviews.items().first();
    await expect(first).toHaveAttribute('data-active', 'true');
    await expect(reviews.root.getByTestId('review-group').first()).toContainText('Claims triage assistant · Claims North');
    // Its line names both counts: this sample's progress, and the figure over all 12 verdicts.
    const northLine = reviews.root.getByTestId('review-group-progress').first();
    await expect(northLine).toHaveText(/^0 of \d+ in this sample reviewed · 0% appropriate of 12 reviewed in all$/);
    const firstRec = await first.getAttribute('data-recommendation');

    // Keyboard: a verdict without a reason is refused; 1 picks "Model wrong", A records "appropriate".
    await first.focus();
    await page.keyboard.press('a');
    await expect(first.getByRole('alert')).toHaveText('Pick a reason first: press 1–7 or click one.');
    await page.keyboard.press('1');
    await expect(first.getByRole('button', { name: /Model wrong/ })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('a');
    await expect(first.getByTestId('review-verdict')).toHaveText('Appropriate · Model wrong');
    await expect(reviews.progress).toHaveText('1 of 25 sampled overrides reviewed');
    // Focus moved on to the next override.
    const second = reviews.items().nth(1);
    await expect(second).toBeFocused();
    await expect(second).toHaveAttribute('data-active', 'true');
    await expect(reviews.figure(north, 'reviewed')).toHaveText('13');
    await expect(reviews.figure(north, 'appropriate')).toHaveText('1');
    await expect(reviews.figure(north, 'overrideAppropriateness')).toHaveText('8%');
    await expect(northLine).toHaveText(/^1 of \d+ in this sample reviewed · 8% appropriate of 13 reviewed in all$/);

    // Mouse: pick "Habit", then "Not appropriate".
    await second.getByRole('button', { name: /Habit/ }).click();
    await second.getByRole('button', { name: /^Not appropriate/ }).click();
    await expect(second.getByTestId('review-verdict')).toHaveText('Not appropriate · Habit');
    await expect(reviews.progress).toHaveText('2 of 25 sampled overrides reviewed');
    await expect(reviews.figure(north, 'reviewed')).toHaveText('14');
    await expect(reviews.figure(north, 'inappropriate')).toHaveText('13');
    await expect(reviews.figure(north, 'overrideAppropriateness')).toHaveText('7%');
    await expect(reviews.items().nth(2)).toBeFocused();

    // The report itself: 1 of 14 reviewed overrides was appropriate.
    const after = (await callApi(page, 'reports.get', {})).body as OverallCounts;
    expect(after.overall.counts).toMatchObject({ reviewed: 14, appropriate: 1 });
    expect(after.overall.overrideAppropriateness).toBeCloseTo(1 / 14, 12);

    // The sample is kept: a reload comes back to it, with its progress, at the next override waiting.
    await app.reload();
    await expect(app.screen('reviews')).toBeVisible();
    await expect(reviews.progress).toHaveText('2 of 25 sampled overrides reviewed');
    await expect(reviews.items().first()).toHaveAttribute('data-recommendation', firstRec ?? '');
    await expect(reviews.items().nth(2)).toHaveAttribute('data-active', 'true');
  });

  test('filtering by team samples that team only; a sponsor has no review queue', async ({ app, page }) => {
    const reviews = new ReviewsScreen(page);
    await reviews.root.getByRole('combobox', { name: 'Team' }).click();
    await page.getByRole('option', { name: 'Underwriting', exact: true }).click();
    await expect(reviews.root.getByTestId('review-group')).toHaveCount(1);
    await expect(reviews.root.getByTestId('review-group')).toContainText('Underwriting risk scorer · Underwriting');
    // No verdict in Underwriting yet: one plain clause, no "no data of 0".
    await expect(reviews.root.getByTestId('review-group-progress')).toHaveText('25 in this sample · none reviewed yet');
    await expect(reviews.items()).toHaveCount(25);

    await app.switchProfile('Priya Shah');
    await expect(app.sidebar.getByRole('link', { name: 'Override review', exact: true })).toHaveCount(0);
    const refused = await callApi(page, 'reviews.queue', {});
    expect(refused.status).toBe(403);
  });
});
