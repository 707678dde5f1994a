// Deadlines and durations as officials say them, always in Vietnam time: "trước 09:00 thứ
// Năm, 03/12/2026", "còn 4 ngày 22 giờ", "đã quá hạn 2 giờ 5 phút"; the date line of an
// administrative document; and moments typed as dd/mm/yyyy + HH:mm sent as ISO with +07:00.
import { useEffect, useState } from 'preact/hooks';
import { isoDate, parseDate } from '../../dates.js';
import { formatDate, formatTime } from '../../format.js';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const WEEKDAYS = { Mon: 'thứ Hai', Tue: 'thứ Ba', Wed: 'thứ Tư', Thu: 'thứ Năm', Fri: 'thứ Sáu', Sat: 'thứ Bảy', Sun: 'Chủ nhật' };
const weekdayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, weekday: 'short' });
const partsFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' });

/** "thứ Năm" for a moment, in Vietnam. */
export function weekday(value) {
  return WEEKDAYS[weekdayFormat.format(new Date(value))] || '';
}

/** "trước 09:00 thứ Năm, 03/12/2026" — a deadline is a moment before which to send. */
export function deadlineText(value) {
  if (!value) return '';
  return `trước ${formatTime(value)} ${weekday(value)}, ${formatDate(value)}`;
}

/** "4 ngày 22 giờ", "3 giờ 12 phút", "8 phút", "dưới 1 phút" for a number of seconds. */
export function durationText(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  if (hours > 0) return minutes > 0 ? `${hours} giờ ${minutes} phút` : `${hours} giờ`;
  if (minutes > 0) return `${minutes} phút`;
  return 'dưới 1 phút';
}

/** {past, text}: "còn 4 ngày 22 giờ" before the deadline, "đã quá hạn 2 giờ" after. */
export function countdown(deadline, now = Date.now()) {
  const left = (new Date(deadline).getTime() - now) / 1000;
  return left > 0 ? { past: false, text: `còn ${durationText(left)}` } : { past: true, text: `đã quá hạn ${durationText(-left)}` };
}

/** Re-renders every `ms` milliseconds; returns the current time in ms. */
export function useNow(ms = 30_000) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** {d, m, y} of a moment in Vietnam. */
export function vnDateParts(value) {
  const out = {};
  for (const p of partsFormat.formatToParts(new Date(value))) out[p.type] = Number(p.value);
  return { d: out.day, m: out.month, y: out.year };
}

/**
 * "Thanh Hóa, ngày 03 tháng 12 năm 2026" (Nghị định 30/2020/NĐ-CP: days below 10 and the
 * months 1 and 2 take a leading zero).
 */
export function documentDateLine(value, place = 'Thanh Hóa') {
  const { d, m, y } = vnDateParts(value);
  const day = d < 10 ? `0${d}` : String(d);
  const month = m < 3 ? `0${m}` : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "08:30" (also "8:30", "8h30", "0830") → {h, m}, or null. */
export function parseTime(text) {
  const m = /^\s*(\d{1,2})\s*[:hH.]?\s*(\d{2})\s*$/.exec(String(text));
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return { h, m: min };
}

const pad = (n) => String(n).padStart(2, '0');

/** dd/mm/yyyy and HH:mm typed in Vietnam time → "2026-12-03T09:00:00+07:00", or null. */
export function vnMoment(dateText, timeText) {
  const date = parseDate(dateText);
  const time = parseTime(timeText);
  if (!date || !time) return null;
  return `${isoDate(date)}T${pad(time.h)}:${pad(time.m)}:00+07:00`;
}

/** "2026-12-03" (a calendar date from the API) → "03/12/2026". */
export function showIsoDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}
