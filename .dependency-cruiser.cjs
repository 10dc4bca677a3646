/**
 * Layering, enforced in `npm run lint`:
 * - db/ is the engine: plain Node. It never imports electron, React, the DOM or the hosts.
 * - renderer/ sees only the API contract and its types from db/ (plus db/reports/shared, pure chart
 *   geometry and formulas it shares with the HTML export), and nothing of Node.
 * - electron/ and scripts/ are hosts: they may import db/, never renderer/.
 * - db/api sits on top of the engine: it validates, checks permission and calls the engine; the
 *   engine (db/ outside db/api) never imports db/api. Each area's pure model (`db/<area>/model.ts`,
 *   `db/synced.ts`) holds its value lists and shapes; the API's contract re-exports them.
 * - No import cycles anywhere.
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
      name: 'engine-stays-below-the-api',
      severity: 'error',
      comment:
        'The engine never imports db/api: the API calls the engine, never the other way (sync applies changes through the domain functions).',
      from: { path: '^db/', pathNot: '^db/api/' },
      to: { path: '^db/api/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes load order fragile and layering meaningless; split the shared piece out instead.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'models-are-pure',
      severity: 'error',
      comment: 'db/<area>/model.ts and db/synced.ts run in the renderer too (through the contract): they import only each other and zod.',
      from: { path: ['^db/[^/]+/model\\.ts$', '^db/synced\\.ts$'] },
      to: { pathNot: ['^db/[^/]+/model\\.ts$', '^db/synced\\.ts$', 'node_modules/zod/'] },
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
      to: { pathNot: ['^db/reports/shared/', '^db/[^/]+/model\\.ts$'] },
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
