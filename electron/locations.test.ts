import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appLocations, databaseFile } from './locations';

describe('appLocations', () => {
  it('uses the repo in development', () => {
    const repo = path.resolve('/repo');
    expect(appLocations({ isPackaged: false, appPath: repo, resourcesPath: '/electron/resources' })).toEqual({
      rendererDir: path.join(repo, 'dist', 'renderer'),
      preload: path.join(repo, 'dist', 'electron', 'preload.cjs'),
      migrationsDir: path.join(repo, 'db', 'migrations'),
      nativeBinding: path.join(repo, '.cache', 'electron-native', 'better_sqlite3.node'),
    });
  });

  it('uses the asar and resources/ when packaged, where electron-builder.yml puts them', () => {
    const resources = path.resolve('/opt/Uptake/resources');
    const asar = path.join(resources, 'app.asar');
    expect(appLocations({ isPackaged: true, appPath: asar, resourcesPath: resources })).toEqual({
      rendererDir: path.join(asar, 'dist', 'renderer'),
      preload: path.join(asar, 'dist', 'electron', 'preload.cjs'),
      migrationsDir: path.join(resources, 'migrations'),
      nativeBinding: path.join(resources, 'native', 'better_sqlite3.node'),
    });
  });

  it('opens uptake.db in userData', () => {
    expect(databaseFile(path.resolve('/data/Uptake'))).toBe(path.join(path.resolve('/data/Uptake'), 'uptake.db'));
  });
});
