// The app's top level: restoring the session at start-up, the login screen for anyone not
// signed in, the forced password change while the account must change it, and otherwise the
// shell (header, navigation, the screen for the current path, footer).
import { useEffect, useRef, useState } from 'preact/hooks';
import { logout } from './api.js';
import { AppHeader } from './components/AppHeader.jsx';
import { ErrorMessage } from './components/ErrorMessage.jsx';
import { Header } from './components/Header.jsx';
import { lazy } from './components/Lazy.jsx';
import { Loading } from './components/Loading.jsx';
import { Notice } from './components/Notice.jsx';
import { useFlash } from './flash.js';
import { navigate, useLocation } from './router.js';
import { findRoute, navFor, publicRoute } from './routes.js';
import { ForbiddenScreen, NotFoundScreen } from './screens/errors/NotFoundScreen.jsx';
import { LoginScreen } from './screens/login/LoginScreen.jsx';
import { useSession } from './session.js';

const LOGIN_PATH = '/dang-nhap';
const ForcedPasswordScreen = lazy(() => import('./screens/password/index.js').then((m) => m.ForcedPasswordScreen));

function Frame({ header, children }) {
  return (
    <>
      <a class="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      {header}
      <main id="main" class="site-main container" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="container">Ủy ban nhân dân tỉnh Thanh Hóa · Hệ thống Thông suốt</div>
      </footer>
    </>
  );
}

export function App() {
  const session = useSession();
  const { path } = useLocation();
  // Where an anonymous visitor wanted to go, to get there after logging in.
  const returnTo = useRef(null);

  const anonymous = session.status === 'anonymous';
  // Pages anyone may read (the API reference) are shown without signing in.
  const open = anonymous ? publicRoute(path) : null;
  useEffect(() => {
    if (anonymous && path !== LOGIN_PATH && !open) {
      if (session.reason !== 'logout') returnTo.current = path + window.location.search;
      navigate(LOGIN_PATH, { replace: true });
    } else if (session.status === 'authenticated' && path === LOGIN_PATH) {
      const to = returnTo.current && returnTo.current !== LOGIN_PATH ? returnTo.current : '/';
      returnTo.current = null;
      navigate(to, { replace: true });
    }
  }, [anonymous, session.status, session.reason, path, open !== null]);

  if (session.status === 'restoring') {
    return (
      <Frame header={<Header />}>
        <Loading>Đang kiểm tra phiên đăng nhập…</Loading>
      </Frame>
    );
  }
  if (open) {
    const Screen = open.route.screen;
    return (
      <Frame header={<Header />}>
        <Screen user={null} params={open.params} />
      </Frame>
    );
  }
  if (anonymous) {
    return (
      <Frame header={<Header />}>
        <LoginScreen reason={session.reason} />
      </Frame>
    );
  }
  return <Shell user={session.user} path={path} />;
}

function Shell({ user, path }) {
  const [loggingOut, setLoggingOut] = useState(false);
  const [logoutError, setLogoutError] = useState(null);
  const flash = useFlash(path);
  const firstPath = useRef(path);

  // After a navigation, move focus to the new page so screen readers start there.
  useEffect(() => {
    if (path === firstPath.current) return;
    firstPath.current = null;
    const target = document.getElementById('page-title') || document.getElementById('main');
    if (target) target.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);

  async function onLogout() {
    setLoggingOut(true);
    setLogoutError(null);
    try {
      await logout();
    } catch (err) {
      setLogoutError(err);
      setLoggingOut(false);
    }
  }

  const mustChange = user.must_change_password;
  const found = mustChange ? null : findRoute(path);
  let content;
  if (mustChange) content = <ForcedPasswordScreen user={user} />;
  else if (!found) content = <NotFoundScreen />;
  else if (found.route.roles && !found.route.roles.includes(user.role)) content = <ForbiddenScreen />;
  else {
    const Screen = found.route.screen;
    content = <Screen user={user} params={found.params} />;
  }

  return (
    <Frame
      header={
        <AppHeader
          user={user}
          nav={mustChange ? [] : navFor(user.role)}
          path={path}
          onLogout={onLogout}
          loggingOut={loggingOut}
          restricted={mustChange}
        />
      }
    >
      {logoutError && <ErrorMessage title="Chưa đăng xuất được." error={logoutError} onRetry={onLogout} />}
      <Notice>{flash}</Notice>
      {content}
    </Frame>
  );
}
