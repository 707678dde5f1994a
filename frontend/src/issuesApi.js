// The issues API (docs/issues.md) for the issue, library and notification screens. Built on
// api.js's request(), so the token, the refresh on a 401 and the error shape are the same; kept
// out of api.js so the first download does not carry it (only these screens import it).
import { request } from './api.js';

const enc = encodeURIComponent;

/** GET /issues: {items, total, next_cursor}. `params` uses the API's names (state, field, …). */
export function listIssues(params, { signal } = {}) {
  return request('/v1/issues', { params, signal });
}

/** GET /issues/{id}: the issue with allowed_actions and version. */
export function getIssue(id, { signal } = {}) {
  return request(`/v1/issues/${enc(id)}`, { signal });
}

/** GET /issues/{id}/events: {items} oldest first. */
export function getIssueEvents(id, { signal } = {}) {
  return request(`/v1/issues/${enc(id)}/events`, { signal });
}

/** POST /issues with an Idempotency-Key → the new issue. */
export function createIssue(issue, key) {
  return request('/v1/issues', { method: 'POST', body: issue, headers: { 'Idempotency-Key': key } });
}

/** PATCH /issues/{id} with If-Match: the version that was read → the issue. */
export function updateIssue(id, version, changes) {
  return request(`/v1/issues/${enc(id)}`, { method: 'PATCH', body: changes, headers: { 'If-Match': `"${version}"` } });
}

/**
 * POST /issues/{id}/transitions {action, ...inputs} → the issue. Sent with the version read
 * (If-Match, so nobody acts on a state that has changed) and an Idempotency-Key.
 */
export function applyAction(id, version, action, inputs, key) {
  const headers = { 'Idempotency-Key': key };
  if (version != null) headers['If-Match'] = `"${version}"`;
  return request(`/v1/issues/${enc(id)}/transitions`, { method: 'POST', body: { action, ...inputs }, headers });
}

/** POST /issues/{id}/comments {text} → {id}. */
export function addComment(id, text) {
  return request(`/v1/issues/${enc(id)}/comments`, { method: 'POST', body: { text } });
}

/** POST /issues/{id}/attachments?filename=… with the file as the body → {id, filename, …}. */
export function uploadAttachment(id, file, filename) {
  return request(`/v1/issues/${enc(id)}/attachments`, { method: 'POST', params: { filename }, raw: file });
}

/** GET /attachments/{id} → {blob, filename}. */
export function downloadAttachment(id) {
  return request(`/v1/attachments/${enc(id)}`, { blob: true });
}

/** GET /issue-groups: {items, total} of the caller's department. */
export function listGroups({ signal } = {}) {
  return request('/v1/issue-groups', { signal });
}

/** GET /issue-groups/{id}: {id, title, created_at, issues}. */
export function getGroup(id, { signal } = {}) {
  return request(`/v1/issue-groups/${enc(id)}`, { signal });
}

/** POST /issue-groups {title, issue_ids} → the group. */
export function createGroup(title, issueIds) {
  return request('/v1/issue-groups', { method: 'POST', body: { title, issue_ids: issueIds } });
}

/** POST /issue-groups/{id}/answer {answer, legal_basis?, shareable?}: answers every member. */
export function answerGroup(id, answer, key) {
  return request(`/v1/issue-groups/${enc(id)}/answer`, { method: 'POST', body: answer, headers: { 'Idempotency-Key': key } });
}

/** GET /library?q=&field=&before=&limit=: {items, total, next_cursor}. */
export function listLibrary(params, { signal } = {}) {
  return request('/v1/library', { params, signal });
}

/** GET /notifications?unread=&before=&limit=: {items, unread, next_before}. */
export function listNotifications(params, { signal } = {}) {
  return request('/v1/notifications', { params, signal });
}

/** POST /notifications/read with {ids} or {all: true} → {marked, unread}. */
export function markNotificationsRead(which) {
  return request('/v1/notifications/read', { method: 'POST', body: which });
}
