// The page paths of the app: what each shows, who may open it, and the main navigation.
// Only the home page is in the first download; the other screens come on demand (the
// administration screens in one chunk that only administrators ever fetch).
import { lazy } from './components/Lazy.jsx';
import { matchPath } from './router.js';
import { HomeScreen } from './screens/home/HomeScreen.jsx';

const UnitsScreen = lazy(() => import('./screens/units/UnitsScreen.jsx').then((m) => m.UnitsScreen));
const ChangePasswordScreen = lazy(() => import('./screens/password/index.js').then((m) => m.ChangePasswordScreen));

// Issues, the Q&A library and notifications: each screen its own chunk (shared parts split out).
const IssuesScreen = lazy(() => import('./screens/issues/IssuesScreen.jsx').then((m) => m.IssuesScreen));
const NewIssueScreen = lazy(() => import('./screens/issues/NewIssueScreen.jsx').then((m) => m.NewIssueScreen));
const IssueDetailScreen = lazy(() => import('./screens/issues/IssueDetailScreen.jsx').then((m) => m.IssueDetailScreen));
const GroupsScreen = lazy(() => import('./screens/issues/GroupScreens.jsx').then((m) => m.GroupsScreen));
const GroupScreen = lazy(() => import('./screens/issues/GroupScreens.jsx').then((m) => m.GroupScreen));
const LibraryScreen = lazy(() => import('./screens/library/LibraryScreen.jsx').then((m) => m.LibraryScreen));
const NotificationsScreen = lazy(() => import('./screens/notifications/NotificationsScreen.jsx').then((m) => m.NotificationsScreen));

// Trainings, the weekly reports and their print views: three chunks (reports and print share
// the reporting helpers, split out by the bundler).
const trainings = (name) => lazy(() => import('./screens/trainings/index.jsx').then((m) => m[name]));
const TrainingsScreen = trainings('TrainingsScreen');
const TrainingCreateScreen = trainings('TrainingCreateScreen');
const TrainingScreen = trainings('TrainingScreen');
const TrainingEditScreen = trainings('TrainingEditScreen');
const reports = (name) => lazy(() => import('./screens/reports/index.jsx').then((m) => m[name]));
const ReportsHome = reports('ReportsHome');
const DepartmentReportScreen = reports('DepartmentReportScreen');
const ConsolidatedScreen = reports('ConsolidatedScreen');
const PeriodsScreen = reports('PeriodsScreen');
const printView = (name) => lazy(() => import('./screens/print/index.jsx').then((m) => m[name]));
const PrintReportScreen = printView('PrintReportScreen');
const PrintConsolidatedScreen = printView('PrintConsolidatedScreen');

// The province overview and a commune's page: one chunk, for those who follow the province.
const overview = (name) => lazy(() => import('./screens/overview/index.jsx').then((m) => m[name]));
const OverviewScreen = overview('OverviewScreen');
const CommuneScreen = lazy(() => import('./screens/overview/CommuneScreen.jsx').then((m) => m.CommuneScreen));
const STATS_READERS = ['home_affairs', 'leadership', 'party_reader', 'province_office'];

const admin = (name) => lazy(() => import('./screens/admin/index.js').then((m) => m[name]));
const UsersScreen = admin('UsersScreen');
const UserCreateScreen = admin('UserCreateScreen');
const UserEditScreen = admin('UserEditScreen');
const TokensScreen = admin('TokensScreen');
const AuditScreen = admin('AuditScreen');

const ADMIN = ['admin'];
// Who reads issues (docs/issues.md): party readers and administrators do not.
const ISSUE_READERS = ['commune_officer', 'department_officer', 'department_head', 'province_office', 'home_affairs', 'leadership'];
const COMMUNE = ['commune_officer'];
const DEPARTMENT = ['department_officer', 'department_head'];
const NOT_ADMIN = ['commune_officer', 'department_officer', 'department_head', 'province_office', 'home_affairs', 'leadership', 'party_reader'];
// Who reads weekly reports (docs/reporting.md): the departments (their own), Sở Nội vụ, the
// leadership and the Party committee readers; who follows them all.
const REPORT_READERS = ['department_officer', 'department_head', 'home_affairs', 'leadership', 'party_reader'];
const OVERSEERS = ['home_affairs', 'leadership', 'party_reader'];
const PERIOD_ADMINS = ['home_affairs', 'admin'];

// The API reference and the analysts' guide: one chunk; public (the login page links here).
const apiDocs = (name) => lazy(() => import('./screens/api-docs/index.js').then((m) => m[name]));
const ApiDocsScreen = apiDocs('ApiDocsScreen');
const ApiGuideScreen = apiDocs('ApiGuideScreen');
const API_DOC_READERS = ['leadership', 'party_reader', 'admin'];

