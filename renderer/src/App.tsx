import { Redirect, Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { WorkspaceInfo } from '../../db/api/types';
import { useWorkspace } from './api/workspace';
import { FullScreenError, FullScreenLoader } from './components/FullScreen';
import { FirstRun } from './first-run/FirstRun';
import { routesOf, visibleScreens } from './kit/registry';
import { SCREENS } from './screens';
import { Shell } from './shell/Shell';

/** First run when the database has no workspace yet; otherwise the app shell and its screens. */
export function App() {
  const info = useWorkspace();
  if (info.isPending) return <FullScreenLoader label="Opening Uptake…" />;
  if (info.isError) return <FullScreenError error={info.error} onRetry={() => void info.refetch()} />;
  if (!info.data.workspace) return <FirstRun />;
  return <Screens info={info.data} />;
}

function Screens({ info }: { info: WorkspaceInfo }) {
  const screens = visibleScreens(SCREENS, info.allowed);
  return (
    <Router hook={useHashLocation}>
      <Shell info={info} screens={screens}>
        <Switch>
          {routesOf(screens).map((route) => (
            <Route key={route.path} path={route.path} component={route.component} />
          ))}
          <Route>
            <Redirect to={SCREENS[0]?.path ?? '/'} replace />
          </Route>
        </Switch>
      </Shell>
    </Router>
  );
}
