// What to tell someone whose login failed, for each answer of POST /auth/login (and nginx's
// rate limit in front of it). Messages are Vietnamese and say what to do next.

/** Whole minutes to wait, from details.retry_after_s or the Retry-After header. */
function minutesToWait(err) {
  const seconds = Number((err.details && err.details.retry_after_s) ?? err.retryAfter);
  return Number.isFinite(seconds) && seconds > 0 ? Math.max(1, Math.ceil(seconds / 60)) : null;
}

export function loginErrorMessage(err) {
  switch (err && err.code) {
    case 'invalid_credentials':
      return 'Tên đăng nhập hoặc mật khẩu không đúng.';
    case 'account_locked': {
      const minutes = minutesToWait(err);
      return minutes
        ? `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${minutes} phút.`
        : 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ít phút.';
    }
    case 'account_disabled':
      return 'Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống của đơn vị.';
    case 'too_many_requests':
      return 'Có quá nhiều lần đăng nhập từ thiết bị này. Vui lòng đợi một phút rồi thử lại.';
    case 'network':
      return 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.';
    default:
      if (err && err.status >= 500) return 'Máy chủ đang gặp sự cố, chưa đăng nhập được. Vui lòng thử lại sau ít phút.';
      return (err && err.message) || 'Đăng nhập không thành công. Vui lòng thử lại.';
  }
}
