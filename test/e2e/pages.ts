import fs from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { closeWith, openDialog } from './steps';

/*
 * Page objects: every locator the tests use lives here, so a UI change is fixed in one place.
 * Tests wait on app signals (`data-screen` with `data-ready="true"`), never on sleeps.
 */

export type Area =
  | 'Report'
  | 'Teams'
  | 'Initiatives'
  | 'Members'
  | 'Imports'
  | 'Settings'
  | 'Champions'
  | 'Feedback'
  | 'Patterns'
  | 'Stakeholders';

export class UptakeApp {
  readonly firstRun: FirstRunScreen;
  readonly teams: TeamsScreen;
  readonly initiatives: InitiativesScreen;
  readonly members: MembersScreen;
  readonly settings: SettingsScreen;
  readonly history: HistoryDrawer;
  readonly report: ReportScreen;
  readonly imports: ImportsScreen;

  constructor(
    readonly page: Page,
    readonly url: string,
  ) {
    this.firstRun = new FirstRunScreen(page);
    this.teams = new TeamsScreen(page);
    this.initiatives = new InitiativesScreen(page);
    this.members = new MembersScreen(page);
    this.settings = new SettingsScreen(page);
    this.history = new HistoryDrawer(page);
    this.report = new ReportScreen(page);
    this.imports = new ImportsScreen(page);
  }

  /** Open the printed URL (it sets the token cookie and redirects) and wait for the app to settle. */
  async open() {
    await this.page.goto(this.url);
    await expect(this.page.locator('[data-screen][data-ready="true"]')).toBeVisible();
  }

  async reload() {
    await this.page.reload();
    await expect(this.page.locator('[data-screen][data-ready="true"]')).toBeVisible();
  }

  screen(name: string): Locator {
    return this.page.locator(`[data-screen="${name}"][data-ready="true"]`);
  }

  get sidebar(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  get workspaceName(): Locator {
    return this.sidebar.getByTestId('workspace-name');
  }

  async go(area: Area) {
    await this.sidebar.getByRole('link', { name: area, exact: true }).click();
    await expect(this.screen(area.toLowerCase())).toBeVisible();
  }

  get profileButton(): Locator {
    return this.sidebar.getByRole('button', { name: /, switch profile$|^No profile selected/ });
  }

  async switchProfile(name: string) {
    const acting = this.sidebar.getByTestId('acting-member');
    const changes = (await acting.textContent()) !== name;
    await this.profileButton.click();
    await this.page.getByRole('menuitem', { name: new RegExp(`^${name}`) }).click();
    await expect(acting).toHaveText(name);
    if (!changes) return; // choosing the current profile changes nothing and says nothing
    // Dismissed, as a user would: left to close by itself (4 s), its fade-out can fall in a later
    // accessibility check, which then reads its text half faded and fails contrast.
    const told = this.notification(`You are now acting as ${name}`);
    await told.getByRole('button', { name: 'Dismiss' }).click();
    await expect(told).toHaveCount(0);
  }

  /** The transient message after an action (Mantine notifications). */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.mantine-Notification-root').filter({ hasText: text });
  }

  /** The form for logging feedback on a wrong prediction. */
  get feedbackForm(): Locator {
    return this.page.getByRole('dialog', { name: 'Log feedback on a wrong prediction' });
  }

  /** Opens the feedback form with its shortcut (Ctrl+Shift+F), which works on every screen. */
  async openFeedbackForm(): Promise<Locator> {
    await this.page.keyboard.press('Control+Shift+F');
    await expect(this.feedbackForm).toBeVisible();
    return this.feedbackForm;
  }

  /** What closing a form with unsaved changes asks. */
  get discardDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Discard your changes?' });
  }

  /** A confirmation dialog, e.g. "Delete Claims North?". */
  confirmDialog(title: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name: title });
  }
}

/** A screen the app marks with data-screen: its root, the root once its data has loaded (data-ready), its empty state. */
export abstract class AppScreen {
  abstract readonly screen: string;
  constructor(readonly page: Page) {}
  get root(): Locator {
    return this.page.locator(`[data-screen="${this.screen}"]`);
  }
  get ready(): Locator {
    return this.page.locator(`[data-screen="${this.screen}"][data-ready="true"]`);
  }
  get emptyState(): Locator {
    return this.root.getByTestId('empty-state');
  }
}

