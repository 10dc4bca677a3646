import type { Locator, Page } from '@playwright/test';

/** The Uptake window's locators, in one place so a UI change is fixed once. */
export class AppWindow {
  readonly firstRun: Locator;
  readonly createHeading: Locator;
  readonly workspaceName: Locator;
  readonly yourName: Locator;
  readonly createButton: Locator;
  /** The workspace's name in the sidebar, once the app shell is showing. */
  readonly currentWorkspace: Locator;

  constructor(readonly page: Page) {
    this.firstRun = page.locator('[data-screen="first-run"][data-ready="true"]');
    this.createHeading = page.getByRole('heading', { name: 'Create a workspace' });
    this.workspaceName = page.getByLabel('Workspace name', { exact: true });
    this.yourName = page.getByLabel('Your name', { exact: true });
    this.createButton = page.getByRole('button', { name: 'Create workspace' });
    this.currentWorkspace = page.getByTestId('workspace-name');
  }

  async createWorkspace(name: string, me: string): Promise<void> {
    await this.workspaceName.fill(name);
    await this.yourName.fill(me);
    await this.createButton.click();
  }
}
