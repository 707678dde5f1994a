// The header once signed in: product name (a link home), who is signed in — full name, role
// in Vietnamese, unit — the account menu, and the main navigation.
import { roleLabel } from '../roles.js';
import { Link } from '../router.js';
import { Bell } from '../screens/notifications/Bell.jsx';
import { UserMenu } from './UserMenu.jsx';

export function AppHeader({ user, nav, path, onLogout, loggingOut, restricted }) {
  return (
    <header class="site-header app-header">
      <div class="container">
        <div class="app-header-top">
          <Link href="/" class="brand">
            Thông suốt
          </Link>
          <div class="app-header-tools">
            {!restricted && user.role !== 'admin' && <Bell path={path} />}
            <UserMenu onLogout={onLogout} busy={loggingOut} restricted={restricted} />
          </div>
        </div>
        <p class="who">
          <span class="who-name">{user.full_name}</span>
          <span class="who-role">
            {roleLabel(user.role)}
            {user.unit && user.unit.name && <> · {user.unit.name}</>}
          </span>
        </p>
      </div>
      {nav.length > 0 && (
        <nav class="main-nav" aria-label="Điều hướng chính">
          <ul class="container main-nav-list">
            {nav.map((item) => {
              const active = item.match(path);
              return (
                <li key={item.href}>
                  <Link href={item.href} class="main-nav-link" aria-current={active ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
    </header>
  );
}
