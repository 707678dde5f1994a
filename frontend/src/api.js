// The one place the SPA talks to the backend. Every call goes through send(), which turns
// the API's error shape {"error":{"code","message","details"}} — or a network failure, or a
// non-JSON reply from a proxy — into an ApiError the screens can show and retry; request()
// adds the access token and the one refresh-and-retry on a 401.

import { accessToken, endSession, requirePasswordChange, startSession } from './session.js';

const BASE = '/api';

/** An API failure. `status` is the HTTP status (0 when the request never got an answer). */
export class ApiError extends Error {
  constructor(status, code, message, details = null, body = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.body = body; // the parsed JSON body, when there was one
  }
}

// Messages for failures that carry no message from the server.
const FALLBACK_MESSAGES = {
  network: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  bad_response: 'Máy chủ trả về dữ liệu không hợp lệ.',
  http: 'Máy chủ gặp lỗi khi xử lý yêu cầu.',
};

function queryString(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// The file name of a download: filename*=UTF-8''… (RFC 5987) first, then filename="…".
function dispositionName(header) {
  const h = header || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(h);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]*)"/i.exec(h);
  return plain ? plain[1] : '';
}

// Sends one request and returns the parsed JSON body of a 2xx answer (null for 204).
// Throws ApiError for anything else; an AbortError passes through untouched.
// `headers` adds request headers (Idempotency-Key, If-Match); `raw` sends a Blob (a file) as
// the body unchanged; `blob` asks for a download: {blob, filename} instead of JSON.
async function send(path, { method = 'GET', params, body, raw, headers: extra, blob, signal, token }) {
  const headers = { Accept: blob ? '*/*' : 'application/json', ...extra };
  const init = { method, headers, signal, credentials: 'same-origin' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (raw !== undefined) {
    headers['Content-Type'] = raw.type || 'application/octet-stream';
    init.body = raw;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(BASE + path + queryString(params), init);
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', FALLBACK_MESSAGES.network);
  }
  if (response.status === 204) return null;
  if (blob && response.ok) {
    return { blob: await response.blob(), filename: dispositionName(response.headers.get('Content-Disposition')) };
  }

  let data = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      data = await response.json();
    } catch (err) {
      if (err && err.name === 'AbortError') throw err;
      throw new ApiError(response.status, 'bad_response', FALLBACK_MESSAGES.bad_response);
    }
  }

  if (response.ok) {
    if (data === null) throw new ApiError(response.status, 'bad_response', FALLBACK_MESSAGES.bad_response);
    return data;
  }
  const e = data && data.error;
  const error =
    e && typeof e.code === 'string'
      ? new ApiError(response.status, e.code, e.message || FALLBACK_MESSAGES.http, e.details ?? null, data)
      : new ApiError(response.status, 'http', `${FALLBACK_MESSAGES.http} (mã ${response.status})`, null, data);
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') || '', 10);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) error.retryAfter = retryAfter;
  throw error;
}

// A 401 that means "your token is no good" rather than "that password is wrong".
function isStaleToken(err) {
  return err instanceof ApiError && err.status === 401 && err.code !== 'invalid_credentials';
}

/**
 * Sends an authenticated request: the access token goes in the Authorization header; on a 401
 * the session is refreshed once and the request retried once; when that fails too, the session
 * ends and the app returns to the login screen. A 403 password_change_required sends the user
 * to the forced password change.
 */
export async function request(path, { method = 'GET', params, body, signal, auth = true, ...more } = {}) {
  const token = auth ? accessToken() : null;
  try {
    return await send(path, { method, params, body, signal, token, ...more });
  } catch (err) {
    if (auth && isStaleToken(err)) return retryAfterRefresh(path, { method, params, body, signal, ...more }, token, err);
    if (auth && err instanceof ApiError && err.code === 'password_change_required') requirePasswordChange();
    throw err;
  }
}

async function retryAfterRefresh(path, options, usedToken, firstError) {
  // Another request may have refreshed while this one was in flight: then just retry.
  const current = accessToken();
  // The user logged out while this request was in flight: nothing to refresh, and ending the
  // session now could end the next user's, who may already be signing in.
  if (current === null) throw firstError;
  let fresh = current !== null && current !== usedToken;
  if (!fresh) {
    fresh = await refreshSession(); // network failures propagate; the session stays
    if (!fresh) {
      endSession('expired');
      throw firstError;
    }
  }
  try {
    return await send(path, { ...options, token: accessToken() });
  } catch (err) {
    if (isStaleToken(err)) endSession('expired');
    if (err instanceof ApiError && err.code === 'password_change_required') requirePasswordChange();
    throw err;
  }
}

// Refresh tokens work once, and presenting a used one ends every session of the login
// (refresh_reused). So only one refresh may be in flight: in this tab (the shared promise)
// and across tabs of the same browser, which share the cookie (the Web Locks API, where the
// browser has it).
let refreshing = null;

/**
 * POST /auth/refresh with the HttpOnly cookie. Resolves true and starts the session with the
 * new access token, or false when the server refuses the cookie (none, expired, reused).
 * Rejects with ApiError when the server could not be asked (network, 5xx).
 */
