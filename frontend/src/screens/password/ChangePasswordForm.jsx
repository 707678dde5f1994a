// The form behind both password screens: current password, new password (with the rules
// shown and ticked off), the new one again. PUT /me/password answers with a new session.
import { useRef, useState } from 'preact/hooks';
import { changePassword } from '../../api.js';
import { PasswordField } from '../../components/PasswordField.jsx';
import { PasswordRules } from './PasswordRules.jsx';
import { newPasswordProblem, weakPasswordMessage } from './passwordRules.js';

// Answers meaning "the current password you typed is wrong".
const WRONG_CURRENT = new Set(['invalid_credentials', 'wrong_password', 'invalid_password', 'invalid_current_password']);

function serverErrors(err) {
  if (err.code === 'weak_password') return { newPassword: weakPasswordMessage(err.details && err.details.reason) };
  const field = err.details && (err.details.field || err.details.parameter);
  if (WRONG_CURRENT.has(err.code) || field === 'current_password') {
    return { current: 'Mật khẩu hiện tại không đúng.' };
  }
  if (err.code === 'account_locked') {
    return { form: 'Nhập sai mật khẩu hiện tại nhiều lần, tài khoản tạm khóa. Vui lòng thử lại sau.' };
  }
  return { form: err.message || 'Chưa đổi được mật khẩu. Vui lòng thử lại.' };
}

export function ChangePasswordForm({ username, submitLabel = 'Đổi mật khẩu', onDone }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const edited = (key, set) => (e) => {
    set(e.currentTarget.value);
    setErrors((old) => (old[key] ? { ...old, [key]: null } : old));
  };
  const refs = { current: useRef(null), newPassword: useRef(null), again: useRef(null) };

  function focusFirst(found) {
    for (const key of ['current', 'newPassword', 'again']) {
      if (found[key]) return refs[key].current && refs[key].current.focus();
    }
    return undefined;
  }

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    const found = {};
    if (!current) found.current = 'Vui lòng nhập mật khẩu hiện tại.';
    const problem = newPasswordProblem(next, username);
    if (problem) found.newPassword = problem;
    else if (next === current) found.newPassword = 'Mật khẩu mới phải khác mật khẩu hiện tại.';
    if (!problem && again !== next) found.again = 'Mật khẩu nhập lại không khớp với mật khẩu mới.';
    setErrors(found);
    if (Object.keys(found).length) return focusFirst(found);

    setBusy(true);
    try {
      await changePassword({ currentPassword: current, newPassword: next });
      if (onDone) onDone();
    } catch (err) {
      const found2 = serverErrors(err);
      setErrors(found2);
      setBusy(false);
      focusFirst(found2);
    }
  }

  return (
    <form class="form" onSubmit={submit} noValidate>
      {errors.form && (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      )}
      {/* Lets password managers file the new password under the right name. */}
      <input type="text" class="visually-hidden" name="username" autocomplete="username" value={username} readOnly tabIndex={-1} aria-hidden="true" />
      <PasswordField
        id="pw-current"
        label="Mật khẩu hiện tại"
        name="current-password"
        autocomplete="current-password"
        value={current}
        error={errors.current}
        inputRef={refs.current}
        onInput={edited('current', setCurrent)}
      />
      <PasswordField
        id="pw-new"
        label="Mật khẩu mới"
        name="new-password"
        autocomplete="new-password"
        hint={<PasswordRules id="pw-rules" password={next} username={username} />}
        value={next}
        error={errors.newPassword}
        inputRef={refs.newPassword}
        onInput={edited('newPassword', setNext)}
      />
      <PasswordField
        id="pw-again"
        label="Nhập lại mật khẩu mới"
        name="new-password-again"
        autocomplete="new-password"
        value={again}
        error={errors.again}
        inputRef={refs.again}
        onInput={edited('again', setAgain)}
      />
      <button type="submit" class="button" disabled={busy}>
        {busy ? 'Đang lưu…' : submitLabel}
      </button>
    </form>
  );
}
