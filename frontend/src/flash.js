// A one-time message carried to the next screen ("Đã đổi mật khẩu."), shown once and gone.
let message = null;

export function setFlash(text) {
  message = text;
}

/** Returns the pending message (or null) and forgets it. */
export function takeFlash() {
  const m = message;
  message = null;
  return m;
}
