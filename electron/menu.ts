import { app, Menu, type MenuItemConstructorOptions, shell } from 'electron';

export interface MenuOptions {
  isMac: boolean;
  /** Developer tools are offered only in development builds. */
  isPackaged: boolean;
  /** The folder holding the database and its backups, for the CLI's --db and for support. */
  dataDir: string;
}

export function applicationMenu({ isMac, isPackaged, dataDir }: MenuOptions): Menu {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    ...(isPackaged ? [] : [{ role: 'toggleDevTools' } satisfies MenuItemConstructorOptions]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const help: MenuItemConstructorOptions[] = [
    {
      label: 'Show Database Folder',
      click: () => {
        shell.openPath(dataDir).catch((e: unknown) => console.warn(`Could not open ${dataDir}: ${String(e)}`));
      },
    },
    // On macOS the app menu already has About.
    ...(isMac
      ? []
      : ([{ type: 'separator' }, { label: 'About Uptake', click: () => app.showAboutPanel() }] satisfies MenuItemConstructorOptions[])),
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: help },
  ];
  return Menu.buildFromTemplate(template);
}
