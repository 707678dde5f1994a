// The statistics API (docs/openapi.json, /stats/*) for the province overview. Only the overview
// chunk imports it.
import { request } from '../../api.js';
import { weekBuckets } from './days.js';

/** GET /stats/overview: raised, answered, escalated, closed, open, overdue, median hours, trainings. */
export function getOverview(params, { signal } = {}) {
  return request('/v1/stats/overview', { params, signal });
}

/** GET /stats/breakdown?by=field|commune|department|level|period: {items: [{key, name, raised, …}]}. */
export function getBreakdown(by, params, { signal } = {}) {
  return request('/v1/stats/breakdown', { params: { ...params, by }, signal });
}

/** GET /stats/smooth: {smooth_days, communes, items: [{date, smooth, share}]}. */
export function getSmooth(params, { signal } = {}) {
  return request('/v1/stats/smooth', { params, signal });
}

/**
 * The range week by week in one call (GET /stats/weekly): periods of whole weeks counted back
 * from `to`, at most 12 (days.js weekBuckets picks the weeks per period). Returns
 * {weeks, items: [{from, to, raised, answered, hours}]}, `hours` the median time to a first
 * answer of the answers given in the period (null when none).
 */
export function getWeeks(range, { signal } = {}) {
  const { weeks } = weekBuckets(range.from, range.to);
  return request('/v1/stats/weekly', { params: { from: range.from, to: range.to, weeks }, signal })
    .then((res) => ({
      weeks: res.weeks,
      items: res.items.map((p) => ({ from: p.from, to: p.to, raised: p.raised, answered: p.answered, hours: p.median_hours_to_answer })),
    }));
}
