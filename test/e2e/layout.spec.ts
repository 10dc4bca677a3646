import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SHOTS, SIZES } from './shots';
import { callApi } from './signals-pages';

/*
 * Every screen of the registry at the two sizes people use: the page never scrolls sideways, and
 * each table's last column (status and row actions) is on screen. Screenshots of both sizes go to
 * test-results/screenshots/layout-* for review.
 */
const SCREENS = [
  ['Report', 'report'],
  ['Teams', 'teams'],
  ['Initiatives', 'initiatives'],
  ['Members', 'members'],
  ['Stakeholders', 'stakeholders'],
  ['Sessions', 'stakeholder-sessions'],
  ['Actions', 'stakeholder-actions'],
  ['Shadow processes', 'shadow-processes'],
  ['Champions', 'champions'],
  ['Feedback', 'feedback'],
  ['Patterns', 'patterns'],
  ['Override review', 'reviews'],
  ['Imports', 'imports'],
  ['Settings', 'settings'],
] as const;

/** What scrolls sideways: the page itself, or any box inside it that hides part of its content. */
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const doc = document.scrollingElement;
    if (doc && doc.scrollWidth > doc.clientWidth) found.push(`the page (${doc.scrollWidth} > ${doc.clientWidth})`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(el);
      if (!['auto', 'scroll'].includes(style.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
      if (el.closest('[role="dialog"], [data-allow-sideways]') && !el.matches('[role="dialog"] *')) continue;
      found.push(
        `${el.tagName.toLowerCase()}.${el.className.toString().split(' ').slice(0, 2).join('.')} (${el.scrollWidth} > ${el.clientWidth})`,
      );
    }
    return found;
  });
}

/** Each table's header cells lie within the window. */
async function columnsOffScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const th of document.querySelectorAll<HTMLElement>('main table thead th')) {
      const r = th.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 1) out.push(th.textContent?.trim() || '(actions)');
    }
    return out;
  });
}

test.use({ workspace: 'demo' });

for (const size of SIZES) {
  test(`every screen at ${size.width} × ${size.height}: no sideways scrolling, every column on screen`, async ({ app, page }) => {
    await page.setViewportSize(size);
    // The list above is every screen the sidebar offers a change manager, so a new screen cannot be left out.
    await expect(app.sidebar.getByRole('link')).toHaveText(SCREENS.map(([label]) => label));
    for (const [label, screen] of SCREENS) {
      await app.sidebar.getByRole('link', { name: label, exact: true }).click();
      await expect(app.screen(screen)).toBeVisible();
      await page.mouse.move(size.width - 2, size.height - 2);
      await page.screenshot({ path: path.join(SHOTS, `layout-${size.width}-${screen}.png`), animations: 'disabled' });
      expect.soft(await sidewaysScroll(page), `${label} scrolls sideways`).toEqual([]);
      expect.soft(await columnsOffScreen(page), `${label} has columns off screen`).toEqual([]);
    }
  });
}

/** The register's filters wrap as whole groups: Sort by, Columns and Views stay on one line; Team is as wide as Search. */
async function filtersLinedUp(page: Page) {
  const filters = page.getByTestId('stakeholder-filters');
  const top = async (name: string) => (await filters.getByRole('button', { name, exact: true }).boundingBox())?.y;
  expect(await top('Views')).toBe(await top('Columns'));
  const width = async (name: string) => (await filters.getByLabel(name, { exact: true }).boundingBox())?.width;
  expect(await width('Team')).toBe(await width('Search'));
}

test('the register with custom fields shown as columns: no sideways scrolling, every column on screen, the filters lined up', async ({
  app,
  page,
}) => {
  await app.sidebar.getByRole('link', { name: 'Stakeholders', exact: true }).click();
  await expect(app.screen('stakeholders')).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await filtersLinedUp(page);
  }
  const table = page.getByRole('table', { name: 'Stakeholders' });
  // Without fields shown, Influence and Interest keep their place at 1024 px.
  await page.setViewportSize(SIZES[1]);
  await expect(table.getByRole('columnheader', { name: 'Influence' })).toBeVisible();
  await app.screen('stakeholders').getByRole('button', { name: 'Columns' }).click();
  // The demo's two custom fields.
  for (const column of ['Region', 'Next review']) await page.getByTestId('column-chooser').getByRole('checkbox', { name: column }).check();
  await page.keyboard.press('Escape');
  await expect(table.getByRole('columnheader', { name: 'Next review' })).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.mouse.move(size.width - 2, size.height - 2);
    await page.screenshot({ path: path.join(SHOTS, `layout-${size.width}-stakeholders-fields.png`), animations: 'disabled' });
    expect.soft(await sidewaysScroll(page), `the register scrolls sideways at ${size.width}`).toEqual([]);
    expect.soft(await columnsOffScreen(page), `the register has columns off screen at ${size.width}`).toEqual([]);
    await filtersLinedUp(page);
    // The chosen fields stay; what gives way is what the quadrant already says.
    await expect(table.getByRole('columnheader', { name: 'Region' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Quadrant' })).toBeVisible();
  }
  // With room to spare (1440 px), no "team · title" line under a name is cut short.
  await page.setViewportSize(SIZES[0]);
  const details = table.locator('tbody tr td:first-child p');
  await expect(details).toHaveCount(25);
  const cut = await details.evaluateAll((lines) => lines.filter((p) => p.scrollWidth > p.clientWidth).map((p) => p.textContent));
  expect(cut).toEqual([]);
});

/** Whether a table or its frame is wider inside than it shows, so that it scrolls or spills sideways. */
async function tableWiderThanShown(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main .data-table-frame, main .data-table')]
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => `${el.className.split(' ')[0]} (${el.scrollWidth} > ${el.clientWidth})`),
  );
}

