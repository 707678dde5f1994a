// The login screen, the only page shown before signing in: username, password with a
// show/hide toggle, clear Vietnamese messages for every way a login can fail, and the system
// status line so "cannot connect" is told apart from "wrong password".
import { useRef, useState } from 'preact/hooks';
import { login } from '../../api.js';
import { HealthStatus } from '../../components/HealthStatus.jsx';
import { PasswordField } from '../../components/PasswordField.jsx';
import { TextField } from '../../components/Field.jsx';
import { useTitle } from '../../title.js';
import { Link } from '../../router.js';
import { loginErrorMessage } from './loginErrors.js';

const REASONS = {
  logout: 'Bạn đã đăng xuất.',
  expired: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
};

export function LoginScreen({ reason }) {
  useTitle('Đăng nhập');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef(null);
  const passwordRef = useRef(null);

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    const name = username.trim();
    const errors = {};
    if (!name) errors.username = 'Vui lòng nhập tên đăng nhập.';
    if (!password) errors.password = 'Vui lòng nhập mật khẩu.';
    setFieldErrors(errors);
    setError(null);
    if (errors.username) return usernameRef.current.focus();
    if (errors.password) return passwordRef.current.focus();

    setBusy(true);
    try {
      await login({ username: name, password });
      // The session store re-renders the app; nothing more to do here.
    } catch (err) {
      setError(loginErrorMessage(err));
      setBusy(false);
    }
  }

  return (
    <div class="login-page">
      <section class="card login-card" aria-labelledby="login-title">
        <h2 id="login-title" class="card-title">
          Đăng nhập
        </h2>
        {reason && REASONS[reason] && !error && (
          <p class="notice notice-info" role="status">
            {REASONS[reason]}
          </p>
        )}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <form class="form" onSubmit={submit} noValidate>
          <TextField
            id="login-username"
            label="Tên đăng nhập"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            autocorrect="off"
            spellcheck={false}
            maxLength={64}
            required
            value={username}
            error={fieldErrors.username}
            inputRef={usernameRef}
            onInput={(e) => {
              setUsername(e.currentTarget.value);
              if (fieldErrors.username) setFieldErrors({ ...fieldErrors, username: null });
            }}
          />
          <PasswordField
            id="login-password"
            label="Mật khẩu"
            name="password"
            autocomplete="current-password"
            maxLength={128}
            required
            value={password}
            error={fieldErrors.password}
            inputRef={passwordRef}
            onInput={(e) => {
              setPassword(e.currentTarget.value);
              if (fieldErrors.password) setFieldErrors({ ...fieldErrors, password: null });
            }}
          />
          <button type="submit" class="button button-block" disabled={busy}>
            {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
          </button>
        </form>
        <p class="login-help">Quên mật khẩu? Hãy liên hệ quản trị hệ thống để được cấp lại mật khẩu.</p>
      </section>
      <HealthStatus />
      <p class="login-help">
        <Link href="/tai-lieu-api">Tài liệu API</Link> ·{' '}
        <Link href="/tai-lieu-api/huong-dan">Hướng dẫn dùng API báo cáo</Link>
      </p>
    </div>
  );
}
