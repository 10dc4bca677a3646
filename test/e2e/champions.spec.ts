import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { shootAtSizes } from './shots';
import { callApi } from './signals-pages';
import { closeWith, expectLabelsAlike, pick, press, typeThen } from './steps';

const shoot = (page: Page, name: string) => shootAtSizes(page, `champions-${name}`);

const triageForm = (page: Page) => page.getByRole('dialog', { name: /^Triage/ });

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('the Champions screen: coverage per team, the team failing the 60-day rule, champions and activities', async ({ app, page }) => {
    await app.go('Champions');
    const screen = app.screen('champions');
    await expect(screen.getByTestId('coverage-row')).toHaveCount(2);
    // The first program is the claims one; switch to the contact centres, where Bristol's champion has run nothing for 75 days.
    await screen.getByRole('combobox', { name: 'Program' }).click();
    await page.getByRole('option', { name: /Contact centre champions/ }).click();
    const failures = screen.getByTestId('rule-failures');
    await expect(failures).toContainText('1 team has no active champion who ran an activity in the last 60 days');
    await expect(failures).toContainText(
      /Contact Centre Bristol: no activity by an active champion in the last 60 days; the last was on [A-Z][a-z]{2} \d{1,2}, \d{4}/,
    );
    const bristol = screen.getByTestId('coverage-row').filter({ hasText: 'Contact Centre Bristol' });
    await expect(bristol).toContainText('headcount');
    await expect(screen.getByTestId('activity-row')).toHaveCount(2);
    await expectAccessible(page, 'champions');
    await shoot(page, 'screen');

    await screen.getByRole('button', { name: 'Log activity' }).click();
    const form = page.getByRole('dialog', { name: 'Log an activity' });
    await expect(form).toBeVisible();
    await form.getByRole('combobox', { name: 'Champion' }).click();
    await page.getByRole('option', { name: /^Tom Okafor/ }).click();
    await form.getByRole('textbox', { name: 'Attendance' }).fill('12');
    await expectAccessible(page, 'activity form');
    await closeWith(form, 'Log activity');
    // Tom's office hours today: Bristol passes the rule now.
    await expect(screen.getByTestId('rule-failures')).toBeHidden();
    await expect(screen.getByTestId('activity-row')).toHaveCount(3);
  });

  test('a champion’s own page: their teams in every program, what they ran and the feedback they logged', async ({ app, page }) => {
    await app.go('Champions');
    const screen = app.screen('champions');
    await screen.getByTestId('champion-row').getByRole('link', { name: 'Tom Okafor' }).click();
    const own = app.screen('champion');
    await expect(own.getByRole('heading', { name: 'Tom Okafor' })).toBeVisible();
    // The demo names Tom in Claims North, Contact Centre Bristol and Underwriting, with five activities between them.
    await expect(own.getByTestId('champion-team-row')).toHaveCount(3);
    await expect(own.getByTestId('champion-team-row').filter({ hasText: 'Contact Centre Bristol · Contact centre champions' })).toHaveCount(
      1,
    );
    await expect(own.getByTestId('champion-activity-row')).toHaveCount(5);
    const { body } = await callApi(page, 'feedback.list', {});
    const members = (await callApi(page, 'members.list', {})).body as { id: string; name: string }[];
    const tom = members.find((m) => m.name === 'Tom Okafor')?.id;
    const his = (body as { reporterId: string | null; status: string }[]).filter((f) => f.reporterId === tom);
    expect(his.length).toBeGreaterThan(0);
    await expect(own.getByTestId('champion-feedback-row')).toHaveCount(his.length);
    const open = his.filter((f) => ['new', 'triaged', 'in_progress'].includes(f.status)).length;
    await expect(own).toContainText(`champion in 3 teams · 5 activities · ${his.length} feedback items logged, ${open} open`);
    await expectAccessible(page, 'champion page');
    await shoot(page, 'own-page');
    await own.getByRole('link', { name: 'Champions' }).click();
    await expect(app.screen('champions')).toBeVisible();
    // Dana champions no team: no "Your page" for her; Tom has one, to his own page.
    await expect(screen.getByRole('link', { name: 'Your page' })).toHaveCount(0);
    await app.switchProfile('Tom Okafor');
    await app.go('Champions');
    await expect(app.screen('champions').getByRole('link', { name: 'Your page' })).toBeVisible();
    await shoot(page, 'as-champion');
    await app.screen('champions').getByRole('link', { name: 'Your page' }).click();
    await expect(app.screen('champion').getByRole('heading', { name: 'Tom Okafor' })).toBeVisible();
  });

  test('a champion logs feedback by keyboard only and it reaches the queue; a change manager triages it; a champion who owns no initiative cannot', async ({
    app,
    page,
  }) => {
    await app.switchProfile('Tom Okafor');
    const form = await app.openFeedbackForm();
    const started = Date.now();
    // Initiative (focused first), model version, team: type and Enter picks the match.
    await pick(page, form.getByRole('combobox', { name: 'Initiative' }), 'email', 'Tab');
    await pick(page, form.getByRole('combobox', { name: 'Model version' }), 'llm', 'Tab');
    await pick(page, form.getByRole('combobox', { name: 'Team' }), 'Leeds', 'Tab');
    await typeThen(page, 'EM-90001', 'Tab');
    await typeThen(page, 'Said the parcel was delivered', 'Tab');
    await typeThen(page, 'It went to the old depot address', 'Tab');
    await pick(page, form.getByRole('combobox', { name: 'Category' }), 'regional');
    // Severity: Medium is chosen; the arrow moves to High.
    await press(page, 'Tab', 'ArrowRight', 'Tab');
    await expect(form.getByRole('checkbox', { name: /Confidently wrong/ })).toBeFocused();
    await press(page, 'Space', 'Tab');
    // Where it was caught: on to Reached downstream; back in the confidence box, Enter submits the form.
    await typeThen(page, '93', 'Tab', 'ArrowRight', 'Shift+Tab', 'Enter');
    await expect(form).toBeHidden();
    expect(Date.now() - started).toBeLessThan(30_000);
    await expect(app.notification('Feedback logged for Contact Centre Leeds')).toBeVisible();

    await app.go('Feedback');
    const queue = app.screen('feedback');
    const row = queue.getByTestId('feedback-row').filter({ hasText: 'EM-90001' });
    await expect(row).toContainText('Contact Centre Leeds');
    await expect(row).toContainText('Sure 93%');
    await expect(row).toContainText('Tom Okafor');
    await expect(row).toContainText('High');
    await expect(row.getByTestId('feedback-status')).toHaveText('New');

    // The next time, the form starts on the same initiative and team.
    await app.openFeedbackForm();
    await expect(form.getByRole('combobox', { name: 'Team' })).toHaveValue(/Contact Centre Leeds/);
    await expect(form.getByRole('combobox', { name: 'Initiative' })).toHaveValue('Customer email drafter');
    // The choices' labels read as every field's label does; a team's long path ends with an ellipsis.
    const label = (text: string) => form.getByText(text, { exact: true });
    await expectLabelsAlike(label('Case reference'), label('Severity'), label('Where it was caught'), label('Model version'));
    const team = form.getByRole('combobox', { name: 'Team' });
    await expect(team).toHaveCSS('text-overflow', 'ellipsis');
    expect(await team.evaluate((e) => e.scrollWidth > e.clientWidth), 'the path is longer than its box').toBe(true);
    await expectAccessible(page, 'feedback form');
    await shoot(page, 'feedback-form');
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();

    // Tom is the email drafter's product owner, so he may triage it; Mei, a champion who owns no
    // initiative, has no triage: no selection, no Triage action.
    await app.switchProfile('Mei Chen');
    await app.go('Feedback');
    await expect(row).toBeVisible();
    await expect(queue.getByRole('checkbox')).toHaveCount(0);
    await row.getByRole('button', { name: /^Actions for/ }).click();
    await expect(page.getByRole('menuitem', { name: 'Triage' })).toHaveCount(0);
    await page.keyboard.press('Escape');

    await app.switchProfile('Dana Lee');
    await app.go('Feedback');
    await expectAccessible(page, 'feedback queue');
    await row.getByRole('button', { name: /^Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Triage' }).click();
    const triage = triageForm(page);
    await expect(triage).toBeVisible();
    await expect(triage.getByRole('combobox', { name: 'Status' })).toHaveValue('Triaged');
    await triage.getByRole('combobox', { name: 'Assignee' }).click();
    await page.getByRole('option', { name: 'Sam Rivera', exact: true }).click();
    await expectAccessible(page, 'triage form');
    await closeWith(triage, 'Save triage');
    await expect(row.getByTestId('feedback-status')).toHaveText('Triaged');
    await expect(row).toContainText('Sam Rivera');
    await expect(queue.getByTestId('assignee-progress')).toContainText('Sam Rivera');
    await shoot(page, 'feedback-queue');
  });
});
