// The one place the SPA talks to the backend. Every call goes through request(), which turns
// the API's error shape {"error":{"code","message","details"}} — or a network failure, or a
// non-JSON reply from a proxy — into an ApiError the screens can show and retry.

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

/**
 * Sends one request and returns the parsed JSON body of a 2xx answer.
 * Throws ApiError for anything else; an AbortError passes through untouched.
 */
export async function request(path, { method = 'GET', params, body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, signal, credentials: 'same-origin' };
  if (body !== undefined) {
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
  if (e && typeof e.code === 'string') {
    throw new ApiError(response.status, e.code, e.message || FALLBACK_MESSAGES.http, e.details ?? null, data);
  }
  throw new ApiError(response.status, 'http', `${FALLBACK_MESSAGES.http} (mã ${response.status})`, null, data);
}

/**
 * GET /api/health. Resolves with the health document both when the system is healthy (200) and
 * when the backend answers that the database is down (503 with a "status" field), so the caller
 * can say which; throws ApiError when there is no such document.
 */
export async function getHealth({ signal } = {}) {
  try {
    return await request('/health', { signal });
  } catch (err) {
    if (err instanceof ApiError && err.body && typeof err.body.status === 'string') return err.body;
    throw err;
  }
}

/** GET /api/v1/units: {items, total}. `kind` is commune | department | province | central. */
export function listUnits({ kind, parent, signal } = {}) {
  return request('/v1/units', { params: { kind, parent }, signal });
}

/** GET /api/v1/fields: {items: [{slug, name, units}], total}. */
export function listFields({ signal } = {}) {
  return request('/v1/fields', { signal });
}
