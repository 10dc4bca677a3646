import { Redirect, Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { WorkspaceInfo } from '../../db/api/types';
import { useWorkspace } from './api/workspace';
import { FullScreenError, FullScreenLoader } from './components/FullScreen';
import { FirstRun } from './first-run/FirstRun';
import { ImportsPage } from './imports/ImportsPage';
import { InitiativesPage } from './initiatives/InitiativesPage';
import { MembersPage } from './members/MembersPage';
import { ReportPage } from './reports/ReportPage';
import { ReviewsPage } from './reviews/ReviewsPage';
import { SettingsPage } from './settings/SettingsPage';
import { ShadowPage } from './shadow/ShadowPage';
import { Shell } from './shell/Shell';
import { TeamsPage } from './teams/TeamsPage';

/** First run when the database has no workspace yet; otherwise the app shell and its screens. */
export function App() {
  const info = useWorkspace();
  if (info.isPending) return <FullScreenLoader label="Opening Uptake…" />;
  if (info.isError) return <FullScreenError error={info.error} onRetry={() => void info.refetch()} />;
  if (!info.data.workspace) return <FirstRun />;
  return <Screens info={info.data} />;
}

function Screens({ info }: { info: WorkspaceInfo }) {
  const canImport = info.allowed.includes('imports.upload');
  const canReview = info.allowed.includes('reviews.queue');
  return (
    <Router hook={useHashLocation}>
      <Shell info={info}>
        <Switch>
          <Route path="/report" component={ReportPage} />
          <Route path="/report/team/:id">{(params) => <ReportPage key={params.id} params={params} />}</Route>
          {canImport && <Route path="/imports" component={ImportsPage} />}
          <Route path="/teams" component={TeamsPage} />
          <Route path="/initiatives" component={InitiativesPage} />
          <Route path="/members" component={MembersPage} />
          <Route path="/shadow" component={ShadowPage} />
          {canReview && <Route path="/reviews" component={ReviewsPage} />}
          <Route path="/settings" component={SettingsPage} />
          <Route>
            <Redirect to="/report" replace />
          </Route>
        </Switch>
      </Shell>
    </Router>
  );
}
