import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, type SecondDevice, test } from './fixtures';
import type { UptakeApp } from './pages';
import { shootAtSizes } from './shots';
import { callApi } from './signals-pages';

/*
 * Two devices in Chromium: two web hosts, two databases, one shared folder. A change manager
 * creates the workspace and syncs; a second device joins from the folder on its first run; edits
 * travel with Sync now, and a field both changed before syncing shows as a conflict to settle.
 */

const shoot = (page: Page, name: string) => shootAtSizes(page, `sync-${name}`);

/** A creates Acme with a team and syncs; B joins from the folder as Dana Lee. */
async function twoDevices(app: UptakeApp, second: SecondDevice, share: string) {
  await app.firstRun.create('Acme', 'Dana Lee');
  await expect(app.screen('report')).toBeVisible();
  await app.go('Teams');
  await app.teams.create({ name: 'Claims North' });
  await expect(app.teams.row('Claims North')).toBeVisible();
  await app.go('Settings');
  await app.settings.syncNow(share);

  await expect(second.app.firstRun.root).toBeVisible();
  await second.app.firstRun.joinFrom(share, 'Dana Lee');
  await expect(second.app.sidebar).toBeVisible();
  await expect(second.app.workspaceName).toHaveText('Acme');
}

test('a second device joins from the shared folder on its first run, and edits travel both ways with Sync now', async ({
  app,
  second,
  share,
}) => {
  await expect(second.app.firstRun.join).toBeVisible();
  await expectAccessible(second.app.page, 'first run with join');
  await second.app.firstRun.join.getByLabel('Shared folder', { exact: true }).fill(share);
  await second.app.firstRun.join.getByRole('button', { name: 'Look' }).click();
  await expect(second.app.firstRun.join).toContainText('no Uptake workspace yet');
  await shoot(second.app.page, 'first-run');

  await twoDevices(app, second, share);
  await second.app.go('Teams');
  await expect(second.app.teams.row('Claims North')).toBeVisible();

  // B renames the team; A sees it after syncing.
  await second.app.teams.edit('Claims North', { name: 'Claims North & Scotland' });
  await second.app.go('Settings');
  await second.app.settings.syncNow();
  await app.settings.syncNow();
  await app.go('Teams');
  await expect(app.teams.row('Claims North & Scotland')).toBeVisible();

  // A's status names the other device and who wrote there, with nothing waiting.
  await app.go('Settings');
  const status = app.settings.sync;
  await expect(status.getByTestId('sync-status')).toContainText('0 changes');
  await expect(status.getByTestId('sync-devices')).toContainText('Dana Lee');
  await expect(status.getByTestId('sync-last-run')).toContainText('Received');
  await expect(status.getByTestId('sync-conflicts')).toContainText('No conflicts');
  await expectAccessible(app.page, 'settings with sync', '[aria-label="Sync"]');
  await shoot(app.page, 'settings');
});

test('a field changed on both devices before syncing shows both values, and "Keep this one" brings the other back everywhere', async ({
  app,
  second,
  share,
}) => {
  await twoDevices(app, second, share);
  // Both edit while the share is offline (a network drive that dropped), so neither device's
  // automatic sync can bring the other's edit in first, however slow the machine.
  await fs.rename(share, `${share}-offline`);
  await app.go('Teams');
  await app.teams.edit('Claims North', { name: 'Claims (from A)' });
  await second.app.go('Teams');
  await second.app.teams.edit('Claims North', { name: 'Claims (from B)' });
  await fs.rename(`${share}-offline`, share);

  await app.go('Settings');
  await app.settings.syncNow();
  await second.app.go('Settings');
  await second.app.settings.syncNow();
  await app.settings.syncNow();

  // B wrote last, so B's name is shown on both; A lists the conflict with both values.
  const conflict = app.settings.conflicts;
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('Claims (from B)');
  await expect(conflict).toContainText('Claims (from A)');
  await expect(conflict).toContainText('Dana Lee');
  await expect(second.app.settings.conflicts).toHaveCount(1);
  await expectAccessible(app.page, 'sync conflicts', '[data-testid="sync-conflicts"]');
  await shoot(app.page, 'conflict');

  await conflict.getByRole('button', { name: /^Keep this one: "Claims \(from A\)"/ }).click();
  await expect(app.notification('the other value is back')).toBeVisible();
  await expect(app.settings.conflicts).toHaveCount(0);
  await app.go('Teams');
  await expect(app.teams.row('Claims (from A)')).toBeVisible();
  // The history shows every step: both concurrent names, and the one kept written again.
  await app.teams.rowAction('Claims (from A)', 'History');
  await expect(app.history.ready).toBeVisible();
  const names = app.history.entries().filter({ has: app.page.getByTestId('change-name') });
  await expect(names.first()).toContainText(/Claims \(from B\).*Claims \(from A\)/);
  await expect(names.nth(1)).toContainText(/Claims \(from A\).*Claims \(from B\)/);
  await expect(names.nth(2)).toContainText(/Claims North.*Claims \(from A\)/);
  await app.history.close();

  // The kept value travels: B shows it after syncing, and its conflict is settled too.
  await app.go('Settings');
  await app.settings.syncNow();
  await second.app.settings.syncNow();
  await expect(second.app.settings.conflicts).toHaveCount(0);
  await second.app.go('Teams');
  await expect(second.app.teams.row('Claims (from A)')).toBeVisible();
});

