// The trainings and reporting API (docs/reporting.md) for the training, report and print
// screens. Built on api.js's request(), so the token, the refresh on a 401 and the error
// shape are the same; kept out of api.js so the first download does not carry it.
import { request } from './api.js';

const enc = encodeURIComponent;

/** A fresh Idempotency-Key: a retry of the same save sends the same one. */
export function newKey() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

// ---- Trainings (hội nghị tập huấn) ----

/** GET /trainings: {items, total, next_before}, newest first. */
export function listTrainings({ periodId, unitId, field, communeId, before, limit, signal } = {}) {
  return request('/v1/trainings', {
    params: { period_id: periodId, unit_id: unitId, field, commune_id: communeId, before, limit },
    signal,
  });
}

/** GET /trainings/{id}: the training with attendance, answered issues and recommendations. */
export function getTraining(id, { signal } = {}) {
  return request(`/v1/trainings/${enc(id)}`, { signal });
}

/** POST /trainings (the organizer is the caller's department) → 201 the training. */
export function createTraining(training, key) {
  return request('/v1/trainings', { method: 'POST', body: training, headers: { 'Idempotency-Key': key } });
}

/** PATCH /trainings/{id} with If-Match: the version read; lists given replace the old ones. */
export function updateTraining(id, version, changes) {
  return request(`/v1/trainings/${enc(id)}`, { method: 'PATCH', body: changes, headers: { 'If-Match': `"${version}"` } });
}

/** POST /trainings/{id}/recommendations {items} → {issue_ids}: raised as issues in one step. */
export function addRecommendations(id, items, key) {
  return request(`/v1/trainings/${enc(id)}/recommendations`, {
    method: 'POST',
    body: { items },
    headers: { 'Idempotency-Key': key },
  });
}

// ---- Periods ----

/** GET /periods: {items (newest first), total, current (the id of the period due next)}. */
export function listPeriods({ from, to, started, signal } = {}) {
  return request('/v1/periods', { params: { from, to, started }, signal });
}

/** POST /periods {code, name, starts_on, ends_on, report_deadline, consolidation_deadline}. */
export function createPeriod(period) {
  return request('/v1/periods', { method: 'POST', body: period });
}

/** PATCH /periods/{id} with If-Match: the version read (e.g. a deadline moved for a holiday). */
export function updatePeriod(id, version, changes) {
  return request(`/v1/periods/${enc(id)}`, { method: 'PATCH', body: changes, headers: { 'If-Match': `"${version}"` } });
}

// ---- A department's report ----

const reportPath = (periodId, unitId) => `/v1/periods/${enc(periodId)}/reports/${enc(unitId)}`;

/** GET the report: draft and compiled figures for the department and Sở Nội vụ, versions for all. */
export function getReport(periodId, unitId, { signal } = {}) {
  return request(reportPath(periodId, unitId), { signal });
}

// A report nobody has saved yet reads as version 0; the If-Match is optional, and the
// backend answers 412 to "0" (see docs/reporting.md), so the first save goes without one.
function versionHeader(version) {
  return version ? { 'If-Match': `"${version}"` } : {};
}

/** PUT the narrative (a draft) with If-Match: the version read → the report. */
export function saveReport(periodId, unitId, narrative, version) {
  return request(reportPath(periodId, unitId), { method: 'PUT', body: { narrative }, headers: versionHeader(version) });
}

/** POST …/submit (department head): freezes a new version → the report. */
export function submitReport(periodId, unitId) {
  return request(`${reportPath(periodId, unitId)}/submit`, { method: 'POST' });
}

/** POST …/return {reason} (Sở Nội vụ) → the report, now returned. */
export function returnReport(periodId, unitId, reason) {
  return request(`${reportPath(periodId, unitId)}/return`, { method: 'POST', body: { reason } });
}

/** GET …/export: the frozen version as a file → {blob, filename}. */
export function exportReport(periodId, unitId, { format, list, version }) {
  return request(`${reportPath(periodId, unitId)}/export`, { params: { format, list, version }, blob: true });
}

// ---- Compliance board and the consolidated report ----

/** GET /periods/{p}/compliance: {period, now, items: [{unit, status, …}]}. */
export function getCompliance(periodId, { signal } = {}) {
  return request(`/v1/periods/${enc(periodId)}/compliance`, { signal });
}

const consolidatedPath = (periodId) => `/v1/periods/${enc(periodId)}/consolidated`;

/** GET the consolidated report: live compilation for Sở Nội vụ, frozen versions for readers. */
export function getConsolidated(periodId, { signal } = {}) {
  return request(consolidatedPath(periodId), { signal });
}

/** PUT the consolidated narrative (a draft) → the consolidated report. */
export function saveConsolidated(periodId, narrative, version) {
  return request(consolidatedPath(periodId), { method: 'PUT', body: { narrative }, headers: versionHeader(version) });
}

/** POST …/consolidated/submit: freezes a new version → the consolidated report. */
export function submitConsolidated(periodId) {
  return request(`${consolidatedPath(periodId)}/submit`, { method: 'POST' });
}

/** GET …/consolidated/export → {blob, filename}. */
export function exportConsolidated(periodId, { format, list, version }) {
  return request(`${consolidatedPath(periodId)}/export`, { params: { format, list, version }, blob: true });
}

// ---- Issues a training answered (the department's own issues) ----

/** GET /issues for the picker: the department sees what it holds, leads, supports or answered. */
export function searchIssues({ q, limit = 20, signal } = {}) {
  return request('/v1/issues', { params: { q, limit, sort: 'created_desc' }, signal });
}
