import {
  IconBulb,
  IconChartDots,
  IconChecklist,
  IconFileSpreadsheet,
  IconHierarchy2,
  IconListCheck,
  IconMessageReport,
  IconMessages,
  IconSettings,
  IconSpeakerphone,
  IconStack2,
  IconUpload,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { allowedTo, lazyScreen, type RouteComponent, type Screen } from './kit/registry';
import { ReportPage } from './reports/ReportPage';

// The report is where the app opens, so it comes with the first script; every other screen loads
// when it is first opened.
const TeamsPage = lazyScreen(
  () => import('./teams/TeamsPage'),
  (m) => m.TeamsPage,
);
const InitiativesPage = lazyScreen(
  () => import('./initiatives/InitiativesPage'),
  (m) => m.InitiativesPage,
);
const MembersPage = lazyScreen(
  () => import('./members/MembersPage'),
  (m) => m.MembersPage,
);
const ShadowPage = lazyScreen(
  () => import('./shadow-processes/ShadowPage'),
  (m) => m.ShadowPage,
);
const StakeholdersPage = lazyScreen(
  () => import('./stakeholders/StakeholdersPage'),
  (m) => m.StakeholdersPage,
);
const StakeholderPage = lazyScreen(
  () => import('./stakeholders/StakeholderPage'),
  (m) => m.StakeholderPage,
);
const SessionsPage = lazyScreen(
  () => import('./stakeholder-sessions/SessionsPage'),
  (m) => m.SessionsPage,
);
const ActionsPage = lazyScreen(
  () => import('./stakeholder-sessions/ActionsPage'),
  (m) => m.ActionsPage,
);
const ChampionsPage = lazyScreen(
  () => import('./champions/ChampionsPage'),
  (m) => m.ChampionsPage,
);
const ChampionPage = lazyScreen(
  () => import('./champions/ChampionPage'),
  (m) => m.ChampionPage,
);
const FeedbackPage = lazyScreen(
  () => import('./feedback/FeedbackPage'),
  (m) => m.FeedbackPage,
);
const PatternsPage = lazyScreen(
  () => import('./feedback/PatternsPage'),
  (m) => m.PatternsPage,
);
const PatternPage = lazyScreen(
  () => import('./feedback/PatternPage'),
  (m) => m.PatternPage,
);
const ReviewsPage = lazyScreen(
  () => import('./reviews/ReviewsPage'),
  (m) => m.ReviewsPage,
);
const ImportsPage = lazyScreen(
  () => import('./imports/ImportsPage'),
  (m) => m.ImportsPage,
);
const SettingsPage = lazyScreen(
  () => import('./settings/SettingsPage'),
  (m) => m.SettingsPage,
);

// Keyed by the team, so moving from one team's page to another's starts with fresh filters.
const TeamReport: RouteComponent = ({ params }) => <ReportPage key={params.id} params={params} />;

/**
 * Every screen, in sidebar order; the first is where the app opens and where unknown paths lead.
 * Main screens by role: sponsors and change managers watch the report (a change manager's setup
 * screens are occasional); champions review overrides, their recurring work.
 */
export const SCREENS: readonly Screen[] = [
  {
    path: '/report',
    label: 'Report',
    icon: IconChartDots,
    section: 'main',
    component: ReportPage,
    homeOf: ['change_manager', 'sponsor'],
    routes: [{ path: '/report/team/:id', component: TeamReport }],
  },
  { path: '/teams', label: 'Teams', icon: IconHierarchy2, section: 'main', component: TeamsPage },
  { path: '/initiatives', label: 'Initiatives', icon: IconBulb, section: 'main', component: InitiativesPage },
  { path: '/members', label: 'Members', icon: IconUsers, section: 'main', component: MembersPage },
  {
    path: '/stakeholders',
    label: 'Stakeholders',
    icon: IconUsersGroup,
    section: 'main',
    component: StakeholdersPage,
    routes: [
      // Who to talk to about one team's gap: the team view, its list narrowed to that team (the report's team rows link here).
      { path: '/stakeholders/talk/:teamId', component: StakeholdersPage },
      { path: '/stakeholders/:id', component: StakeholderPage },
    ],
  },
  { path: '/stakeholder-sessions', label: 'Sessions', icon: IconMessages, section: 'main', component: SessionsPage },
  { path: '/stakeholder-actions', label: 'Actions', icon: IconListCheck, section: 'main', component: ActionsPage },
  {
    path: '/shadow-processes',
    label: 'Shadow processes',
    icon: IconFileSpreadsheet,
    section: 'main',
    component: ShadowPage,
    // The register with one process marked and scrolled to (a pattern's page links its processes here).
    routes: [{ path: '/shadow-processes/:id', component: ShadowPage }],
  },
  {
    path: '/champions',
    label: 'Champions',
    icon: IconSpeakerphone,
    section: 'main',
    component: ChampionsPage,
    routes: [{ path: '/champions/member/:memberId', component: ChampionPage }],
  },
  { path: '/feedback', label: 'Feedback', icon: IconMessageReport, section: 'main', component: FeedbackPage },
  {
    path: '/patterns',
    label: 'Patterns',
    icon: IconStack2,
    section: 'main',
    component: PatternsPage,
    routes: [{ path: '/patterns/:id', component: PatternPage }],
  },
  {
    path: '/reviews',
    label: 'Override review',
    icon: IconChecklist,
    section: 'main',
    component: ReviewsPage,
    visibleTo: allowedTo('reviews.queue'),
    homeOf: ['champion'],
  },
  {
    path: '/imports',
    label: 'Imports',
    icon: IconUpload,
    section: 'main',
    component: ImportsPage,
    visibleTo: allowedTo('imports.upload'),
    routes: [{ path: '/imports/:kind', component: ImportsPage }],
  },
  { path: '/settings', label: 'Settings', icon: IconSettings, section: 'bottom', component: SettingsPage },
];