export function refreshSession() {
  if (!refreshing) {
    const run = async () => {
      try {
        startSession(await send('/v1/auth/refresh', { method: 'POST' }));
        return true;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return false;
        throw err;
      }
    };
    const locked = typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request('thongsuot-refresh', run) : run();
    refreshing = locked.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/** At start-up: restores the session from the refresh cookie, or leaves the user signed out. */
export async function restoreSession() {
  try {
    if (await refreshSession()) return;
  } catch {
    // The server cannot be reached; the login screen says so through its status line.
  }
  endSession(null);
}

/** POST /auth/login; on success the session starts. Throws ApiError (see LoginScreen). */
export async function login({ username, password }) {
  const body = await send('/v1/auth/login', { method: 'POST', body: { username, password } });
  startSession(body);
  return body;
}

/**
 * POST /auth/logout, then forgets the session. When the server could not be told (network,
 * 5xx) it throws and the session stays, so a shared computer is never left signed in unawares.
 */
export async function logout() {
  try {
    await send('/v1/auth/logout', { method: 'POST', token: accessToken() });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) throw err;
    // 401 and the like: the server has no session for us anyway.
  }
  endSession('logout');
}

/** PUT /me/password; the answer is a new session (other sessions of the user end). */
export async function changePassword({ currentPassword, newPassword }) {
  const body = await request('/v1/me/password', {
    method: 'PUT',
    body: { current_password: currentPassword, new_password: newPassword },
  });
  startSession(body);
  return body;
}

/**
 * GET /api/health. Resolves with the health document both when the system is healthy (200) and
 * when the backend answers that the database is down (503 with a "status" field), so the caller
 * can say which; throws ApiError when there is no such document.
 */
export async function getHealth({ signal } = {}) {
  try {
    return await request('/health', { signal, auth: false });
  } catch (err) {
    if (err instanceof ApiError && err.body && typeof err.body.status === 'string') return err.body;
    throw err;
  }
}

// Reference data (units, fields) changes rarely: one request per session is enough.
const cache = new Map();
function cached(key, load) {
  if (!cache.has(key)) {
    const p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return cache.get(key);
}

/** GET /api/v1/units: {items, total}. `kind` is commune | department | province | central. */
export function listUnits({ kind, parent } = {}) {
  return cached(`units?${kind || ''}&${parent || ''}`, () => request('/v1/units', { params: { kind, parent } }));
}

/** GET /api/v1/units/{id}: one unit with its parent and its fields ({slug, name}). */
export function getUnit(id) {
  return cached(`unit/${id}`, () => request(`/v1/units/${encodeURIComponent(id)}`));
}

/** GET /api/v1/fields: {items: [{slug, name, units}], total}. */
export function listFields() {
  return cached('fields', () => request('/v1/fields'));
}

// ---- Administration (role admin) ----

/** GET /users: {items, total, next_cursor}. `disabled` is true, false or undefined (all). */
export function listUsers({ q, role, unitId, disabled, limit, cursor, signal } = {}) {
  return request('/v1/users', { params: { q, role, unit_id: unitId, disabled, limit, cursor }, signal });
}

/** GET /users/{id} */
export function getUser(id, { signal } = {}) {
  return request(`/v1/users/${encodeURIComponent(id)}`, { signal });
}

/** POST /users {username, full_name, role, unit_id, password} → the new user. */
export function createUser(user) {
  return request('/v1/users', { method: 'POST', body: user });
}

/** PATCH /users/{id} with any of {full_name, role, unit_id, disabled} → the user. */
export function updateUser(id, changes) {
  return request(`/v1/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes });
}

/** POST /users/{id}/password: sets a password the user must change at the next login. */
export function resetUserPassword(id, password) {
  return request(`/v1/users/${encodeURIComponent(id)}/password`, { method: 'POST', body: { password } });
}

/** GET /api-tokens: {items, total}. */
export function listApiTokens({ signal } = {}) {
  return request('/v1/api-tokens', { signal });
}

/** POST /api-tokens {name, user_id, expires_at: "yyyy-mm-dd"} → the token, with `token` once. */
export function createApiToken(token) {
  return request('/v1/api-tokens', { method: 'POST', body: token });
}

/** DELETE /api-tokens/{id}: revokes it. */
export function revokeApiToken(id) {
  return request(`/v1/api-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** GET /audit: {items, next_before}, newest first. */
export function listAudit({ action, actorId, objectType, objectId, from, to, limit, before, signal } = {}) {
  return request('/v1/audit', {
    params: { action, actor_id: actorId, object_type: objectType, object_id: objectId, from, to, limit, before },
    signal,
  });
}

// ---- Issues: the little the header and the home pages need (screens use issuesApi.js) ----

/** GET /issues with `params` (API names) and limit 1: how many issues match. */
export function countIssues(params, { signal } = {}) {
  return request('/v1/issues', { params: { ...params, limit: 1 }, signal }).then((body) => body.total);
}

/** GET /notifications?unread=true&limit=1: how many notifications the user has not read. */
export function countUnreadNotifications({ signal } = {}) {
  return request('/v1/notifications', { params: { unread: 'true', limit: 1 }, signal }).then((body) => body.unread);
}
