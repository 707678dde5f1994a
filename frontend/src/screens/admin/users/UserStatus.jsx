// Disabling an account (with a confirmation: it signs the user out at once) or enabling it.
import { useState } from 'preact/hooks';
import { updateUser } from '../../../api.js';
import { Confirm, useFocusBack } from '../../../components/Confirm.jsx';
import { ErrorMessage } from '../../../components/ErrorMessage.jsx';
import { Notice } from '../../../components/Notice.jsx';

export function UserStatus({ user, self, onSaved }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const triggerRef = useFocusBack(confirming);

  async function save(disabled) {
    setBusy(true);
    setError(null);
    try {
      const next = await updateUser(user.id, { disabled });
      setDone(disabled ? 'Đã vô hiệu hóa tài khoản.' : 'Đã mở lại tài khoản.');
      setConfirming(false);
      onSaved(next);
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  }

  return (
    <section class="card" aria-labelledby="status-title">
      <h2 id="status-title" class="section-title">
        Trạng thái
      </h2>
      <p class="badges">
        {user.disabled ? (
          <span class="badge badge-bad">Đã vô hiệu hóa</span>
        ) : (
          <span class="badge badge-ok">Đang hoạt động</span>
        )}
        {user.must_change_password && <span class="badge">Chưa đổi mật khẩu ban đầu</span>}
      </p>
      <Notice>{done}</Notice>
      {error && <ErrorMessage title="Chưa lưu được trạng thái." error={error} />}
      {user.disabled ? (
        <p class="actions">
          <button type="button" class="button button-secondary" disabled={busy} onClick={() => save(false)}>
            {busy ? 'Đang lưu…' : 'Mở lại tài khoản'}
          </button>
        </p>
      ) : self ? (
        <p class="field-hint">Bạn không thể tự vô hiệu hóa tài khoản đang dùng.</p>
      ) : confirming ? (
        <Confirm
          question={
            <>
              Vô hiệu hóa tài khoản <strong>{user.username}</strong>? Người dùng bị đăng xuất ngay và không đăng nhập
              được cho đến khi được mở lại.
            </>
          }
          confirmLabel="Vô hiệu hóa"
          busy={busy}
          onConfirm={() => save(true)}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <p class="actions">
          <button
            type="button"
            class="button button-secondary"
            ref={triggerRef}
            onClick={() => {
              setDone(null);
              setConfirming(true);
            }}
          >
            Vô hiệu hóa tài khoản…
          </button>
        </p>
      )}
    </section>
  );
}