test('the register with four custom fields of long names and values shown fits the width: long texts and filter labels clipped to one line, in full in their title, Barrier point left out at 1024', async ({
  app,
  page,
}) => {
  await app.sidebar.getByRole('link', { name: 'Stakeholders', exact: true }).click();
  const channel = 'Preferred channel for rollout communications';
  const owner = 'Business continuity owner during the migration';
  const board = "Representative on the sponsor's programme board";
  const affected = 'Number of people affected by the rollout';
  const longChannel = 'Fortnightly in-person briefing with the whole claims leadership team';
  const longOwner = 'Head of Operations, Claims and Customer Service';
  const created = await Promise.all(
    [
      { name: channel, type: 'text' },
      { name: owner, type: 'choice', choices: [longOwner, 'Regional Director'] },
      { name: board, type: 'text' },
      { name: affected, type: 'number' },
    ].map(async (field) => (await callApi(page, 'stakeholderFields.create', field)).body as { id: string }),
  );
  const ids = created.map((f) => f.id);
  const people = (await callApi(page, 'stakeholders.list', {})).body as { id: string }[];
  for (const person of people) {
    const fields = {
      [ids[0] as string]: longChannel,
      [ids[1] as string]: longOwner,
      [ids[2] as string]: 'Deputy Chief Operating Officer, Claims',
      [ids[3] as string]: 12500,
    };
    expect((await callApi(page, 'stakeholders.update', { id: person.id, fields })).status).toBe(200);
  }
  // The fields were made behind the screen's back: a reload shows them.
  await app.reload();
  await app.screen('stakeholders').getByRole('button', { name: 'Columns' }).click();
  for (const column of [channel, owner, board, affected])
    await page.getByTestId('column-chooser').getByRole('checkbox', { name: column }).check();
  await page.keyboard.press('Escape');
  const table = page.getByRole('table', { name: 'Stakeholders' });
  await expect(table.locator('thead th')).toContainText([channel, owner, board, affected]);

  const filters = page.getByTestId('stakeholder-filters');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.mouse.move(size.width - 2, size.height - 2);
    // From the top, so the picture shows the filter row above the table.
    await page.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `layout-${size.width}-stakeholders-long-fields.png`), animations: 'disabled' });
    // Each filter's label takes one line, as tall as a short one's: a long field name is cut at its
    // filter's width and read in full in its title, and the filter is still named by all of it.
    const labels = await filters
      .locator('.mantine-InputWrapper-label')
      .evaluateAll((all) => all.map((l) => ({ text: l.textContent, height: l.getBoundingClientRect().height })));
    const oneLine = labels.find((l) => l.text === 'Support')?.height;
    expect(labels.map((l) => l.text)).toEqual(expect.arrayContaining([channel, owner, board, affected]));
    for (const label of labels) expect.soft(label.height, `the label ${label.text} at ${size.width}`).toBe(oneLine);
    const longLabel = filters.locator(`label[title="${owner}"]`);
    await expect(longLabel).toHaveText(owner);
    expect(await longLabel.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const shortLabel = filters.locator('label[title="Support"]');
    expect(await shortLabel.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
    await expect(filters.getByRole('combobox', { name: owner, exact: true })).toBeVisible();
    // Its box's placeholder ("Any business continuity owner…") ends with an ellipsis, not mid-letter.
    await expect(filters.getByRole('combobox', { name: owner, exact: true })).toHaveCSS('text-overflow', 'ellipsis');
    expect.soft(await tableWiderThanShown(page), `the register is wider than its room at ${size.width}`).toEqual([]);
    expect.soft(await sidewaysScroll(page), `the register scrolls sideways at ${size.width}`).toEqual([]);
    expect.soft(await columnsOffScreen(page), `the register has columns off screen at ${size.width}`).toEqual([]);
    // A long value and a long header are cut short on screen, and read in full in their title.
    for (const [where, text] of [
      ['tbody', longChannel],
      ['thead', channel],
    ] as const) {
      const clipped = table.locator(`${where} [title="${text}"]`).first();
      await expect(clipped).toHaveText(text);
      const cut = await clipped.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
      expect(cut, `${text} is clipped at ${size.width}`).toBe(true);
    }
    // Barrier point stays on the person's page; a narrow register leaves it out for the fields' sake.
    const barrier = table.getByRole('columnheader', { name: 'Barrier point' });
    if (size.width === 1024) await expect(barrier).toBeHidden();
    else await expect(barrier).toBeVisible();
  }
});
