// Helpers for the API tests: the base URL of the throwaway stack, JSON requests, raw HTTP
// for requests fetch() will not send, and access to the stack's processes and database.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BASE = process.env.TS_BASE_URL ?? 'http://127.0.0.1:18080';
export const VAR = process.env.TS_VAR ?? path.join(REPO, 'var/test');
const url = new URL(BASE);

/** fetch() relative to the stack; returns {status, headers, body (parsed JSON or text)}. */
export async function api(pathname, init = {}) {
  const res = await fetch(BASE + pathname, init);
  const text = await res.text();
  let body = text;
  if ((res.headers.get('content-type') ?? '').startsWith('application/json') && text !== '') {
    body = JSON.parse(text);
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** Asserts the one error shape of DESIGN §7 and returns the error object. */
export function assertError(res, status, code) {
  assert.equal(res.status, status, `status of ${JSON.stringify(res.body).slice(0, 200)}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(typeof res.body, 'object');
  assert.ok(res.body.error, 'body has "error"');
  assert.equal(typeof res.body.error.message, 'string');
  assert.ok(res.body.error.message.length > 0, 'error message is not empty');
  assert.ok('details' in res.body.error, 'error has details');
  if (code) assert.equal(res.body.error.code, code);
  return res.body.error;
}

/** Sends raw bytes over TCP and returns {status, headers, body} of the response. With
 * halfClose the client also ends its side, as a client that gives up would. */
export function raw(request, { halfClose = false } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(url.port), url.hostname);
    const chunks = [];
    sock.setTimeout(10000, () => { sock.destroy(); reject(new Error('timeout')); });
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const lines = head.split('\r\n');
      const status = Number(lines[0].split(' ')[1]);
      const headers = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status, headers, body: rest.join('\r\n') });
    });
    if (halfClose) sock.end(request);
    else sock.write(request);
  });
}

/** Runs SQL against the test database with psql and returns the output rows. */
export function sql(query) {
  const env = { ...process.env };
  for (const line of execFileSync(path.join(REPO, 'ops/pg'), ['env'], { env }).toString().split(/\s+/)) {
    const m = line.match(/^(PG[A-Z]+)=(.*)$/);
    if (m) env[m[1]] = m[2];
  }
  return execFileSync('psql', ['-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', query], { env })
    .toString().trim();
}

/** Pid of the backend supervisor and of its workers. */
export function supervisorPid() {
  return Number(readFileSync(path.join(VAR, 'run/api.pid'), 'utf8').trim());
}
export function workerPids() {
  try {
    return execFileSync('pgrep', ['-P', String(supervisorPid())]).toString().trim().split('\n').map(Number);
  } catch {
    return [];
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- Accounts: sign-in and throwaway users (docs/accounts.md) ----

export const DEMO_PASSWORD = 'ThanhHoa@2025';

/** The demo accounts of docs/accounts.md: username → {role, unit}. */
export const DEMO_USERS = {
  'xa.hacthanh': { role: 'commune_officer', unit: 14797 },
  'xa.quangphu': { role: 'commune_officer', unit: 16522 },
  'sxd.chuyenvien': { role: 'department_officer', unit: 107 },
  'sxd.lanhdao': { role: 'department_head', unit: 107 },
  'syt.chuyenvien': { role: 'department_officer', unit: 111 },
  'snv.tonghop': { role: 'home_affairs', unit: 102 },
  'vpubnd.chuyenvien': { role: 'province_office', unit: 101 },
  'lanhdao.tinh': { role: 'leadership', unit: 21 },
  'tinhuy.theodoi': { role: 'party_reader', unit: 20 },
  quantri: { role: 'admin', unit: 101 },
};

let uniqCounter = 0;
/** A user name nobody else uses: prefix + time + counter (lower case, [a-z0-9.]). */
export function uniq(prefix) {
  uniqCounter += 1;
  return `${prefix}.${Date.now().toString(36)}${uniqCounter}`;
}

/** A password that passes the policy and differs on every call. */
export function strongPassword() {
  return `Lua-Thanh-${Math.random().toString(36).slice(2, 10)}-${Date.now() % 100000}`;
}

/** The value of the ts_refresh cookie a response sets ('' when cleared, null when absent),
 * and the whole Set-Cookie line. */
export function refreshCookie(res) {
  const lines = typeof res.headers.getSetCookie === 'function'
    ? res.headers.getSetCookie()
    : [res.headers.get('set-cookie')].filter(Boolean);
  const line = lines.find((l) => l.startsWith('ts_refresh='));
  if (!line) return { value: null, line: null };
  return { value: line.slice('ts_refresh='.length).split(';')[0], line };
}

/** JSON request with an optional bearer token and refresh cookie. */
export function call(method, pathname, { token, cookie, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (cookie) h.Cookie = `ts_refresh=${cookie}`;
  const init = { method, headers: h };
  if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  return api(pathname, init);
}

/** POST /auth/login; returns the response plus token and cookie (when it succeeded). */
export async function login(username, password = DEMO_PASSWORD) {
  const res = await call('POST', '/api/v1/auth/login', { body: { username, password } });
  return { ...res, token: res.body?.access_token ?? null, cookie: refreshCookie(res).value };
}

/** Signs in and fails the test unless it worked; returns {token, cookie, user}. */
export async function session(username, password = DEMO_PASSWORD) {
  const res = await login(username, password);
  assert.equal(res.status, 200, `login of ${username}: ${res.text.slice(0, 200)}`);
  return { token: res.token, cookie: res.cookie, user: res.body.user };
}

/** Asserts the 401 of a protected route: JSON error unauthenticated and WWW-Authenticate. */
export function assertUnauthenticated(res, what = '') {
  assert.equal(res.status, 401, `${what}: status of ${String(res.text).slice(0, 200)}`);
  assertError(res, 401, 'unauthenticated');
  assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer\b/, `${what}: WWW-Authenticate`);
}

/** Creates a user as admin (adminToken) and returns it with its password. The user must
 * change the password at first login unless ready is true, in which case it is signed in
 * once and the password changed, so that it is an ordinary working account. */
export async function createUser(adminToken, { role, unit_id, prefix = 'tt', full_name, ready = false }) {
  const username = uniq(prefix);
  let password = strongPassword();
  const res = await call('POST', '/api/v1/users', {
    token: adminToken,
    body: { username, full_name: full_name ?? `Người thử ${username}`, role, unit_id, password },
  });
  assert.equal(res.status, 201, `create ${username} (${role} in ${unit_id}): ${res.text.slice(0, 300)}`);
  const user = res.body;
  if (ready) {
    const s = await session(username, password);
    const next = strongPassword();
    const ch = await call('PUT', '/api/v1/me/password', {
      token: s.token, body: { current_password: password, new_password: next },
    });
    assert.equal(ch.status, 200, `first password change of ${username}: ${ch.text.slice(0, 200)}`);
    password = next;
  }
  return { ...user, id: user.id, username, password };
}

/** The payload of a JWT, decoded without checking anything. */
export function jwtPayload(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** Today's date in Thanh Hóa (Asia/Ho_Chi_Minh), plus days, as YYYY-MM-DD, from the database. */
export function vnDate(days = 0) {
  return sql(`SELECT ((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + ${Number(days)})::text`);
}

/** Median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
