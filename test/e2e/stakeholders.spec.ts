import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { SHOTS, SIZES, shootAtSizes } from './shots';
import { callApi } from './signals-pages';
import { StakeholdersScreen } from './stakeholder-pages';
import { closeWith, expectShown, openDialog, submitRefused } from './steps';

async function shoot(page: Page, name: string) {
  await page.mouse.move(2, 2);
  await page.screenshot({ path: path.join(SHOTS, `stakeholders-${name}.png`), animations: 'disabled', fullPage: true });
}

async function ratingsOf(page: Page, name: string) {
  const { body } = await callApi(page, 'stakeholders.list', {});
  const s = (body as { name: string; influence: number; interest: number; id: string }[]).find((x) => x.name === name);
  return { influence: s?.influence, interest: s?.interest, id: s?.id ?? '' };
}

test('an empty register says what to do next', async ({ app, page }) => {
  await app.firstRun.create('Acme', 'Dana Lee');
  const register = new StakeholdersScreen(page);
  await register.open();
  await expect(register.emptyState).toContainText('No stakeholders yet');
  await expect(register.emptyState.getByRole('button', { name: 'Add a stakeholder' })).toBeVisible();
  await expectAccessible(page, 'empty stakeholder register');
});

test.describe('demo workspace', () => {
  test.use({ workspace: 'demo' });

  test('create a stakeholder, move them on the grid by keyboard and by mouse, and see each move in the history', async ({ app, page }) => {
    const register = new StakeholdersScreen(page);
    await register.open();
    await expect(register.rows()).toHaveCount(25);
    await expect(register.root).toContainText('25 people');
    await expectAccessible(page, 'stakeholder register');

    // Create: the form's ADKAR controls show the barrier point as they change.
    await openDialog(register.newButton, register.form);
    await submitRefused(register.form, 'Add to register', 'Name cannot be empty', 'Choose their team');
    await register.form.getByRole('textbox', { name: 'Name', exact: true }).fill('Lena Fox');
    await register.form.getByRole('textbox', { name: 'Title', exact: true }).fill('Claims handler');
    await register.choose('Team', 'Claims › Claims North');
    await register.choose('Support', 'Sceptical');
    await register.rate('Influence', '2');
    await register.rate('Interest', '2');
    await register.rate('Awareness', '4');
    await expect(register.form.getByTestId('barrier-live')).toContainText('No barrier point');
    await register.rate('Desire', '2');
    await expect(register.form.getByTestId('barrier-live')).toContainText('Barrier point: Desire');
    await expectAccessible(page, 'stakeholder form');
    await closeWith(register.form, 'Add to register');
    await expectShown(register.row('Lena Fox'), 'Claims North', 'Sceptical', 'Monitor', 'Desire');

    // The grid: focus Lena, arrows move her one step each and save at once.
    await register.view('Grid');
    await expect(register.grid).toBeVisible();
    // Its dots, opposed to advocate, are five clearly different colours.
    await register.expectSupportScale(register.grid.getByTestId('grid-legend'), 35);
    await expect(register.cell(2, 2).getByRole('button', { name: /^Lena Fox,/ })).toBeVisible();
    await expectAccessible(page, 'stakeholder grid');
    await register.chip('Lena Fox').focus();
    await page.keyboard.press('ArrowUp');
    await expect(register.announcement).toHaveText(/Saved\. Lena Fox: influence 3, interest 2/);
    await expect(register.chip('Lena Fox')).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(register.announcement).toHaveText(/Saved\. Lena Fox: influence 3, interest 3 \(monitor\)/);
    await expect(register.cell(3, 3).getByRole('button', { name: /^Lena Fox,/ })).toBeVisible();
    expect(await ratingsOf(page, 'Lena Fox')).toMatchObject({ influence: 3, interest: 3 });

    // Drag her with the mouse to influence 5, interest 5: manage closely.
    await register.dragChip('Lena Fox', 5, 5);
    await expect(register.announcement).toHaveText(/Saved\. Lena Fox: influence 5, interest 5 \(manage closely\)/);
    await expect(register.cell(5, 5).getByRole('button', { name: /^Lena Fox,/ })).toBeVisible();
    expect(await ratingsOf(page, 'Lena Fox')).toMatchObject({ influence: 5, interest: 5 });

    // The history drawer has each move: who, when, from what to what.
    await register.view('Table');
    await expect(register.row('Lena Fox')).toContainText('Manage closely');
    await register.rowAction('Lena Fox', 'History');
    await expect(app.history.ready).toBeVisible();
    const entries = app.history.entries();
    await expect(entries).toHaveCount(4);
    await expect(app.history.change(entries.nth(0), 'influence')).toContainText('3');
    await expect(app.history.change(entries.nth(0), 'influence')).toContainText('5');
    await expect(app.history.change(entries.nth(1), 'interest')).toContainText('2');
    await expect(app.history.change(entries.nth(2), 'influence')).toContainText('3');
    await expect(entries.nth(0)).toContainText('Dana Lee');
    await app.history.close();
  });

  test("a stakeholder's page: ADKAR with the barrier point, concerns raised and resolved, the timeline and the team's adoption", async ({
    app,
    page,
  }) => {
    const register = new StakeholdersScreen(page);
    await register.open();
    const person = await register.openPerson('Gareth Hughes');
    await expect(person.root.getByTestId('barrier-point')).toHaveText('Barrier point: Desire');
    await expect(person.root.getByTestId('adkar-desire')).toHaveAttribute('data-barrier', 'true');
    await expect(person.concerns()).toHaveCount(3);
    // The team's figures from the report engine, with its alerts and a link to its drill-down.
    const adoption = person.root.getByTestId('team-adoption');
    await expect(adoption).toContainText('Formal adoption');
    await expect(adoption).toContainText('%');
    await expect(adoption.getByRole('link', { name: "Open the team's report" })).toHaveAttribute('href', /#\/report\/team\//);
    // The timeline has his re-rating from neutral to sceptical.
    await expect(person.timeline().filter({ hasText: 'Support Neutral → Sceptical' })).toHaveCount(1);
    await expectAccessible(page, 'stakeholder page');

    // Raise a concern, then resolve it: both on the timeline.
    await person.root.getByTestId('add-concern').getByRole('textbox').fill('Being measured on overrides');
    await person.root.getByRole('combobox', { name: 'Concern' }).click();
    await page.getByRole('option', { name: 'Increased monitoring', exact: true }).click();
    await person.root.getByRole('button', { name: 'Add concern' }).click();
    await expect(person.concerns()).toHaveCount(4);
    await expect(person.timeline().first()).toContainText('Concern raised: Being measured on overrides');
    await person.root.getByRole('combobox', { name: 'Status of Being measured on overrides' }).click();
    await page.getByRole('option', { name: 'Resolved', exact: true }).click();
    await expect(person.concerns().filter({ hasText: 'Being measured on overrides' })).toHaveAttribute('data-status', 'resolved');
    await expect(person.timeline().first()).toContainText('Being measured on overrides: Status Raised → Resolved');
    await expect(app.screen('stakeholder')).toBeVisible();
  });

  test('a champion sees only the stakeholders of the teams they champion, logs a session with one, and cannot drag on the grid', async ({
    app,
    page,
  }) => {
    await expect(app.sidebar).toBeVisible();
    // What the demo's champion Tom Okafor champions, and who is in the register, read as a change manager.
    const everyone = (await callApi(page, 'stakeholders.list', {})).body as { name: string; teamId: string }[];
    const champions = (await callApi(page, 'champions.list', {})).body as { name: string; teamId: string; team: string }[];
    const toms = champions.filter((c) => c.name === 'Tom Okafor');
    const teams = (await callApi(page, 'teams.list', {})).body as { id: string; path: string[] }[];
    const names = new Map(teams.map((t) => [t.id, t.path]));
    const hisTeam = (teamId: string) => toms.some((c) => (names.get(teamId) ?? []).includes(c.team));
    const his = everyone.filter((p) => hisTeam(p.teamId));
    expect(his.length).toBeGreaterThan(0);
    expect(his.length).toBeLessThan(everyone.length);
    expect(his.map((p) => p.name)).toContain('Gareth Hughes');
    expect(his.map((p) => p.name)).not.toContain('Nadia Karim');

    await app.switchProfile('Tom Okafor');
    const register = new StakeholdersScreen(page);
    await register.open();
    await expect(register.rows()).toHaveCount(his.length);
    await expect(register.root).toContainText(`in the teams you champion (${[...new Set(toms.map((c) => c.team))].sort().join(', ')})`);
    await expect(register.row('Nadia Karim')).toHaveCount(0);
    await expect(register.newButton).toHaveAttribute('aria-disabled', 'true');
    // No edit or delete on a row: only the history.
    await page.getByRole('button', { name: 'Actions for Gareth Hughes', exact: true }).click();
    await expect(page.getByRole('menuitem', { name: 'History' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: 'Edit' })).toHaveCount(0);
    await expect(page.getByRole('menuitem', { name: 'Delete' })).toHaveCount(0);
    await page.keyboard.press('Escape');

    await register.view('Grid');
    await expect(register.grid).toContainText('Only change managers can re-rate people.');
    await expect(register.chip('Nadia Karim')).toHaveCount(0);
    // Dragging Gareth, or the arrow keys, leave him where he is.
    await register.dragChip('Gareth Hughes', 1, 1);
    await register.chip('Gareth Hughes').focus();
    await page.keyboard.press('ArrowDown');
    await expect(register.cell(5, 5).getByRole('button', { name: /^Gareth Hughes,/ })).toBeVisible();
    expect(await ratingsOf(page, 'Gareth Hughes')).toMatchObject({ influence: 5, interest: 5 });
    await expectAccessible(page, 'stakeholder grid as a champion');
    await shootAtSizes(page, 'stakeholders-champion-grid');

    // He logs a session he ran with Gareth; the attendee box offers only his teams' people.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions', exact: true }).click();
    const sessions = page.locator('[data-screen="stakeholder-sessions"]');
    await expect(page.locator('[data-screen="stakeholder-sessions"][data-ready="true"]')).toBeVisible();
    const before = await sessions.getByTestId('session-row').count();
    await sessions.getByRole('button', { name: 'Log session' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log a session' });
    await expect(dialog.getByLabel('Attendees')).toBeFocused();
    await page.keyboard.type('Nadia');
    await expect(page.getByRole('option', { name: /Nadia Karim/ })).toHaveCount(0);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Gareth');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('attendee-row')).toHaveCount(1);
    await dialog.getByLabel('Notes').fill('Walked through the override figures for his team.');
    await closeWith(dialog, 'Log session');
    await expect(sessions.getByTestId('session-row')).toHaveCount(before + 1);
    await expect(
      sessions.getByTestId('session-row').filter({ hasText: 'Gareth Hughes' }).filter({ hasText: 'Tom Okafor' }).first(),
    ).toBeVisible();
  });

  test('a champion of no team yet sees an empty register that says why and who can change it', async ({ app, page }) => {
    await expect(app.sidebar).toBeVisible();
    await callApi(page, 'members.create', { name: 'Rosa Lind', role: 'champion', profileOnThisDevice: true });
    await page.reload();
    await app.switchProfile('Rosa Lind');
    const register = new StakeholdersScreen(page);
    await register.open();
    await expect(register.emptyState).toContainText('Not a champion of any team yet');
    await expect(register.emptyState).toContainText(
      'you champion no team yet. A change manager names you champion of a team on the Champions screen.',
    );
    await expect(register.rows()).toHaveCount(0);
    await expectAccessible(page, 'empty register of a champion of no team');
    await shootAtSizes(page, 'stakeholders-champion-empty');
  });

  test('choose and order the register’s columns, save the filters, sort and columns as a view, and pick it again after a reload', async ({
    app,
    page,
  }) => {
    await expect(app.sidebar).toBeVisible();
    const register = new StakeholdersScreen(page);
    await register.open();
    const table = register.root.getByRole('table', { name: 'Stakeholders' });
    const headers = () => table.getByRole('columnheader').allInnerTexts();
    const usual = (await headers()).filter((h) => h.trim() !== '');
    expect(usual).toContain('Owner');

    // Hide Owner, move Concerns up above Barrier point.
    await register.root.getByRole('button', { name: 'Columns' }).click();
    const chooser = page.getByTestId('column-chooser');
    await chooser.getByRole('checkbox', { name: 'Owner' }).uncheck();
    await chooser.getByRole('button', { name: 'Move Concerns up' }).click();
    await expectAccessible(page, 'column chooser');
    await page.keyboard.press('Escape');
    const chosen = (await headers()).filter((h) => h.trim() !== '');
    expect(chosen).not.toContain('Owner');
    expect(chosen.indexOf('Concerns')).toBe(chosen.indexOf('Barrier point') - 1);

    // Only the sceptical, by influence: save that as a view.
    await register.root.getByRole('combobox', { name: 'Support' }).click();
    await page.getByRole('option', { name: 'Sceptical', exact: true }).click();
    await register.root.getByRole('combobox', { name: 'Sort by' }).click();
    await page
      .getByRole('option', { name: /^Influence/ })
      .first()
      .click();
    const sceptics = (await callApi(page, 'stakeholders.list', {})).body as { name: string; support: string }[];
    const expected = sceptics.filter((p) => p.support === 'sceptical').length;
    await expect(register.rows()).toHaveCount(expected);
    await register.root.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: 'Save current view…' }).click();
    const save = page.getByRole('dialog', { name: 'Save the current view' });
    await expect(save.getByRole('textbox', { name: 'Name' })).toBeFocused();
    await page.keyboard.type('Sceptics by influence');
    await expectAccessible(page, 'save a view dialog');
    await page.keyboard.press('Enter');
    await expect(save).toBeHidden();
    await shootAtSizes(page, 'stakeholders-saved-view');

    // After a reload everything is back to the usual register; the view brings its filters, sort and columns back.
    await page.reload();
    await register.open();
    await expect(register.rows()).toHaveCount(sceptics.length);
    await register.root.getByRole('button', { name: 'Views' }).click();
    await page.getByRole('menuitem', { name: 'Sceptics by influence' }).click();
    await expect(register.rows()).toHaveCount(expected);
    await expect(register.root.getByRole('combobox', { name: 'Support' })).toHaveValue('Sceptical');
    expect((await headers()).filter((h) => h.trim() !== '')).toEqual(chosen);
  });

  test('a long register keeps only the rows in view in the page, and scrolls to the end', async ({ app, page }) => {
    await expect(app.sidebar).toBeVisible();
    const teams = (await callApi(page, 'teams.list', {})).body as { id: string }[];
    const created = await page.evaluate(async (teamId) => {
      let ok = 0;
      for (let i = 0; i < 400; i++) {
        const res = await fetch('/rpc/stakeholders/create', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            json: {
              name: `Person ${String(i).padStart(3, '0')}`,
              teamId,
              influence: 1 + (i % 5),
              interest: 1 + ((i * 3) % 5),
              support: 'neutral',
            },
          }),
        });
        if (res.ok) ok++;
      }
      return ok;
    }, teams[0]?.id ?? '');
    expect(created).toBe(400);
    const register = new StakeholdersScreen(page);
    await register.open();
    const table = register.root.getByRole('table', { name: 'Stakeholders' });
    await expect(table).toHaveAttribute('aria-rowcount', '426');
    await expect(register.row('Aisha Bello')).toBeVisible();
    expect(await register.rows().count()).toBeLessThan(100);
    await expect(register.row('Zoe Patel')).toHaveCount(0);
    // A flick of the wheel, 120 px a frame: the list never scrolls the window back against it (it
    // did every other frame while rows were measured to the rounded pixel).
    const flick = await page.evaluate(
      () =>
        new Promise<{ pulledBack: number; moved: number }>((resolve) => {
          const start = window.scrollY;
          let leftAt = start;
          let pulledBack = 0;
          let frames = 0;
          const tick = () => {
            if (window.scrollY < leftAt) pulledBack++;
            if (frames++ === 60) return resolve({ pulledBack, moved: window.scrollY - start });
            window.scrollBy(0, 120);
            leftAt = window.scrollY;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
    );
    expect(flick).toEqual({ pulledBack: 0, moved: 60 * 120 });
    // Scrolling brings the rows further down into the page (and keeps the count small).
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(register.row('Zoe Patel')).toBeVisible();
    await expect(register.row('Zoe Patel')).toHaveAttribute('aria-rowindex', '426');
    expect(await register.rows().count()).toBeLessThan(100);
    await expect(register.row('Aisha Bello')).toHaveCount(0);
  });

  for (const size of SIZES) {
    test(`screenshots at ${size.width} × ${size.height}: register, grid, form, stakeholder page`, async ({ app, page }) => {
      await page.setViewportSize(size);
      await expect(app.sidebar).toBeVisible();
      const register = new StakeholdersScreen(page);
      await register.open();
      await expect(register.rows().first()).toBeVisible();
      await shoot(page, `${size.width}-register`);
      await register.view('Grid');
      await expect(register.grid).toBeVisible();
      await shoot(page, `${size.width}-grid`);
      await register.view('Table');
      await register.rowAction('Gareth Hughes', 'Edit');
      await expect(register.form).toBeVisible();
      // The form is taller than a 700 px window: it scrolls under its title, and Save stays in view.
      const save = register.form.getByRole('button', { name: 'Save changes' });
      await expect(save).toBeInViewport({ ratio: 1 });
      // The last field comes into view clear of the buttons (a click there would hit them otherwise).
      await register.form.getByRole('textbox', { name: 'Notes' }).click();
      await expect(save).toBeInViewport({ ratio: 1 });
      // The window as it is (a whole-page shot stretches the window and the dialog with it).
      await page.screenshot({ path: path.join(SHOTS, `stakeholders-${size.width}-form-end.png`), animations: 'disabled' });
      await shoot(page, `${size.width}-form`);
      await page.keyboard.press('Escape');
      await expect(register.form).toBeHidden();
      const person = await register.openPerson('Gareth Hughes');
      await expect(person.root.getByTestId('team-adoption')).toContainText('Formal adoption');
      await shoot(page, `${size.width}-page`);
    });
  }
});
