// Client-side checks of the user form, matching docs/accounts.md, so most mistakes are shown
// before a round trip. The server checks again.

export const USERNAME_RE = /^[a-z0-9._-]{3,64}$/;

export function usernameProblem(username) {
  if (!username) return 'Vui lòng nhập tên đăng nhập.';
  if (username.length < 3 || username.length > 64) return 'Tên đăng nhập dài từ 3 đến 64 ký tự.';
  if (!USERNAME_RE.test(username)) {
    return 'Chỉ dùng chữ thường không dấu (a–z), chữ số, dấu chấm (.), gạch dưới (_) và gạch ngang (-).';
  }
  return null;
}

export function fullNameProblem(name) {
  const n = name.trim();
  if (!n) return 'Vui lòng nhập họ và tên.';
  if ([...n].length > 200) return 'Họ và tên dài tối đa 200 ký tự.';
  return null;
}