export class FirstRunScreen extends AppScreen {
  readonly screen = 'first-run';
  get workspaceName() {
    return this.root.getByLabel('Workspace name');
  }
  get yourName() {
    return this.root.getByLabel('Your name');
  }
  get createButton() {
    return this.root.getByRole('button', { name: 'Create workspace' });
  }
  get demoButton() {
    return this.root.getByRole('button', { name: 'Open the demo workspace' });
  }
  /** Creates the workspace and waits for the report it opens on. */
  async create(workspace: string, me: string) {
    await this.workspaceName.fill(workspace);
    await this.yourName.fill(me);
    await this.createButton.click();
    await expect(this.page.locator('[data-screen="report"][data-ready="true"]')).toBeVisible();
  }
  get join() {
    return this.root.getByTestId('join-workspace');
  }
  /** Join from a shared folder as the member named (the folder holds one workspace). */
  async joinFrom(folder: string, member: string) {
    await this.join.getByLabel('Shared folder', { exact: true }).fill(folder);
    await this.join.getByRole('button', { name: 'Look' }).click();
    await this.join.getByLabel(/^You, in /).click();
    await this.page.getByRole('option', { name: new RegExp(`^${member}`) }).click();
    await this.join.getByRole('button', { name: /^Join / }).click();
  }
}

/** Shared by the list screens: rows by name, the row's action menu (with the actions its rows offer). */
export abstract class ListScreen<Action extends string = 'Edit' | 'History' | 'Delete' | 'Remove' | 'Restore'> {
  constructor(
    readonly page: Page,
    readonly rowTestId: string,
  ) {}
  rows(): Locator {
    return this.page.getByTestId(this.rowTestId);
  }
  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByText(name, { exact: true }) });
  }
  async rowAction(name: string, action: Action) {
    await this.page.getByRole('button', { name: `Actions for ${name}`, exact: true }).click();
    await this.page.getByRole('menuitem', { name: action }).click();
  }
  dialog(title: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name: title });
  }
}

export interface TeamFields {
  name?: string;
  parent?: string;
  region?: string;
  businessUnit?: string;
  headcount?: number;
}

export class TeamsScreen extends ListScreen {
  constructor(page: Page) {
    super(page, 'team-row');
  }
  get newButton() {
    return this.page.getByRole('button', { name: 'New team' });
  }
  get showDeleted() {
    return this.page.getByRole('switch', { name: 'Show deleted' });
  }
  /** The open team form (new or edit). */
  get form() {
    return this.dialog(/^(New team|Edit team)$/);
  }
  async fill(fields: TeamFields) {
    const form = this.form;
    if (fields.name !== undefined) await form.getByRole('textbox', { name: 'Name', exact: true }).fill(fields.name);
    if (fields.parent !== undefined) {
      await form.getByRole('combobox', { name: 'Parent team' }).click();
      await this.page.getByRole('option', { name: fields.parent }).click();
    }
    if (fields.region !== undefined) await form.getByLabel('Region').fill(fields.region);
    if (fields.businessUnit !== undefined) await form.getByLabel('Business unit').fill(fields.businessUnit);
    if (fields.headcount !== undefined) await form.getByLabel('Headcount').fill(String(fields.headcount));
  }
  async create(fields: TeamFields) {
    await openDialog(this.newButton, this.form);
    await this.fill(fields);
    await closeWith(this.form, 'Add team');
  }
  async edit(name: string, fields: TeamFields) {
    await this.rowAction(name, 'Edit');
    await this.fill(fields);
    await closeWith(this.form, 'Save changes');
  }
}

export type TriadChoice = { member: string } | { external: string } | 'nobody';

export interface InitiativeFields {
  name?: string;
  status?: string;
  goLive?: string;
  modelVersions?: string[];
  description?: string;
  businessSponsor?: TriadChoice;
  productOwner?: TriadChoice;
  technicalLead?: TriadChoice;
}

