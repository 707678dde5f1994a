// Strong one-time passwords for new accounts and resets: 16 random characters in four groups
// ("Kp7w-Rt3m-Xq9z-Hb4n"), easy to read aloud or type on a phone, without the look-alikes
// 0/O, 1/l/I. About 90 bits from crypto.getRandomValues.

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALL = LOWER + UPPER + DIGITS;

// A uniform index below n (rejection sampling: no modulo bias).
function randomIndex(n) {
  const limit = Math.floor(256 / n) * n;
  const byte = new Uint8Array(1);
  do crypto.getRandomValues(byte);
  while (byte[0] >= limit);
  return byte[0] % n;
}

export function generatePassword() {
  for (;;) {
    let chars = '';
    for (let i = 0; i < 16; i++) chars += ALL[randomIndex(ALL.length)];
    // Every class present, so no "must contain a digit" rule anywhere can refuse it.
    if (/[a-z]/.test(chars) && /[A-Z]/.test(chars) && /[0-9]/.test(chars)) {
      return chars.match(/.{4}/g).join('-');
    }
  }
}
