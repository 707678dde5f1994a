// "Cấp lại mật khẩu": sets a new password (generated or typed) that the user must change at
// the next login; a generated one is shown once.
import { useState } from 'preact/hooks';
import { resetUserPassword } from '../../../api.js';
import { newPasswordProblem } from '../../password/passwordRules.js';
import { formErrors } from '../shared/errors.js';
import { generatePassword } from '../shared/generatePassword.js';
import { PasswordSetter } from '../shared/PasswordSetter.jsx';
import { SecretReveal } from '../shared/SecretReveal.jsx';

export function UserPasswordReset({ user, onDone }) {
  const [mode, setMode] = useState('generate');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    const next = mode === 'generate' ? generatePassword() : password;
    if (mode === 'manual') {
      const p = newPasswordProblem(password, user.username);
      if (p) {
        setErrors({ password: p.replace('Mật khẩu mới', 'Mật khẩu').replace('mật khẩu mới', 'mật khẩu') });
        document.getElementById('reset-password').focus();
        return;
      }
    }
    setErrors({});
    setBusy(true);
    try {
      await resetUserPassword(user.id, next);
      setResult({ password: mode === 'generate' ? next : null });
      setPassword('');
      onDone();
    } catch (err) {
      setErrors(formErrors(err, { password: 'password' }));
    }
    setBusy(false);
  }

  return (
    <form class="form card" onSubmit={submit} noValidate aria-labelledby="reset-title">
      <h2 id="reset-title" class="section-title">
        Cấp lại mật khẩu
      </h2>
      {result ? (
        <div role="status">
          <p class="notice notice-ok">
            Đã cấp lại mật khẩu. Mọi phiên đăng nhập của <strong>{user.username}</strong> đã kết thúc; người dùng phải
            đổi mật khẩu ở lần đăng nhập tới.
          </p>
          {result.password && (
            <SecretReveal
              id="reset-result"
              label="Mật khẩu mới"
              value={result.password}
              warning="Mật khẩu này chỉ hiển thị một lần. Hãy chuyển cho người dùng qua kênh an toàn."
            />
          )}
          <p class="actions">
            <button type="button" class="button button-secondary" onClick={() => setResult(null)}>
              Xong
            </button>
          </p>
        </div>
      ) : (
        <>
          {errors.form && (
            <p class="form-error" role="alert">
              {errors.form}
            </p>
          )}
          <PasswordSetter
            idPrefix="reset"
            legend="Mật khẩu mới"
            mode={mode}
            onMode={setMode}
            password={password}
            onPassword={setPassword}
            error={errors.password}
          />
          <p class="actions">
            <button type="submit" class="button button-secondary" disabled={busy}>
              {busy ? 'Đang cấp lại…' : 'Cấp lại mật khẩu'}
            </button>
          </p>
        </>
      )}
    </form>
  );
}
