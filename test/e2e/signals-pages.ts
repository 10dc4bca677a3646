import { expect, type Locator, type Page } from '@playwright/test';
import { AppScreen, ListScreen, type UptakeApp } from './pages';

/*
 * Page objects for the shadow-process register, the override review queue and the weights and
 * thresholds settings: every locator their specs use lives here.
 */

/** Follow a sidebar link (checked to be there first) and wait for its screen to say it is ready; the screen's root. */
export async function openScreen(
  app: UptakeApp,
  link: 'Shadow processes' | 'Override review' | 'Settings' | 'Report' | 'Sessions' | 'Actions',
): Promise<Locator> {
  const screen = {
    'Shadow processes': 'shadow-processes',
    'Override review': 'reviews',
    Settings: 'settings',
    Report: 'report',
    Sessions: 'stakeholder-sessions',
    Actions: 'stakeholder-actions',
  }[link];
  await expect(app.sidebar).toBeVisible();
  await app.sidebar.getByRole('link', { name: link, exact: true }).click();
  await expect(app.screen(screen)).toBeVisible();
  return app.page.locator(`[data-screen="${screen}"]`);
}

/** Call one API operation from the page, as the acting profile (the web host's token cookie rides along). */
export async function callApi(page: Page, operation: string, input: unknown): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ([op, json]) => {
      const res = await fetch(`/rpc/${op.replace('.', '/')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json }),
      });
      const body = (await res.json()) as { json?: unknown };
      return { status: res.status, body: body.json };
    },
    [operation, input] as const,
  );
}

export interface ShadowFields {
  name?: string;
  team?: string;
  initiative?: string;
  kind?: string;
  owner?: string;
  usersInvolved?: number;
  firstSeen?: string;
  retiredOn?: string;
  reason?: string;
  failurePattern?: string;
}

export class ShadowScreen extends ListScreen<'Edit' | 'Retire' | 'Mark active again' | 'History' | 'Delete'> {
  /** Opens the register from the sidebar. */
  static async open(app: UptakeApp): Promise<ShadowScreen> {
    await openScreen(app, 'Shadow processes');
    return new ShadowScreen(app.page);
  }
  constructor(page: Page) {
    super(page, 'shadow-row');
  }
  get root() {
    return this.page.locator('[data-screen="shadow-processes"]');
  }
  get newButton() {
    return this.root.getByRole('button', { name: 'New shadow process' });
  }
  get emptyState() {
    return this.root.getByTestId('empty-state');
  }
  get form() {
    return this.page.getByRole('dialog', { name: /^(New shadow process|Edit shadow process)$/ });
  }
  get retireDialog() {
    return this.page.getByRole('dialog', { name: /^Retire / });
  }
  status(value: 'All' | 'Active' | 'Retired') {
    return this.root.getByTestId('shadow-filters').getByText(value, { exact: true });
  }
  private async choose(label: string, option: string) {
    await this.form.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }
  async fill(f: ShadowFields) {
    const form = this.form;
    if (f.name !== undefined) await form.getByRole('textbox', { name: 'Name', exact: true }).fill(f.name);
    if (f.team !== undefined) await this.choose('Team', f.team);
    if (f.initiative !== undefined) await this.choose('Initiative', f.initiative);
    if (f.kind !== undefined) await this.choose('Kind', f.kind);
    if (f.owner !== undefined) await form.getByLabel('Owner').fill(f.owner);
    if (f.usersInvolved !== undefined) await form.getByLabel('Users involved').fill(String(f.usersInvolved));
    if (f.firstSeen !== undefined) await form.getByLabel('First seen').fill(f.firstSeen);
    if (f.retiredOn !== undefined) await form.getByLabel('Retired on').fill(f.retiredOn);
    if (f.reason !== undefined) await form.getByLabel('Reason').fill(f.reason);
    if (f.failurePattern !== undefined) await form.getByLabel('Failure pattern').fill(f.failurePattern);
  }
}

export class ReviewsScreen extends AppScreen {
  readonly screen = 'reviews';
  /** Opens the review queue from the sidebar. */
  static async open(app: UptakeApp): Promise<ReviewsScreen> {
    await openScreen(app, 'Override review');
    return new ReviewsScreen(app.page);
  }
  items(): Locator {
    return this.root.getByTestId('review-item');
  }
  get active(): Locator {
    return this.root.locator('[data-testid="review-item"][data-active="true"]');
  }
  get progress() {
    return this.root.getByTestId('review-progress');
  }
  /** A row of the "Effect on the report" table, e.g. "Claims triage assistant · Claims North". */
  summaryRow(name: string): Locator {
    return this.root.getByTestId('review-summary-row').filter({ has: this.page.getByText(name, { exact: true }) });
  }
  figure(row: Locator, key: 'overridden' | 'reviewed' | 'appropriate' | 'inappropriate' | 'overrideAppropriateness'): Locator {
    return row.locator(`[data-figure="${key}"]`);
  }
}

export class MetricSettingsSection {
  constructor(readonly page: Page) {}
  get root() {
    return this.page.locator('[data-screen="settings"]').getByRole('region', { name: 'Weights and thresholds' });
  }
  input(label: string): Locator {
    return this.root.getByRole('textbox', { name: label, exact: true });
  }
  row(key: string): Locator {
    return this.root.getByTestId(`metric-${key}`);
  }
  get saveButton() {
    return this.root.getByRole('button', { name: 'Save weights and thresholds' });
  }
  get resetButton() {
    return this.root.getByRole('button', { name: 'Reset to defaults' });
  }
}
