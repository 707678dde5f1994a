// The statistics API (docs/openapi.json, /stats/*) for the province overview. Only the overview
// chunk imports it.
import { request } from '../../api.js';

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
