// The page paths of the app: what each shows, who may open it, and the main navigation.
// Only the home page is in the first download; the other screens come on demand (the
// administration screens in one chunk that only administrators ever fetch).
import { lazy } from './components/Lazy.jsx';
import { matchPath } from './router.js';
import { HomeScreen } from './screens/home/HomeScreen.jsx';

const UnitsScreen = lazy(() => import('./screens/units/UnitsScreen.jsx').then((m) => m.UnitsScreen));
const ChangePasswordScreen = lazy(() => import('./screens/password/index.js').then((m) => m.ChangePasswordScreen));

const admin = (name) => lazy(() => import('./screens/admin/index.js').then((m) => m[name]));
const UsersScreen = admin('UsersScreen');
const UserCreateScreen = admin('UserCreateScreen');
const UserEditScreen = admin('UserEditScreen');
const TokensScreen = admin('TokensScreen');
const AuditScreen = admin('AuditScreen');

const ADMIN = ['admin'];

export const ROUTES = [
  { path: '/', screen: HomeScreen },
  { path: '/don-vi', screen: UnitsScreen },
  { path: '/doi-mat-khau', screen: ChangePasswordScreen },
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

const startsWith = (prefix) => (path) => path === prefix || path.startsWith(`${prefix}/`);

const NAV = [
  { href: '/', label: 'Trang chủ', match: (p) => p === '/' },
  { href: '/don-vi', label: 'Danh mục đơn vị', match: startsWith('/don-vi') },
  { href: '/quan-tri/nguoi-dung', label: 'Người dùng', match: startsWith('/quan-tri/nguoi-dung'), roles: ADMIN },
  { href: '/quan-tri/ma-api', label: 'Mã truy cập API', match: startsWith('/quan-tri/ma-api'), roles: ADMIN },
  { href: '/quan-tri/nhat-ky', label: 'Nhật ký', match: startsWith('/quan-tri/nhat-ky'), roles: ADMIN },
];

/** The navigation links `role` may follow. */
export function navFor(role) {
  return NAV.filter((item) => !item.roles || item.roles.includes(role));
}
