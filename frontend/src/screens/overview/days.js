// Calendar dates as the API writes them (YYYY-MM-DD): shown as dd/mm/yyyy, and a range cut
// into weeks for the weekly charts.

/** "2026-11-28" → "28/11/2026"; '' for nothing. */
export const formatDay = (iso) => (iso ? iso.split('-').reverse().join('/') : '');

const DAY = 86_400_000;
const toTime = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (t) => new Date(t).toISOString().slice(0, 10);

/** "1970-01-02" → 1: a date as a number of days, for a chart's time axis. */
export const dayNumber = (iso) => Math.round(toTime(iso) / DAY);

/**
 * The days from `from` to `to` (YYYY-MM-DD, both included) in periods of whole weeks counted
 * back from `to`, so the latest is a full week and only the oldest may be shorter; at most
 * `most` periods, a longer range getting periods of several weeks.
 * Returns {weeks: weeks per period, items: [{from, to}] oldest first}.
 */
export function weekBuckets(from, to, most = 12) {
  const first = toTime(from);
  const days = Math.round((toTime(to) - first) / DAY) + 1;
  const weeks = Math.max(1, Math.ceil(Math.ceil(days / 7) / most));
  const span = weeks * 7 * DAY;
  const items = [];
  for (let end = toTime(to); end >= first; end -= span) {
    items.unshift({ from: toIso(Math.max(first, end - span + DAY)), to: toIso(end) });
  }
  return { weeks, items };
}
