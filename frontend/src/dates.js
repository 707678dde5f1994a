// Dates typed by people (dd/mm/yyyy) and calendar arithmetic in Vietnam's time zone, for
// expiry dates and audit-log filters. Calendar dates are plain {y, m, d} objects.

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** "28/11/2026" (also "28-11-2026", "28.11.2026", "1/2/2026") → {y, m, d}, or null if not a real date. */
export function parseDate(text) {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(String(text));
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return { y, m: mo, d };
}

/** {y, m, d} → "28/11/2026" */
export function showDate(date) {
  return `${pad(date.d)}/${pad(date.m)}/${date.y}`;
}

/** {y, m, d} → "2026-11-28" */
export function isoDate(date) {
  return `${date.y}-${pad(date.m)}-${pad(date.d)}`;
}

/** Today's date in Vietnam, whatever the phone's time zone. */
export function today() {
  const parts = {};
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  for (const p of fmt.formatToParts(new Date())) parts[p.type] = p.value;
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day) };
}

/** The date `days` days after `date`. */
export function addDays(date, days) {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The same day `months` months later, or the month's last day (31/01 + 1 → 28/02). */
export function addMonths(date, months) {
  const first = new Date(Date.UTC(date.y, date.m - 1 + months, 1));
  const y = first.getUTCFullYear();
  const m = first.getUTCMonth() + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: Math.min(date.d, last) };
}

/** Negative, zero or positive as a is before, the same as or after b. */
export function compareDates(a, b) {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}
