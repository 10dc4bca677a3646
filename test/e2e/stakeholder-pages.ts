import { expect, type Locator, type Page } from '@playwright/test';
import { AppScreen } from './pages';
import { typeThen } from './steps';

/** An opaque `rgb(r, g, b)` colour in CIELAB (D65), where distance follows how different colours look. */
function toLab(colour: string): [number, number, number] {
  const m = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(colour);
  if (!m) throw new Error(`not an opaque rgb() colour: ${colour}`);
  const linear = (v: string | undefined) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [linear(m[1]), linear(m[2]), linear(m[3])];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047);
  const y = f(r * 0.2126 + g * 0.7152 + b * 0.0722);
  const z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** The stakeholder register (table and grid) and a stakeholder's page. */
export class StakeholdersScreen extends AppScreen {
  readonly screen = 'stakeholders';
  rows(): Locator {
    return this.root.getByTestId('stakeholder-row');
  }
  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }
  get newButton() {
    return this.root.getByRole('button', { name: 'New stakeholder' });
  }
  get form() {
    return this.page.getByRole('dialog', { name: /^(New stakeholder|Edit .+)$/ });
  }
  get grid() {
    return this.root.getByTestId('stakeholder-grid');
  }
  chip(name: string): Locator {
    return this.grid.getByRole('button', { name: new RegExp(`^${name},`) });
  }
  cell(influence: number, interest: number): Locator {
    return this.grid.getByTestId(`grid-cell-${influence}-${interest}`);
  }
  /** Drags a person's chip with the mouse to a cell of the grid, dropping it near the cell's bottom edge. */
  async dragChip(name: string, influence: number, interest: number) {
    const from = await this.chip(name).boundingBox();
    const to = await this.cell(influence, interest).boundingBox();
    if (!from || !to) throw new Error('grid not laid out');
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height - 10, { steps: 10 });
    await this.page.mouse.up();
  }
  get announcement() {
    return this.root.getByTestId('grid-announcement');
  }
  get teamView() {
    return this.root.getByTestId('team-view');
  }
  /** A team's row in one of the team view's tables (support mix, ADKAR heatmap). */
  teamRow(section: 'support-mix' | 'adkar-heatmap', team: string): Locator {
    return this.teamView
      .getByTestId(section)
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: team, exact: true }) });
  }
  /**
   * Checks a legend's five support colours, opposed to advocate, as the browser paints them: each
   * pair at least `atLeast` apart (CIE76 ΔE; about 2 is the smallest difference people notice, and
   * supportive and advocate once were 16 apart as pale fills, 29 as dots).
   */
  async expectSupportScale(legend: Locator, atLeast: number) {
    const marks = legend.locator('[data-support]');
    await expect(marks).toHaveCount(5);
    const painted = await marks.evaluateAll((els) =>
      els.map((el) => ({ level: el.getAttribute('data-support'), colour: getComputedStyle(el).backgroundColor })),
    );
    expect(painted.map((p) => p.level)).toEqual(['opposed', 'sceptical', 'neutral', 'supportive', 'advocate']);
    for (const [i, a] of painted.entries()) {
      for (const b of painted.slice(i + 1)) {
        const [la, lb] = [toLab(a.colour), toLab(b.colour)];
        const difference = Math.hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
        expect(difference, `${a.level} ${a.colour} and ${b.level} ${b.colour}`).toBeGreaterThanOrEqual(atLeast);
      }
    }
  }
  async view(v: 'Table' | 'Grid' | 'Teams' | 'Plan') {
    await this.root.getByTestId('stakeholder-filters').getByText(v, { exact: true }).click();
  }
  async open() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stakeholders', exact: true }).click();
    await expect(this.ready).toBeVisible();
  }
  /** Opens a person's page by the name link in their row, and waits for it. */
  async openPerson(name: string): Promise<StakeholderPageScreen> {
    await this.row(name).getByRole('link', { name, exact: true }).click();
    const person = new StakeholderPageScreen(this.page);
    await expect(person.ready).toBeVisible();
    return person;
  }
  async rowAction(name: string, action: 'Edit' | 'History' | 'Delete') {
    await this.page.getByRole('button', { name: `Actions for ${name}`, exact: true }).click();
    await this.page.getByRole('menuitem', { name: action }).click();
  }
  async choose(label: string, option: string) {
    await this.form.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }
  /** Sets one rating's segmented control (Influence, Interest, an ADKAR element) to 1–5 or "Not assessed". */
  async rate(label: string, value: string) {
    await this.form.getByRole('radiogroup', { name: label, exact: true }).getByText(value, { exact: true }).click();
  }
}

export class StakeholderPageScreen extends AppScreen {
  readonly screen = 'stakeholder';
  concerns(): Locator {
    return this.root.getByTestId('concern-row');
  }
  timeline(): Locator {
    return this.root.getByTestId('timeline-entry');
  }
}

/**
 * The "Log a session" dialog, which opens with its attendees field focused: picks each attendee by
 * typing the name and Enter, and checks they are all listed.
 */
export async function logSessionWith(page: Page, ...attendees: string[]): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Log a session' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Attendees')).toBeFocused();
  for (const name of attendees) await typeThen(page, name, 'Enter');
  await expect(dialog.getByTestId('attendee-row')).toHaveCount(attendees.length);
  return dialog;
}