test('the app syncs by itself after a change, and a folder that went away shows as a problem without touching local data', async ({
  app,
  share,
}) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  await expect(app.screen('report')).toBeVisible();
  await app.go('Settings');
  await app.settings.syncNow(share);
  const status = app.settings.sync.getByTestId('sync-status');
  await expect(status).toContainText('Waiting to go out0 changes');

  // A change, then nothing pressed: it goes out a few seconds later.
  await app.go('Teams');
  await app.teams.create({ name: 'Claims North' });
  await app.go('Settings');
  await expect(status).toContainText(/Waiting to go out[1-9]\d* changes?/);
  await expect(status).toContainText('Waiting to go out0 changes', { timeout: 20_000 });

  // The folder goes away: the next automatic sync fails, says so, and the team is still here.
  await fs.rename(share, `${share}-gone`);
  await app.go('Teams');
  await app.teams.create({ name: 'Claims South' });
  await app.go('Settings');
  const problem = app.settings.sync.getByTestId('sync-error');
  await expect(problem).toContainText('does not exist', { timeout: 20_000 });
  await expect(problem).toContainText('Failed 1 time in a row');
  await expect(status).toContainText(/Waiting to go out[1-9]\d* changes?/);
  await app.go('Teams');
  await expect(app.teams.row('Claims South')).toBeVisible();
  await expect(app.teams.row('Claims North')).toBeVisible();
});

test('a change made on one device shows on the other by itself, with nothing pressed on either', async ({ app, second, share }) => {
  await twoDevices(app, second, share);
  await second.app.go('Teams');
  await expect(second.app.teams.row('Claims North')).toBeVisible();

  // A's change goes out 5 s after it is made; B looks at the folder every 10 s and takes it in.
  await app.go('Teams');
  await app.teams.create({ name: 'Claims South' });
  await expect(second.app.teams.row('Claims South')).toBeVisible({ timeout: 40_000 });
});

test('another device deleting most teams stops sync until the person applies it, and applying deletes them here too', async ({
  app,
  second,
  share,
}) => {
  await twoDevices(app, second, share);
  const extra = ['Claims South', 'Motor', 'Home', 'Travel', 'Pet'];
  // B (the same change manager on a second device) deletes six of the seven teams.
  for (const name of extra) expect((await callApi(app.page, 'teams.create', { name })).status).toBe(200);
  await app.settings.syncNow();
  await second.app.go('Settings');
  await second.app.settings.syncNow();
  const teams = (await callApi(second.app.page, 'teams.list', { includeDeleted: false })).body as { id: string; name: string }[];
  expect(teams).toHaveLength(6);
  for (const t of teams) expect((await callApi(second.app.page, 'teams.delete', { id: t.id })).status).toBe(200);
  await second.app.settings.syncNow();

  // A refuses to apply it on its own, says what and from where, and keeps its teams.
  await app.settings.sync.getByRole('button', { name: 'Sync now' }).click();
  const alert = app.settings.sync.getByTestId('sync-mass-delete');
  await expect(alert).toContainText('Sync stopped before deleting records');
  await expect(alert).toContainText('6 records of the 6 teams');
  await expectAccessible(app.page, 'sync mass delete', '[data-testid="sync-mass-delete"]');
  await shoot(app.page, 'mass-delete');
  await app.go('Teams');
  await expect(app.teams.row('Motor')).toBeVisible();

  await app.go('Settings');
  await alert.getByRole('button', { name: 'Apply the deletions…' }).click();
  await app.confirmDialog('Apply the deletions?').getByRole('button', { name: 'Apply the deletions' }).click();
  await expect(app.notification('Synced with the deletions')).toBeVisible();
  await expect(alert).toHaveCount(0);
  await app.go('Teams');
  await expect(app.teams.row('Motor')).toHaveCount(0);
  await expect(app.screen('teams')).toContainText('No teams yet');
});

test('a device away longer than the others wait, whose next files were compacted, is told to join again with what to do', async ({
  app,
  second,
  share,
}) => {
  await twoDevices(app, second, share);
  // B last synced 91 days ago, as its progress file on the share says.
  const b = (await callApi(second.app.page, 'sync.status', {})).body as { device: string };
  const workspace = (await fs.readdir(share))[0] ?? '';
  const progress = path.join(share, workspace, 'devices', b.device, 'progress.json');
  const noted = JSON.parse(await fs.readFile(progress, 'utf8')) as Record<string, unknown>;
  await fs.writeFile(progress, `${JSON.stringify({ ...noted, at: new Date(Date.now() - 91 * 86_400_000).toISOString() })}\n`);
  // A goes on: a change, a snapshot, and its files B has not read are removed.
  expect((await callApi(app.page, 'teams.create', { name: 'Motor' })).status).toBe(200);
  const compacted = await callApi(app.page, 'sync.run', { snapshot: true });
  expect(compacted.body).toMatchObject({ compacted: { files: 2, upTo: 2 } });

  await second.app.go('Settings');
  await second.app.settings.sync.getByRole('button', { name: 'Sync now' }).click();
  const alert = second.app.settings.sync.getByTestId('sync-rejoin');
  await expect(alert).toContainText('Join the workspace again');
  await expect(alert).toContainText('join the workspace again with a new database file');
  await expect(second.app.settings.sync.getByTestId('sync-problems')).toContainText('removed from the folder while this device was away');
  await expectAccessible(second.app.page, 'sync rejoin', '[data-testid="sync-rejoin"]');
  await shoot(second.app.page, 'rejoin');
});
