// Vietnamese names for the audit actions and object types the backend records
// (backend/src: audit_write calls). An action missing here is still listed, by its code.
export const ACTIONS = {
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập sai',
  'auth.locked': 'Tạm khóa do đăng nhập sai nhiều lần',
  'auth.login_disabled': 'Đăng nhập vào tài khoản đã vô hiệu hóa',
  'auth.logout': 'Đăng xuất',
  'auth.refresh_reused': 'Phiên đăng nhập bị dùng lại, đã thu hồi',
  'user.created': 'Tạo người dùng',
  'user.updated': 'Sửa người dùng',
  'user.password_reset': 'Cấp lại mật khẩu',
  'user.password_changed': 'Tự đổi mật khẩu',
  'api_token.created': 'Cấp mã truy cập API',
  'api_token.revoked': 'Thu hồi mã truy cập API',
};

export const OBJECT_TYPES = {
  user: 'Người dùng',
  login: 'Tên đăng nhập',
  session: 'Phiên đăng nhập',
  api_token: 'Mã truy cập API',
};

export function actionLabel(code) {
  return ACTIONS[code] || null;
}

export function objectTypeLabel(code) {
  return OBJECT_TYPES[code] || code;
}
