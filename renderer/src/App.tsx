import { lazy } from 'react';
import { Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { WorkspaceInfo } from '../../db/api/types';
import { useWorkspace } from './api/workspace';
import { FullScreenError, FullScreenLoader } from './components/FullScreen';
import { ScreenBoundary } from './components/ScreenBoundary';
import { FeedbackLauncher } from './feedback/FeedbackLauncher';
import { routesOf, type Screen, visibleScreens } from './kit/registry';
import { SCREENS } from './screens';
import { Shell } from './shell/Shell';
import { AutoSync } from './sync/AutoSync';

// Only a new database shows it, so its code (and the contract's schemas it checks with) loads then.
const FirstRun = lazy(() => import('./first-run/FirstRun').then((m) => ({ default: m.FirstRun })));

/** First run when the database has no workspace yet; otherwise the app shell and its screens. */
export function App() {
  const info = useWorkspace();
  if (info.isPending) return <FullScreenLoader label="Opening Uptake…" />;
  if (info.isError) return <FullScreenError error={info.error} onRetry={() => void info.refetch()} />;
  if (!info.data.workspace)
    return (
      <ScreenBoundary>
        <FirstRun />
      </ScreenBoundary>
    );
  return <Screens info={info.data} />;
}

function Screens({ info }: { info: WorkspaceInfo }) {
  const screens = visibleScreens(SCREENS, info.allowed);
  return (
    <Router hook={useHashLocation}>
      <AutoSync />
      <FeedbackLauncher />
      <Shell info={info} screens={screens}>
        <Routes screens={screens} />
      </Shell>
    </Router>
  );
}

function Routes({ screens }: { screens: readonly Screen[] }) {
  const [location] = useLocation();
  return (
    <ScreenBoundary key={location}>
      <Switch>
        {routesOf(screens).map((route) => (
          <Route key={route.path} path={route.path} component={route.component} />
        ))}
        <Route>
          <Redirect to={SCREENS[0]?.path ?? '/'} replace />
        </Route>
      </Switch>
    </ScreenBoundary>
  );
}
