// Display formats Vietnamese officials expect: dates dd/mm/yyyy, times HH:mm, always in
// Asia/Ho_Chi_Minh whatever the phone's own time zone, numbers with Vietnamese grouping.

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric',
});
const timeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const numberFormat = new Intl.NumberFormat('vi-VN');

function toDate(value) {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

// Built from parts so the separators never depend on the locale data the browser ships.
function pick(format, d) {
  const out = {};
  for (const p of format.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** "28/11/2026"; '' for a missing or invalid value. */
export function formatDate(value) {
  const d = value == null ? null : toDate(value);
  if (!d) return '';
  const p = pick(dateParts, d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "14:40"; '' for a missing or invalid value. */
export function formatTime(value) {
  const d = value == null ? null : toDate(value);
  if (!d) return '';
  const p = pick(timeParts, d);
  return `${p.hour}:${p.minute}`;
}

/** "14:40 28/11/2026" — the order used in Vietnamese administrative writing. */
export function formatDateTime(value) {
  const t = formatTime(value);
  return t ? `${t} ${formatDate(value)}` : '';
}

/** "1.234" */
export function formatNumber(n) {
  return numberFormat.format(n);
}
