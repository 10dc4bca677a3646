import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { UPTAKE } from '../cli-path';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { SHOTS } from './shots';
import { openScreen, ReviewsScreen } from './signals-pages';
import { closeWith } from './steps';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

const DECISIONS = [
  'timestamp,initiative,team,user,recommendation_id,action,reason,recommended,final',
  '2026-03-01T09:00:00Z,Claims triage assistant,Claims North,u1@acme.example,r1,overridden,model_wrong,Fast track: pay 1200,Refer to adjuster: flood damage',
  '2026-03-02T09:00:00Z,Claims triage assistant,Claims North,u2@acme.example,r2,overridden,,Approve,Hold for police report',
  '2026-03-03T09:00:00Z,Claims triage assistant,Claims North,u3@acme.example,r3,overridden,habit,,',
  '2026-03-03T10:00:00Z,Claims triage assistant,Claims North,u3@acme.example,r4,accepted,,Approve,Approve',
];

test('a review resumes after a reload; a verdict is changed, undone with Ctrl+Z and the button, with history; recommended, final and the source link are shown', async ({
  app,
  page,
  served,
}) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  const csv = path.join(served.dir, 'decisions.csv');
  await fs.writeFile(csv, DECISIONS.join('\n'));
  await run(process.execPath, [UPTAKE, '--db', served.database, 'import', 'decisions', csv, '--create-missing'], { cwd: root });

  // Settings: the recommendation link is checked, then saved.
  await openScreen(app, 'Settings');
  const linkField = page.getByRole('textbox', { name: 'Recommendation link' });
  await linkField.fill('https://claims.example/rec/');
  await page.getByRole('region', { name: 'Source system' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The link must contain {id} where the recommendation id goes')).toBeVisible();
  await page.getByRole('region', { name: 'Source system' }).screenshot({ path: path.join(SHOTS, 'settings-source-system-error.png') });
  await linkField.fill('https://claims.example/rec/{id}');
  await page.getByRole('region', { name: 'Source system' }).getByRole('button', { name: 'Save' }).click();
  await expect(app.notification('Recommendation link saved.')).toBeVisible();
  await page.getByRole('region', { name: 'Source system' }).screenshot({ path: path.join(SHOTS, 'settings-source-system.png') });

  const reviews = await ReviewsScreen.open(app);
  await expect(reviews.items()).toHaveCount(3);
  await expect(reviews.progress).toHaveText('0 of 3 sampled overrides reviewed');
  // Newest first: r3 (no texts), r2, r1.
  await expect(reviews.items().nth(0)).toHaveAttribute('data-recommendation', 'r3');
  await expect(reviews.items().nth(0).getByTestId('review-outcome')).toHaveCount(0);
  const r2 = reviews.items().nth(1);
  await expect(r2.getByTestId('review-recommended')).toHaveText('Approve');
  await expect(r2.getByTestId('review-final')).toHaveText('Hold for police report');
  await expect(r2.getByTestId('recommendation-link')).toHaveAttribute('href', 'https://claims.example/rec/r2');
  await expect(r2.getByTestId('recommendation-link')).toHaveAttribute('target', '_blank');
  // Logged reason codes read as their labels, as on the reason buttons; none logged says so.
  await expect(reviews.items().nth(0).getByTestId('review-reason')).toHaveText('Habit');
  await expect(r2.getByTestId('review-reason')).toHaveText('No reason given');
  await expect(reviews.items().nth(2).getByTestId('review-reason')).toHaveText('Model wrong');
  await expect(reviews.root.getByTestId('review-group-progress')).toHaveText('3 in this sample · none reviewed yet');

  // r3: its logged reason "habit" is picked already; N records it, focus moves on to r2.
  await reviews.items().first().focus();
  await page.keyboard.press('n');
  await expect(reviews.items().nth(0).getByTestId('review-verdict')).toHaveText('Not appropriate · Habit');
  await expect(r2).toBeFocused();
  await expect(reviews.progress).toHaveText('1 of 3 sampled overrides reviewed');
  await expect(reviews.root.getByTestId('review-last')).toContainText('Recorded r3: Not appropriate · Habit.');
  await expect(reviews.root.getByTestId('review-group-progress')).toHaveText(
    '1 of 3 in this sample reviewed · 0% appropriate of 1 reviewed in all',
  );

  // Mid-review, at both sizes.
  await page.keyboard.press('2');
  await expectAccessible(page, 'review mid-sample with recommended, final and a link');
  for (const [width, height] of [
    [1440, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(SHOTS, `review-session-${width}x${height}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `no sideways scrolling at ${width}`).toBeLessThanOrEqual(0);
  }

  // A reload, then leaving and coming back: the same sample, the same progress, at r2.
  await app.reload();
  await expect(app.screen('reviews')).toBeVisible();
  await expect(reviews.progress).toHaveText('1 of 3 sampled overrides reviewed');
  await expect(reviews.active).toHaveAttribute('data-recommendation', 'r2');
  await expect(reviews.items().nth(0).getByTestId('review-verdict')).toHaveText('Not appropriate · Habit');
  await app.go('Teams');
  await openScreen(app, 'Override review');
  await expect(reviews.progress).toHaveText('1 of 3 sampled overrides reviewed');
  await expect(reviews.items()).toHaveCount(3);

  // Back to r3: its verdict is shown and can be changed (1: Model wrong, A).
  const r3 = reviews.items().first();
  await r3.focus();
  await expect(r3.getByRole('button', { name: /Habit/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(r3.getByRole('button', { name: /^Not appropriate/ })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: path.join(SHOTS, 'review-session-judged-1024x700.png') });
  await page.keyboard.press('1');
  await page.keyboard.press('a');
  await expect(r3.getByTestId('review-verdict')).toHaveText('Appropriate · Model wrong');
  await expect(reviews.progress).toHaveText('1 of 3 sampled overrides reviewed');
  await expect(reviews.root.getByTestId('review-last')).toContainText('Changed r3: Appropriate · Model wrong.');

  // Ctrl+Z takes the change back.
  await page.keyboard.press('Control+z');
  await expect(r3.getByTestId('review-verdict')).toHaveText('Not appropriate · Habit');

  // The history drawer tells the story: created, changed, changed back.
  await r3.getByRole('button', { name: 'History' }).click();
  await app.history.expectEntries('Not appropriate', 'Appropriate', 'Created');
  await app.history.close();

  // Undo the verdict itself: r3 is waiting again.
  await r3.focus();
  await r3.getByRole('button', { name: 'Undo verdict' }).click();
  await expect(r3.getByTestId('review-verdict')).toHaveCount(0);
  await expect(reviews.progress).toHaveText('0 of 3 sampled overrides reviewed');

  // A new review while this one is part done asks first; keeping on changes nothing.
  await r3.focus();
  await page.keyboard.press('n');
  await expect(reviews.progress).toHaveText('1 of 3 sampled overrides reviewed');
  const startNew = reviews.root.getByRole('button', { name: 'Start a new review' });
  await startNew.click();
  const ask = page.getByRole('dialog', { name: 'Start a new review?' });
  await expect(ask).toContainText('You have reviewed 1 of 3 overrides in this sample.');
  await closeWith(ask, 'Keep reviewing');
  await expect(reviews.progress).toHaveText('1 of 3 sampled overrides reviewed');
  await startNew.click();
  await page.getByRole('dialog', { name: 'Start a new review?' }).getByRole('button', { name: 'Start a new review' }).click();
  await expect(reviews.progress).toHaveText('0 of 2 sampled overrides reviewed');
  await expect(reviews.items()).toHaveCount(2);

  // The report's drill-down shows the same texts and link.
  await openScreen(app, 'Report');
  const north = app.report.row('Claims triage assistant', 'Claims North');
  await app.report.figure(north, 'overrideRate').click();
  const r1Row = app.report.sourceRows().filter({ hasText: 'r1' });
  await expect(r1Row).toContainText('Fast track: pay 1200');
  await expect(r1Row).toContainText('Refer to adjuster: flood damage');
  await expect(r1Row.getByTestId('recommendation-link')).toHaveAttribute('href', 'https://claims.example/rec/r1');
});
