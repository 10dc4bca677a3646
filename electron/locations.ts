import path from 'node:path';

/*
 * Where the shell finds what it needs, in development (`electron .` on the repo) and packaged
 * (app.asar plus resources/). Plain Node, so it is tested without Electron.
 */

export interface AppLocations {
  /** The built renderer (vite build), served over app://. */
  rendererDir: string;
  preload: string;
  migrationsDir: string;
  /**
   * better-sqlite3 built for Electron's ABI by scripts/electron-native.mjs. node_modules keeps
   * the Node build for tests, the CLI and the web host; the shell passes this one to open().
   */
  nativeBinding: string;
}

export interface LocationInputs {
  isPackaged: boolean;
  /** app.getAppPath(): the repo root in development, resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath */
  resourcesPath: string;
}

export function appLocations({ isPackaged, appPath, resourcesPath }: LocationInputs): AppLocations {
  return {
    rendererDir: path.join(appPath, 'dist', 'renderer'),
    preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    migrationsDir: isPackaged ? path.join(resourcesPath, 'migrations') : path.join(appPath, 'db', 'migrations'),
    nativeBinding: isPackaged
      ? path.join(resourcesPath, 'native', 'better_sqlite3.node')
      : path.join(appPath, '.cache', 'electron-native', 'better_sqlite3.node'),
  };
}

/** The database the app opens: `<userData>/uptake.db`, the file the CLI opens by default too. */
export function databaseFile(userData: string): string {
  return path.join(userData, 'uptake.db');
}