export const ROUTES = [
  { path: '/', screen: HomeScreen },
  { path: '/don-vi', screen: UnitsScreen },
  { path: '/doi-mat-khau', screen: ChangePasswordScreen },
  { path: '/tai-lieu-api', screen: ApiDocsScreen, public: true },
  { path: '/tai-lieu-api/huong-dan', screen: ApiGuideScreen, public: true },
  { path: '/tong-quan', screen: OverviewScreen, roles: STATS_READERS },
  { path: '/tong-quan/xa/:id', screen: CommuneScreen, roles: STATS_READERS },
  { path: '/kien-nghi', screen: IssuesScreen, roles: ISSUE_READERS },
  { path: '/kien-nghi/gui', screen: NewIssueScreen, roles: COMMUNE },
  { path: '/kien-nghi/nhom', screen: GroupsScreen, roles: DEPARTMENT },
  { path: '/kien-nghi/nhom/:id', screen: GroupScreen, roles: DEPARTMENT },
  { path: '/kien-nghi/:id', screen: IssueDetailScreen, roles: ISSUE_READERS },
  { path: '/hoi-dap', screen: LibraryScreen, roles: NOT_ADMIN },
  { path: '/thong-bao', screen: NotificationsScreen, roles: NOT_ADMIN },
  { path: '/tap-huan', screen: TrainingsScreen, roles: NOT_ADMIN },
  { path: '/tap-huan/moi', screen: TrainingCreateScreen, roles: DEPARTMENT },
  { path: '/tap-huan/:id', screen: TrainingScreen, roles: NOT_ADMIN },
  { path: '/tap-huan/:id/sua', screen: TrainingEditScreen, roles: DEPARTMENT },
  { path: '/bao-cao', screen: ReportsHome, roles: REPORT_READERS },
  { path: '/bao-cao/don-vi/:unit', screen: DepartmentReportScreen, roles: REPORT_READERS },
  { path: '/bao-cao/tong-hop', screen: ConsolidatedScreen, roles: OVERSEERS },
  { path: '/bao-cao/ky-bao-cao', screen: PeriodsScreen, roles: PERIOD_ADMINS },
  { path: '/in/bao-cao/don-vi/:unit', screen: PrintReportScreen, roles: REPORT_READERS },
  { path: '/in/bao-cao/tong-hop', screen: PrintConsolidatedScreen, roles: OVERSEERS },
  { path: '/quan-tri/nguoi-dung', screen: UsersScreen, roles: ADMIN },
  { path: '/quan-tri/nguoi-dung/moi', screen: UserCreateScreen, roles: ADMIN },
  { path: '/quan-tri/nguoi-dung/:id', screen: UserEditScreen, roles: ADMIN },
  { path: '/quan-tri/ma-api', screen: TokensScreen, roles: ADMIN },
  { path: '/quan-tri/nhat-ky', screen: AuditScreen, roles: ADMIN },
];

/** The first route matching `path`: {route, params}, or null. */
export function findRoute(path) {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

/** The route of `path` when anyone may open it without signing in, or null. */
export function publicRoute(path) {
  const found = findRoute(path);
  return found && found.route.public ? found : null;
}

const startsWith = (prefix) => (path) => path === prefix || path.startsWith(`${prefix}/`);

const NAV = [
  { href: '/', label: 'Trang chủ', match: (p) => p === '/' },
  { href: '/tong-quan', label: 'Tổng quan', match: startsWith('/tong-quan'), roles: STATS_READERS },
  { href: '/kien-nghi', label: 'Kiến nghị', match: startsWith('/kien-nghi'), roles: ISSUE_READERS },
  { href: '/hoi-dap', label: 'Hỏi đáp', match: startsWith('/hoi-dap'), roles: NOT_ADMIN },
  { href: '/tap-huan', label: 'Tập huấn', match: startsWith('/tap-huan'), roles: NOT_ADMIN },
  { href: '/bao-cao', label: 'Báo cáo', match: (p) => startsWith('/bao-cao')(p) || startsWith('/in/bao-cao')(p), roles: REPORT_READERS },
  { href: '/don-vi', label: 'Danh mục đơn vị', match: startsWith('/don-vi') },
  { href: '/tai-lieu-api', label: 'Tài liệu API', match: startsWith('/tai-lieu-api'), roles: API_DOC_READERS },
  { href: '/quan-tri/nguoi-dung', label: 'Người dùng', match: startsWith('/quan-tri/nguoi-dung'), roles: ADMIN },
  { href: '/quan-tri/ma-api', label: 'Mã truy cập API', match: startsWith('/quan-tri/ma-api'), roles: ADMIN },
  { href: '/quan-tri/nhat-ky', label: 'Nhật ký', match: startsWith('/quan-tri/nhat-ky'), roles: ADMIN },
];

/** The navigation links `role` may follow. */
export function navFor(role) {
  return NAV.filter((item) => !item.roles || item.roles.includes(role));
}
