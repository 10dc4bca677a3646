/**
 * Layering, enforced in `npm run lint`:
 * - db/ is the engine: plain Node. It never imports electron, React, the DOM or the hosts.
 * - renderer/ sees only the API contract and its types from db/ (plus db/reports/shared, pure chart
 *   geometry and formulas it shares with the HTML export), and nothing of Node.
 * - electron/ and scripts/ are hosts: they may import db/, never renderer/.
 */
module.exports = {
  forbidden: [
    {
      name: 'engine-stays-plain-node',
      severity: 'error',
      comment: 'db/ must not import electron, React, renderer/, electron/ or scripts/.',
      from: { path: '^db/' },
      to: { path: ['^renderer/', '^electron/', '^scripts/', 'node_modules/(electron|react|react-dom|@mantine|@tanstack)/'] },
    },
    {
      name: 'renderer-sees-only-the-contract',
      severity: 'error',
      comment:
        'renderer/ may import from db/ only the API contract and its types, and the pure report modules shared with the HTML export.',
      from: { path: '^renderer/' },
      to: { path: '^db/', pathNot: ['^db/api/(contract|types)\\.ts$', '^db/reports/shared/'] },
    },
    {
      name: 'shared-report-modules-are-pure',
      severity: 'error',
      comment:
        'db/reports/shared/ runs in the renderer and in Node (the HTML export): plain TypeScript importing only each other and the API types.',
      from: { path: '^db/reports/shared/' },
      to: { pathNot: ['^db/reports/shared/', '^db/api/(signal-types|types)\\.ts$'] },
    },
    {
      name: 'renderer-has-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-has-no-native-modules',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: 'node_modules/(better-sqlite3|drizzle-orm|electron)/' },
    },
    {
      name: 'hosts-do-not-import-the-renderer',
      severity: 'error',
      from: { path: '^(electron|scripts)/' },
      to: { path: '^renderer/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)(dist|release|node_modules)/' },
  },
};
