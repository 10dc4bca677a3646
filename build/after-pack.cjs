// electron-builder afterPack hook: refuse to ship a package the app cannot start from. extraResources
// only warns when a source is missing, and without these files the app can open no database.
const fs = require('node:fs');
const path = require('node:path');

exports.default = async function afterPack(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const resources =
    electronPlatformName === 'darwin' || electronPlatformName === 'mas'
      ? path.join(appOutDir, `${packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
      : path.join(appOutDir, 'resources');
  const required = [
    ['native/better_sqlite3.node', 'better-sqlite3 built for Electron: run `node scripts/electron-native.mjs` (needs internet once)'],
    ['migrations/meta/_journal.json', 'the database migrations (db/migrations)'],
  ];
  const missing = required.filter(([file]) => !fs.existsSync(path.join(resources, file)));
  if (missing.length > 0) {
    throw new Error(`The package in ${appOutDir} is incomplete: ${missing.map(([file, what]) => `${file} (${what})`).join('; ')}.`);
  }
};
