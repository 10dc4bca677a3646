import path from 'node:path';
import { DEFAULT_METRIC_SETTINGS } from '../../db/metrics/model';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { SHOTS } from './shots';
import { callApi, MetricSettingsSection, openScreen } from './signals-pages';

// The defaults docs/metrics.md documents (test/docs.test.ts holds the two together).
const DEFAULTS = DEFAULT_METRIC_SETTINGS;

// Claims North overrides about 70% of 5,280 recommendations in the demo.
const HIGH_OVERRIDE = /Override rate \d+% over [\d,]+ decisions \(threshold 50%\)/;
const ANY_HIGH_OVERRIDE = /Override rate \d+% over [\d,]+ decisions/;

test.use({ workspace: 'demo' });

test('a change manager raises a threshold and the report’s alerts follow; reset brings the defaults back', async ({ app, page }) => {
  const settings = new MetricSettingsSection(page);
  await openScreen(app, 'Report');
  await expect(app.report.root).toContainText(HIGH_OVERRIDE);

  await openScreen(app, 'Settings');
  await expect(settings.root).toBeVisible();
  // Every weight and threshold, with its default.
  await expect(settings.root.locator('[data-testid^="metric-"]')).toHaveCount(3 + 10);
  // Each threshold names the report alert it drives by the alert's title, as the report shows it, not by its code.
  await expect(settings.row('highOverrideRate')).toContainText('High override rate alert');
  await expect(settings.row('lowOverrideRate')).toContainText('Low override rateAutomation-bias risk alert');
  await expect(settings.row('minDecisions')).toContainText('High override rate and Automation-bias risk alerts');
  await expect(settings.row('championCoverage')).toContainText('No report alert');
  await expect(settings.root).not.toContainText(/[A-Z]+_[A-Z]+/);
  await expect(settings.row('reliance')).toContainText('(accepted + edited) / decisions');
  await settings.root.screenshot({ path: path.join(SHOTS, 'settings-weights-thresholds.png'), animations: 'disabled' });
  await expect(settings.input('High override rate')).toHaveValue('50%');
  await expect(settings.input('Reliance')).toHaveValue('0.5');
  await expect(settings.saveButton).toBeDisabled();
  await expectAccessible(page, 'weights and thresholds');

  // Rules across fields: a low override rate at or above the high one is refused before saving.
  await settings.input('Low override rate').fill('60');
  await settings.saveButton.click();
  await expect(settings.root.getByRole('alert')).toHaveText('The low override rate must be below the high override rate');
  await settings.input('Low override rate').fill('5');
  // All weights at 0 could never compute real adoption.
  for (const w of ['Reliance', 'Trust', 'Shadow-free']) await settings.input(w).fill('0');
  await settings.saveButton.click();
  await expect(settings.root.getByRole('alert')).toHaveText('At least one weight must be above 0');
  await expectAccessible(page, 'weights and thresholds with errors');
  await settings.root.getByRole('button', { name: 'Discard changes' }).click();
  await expect(settings.input('Reliance')).toHaveValue('0.5');

  // Raise the high-override threshold to 75%: Claims North (about 70%) no longer alerts.
  await settings.input('High override rate').fill('75');
  await settings.saveButton.click();
  await expect(app.notification('Weights and thresholds saved')).toBeVisible();
  await expect(settings.saveButton).toBeDisabled();
  await expect(settings.row('highOverrideRate')).toHaveAttribute('data-changed', 'true');
  const saved = (await callApi(page, 'metrics.settings', {})).body as typeof DEFAULTS;
  expect(saved.thresholds.highOverrideRate).toBe(0.75);

  await openScreen(app, 'Report');
  await expect(app.report.rows().first()).toBeVisible();
  await expect(app.report.root).not.toContainText(ANY_HIGH_OVERRIDE);

  // Reset to defaults, save: the alert is back.
  await openScreen(app, 'Settings');
  await expect(settings.input('High override rate')).toHaveValue('75%');
  await settings.resetButton.click();
  await expect(settings.input('High override rate')).toHaveValue('50%');
  await settings.saveButton.click();
  await expect(settings.saveButton).toBeDisabled();
  await expect(settings.resetButton).toBeDisabled();
  expect((await callApi(page, 'metrics.settings', {})).body).toEqual(DEFAULTS);
  await openScreen(app, 'Report');
  await expect(app.report.root).toContainText(HIGH_OVERRIDE);
});

test('a sponsor reads the weights and thresholds, cannot edit them, and the engine refuses a change', async ({ app, page }) => {
  const settings = new MetricSettingsSection(page);
  await app.switchProfile('Priya Shah');
  await openScreen(app, 'Settings');
  await expect(settings.root).toContainText('Only change managers can change weights and thresholds.');
  await expect(settings.root.getByRole('textbox')).toHaveCount(0);
  await expect(settings.saveButton).toHaveCount(0);
  await expect(settings.row('highOverrideRate').getByTestId('metric-value')).toHaveText('50%');
  await expect(settings.row('minDecisions').getByTestId('metric-value')).toHaveText('30');
  await expectAccessible(page, 'weights and thresholds, read-only');

  const refused = await callApi(page, 'metrics.configure', {
    ...DEFAULTS,
    thresholds: { ...DEFAULTS.thresholds, highOverrideRate: 0.9 },
  });
  expect(refused.status).toBe(403);
  expect(JSON.stringify(refused.body)).toContain('metrics.configure');
  expect((await callApi(page, 'metrics.settings', {})).body).toEqual(DEFAULTS);
});

