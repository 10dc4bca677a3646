import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { OperationName } from '../../db/api/contract';
import { isActive, routesOf, type Screen, visibleScreens } from './kit/registry';

let SCREENS: readonly Screen[];
beforeAll(async () => {
  // The screens import the API client, which picks its transport from `window` when loaded; Vitest runs in Node.
  vi.stubGlobal('window', { location: { origin: 'http://127.0.0.1' } });
  ({ SCREENS } = await import('./screens'));
});

const CHANGE_MANAGER: OperationName[] = ['teams.create', 'imports.upload', 'reviews.queue'];
const SPONSOR: OperationName[] = ['teams.list'];

const labels = (screens: readonly Screen[], section: Screen['section']) => screens.filter((s) => s.section === section).map((s) => s.label);

describe('the screen registry', () => {
  test('gives the sidebar its areas in order, and Settings at the bottom', () => {
    const screens = visibleScreens(SCREENS, CHANGE_MANAGER);
    expect(labels(screens, 'main')).toEqual([
      'Report',
      'Teams',
      'Initiatives',
      'Members',
      'Stakeholders',
      'Sessions',
      'Actions',
      'Shadow processes',
      'Champions',
      'Feedback',
      'Patterns',
      'Override review',
      'Imports',
    ]);
    expect(labels(screens, 'bottom')).toEqual(['Settings']);
  });

  test('gives the routes: every screen’s path, one team’s report, the report first (the app opens there)', () => {
    const paths = routesOf(visibleScreens(SCREENS, CHANGE_MANAGER)).map((r) => r.path);
    expect(paths).toEqual([
      '/report',
      '/report/team/:id',
      '/teams',
      '/initiatives',
      '/members',
      '/stakeholders',
      '/stakeholders/talk/:teamId',
      '/stakeholders/:id',
      '/stakeholder-sessions',
      '/stakeholder-actions',
      '/shadow-processes',
      '/shadow-processes/:id',
      '/champions',
      '/champions/member/:memberId',
      '/feedback',
      '/patterns',
      '/patterns/:id',
      '/reviews',
      '/imports',
      '/imports/:kind',
      '/settings',
    ]);
    expect(new Set(paths).size).toBe(paths.length);
  });

  test('leaves out, from both the sidebar and the routes, what the acting member may not do', () => {
    const screens = visibleScreens(SCREENS, SPONSOR);
    expect(labels(screens, 'main')).not.toContain('Imports');
    expect(labels(screens, 'main')).not.toContain('Override review');
    const paths = routesOf(screens).map((r) => r.path);
    expect(paths).not.toContain('/imports');
    expect(paths).not.toContain('/reviews');
    expect(paths).toContain('/shadow-processes');
    // Each screen needs only its own operation.
    expect(labels(visibleScreens(SCREENS, ['imports.upload']), 'main')).toContain('Imports');
    expect(labels(visibleScreens(SCREENS, ['imports.upload']), 'main')).not.toContain('Override review');
  });
});

test('a sidebar link stays lit on its sub-routes, not on a path that merely starts the same', () => {
  expect(isActive('/report', '/report')).toBe(true);
  expect(isActive('/report/team/abc', '/report')).toBe(true);
  expect(isActive('/reports', '/report')).toBe(false);
  expect(isActive('/teams', '/report')).toBe(false);
});