export class InitiativesScreen extends ListScreen {
  constructor(page: Page) {
    super(page, 'initiative-row');
  }
  get newButton() {
    return this.page.getByRole('button', { name: 'New initiative' });
  }
  get form() {
    return this.dialog(/^(New initiative|Edit initiative)$/);
  }
  flag(name: string): Locator {
    return this.row(name).getByTestId('triad-flag');
  }
  private async triad(role: 'businessSponsor' | 'productOwner' | 'technicalLead', choice: TriadChoice) {
    const field = this.form.getByTestId(`triad-${role}`);
    if (choice === 'nobody') {
      await field.getByText('Nobody', { exact: true }).click();
    } else if ('member' in choice) {
      await field.getByText('Member', { exact: true }).click();
      await field.getByRole('combobox').click();
      await this.page.getByRole('option', { name: new RegExp(`^${choice.member}`) }).click();
    } else {
      await field.getByText('External', { exact: true }).click();
      await field.getByRole('textbox').fill(choice.external);
    }
  }
  async fill(fields: InitiativeFields) {
    const form = this.form;
    if (fields.name !== undefined) await form.getByRole('textbox', { name: 'Name', exact: true }).fill(fields.name);
    if (fields.status !== undefined) {
      await form.getByRole('combobox', { name: 'Status' }).click();
      await this.page.getByRole('option', { name: fields.status, exact: true }).click();
    }
    if (fields.goLive !== undefined) await form.getByLabel('Go-live date').fill(fields.goLive);
    if (fields.modelVersions) {
      const input = form.getByLabel('Model versions');
      for (const v of fields.modelVersions) {
        await input.fill(v);
        await input.press('Enter');
      }
    }
    if (fields.description !== undefined) await form.getByLabel('Description').fill(fields.description);
    if (fields.businessSponsor) await this.triad('businessSponsor', fields.businessSponsor);
    if (fields.productOwner) await this.triad('productOwner', fields.productOwner);
    if (fields.technicalLead) await this.triad('technicalLead', fields.technicalLead);
  }
  async create(fields: InitiativeFields) {
    await openDialog(this.newButton, this.form);
    await this.fill(fields);
    await closeWith(this.form, 'Add initiative');
  }
}

export class MembersScreen extends ListScreen {
  constructor(page: Page) {
    super(page, 'member-row');
  }
  get newButton() {
    return this.page.getByRole('button', { name: 'New member' });
  }
  get form() {
    return this.dialog(/^(New member|Edit member)$/);
  }
}

export class SettingsScreen extends AppScreen {
  readonly screen = 'settings';
  get workspaceName() {
    return this.root.getByLabel('Workspace name');
  }
  get renameButton() {
    return this.root.getByRole('button', { name: 'Rename' });
  }
  get sync() {
    return this.root.getByRole('region', { name: 'Sync' });
  }
  /** Sync now (with `folder` first, when given), and wait for it to finish. */
  async syncNow(folder?: string) {
    if (folder) await this.sync.getByTestId('sync-folder').fill(folder);
    await this.sync.getByRole('button', { name: 'Sync now' }).click();
    await expect(
      this.page
        .locator('.mantine-Notification-root')
        .filter({ hasText: /^Synced:/ })
        .last(),
    ).toBeVisible();
  }
  get conflicts() {
    return this.sync.getByTestId('sync-conflict');
  }
}

export class HistoryDrawer {
  constructor(readonly page: Page) {}
  get root() {
    return this.page.getByRole('dialog', { name: /History/ });
  }
  get ready() {
    return this.root.locator('[data-screen="history"][data-ready="true"]');
  }
  entries(): Locator {
    return this.root.getByTestId('history-entry');
  }
  /** Waits for the history, then checks the story it tells, newest first: one entry a text, each containing its text. */
  async expectEntries(...texts: string[]): Promise<Locator> {
    await expect(this.ready).toBeVisible();
    await expect(this.entries()).toHaveCount(texts.length);
    for (const [i, text] of texts.entries()) await expect(this.entries().nth(i)).toContainText(text);
    return this.entries();
  }
  /** The "from → to" (or created value) cell of a field in one entry. */
  change(entry: Locator, field: string): Locator {
    return entry.getByTestId(`change-${field}`);
  }
  async close() {
    await this.page.keyboard.press('Escape');
    await expect(this.root).toBeHidden();
  }
}