test('weights typed the way people type them save exactly what was typed, or say why not', async ({ app, page }) => {
  const settings = new MetricSettingsSection(page);
  await openScreen(app, 'Settings');
  const reliance = settings.input('Reliance');
  const trust = settings.input('Trust');
  const shadowFree = settings.input('Shadow-free');
  const selectAllAndType = async (box: typeof reliance, text: string) => {
    await box.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(text, { delay: 20 });
  };

  // Select all and type: the box keeps every keystroke (it used to show 0.85 and 0.425).
  await selectAllAndType(reliance, '0.8');
  await expect(reliance).toHaveValue('0.8');
  await selectAllAndType(trust, '0.4');
  await expect(trust).toHaveValue('0.4');
  // Backspace back to "0." means 0 (it used to snap back to 0.25).
  await selectAllAndType(shadowFree, '0.25');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect(shadowFree).toHaveValue('0.');
  await page.keyboard.press('Tab');
  await expect(shadowFree).toHaveValue('0');

  // Out of range: said under the box, in the box's terms, and not saved.
  await selectAllAndType(trust, '2');
  await expect(trust).toHaveValue('2');
  await page.keyboard.press('Tab');
  await expect(settings.row('trust')).toContainText('Enter a number from 0 to 1');
  await settings.saveButton.click();
  await expect(settings.row('trust')).toContainText('Enter a number from 0 to 1');
  expect((await callApi(page, 'metrics.settings', {})).body).toEqual(DEFAULTS);
  // Not a number at all.
  await selectAllAndType(trust, '0.4x');
  await page.keyboard.press('Tab');
  await expect(settings.row('trust')).toContainText('“0.4x” is not a number');

  // Paste replaces the selection with exactly the pasted text.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate(() => navigator.clipboard.writeText('0.4'));
  await trust.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+v');
  await expect(trust).toHaveValue('0.4');
  await expect(settings.row('trust')).not.toContainText('Enter a number');

  await settings.saveButton.click();
  await expect(app.notification('Weights and thresholds saved')).toBeVisible();
  const saved = (await callApi(page, 'metrics.settings', {})).body as typeof DEFAULTS;
  expect(saved.weights).toEqual({ reliance: 0.8, trust: 0.4, shadowFree: 0 });
  const report = (await callApi(page, 'reports.get', {})).body as { weights: typeof DEFAULTS.weights };
  expect(report.weights).toEqual({ reliance: 0.8, trust: 0.4, shadowFree: 0 });
  await expect(reliance).toHaveValue('0.8');
  await expect(trust).toHaveValue('0.4');
  await expect(shadowFree).toHaveValue('0');

  // History says who changed which weight from what to what.
  await settings.root.getByRole('button', { name: 'History of changes' }).click();
  const drawer = page.getByTestId('history-drawer');
  const entry = drawer.getByTestId('history-entry').first();
  await expect(entry).toContainText('Edited by Dana Lee');
  await expect(entry.getByTestId('change-weights.reliance')).toHaveText('0.5→0.8');
  await expect(entry.getByTestId('change-weights.trust')).toHaveText('0.25→0.4');
  await expect(entry.getByTestId('change-weights.shadowFree')).toHaveText('0.25→0');
  await expect(entry).toContainText('Reliance weight');
  await expect(drawer.getByTestId('history-entry')).toHaveCount(1);
});

test('weights and thresholds read in the locale chosen in Settings, as the report does', async ({ app, page }) => {
  const settings = new MetricSettingsSection(page);
  await openScreen(app, 'Settings');
  await expect(settings.row('highOverrideRate')).toContainText('50%');
  await expect(page.getByTestId('weight-shares')).toContainText('real adoption is 50% reliance, 25% trust, 25% shadow-free');

  await page.getByRole('region', { name: 'Numbers and dates' }).getByRole('combobox', { name: 'Language and region' }).click();
  await page.getByRole('option', { name: 'Deutsch (Deutschland)' }).click();
  // German puts a (non-breaking) space before the percent sign and a comma in decimals.
  await expect(settings.row('highOverrideRate')).toContainText('50\u00a0%');
  await expect(settings.row('highOverrideRate')).not.toContainText('50%');
  await expect(settings.row('reliance')).toContainText('0,5');
  await expect(page.getByTestId('weight-shares')).toContainText(
    'real adoption is 50\u00a0% reliance, 25\u00a0% trust, 25\u00a0% shadow-free',
  );
});
