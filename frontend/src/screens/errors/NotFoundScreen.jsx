// A page path the app does not know, or one the user's role may not open.
import { Link } from '../../router.js';
import { useTitle } from '../../title.js';

export function NotFoundScreen() {
  useTitle('Không tìm thấy trang');
  return (
    <section class="card narrow-card">
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Không tìm thấy trang
      </h1>
      <p class="card-lead">Địa chỉ này không có trong hệ thống. Có thể đường dẫn đã bị gõ sai hoặc đã thay đổi.</p>
      <Link href="/" class="button">
        Về trang chủ
      </Link>
    </section>
  );
}

export function ForbiddenScreen() {
  useTitle('Không có quyền truy cập');
  return (
    <section class="card narrow-card">
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Không có quyền truy cập
      </h1>
      <p class="card-lead">Tài khoản của bạn không được phép mở trang này.</p>
      <Link href="/" class="button">
        Về trang chủ
      </Link>
    </section>
  );
}