export class ReportScreen extends AppScreen {
  readonly screen = 'report';
  rows(): Locator {
    return this.root.getByTestId('report-row');
  }
  /** A row of the gap ranking by initiative and team. */
  row(initiative: string, team: string): Locator {
    return this.rows().filter({ hasText: initiative }).filter({ hasText: team });
  }
  tiles(): Locator {
    return this.root.getByTestId('stat-tile');
  }
  /** A clickable figure (formal, real, gap, overrideRate, activation, …) inside a scope. */
  figure(scope: Locator, key: string): Locator {
    return scope.locator(`[data-figure="${key}"]`);
  }
  get formula() {
    return this.page.getByTestId('formula-drawer');
  }
  /** The drill-down's table of stored rows inside the formula drawer. */
  sourceRows(): Locator {
    return this.formula.getByTestId('source-row');
  }
  /** One team's own report page. */
  get teamPage() {
    return this.page.locator('[data-screen="team-report"][data-ready="true"]');
  }
  async pickMonth(label: 'From' | 'To', month: string) {
    await this.root.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: month, exact: true }).click();
  }
}

type ImportKindLabel = 'Usage' | 'Decisions' | 'Pulse' | 'Shadow processes' | 'People' | 'Stakeholders';

export class ImportsScreen extends AppScreen {
  readonly screen = 'imports';
  async kind(label: ImportKindLabel) {
    await this.root.getByText(label, { exact: true }).click();
  }
  /** Chooses another tool's file of a kind: the mapping step it opens, once shown. */
  async mapFile(kind: ImportKindLabel, name: string, content: string): Promise<Locator> {
    await this.kind(kind);
    await this.chooseFile(name, content);
    const step = this.root.getByTestId('mapping-step');
    await expect(step).toBeVisible();
    return step;
  }
  /** Downloads the chosen kind's template: its file name and its lines (CRLF-separated in the file). */
  async downloadTemplate(): Promise<{ fileName: string; lines: string[] }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.root.getByRole('button', { name: 'Download template' }).click(),
    ]);
    const text = fs.readFileSync((await download.path()) ?? '', 'utf8');
    return { fileName: download.suggestedFilename(), lines: text.trim().split('\r\n') };
  }
  async chooseFile(name: string, content: string) {
    // A large file takes a while to hand to the browser on a loaded machine.
    await this.root
      .locator('input[type="file"]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) }, { timeout: 60_000 });
  }
  /** Drag a file from the desktop and drop it on the import card. */
  async dropFile(name: string, content: string) {
    const dataTransfer = await this.page.evaluateHandle(
      ([n, c]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([c], n, { type: 'text/csv' }));
        return dt;
      },
      [name, content] as const,
    );
    const zone = this.root.getByTestId('import-dropzone');
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    await expect(zone).toHaveAttribute('data-over', 'true');
    await zone.dispatchEvent('drop', { dataTransfer });
  }
  /**
   * Drag a folder from the desktop and drop it on the import card: Chromium's own drag (through
   * the DevTools protocol), which gives the page the folder as a desktop drag does.
   */
  async dropFolder(folder: string) {
    const box = await this.root.getByTestId('import-dropzone').boundingBox();
    if (!box) throw new Error('The import card is not on screen.');
    const cdp = await this.page.context().newCDPSession(this.page);
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const data = { items: [], files: [folder], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
    await cdp.detach();
  }
  get detected() {
    return this.root.getByTestId('import-detected');
  }
  get progress() {
    return this.root.getByTestId('import-progress');
  }
  get preview() {
    return this.root.getByTestId('import-preview');
  }
  get importButton() {
    return this.root.getByRole('button', { name: 'Import', exact: true });
  }
  get dryRunButton() {
    return this.root.getByRole('button', { name: 'Dry run', exact: true });
  }
  get createMissingButton() {
    return this.root.getByRole('button', { name: 'Create them and import' });
  }
  get summary() {
    return this.root.getByTestId('import-summary');
  }
  /** One of the summary's counts (Rows, New, Changed or Updated, Unchanged), as shown. */
  count(label: string): Locator {
    return this.summary.getByTestId(`import-count-${label.toLowerCase()}`);
  }
  get error() {
    return this.root.getByTestId('import-error');
  }
  batches(): Locator {
    return this.root.getByTestId('import-batch');
  }
}
