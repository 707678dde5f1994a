// The password rules of docs/accounts.md, as the user sees them, and the server's reasons
// (400 weak_password, details.reason) in Vietnamese.

export const MIN_LENGTH = 10;
export const MAX_LENGTH = 128;

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function passwordLength(p) {
  return [...p].length;
}

/** The rules with whether `password` meets them (null: only the server can tell). */
export function checkRules(password, username) {
  const n = passwordLength(password);
  return [
    { id: 'length', text: `Từ ${MIN_LENGTH} đến ${MAX_LENGTH} ký tự`, met: n >= MIN_LENGTH && n <= MAX_LENGTH },
    {
      id: 'username',
      text: 'Không trùng tên đăng nhập',
      met: password !== '' && password.toLowerCase() !== String(username || '').toLowerCase(),
    },
    { id: 'common', text: 'Không dùng mật khẩu phổ biến, dễ đoán (như 123456789a, matkhau123)', met: null },
  ];
}

const REASONS = {
  too_short: `Mật khẩu mới quá ngắn: cần ít nhất ${MIN_LENGTH} ký tự.`,
  too_long: `Mật khẩu mới quá dài: tối đa ${MAX_LENGTH} ký tự.`,
  common: 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.',
  same_as_username: 'Mật khẩu mới không được trùng tên đăng nhập.',
  unchanged: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
};

/** The message for a weak_password reason. */
export function weakPasswordMessage(reason) {
  return REASONS[reason] || 'Mật khẩu mới chưa đủ mạnh. Hãy chọn mật khẩu khác.';
}

/** The client-side check before sending; returns an error message or null. */
export function newPasswordProblem(password, username) {
  const n = passwordLength(password);
  if (n === 0) return 'Vui lòng nhập mật khẩu mới.';
  if (n < MIN_LENGTH) return REASONS.too_short;
  if (n > MAX_LENGTH) return REASONS.too_long;
  if (password.toLowerCase() === String(username || '').toLowerCase()) return REASONS.same_as_username;
  return null;
}
