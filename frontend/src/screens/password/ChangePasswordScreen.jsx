// "Đổi mật khẩu" from the user menu. Changing it signs out the user's other sessions
// (other phones, other browsers); this one continues.
import { useState } from 'preact/hooks';
import { Notice } from '../../components/Notice.jsx';
import { useTitle } from '../../title.js';
import { ChangePasswordForm } from './ChangePasswordForm.jsx';

export function ChangePasswordScreen({ user }) {
  useTitle('Đổi mật khẩu');
  const [done, setDone] = useState(0);
  return (
    <section class="card narrow-card" aria-labelledby="page-title">
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Đổi mật khẩu
      </h1>
      <p class="card-lead">
        Sau khi đổi, các thiết bị khác đang đăng nhập bằng tài khoản <strong>{user.username}</strong> sẽ bị đăng
        xuất.
      </p>
      <Notice>{done > 0 && 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.'}</Notice>
      {/* A new key empties the form after a success. */}
      <ChangePasswordForm key={done} username={user.username} onDone={() => setDone((n) => n + 1)} />
    </section>
  );
}
