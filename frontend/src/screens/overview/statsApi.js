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
 * The range week by week (days.js weekBuckets: at most 12 periods) from one /stats/overview
 * call per period: {weeks, items: [{from, to, raised, answered, hours}]}, `hours` the median
 * time to a first answer of the answers given that week (null when none).
 */
export function getWeeks(range, { signal } = {}) {
  const { weeks, items } = weekBuckets(range.from, range.to);
  return Promise.all(items.map((b) => getOverview(b, { signal }))).then((res) => ({
    weeks,
    items: items.map((b, i) => ({ ...b, raised: res[i].raised, answered: res[i].answered, hours: res[i].median_hours_to_answer })),
  }));
}
