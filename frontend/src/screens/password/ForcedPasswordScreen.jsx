// Shown instead of everything else while the account must change its password (a new account,
// or one an administrator reset): the server refuses every other call until it is done.
import { setFlash } from '../../flash.js';
import { navigate } from '../../router.js';
import { useTitle } from '../../title.js';
import { ChangePasswordForm } from './ChangePasswordForm.jsx';

export function ForcedPasswordScreen({ user }) {
  useTitle('Đổi mật khẩu lần đầu');
  return (
    <section class="card narrow-card" aria-labelledby="forced-title">
      <h1 id="forced-title" class="card-title" tabIndex={-1}>
        Đổi mật khẩu trước khi sử dụng
      </h1>
      <p class="card-lead">
        Xin chào <strong>{user.full_name}</strong>. Mật khẩu hiện tại của tài khoản <strong>{user.username}</strong> do
        quản trị hệ thống cấp, chỉ dùng một lần. Vui lòng đặt mật khẩu mới của riêng bạn để tiếp tục.
      </p>
      <ChangePasswordForm
        username={user.username}
        submitLabel="Đổi mật khẩu và tiếp tục"
        onDone={() => {
          setFlash('Đã đổi mật khẩu. Từ nay hãy đăng nhập bằng mật khẩu mới.', '/');
          navigate('/', { replace: true });
        }}
      />
    </section>
  );
}
