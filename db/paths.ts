import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder the desktop app keeps its database in: the same as Electron's
 * `app.getPath('userData')` for an app named "Uptake", so the CLI opens the app's database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Uptake');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Uptake');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Uptake');
}

export function defaultDatabaseFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.UPTAKE_DB && env.UPTAKE_DB.length > 0 ? env.UPTAKE_DB : path.join(defaultDataDir(env), 'uptake.db');
}

/** Where the drizzle-kit migrations live: next to this file in the repo, or under resources when packaged. */
export function defaultMigrationsDir(): string {
  if (process.env.UPTAKE_MIGRATIONS_DIR) return process.env.UPTAKE_MIGRATIONS_DIR;
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}
