// Turning an API refusal of an admin form into messages next to the right fields.
import { weakPasswordMessage } from '../../password/passwordRules.js';

/**
 * {field: message} for a failed POST/PATCH. `fieldOf` maps the server's field names to the
 * form's. Anything that cannot be placed next to a field goes to `form`.
 */
export function formErrors(err, fieldOf = {}) {
  if (!err || err.name === 'AbortError') return {};
  const details = err.details || {};
  switch (err.code) {
    case 'conflict':
      return { username: 'Tên đăng nhập này đã có người dùng (không phân biệt chữ hoa, chữ thường).' };
    case 'role_unit_mismatch':
      return { unit: 'Đơn vị này không phù hợp với vai trò đã chọn.' };
    case 'weak_password':
      return { password: weakPasswordMessage(details.reason).replace('Mật khẩu mới', 'Mật khẩu') };
    default: {
      const field = fieldOf[details.field || details.parameter];
      if (field && err.status >= 400 && err.status < 500) return { [field]: err.message };
      return { form: err.message || 'Chưa lưu được. Vui lòng thử lại.' };
    }
  }
}
