import { expect, type Locator, type Page } from '@playwright/test';

/*
 * The keyboard steps the specs take through forms, written once: a person typing, picking a
 * select's match with Enter and moving on with Tab.
 */

/** Presses the keys one after another. */
export async function press(page: Page, ...keys: string[]) {
  for (const key of keys) await page.keyboard.press(key);
}

/** Types into the focused field, then presses the keys (Tab to move on, Enter to pick or submit). */
export async function typeThen(page: Page, text: string, ...keys: string[]) {
  await page.keyboard.type(text);
  await press(page, ...keys);
}

/** A select that has the focus: typing narrows it, Enter picks the highlighted match, then the keys. */
export async function pick(page: Page, field: Locator, text: string, ...keys: string[]) {
  await expect(field).toBeFocused();
  await typeThen(page, text, 'Enter', ...keys);
}

/** Empties a type-ahead field and types into it at a person's pace; Enter picks the highlighted match. */
export async function typeAhead(page: Page, field: Locator, text: string) {
  await field.fill('');
  await field.pressSequentially(text, { delay: 20 });
  await page.keyboard.press('Enter');
}

/** Replaces what the focused field holds (select all, type), then presses the keys. */
export async function typeOver(page: Page, text: string, ...keys: string[]) {
  await page.keyboard.press('ControlOrMeta+A');
  await typeThen(page, text, ...keys);
}

/** Clicks the button that opens a dialog (a form, a question) and waits for the dialog to show. */
export async function openDialog(button: Locator, dialog: Locator) {
  await button.click();
  await expect(dialog).toBeVisible();
}

/** Presses one of the dialog's buttons (Add, Save changes, Group…) and waits for the dialog to close. */
export async function closeWith(dialog: Locator, button: string) {
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

/** Presses the form's button and checks the form refuses: it stays open, showing each of the messages. */
export async function submitRefused(form: Locator, button: string, ...messages: string[]) {
  await form.getByRole('button', { name: button }).click();
  await expect(form).toBeVisible();
  for (const message of messages) await expect(form.getByText(message)).toBeVisible();
}

/** The element (a new record's row, a card) is shown and holds each of the texts; the element. */
export async function expectShown(element: Locator, ...texts: string[]): Promise<Locator> {
  await expect(element).toBeVisible();
  for (const text of texts) await expect(element).toContainText(text);
  return element;
}

/** Each label is drawn as the first one is (weight, size, colour): one label style for every field of a form. */
export async function expectLabelsAlike(first: Locator, ...others: Locator[]) {
  const style = (label: Locator) =>
    label.evaluate((e) => {
      const s = getComputedStyle(e);
      return { weight: s.fontWeight, size: s.fontSize, color: s.color };
    });
  await expect(first).toBeVisible();
  const expected = await style(first);
  for (const other of others) {
    await expect(other).toBeVisible();
    expect(await style(other), `the label "${await other.textContent()}"`).toEqual(expected);
  }
}

/** The element shows all its text: nothing cut at its right edge (a title that may wrap, never clip). */
export async function expectNotClipped(element: Locator) {
  await expect(element).toBeVisible();
  const clipped = await element.evaluate((e) => e.scrollWidth - e.clientWidth);
  expect(clipped, `"${await element.textContent()}" is cut`).toBeLessThanOrEqual(0);
}
