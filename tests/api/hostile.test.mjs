// A catalogue of hostile requests (issue 9): oversized bodies and headers, deep JSON, huge
// numbers, NUL bytes, invalid UTF-8, SQL injection and path traversal in every query and path
// parameter of every route (the parameter lists are those of the handlers' allowed[] arrays in
// backend/src/*.c), forged and mangled tokens, wrong content types and other units' ids
// everywhere. Every case must get a 4xx JSON error in the one error shape: never a 5xx, never
// a hang, never another unit's data. A few parameters are free text or opaque filter values
// (search words, field slugs): for those a 200 is also right, provided it shows nothing the
// caller may not see (and, for an exact-match filter, nothing at all). After the catalogue the
// backend must be healthy, with the same worker processes and no sanitizer report in its log.
//
// The catalogue is data: CASES below, one named subtest each, driven by one loop.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BASE, VAR, api, session, sql, workerPids } from './lib.mjs';

const V1 = '/api/v1';
const url = new URL(BASE);
const TIMEOUT_MS = 10000;
// Put in the titles, descriptions and file of another commune's issues: whoever may not see
// them must never get a response that contains it.
const MARK = `HOSTILEMARK${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const UNIT = { hacThanh: 14797, quangPhu: 16522, sxd: 107, syt: 111 };

// ---- Sending: fetch for ordinary requests, a raw socket for what fetch will not send ----

/** The parts of a response every check needs. */
function shape(status, contentType, text) {
  let body = null;
  if (contentType.startsWith('application/json') && text !== '') {
    try { body = JSON.parse(text); } catch { body = undefined; }
  }
  return { status, contentType, text, body };
}

async function viaFetch(c, S) {
  const headers = { ...(c.headers ?? {}) };
  const who = c.as ? S[c.as] : null;
  if (who && !('Authorization' in headers)) headers.Authorization = `Bearer ${who.token}`;
  const init = { method: c.method ?? 'GET', headers, signal: AbortSignal.timeout(TIMEOUT_MS) };
  if (c.body !== undefined) {
    init.body = typeof c.body === 'function' ? c.body(S) : c.body;
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  const target = typeof c.path === 'function' ? c.path(S) : c.path;
  const res = await fetch(BASE + target, init);
  return shape(res.status, res.headers.get('content-type') ?? '', await res.text());
}

/** Sends bytes as they are and reads the answer until the server closes. */
function viaSocket(bytes, halfClose = false) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(url.port), url.hostname);
    const chunks = [];
    sock.setTimeout(TIMEOUT_MS, () => { sock.destroy(); reject(new Error(`no answer in ${TIMEOUT_MS} ms`)); });
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', reject);
    sock.on('end', () => {
      let buf = Buffer.concat(chunks);
      // Skip an interim 100 Continue.
      let text = buf.toString('utf8');
      while (text.startsWith('HTTP/1.1 100')) {
        const i = buf.indexOf('\r\n\r\n');
        buf = buf.subarray(i + 4);
        text = buf.toString('utf8');
      }
      const i = text.indexOf('\r\n\r\n');
      const head = i < 0 ? text : text.slice(0, i);
      const lines = head.split('\r\n');
      const status = Number(lines[0].split(' ')[1]);
      const ct = lines.find((l) => /^content-type:/i.test(l));
      resolve(shape(status, ct ? ct.slice(ct.indexOf(':') + 1).trim() : '', i < 0 ? '' : text.slice(i + 4)));
    });
    // Not end() unless asked: nginx takes a half-closed connection for a client that gave up.
    if (halfClose) sock.end(bytes);
    else sock.write(bytes);
  });
}

function send(c, S) {
  if (c.raw) {
    const r = typeof c.raw === 'function' ? c.raw(S) : c.raw;
    return viaSocket(Buffer.isBuffer(r) ? r : Buffer.from(r, 'utf8'), c.halfClose);
  }
  return viaFetch(c, S);
}

const rawReq = (method, target, headers = [], body = '') => Buffer.concat([
  Buffer.from(`${method} `, 'latin1'),
  Buffer.isBuffer(target) ? target : Buffer.from(target, 'latin1'),
  Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers.map((h) => `${h}\r\n`).join('')}`, 'latin1'),
  Buffer.from(body ? `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` : '\r\n', 'latin1'),
  Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
]);

// ---- Who calls, and who may see MARK ----

const USERS = {
  ht: 'xa.hacthanh', qp: 'xa.quangphu', sxd: 'sxd.chuyenvien', sxdHead: 'sxd.lanhdao',
  syt: 'syt.chuyenvien', snv: 'snv.tonghop', admin: 'quantri', reader: 'tinhuy.theodoi',
};
// Those who may see Quảng Phú's issues (its commune, the holding department, overseers).
const ENTITLED = new Set(['qp', 'syt', 'snv']);

// ---- Payloads ----

const LONG = 'A'.repeat(5000);
// Query payloads: [name, value to encode] or [name, null, already-encoded text].
const QUERY_PAYLOADS = [
  ['sqli-or', "' OR 1=1--"],
  ['sqli-stacked', '1;DROP TABLE users'],
  ['sqli-union', '0 UNION SELECT password_hash FROM users--'],
  ['traversal', '../../etc/passwd'],
  ['traversal-encoded', null, '%252e%252e%252f%252e%252e%252fetc%252fpasswd'],
  ['long', LONG],
  ['nul', null, 'x%00y'],
  ['bad-utf8', null, '%C3%28'],
];
// Path segment payloads, sent as they are (already URL-safe).
const PATH_PAYLOADS = [
  ['sqli', '1%27%20OR%20%271%27%3D%271'],
  ['stacked', '1%3BDROP%20TABLE%20users'],
  ['traversal', '..%2f..%2f..%2fetc%2fpasswd'],
  ['huge', '99999999999999999999'],
  ['negative', '-1'],
  ['nul', '1%00'],
];

// Query parameters of every route, from the handlers' allowed[] lists. kind: how the handler
// takes it. 'id', 'int', 'date', 'enum', 'bool', 'cursor': must be refused (4xx) whatever the
// payload. 'text': free text (searches, the statistics' field filter, the audit log's names,
// which hold the hostile login names this very file sends): 200 allowed when nothing foreign
// is shown. 'exact': a slug compared for equality: 200 allowed only when nothing at all
// matches, which proves the payload was taken literally.
const P = (name, kind) => ({ name, kind });
const STATS_FILTERS = [P('from', 'date'), P('to', 'date'), P('field', 'text'), P('commune_id', 'id'), P('unit_id', 'id'), P('level', 'enum')];
const EXPORT_PARAMS = [P('format', 'enum'), P('version', 'int'), P('list', 'enum')];
const QUERY_ROUTES = [
  { route: 'GET /units', as: null, path: () => `${V1}/units`, params: [P('kind', 'enum'), P('parent', 'id')] },
  { route: 'GET /users', as: 'admin', path: () => `${V1}/users`, params: [P('q', 'text'), P('role', 'enum'), P('unit_id', 'id'), P('disabled', 'bool'), P('limit', 'int'), P('cursor', 'id')] },
  { route: 'GET /audit', as: 'admin', path: () => `${V1}/audit`, params: [P('action', 'text'), P('actor_id', 'id'), P('object_type', 'text'), P('object_id', 'text'), P('from', 'date'), P('to', 'date'), P('before', 'id'), P('limit', 'int')] },
  {
    route: 'GET /issues', as: 'ht', path: () => `${V1}/issues`,
    params: [P('state', 'enum'), P('field', 'exact'), P('commune_id', 'id'), P('holder_unit_id', 'id'), P('level', 'enum'), P('overdue', 'bool'), P('from', 'date'), P('to', 'date'), P('q', 'text'), P('kind', 'enum'), P('group_id', 'id'), P('sort', 'enum'), P('cursor', 'cursor'), P('limit', 'int')],
  },
  { route: 'POST /issues/{id}/attachments', as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.htIssue}/attachments`, params: [P('filename', 'enum')], body: () => Buffer.from('%PDF-1.4\n%hostile\n%%EOF\n'), headers: { 'Content-Type': 'application/pdf' } },
  { route: 'GET /library', as: 'ht', path: () => `${V1}/library`, params: [P('q', 'text'), P('field', 'exact'), P('before', 'id'), P('limit', 'int')] },
  { route: 'GET /notifications', as: 'ht', path: () => `${V1}/notifications`, params: [P('unread', 'bool'), P('before', 'id'), P('limit', 'int')] },
  { route: 'GET /trainings', as: 'ht', path: () => `${V1}/trainings`, params: [P('period_id', 'id'), P('unit_id', 'id'), P('field', 'exact'), P('commune_id', 'id'), P('before', 'id'), P('limit', 'int')] },
  { route: 'GET /periods', as: 'ht', path: () => `${V1}/periods`, params: [P('from', 'date'), P('to', 'date'), P('started', 'bool')] },
  { route: 'GET /periods/{p}/reports/{u}/export', as: 'sxd', path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.sxd}/export`, params: EXPORT_PARAMS },
  { route: 'GET /periods/{p}/consolidated/export', as: 'snv', path: (S) => `${V1}/periods/${S.f.period}/consolidated/export`, params: EXPORT_PARAMS },
  { route: 'GET /stats/overview', as: 'snv', path: () => `${V1}/stats/overview`, params: STATS_FILTERS },
  { route: 'GET /stats/breakdown', as: 'snv', path: () => `${V1}/stats/breakdown`, params: [P('by', 'enum'), ...STATS_FILTERS, P('format', 'enum')], base: 'by=field' },
  { route: 'GET /stats/smooth', as: 'snv', path: () => `${V1}/stats/smooth`, params: [P('from', 'date'), P('to', 'date'), P('format', 'enum')] },
  { route: 'GET /stats/compliance', as: 'snv', path: () => `${V1}/stats/compliance`, params: [P('from', 'date'), P('to', 'date'), P('format', 'enum')] },
];

// Every route with a path parameter, called by someone the route admits, so that the id is
// what gets refused. Bodies are valid where the route needs one.
const PATH_ROUTES = [
  { route: 'GET /units/{id}', as: null, path: (x) => `${V1}/units/${x}` },
  { route: 'GET /users/{id}', as: 'admin', path: (x) => `${V1}/users/${x}` },
  { route: 'PATCH /users/{id}', as: 'admin', method: 'PATCH', path: (x) => `${V1}/users/${x}`, body: '{"full_name":"Người thử"}' },
  { route: 'POST /users/{id}/password', as: 'admin', method: 'POST', path: (x) => `${V1}/users/${x}/password`, body: '{"password":"Lua-Thanh-Hostile-2025"}' },
  { route: 'DELETE /api-tokens/{id}', as: 'admin', method: 'DELETE', path: (x) => `${V1}/api-tokens/${x}` },
  { route: 'GET /issues/{id}', as: 'ht', path: (x) => `${V1}/issues/${x}` },
  { route: 'PATCH /issues/{id}', as: 'ht', method: 'PATCH', path: (x) => `${V1}/issues/${x}`, body: '{"title":"Tiêu đề mới của kiến nghị"}', headers: { 'If-Match': '"1"' } },
  { route: 'POST /issues/{id}/transitions', as: 'ht', method: 'POST', path: (x) => `${V1}/issues/${x}/transitions`, body: '{"action":"withdraw"}' },
  { route: 'GET /issues/{id}/events', as: 'ht', path: (x) => `${V1}/issues/${x}/events` },
  { route: 'POST /issues/{id}/comments', as: 'ht', method: 'POST', path: (x) => `${V1}/issues/${x}/comments`, body: '{"text":"Ý kiến"}' },
  { route: 'GET /attachments/{id}', as: 'ht', path: (x) => `${V1}/attachments/${x}` },
  { route: 'GET /issue-groups/{id}', as: 'sxd', path: (x) => `${V1}/issue-groups/${x}` },
  { route: 'POST /issue-groups/{id}/answer', as: 'sxd', method: 'POST', path: (x) => `${V1}/issue-groups/${x}/answer`, body: '{"answer":"Trả lời"}' },
  { route: 'GET /trainings/{id}', as: 'ht', path: (x) => `${V1}/trainings/${x}` },
  { route: 'PATCH /trainings/{id}', as: 'sxd', method: 'PATCH', path: (x) => `${V1}/trainings/${x}`, body: '{"title":"Tên mới của hội nghị"}', headers: { 'If-Match': '"1"' } },
  { route: 'POST /trainings/{id}/recommendations', as: 'sxd', method: 'POST', path: (x) => `${V1}/trainings/${x}/recommendations`, body: '{"items":[]}' },
  { route: 'PATCH /periods/{id}', as: 'snv', method: 'PATCH', path: (x) => `${V1}/periods/${x}`, body: '{"name":"Kỳ mới"}', headers: { 'If-Match': '"1"' } },
  { route: 'GET /periods/{id}/compliance', as: 'snv', path: (x) => `${V1}/periods/${x}/compliance` },
  { route: 'GET /periods/{id}/reports/{unit}', as: 'sxd', path: (x) => `${V1}/periods/${x}/reports/${UNIT.sxd}` },
  { route: 'GET /periods/{p}/reports/{id}', as: 'sxd', path: (x, S) => `${V1}/periods/${S.f.period}/reports/${x}` },
  { route: 'PUT /periods/{p}/reports/{id}', as: 'sxd', method: 'PUT', path: (x, S) => `${V1}/periods/${S.f.period}/reports/${x}`, body: '{"narrative":{}}' },
  { route: 'POST /periods/{id}/reports/{unit}/submit', as: 'sxdHead', method: 'POST', path: (x) => `${V1}/periods/${x}/reports/${UNIT.sxd}/submit` },
  { route: 'POST /periods/{p}/reports/{id}/return', as: 'snv', method: 'POST', path: (x, S) => `${V1}/periods/${S.f.period}/reports/${x}/return`, body: '{"reason":"Thiếu số liệu"}' },
  { route: 'GET /periods/{p}/reports/{id}/export', as: 'sxd', path: (x, S) => `${V1}/periods/${S.f.period}/reports/${x}/export?format=xlsx` },
  { route: 'GET /periods/{id}/consolidated', as: 'snv', path: (x) => `${V1}/periods/${x}/consolidated` },
  { route: 'PUT /periods/{id}/consolidated', as: 'snv', method: 'PUT', path: (x) => `${V1}/periods/${x}/consolidated`, body: '{"narrative":{}}' },
  { route: 'POST /periods/{id}/consolidated/submit', as: 'snv', method: 'POST', path: (x) => `${V1}/periods/${x}/consolidated/submit` },
  { route: 'GET /periods/{id}/consolidated/export', as: 'snv', path: (x) => `${V1}/periods/${x}/consolidated/export?format=xlsx` },
];

// ---- Tokens ----

const b64u = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function jwtParts(token) {
  const [h, p, s] = token.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url')), payload: JSON.parse(Buffer.from(p, 'base64url')), h, p, s };
}
function sign(header, payload, key) {
  const data = `${b64u(header)}.${b64u(payload)}`;
  return `${data}.${createHmac('sha256', key).update(data).digest('base64url')}`;
}
// The stack's own signing key, when this process may read it: tokens that are validly signed
// but lie (expired, another audience, a stale version) must still be refused.
function signingKey() {
  const file = process.env.TS_JWT_KEY_FILE ?? path.join(VAR, 'secrets/jwt.key');
  try { return readFileSync(file); } catch { return null; }
}

// ---- The catalogue ----

const CASES = [];
const add = (c) => CASES.push(c);

// Query parameters × payloads.
for (const r of QUERY_ROUTES) {
  for (const p of r.params) {
    for (const [pname, value, encoded] of QUERY_PAYLOADS) {
      const q = `${p.name}=${encoded ?? encodeURIComponent(value)}`;
      add({
        name: `${r.route} ?${p.name}= ${pname}`, as: r.as, method: r.method,
        path: (S) => `${r.path(S)}?${r.base ? `${r.base}&` : ''}${q}`,
        body: r.body, headers: r.headers,
        // NUL and broken UTF-8 are refused before any handler sees them.
        allow200: ['nul', 'bad-utf8'].includes(pname) ? null : { text: 'scoped', exact: 'empty' }[p.kind] ?? null,
      });
    }
  }
}

// Path parameters × payloads.
for (const r of PATH_ROUTES) {
  for (const [pname, seg] of PATH_PAYLOADS) {
    add({
      name: `${r.route} {id}=${pname}`, as: r.as, method: r.method ?? 'GET',
      path: (S) => r.path(seg, S), body: r.body, headers: r.headers,
      // nginx resolves ..%2f before choosing a location: the path leaves /api/ and the SPA's
      // page answers a GET, nginx's 405 any other method (never a file of the machine).
      allow200: pname === 'traversal' ? 'spa' : null,
    });
  }
}

// Oversized bodies and headers.
const login = (body, headers = { 'Content-Type': 'application/json' }) => ({ method: 'POST', path: `${V1}/auth/login`, body, headers });
add({ name: 'body: 100 KB JSON over the backend limit', ...login(JSON.stringify({ username: 'a', password: 'x'.repeat(100 * 1024) })), status: 413 });
add({ name: 'body: 2 MB JSON over the nginx limit', ...login(JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) })), status: 413 });
add({ name: 'body: 2 MB on an issue comment', as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.htIssue}/comments`, body: JSON.stringify({ text: 'y'.repeat(2 * 1024 * 1024) }), status: 413 });
add({ name: 'body: 12 MB attachment', as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.htIssue}/attachments?filename=lon.pdf`, headers: { 'Content-Type': 'application/pdf' }, body: () => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(12 * 1024 * 1024, 0x20)]), status: 413 });
// A client that announces more than it sends and gives up: nginx drops it without passing
// anything on (no answer, or a 4xx), and never waits for the rest.
add({ name: 'body: Content-Length larger than what is sent', raw: `POST ${V1}/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":1}`, halfClose: true, noAnswerOk: true });
add({ name: 'body: Content-Length of 10^20', raw: `POST ${V1}/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n{}` });
add({ name: 'body: negative Content-Length', raw: `POST ${V1}/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}` });
add({ name: 'body: two different Content-Length headers', raw: `POST ${V1}/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}` });
add({ name: 'body: Content-Length and Transfer-Encoding together', raw: `POST ${V1}/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n` });
add({ name: 'body: malformed chunk size', raw: `POST ${V1}/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n` });
add({ name: 'header: one 20 KB header', raw: rawReq('GET', '/api/health', [`X-Big: ${'a'.repeat(20 * 1024)}`]) });
add({ name: 'header: 2000 small headers', raw: rawReq('GET', '/api/health', Array.from({ length: 2000 }, (_, i) => `X-H${i}: v`)) });
add({ name: 'header: Authorization of 10 KB', raw: rawReq('GET', `${V1}/me`, [`Authorization: Bearer ${'a'.repeat(10 * 1024)}`]), status: 401 });
add({ name: 'header: Authorization of 17 KB', raw: rawReq('GET', `${V1}/me`, [`Authorization: Bearer ${'a'.repeat(17 * 1024)}`]) });
add({ name: 'header: Cookie of 10 KB on refresh', raw: rawReq('POST', `${V1}/auth/refresh`, [`Cookie: ts_refresh=${'a'.repeat(10 * 1024)}`]), status: 401 });
add({ name: 'header: URI of 20 KB', raw: rawReq('GET', `${V1}/units?kind=${'a'.repeat(20 * 1024)}`) });
add({ name: 'header: query of 12 KB', path: `${V1}/units?kind=${'a'.repeat(12 * 1024)}`, status: 400 });
add({ name: 'header: 40 query parameters', path: `${V1}/units?${Array.from({ length: 40 }, (_, i) => `p${i}=1`).join('&')}`, status: 400 });
add({ name: 'header: a repeated query parameter', path: `${V1}/units?kind=commune&kind=department`, status: 400 });
add({ name: 'header: an unknown query parameter', path: `${V1}/units?kind=commune&admin=true`, status: 400 });
add({ name: 'header: Idempotency-Key of 5000 characters', as: 'ht', method: 'POST', path: `${V1}/issues`, headers: { 'Idempotency-Key': 'k'.repeat(5000) }, body: '{"title":"Kiến nghị thử","description":"x","field":"xay-dung","kind":"difficulty"}', status: 400 });
add({ name: 'header: Idempotency-Key with SQL', as: 'ht', method: 'POST', path: `${V1}/issues`, headers: { 'Idempotency-Key': "' OR 1=1--" }, body: '{"title":"Kiến nghị thử","description":"x","field":"xay-dung","kind":"difficulty"}', status: 400 });
add({ name: 'header: Idempotency-Key reused with another body', as: 'ht', method: 'POST', path: `${V1}/issues`, body: '{"title":"Một kiến nghị khác hẳn","description":"x","field":"xay-dung","kind":"difficulty"}', idemFixture: true, status: 422 });
add({ name: 'header: If-Match with SQL', as: 'ht', method: 'PATCH', path: (S) => `${V1}/issues/${S.f.htIssue}`, headers: { 'If-Match': "\"1' OR '1'='1\"" }, body: '{"title":"Tiêu đề mới của kiến nghị"}' });
add({ name: 'header: If-Match of 20 digits', as: 'ht', method: 'PATCH', path: (S) => `${V1}/issues/${S.f.htIssue}`, headers: { 'If-Match': '"99999999999999999999"' }, body: '{"title":"Tiêu đề mới của kiến nghị"}' });
add({ name: 'header: If-Match of 15 digits on a period', as: 'snv', method: 'PATCH', path: (S) => `${V1}/periods/${S.f.period}`, headers: { 'If-Match': '"999999999999999"' }, body: '{"name":"Kỳ thử"}' });
add({ name: 'header: If-Match of 15 digits on a training', as: 'sxd', method: 'PATCH', path: (S) => `${V1}/trainings/${S.f.sytTraining}`, headers: { 'If-Match': '"999999999999999"' }, body: '{"title":"Tên hội nghị"}' });
add({ name: 'header: If-Match "*" on an issue', as: 'ht', method: 'PATCH', path: (S) => `${V1}/issues/${S.f.htIssue}`, headers: { 'If-Match': '*' }, body: '{"title":"Tiêu đề mới của kiến nghị"}' });

// Deep nesting and huge numbers.
add({ name: 'json: 5000 nested arrays', ...login('['.repeat(5000) + ']'.repeat(5000)), status: 400 });
add({ name: 'json: 3000 nested objects', ...login('{"a":'.repeat(3000) + '1' + '}'.repeat(3000)), status: 400 });
add({ name: 'json: 33 nested arrays in a field', ...login(`{"username":${'['.repeat(33)}${']'.repeat(33)},"password":"x"}`), status: 400 });
add({ name: 'json: nesting in an issue body', as: 'ht', method: 'POST', path: `${V1}/issues`, body: `{"title":${'['.repeat(200)}${']'.repeat(200)}}`, status: 400 });
add({ name: 'json: unclosed nesting', ...login('['.repeat(100000)), status: [400, 413] });
add({ name: 'number: 1e999999', ...login('{"username":1e999999,"password":"x"}'), status: 400 });
add({ name: 'number: 30 digits', ...login('{"username":123456789012345678901234567890,"password":"x"}'), status: 400 });
add({ name: 'number: -1e400 as a lead unit', as: 'ht', method: 'POST', path: `${V1}/issues`, body: '{"title":"Kiến nghị thử","description":"x","field":"xay-dung","kind":"difficulty","lead_unit_id":-1e400}', status: 400 });
add({ name: 'number: 2^63-1 as a lead unit', as: 'ht', method: 'POST', path: `${V1}/issues`, body: '{"title":"Kiến nghị thử","description":"x","field":"xay-dung","kind":"difficulty","lead_unit_id":9223372036854775807}' });
add({ name: 'number: 2^63 as a supporting unit', as: 'ht', method: 'POST', path: `${V1}/issues`, body: '{"title":"Kiến nghị thử","description":"x","field":"xay-dung","kind":"difficulty","supporting_unit_ids":[9223372036854775808]}', status: 400 });
add({ name: 'number: 2^31 as a user unit', as: 'admin', method: 'POST', path: `${V1}/users`, body: '{"username":"hostile.user","full_name":"Người thử","role":"commune_officer","unit_id":2147483648,"password":"Lua-Thanh-Hostile-2025"}' });
add({ name: 'number: 1.5 as a user unit', as: 'admin', method: 'PATCH', path: (S) => `${V1}/users/${S.qp.user.id}`, body: '{"unit_id":1.5}', status: 400 });
add({ name: 'number: 2^63-1 as a training round', as: 'sxd', method: 'POST', path: `${V1}/trainings`, body: (S) => JSON.stringify({ ...S.f.trainingBody, round: 1 }).replace('"round":1', '"round":9223372036854775807'), status: 400 });
add({ name: 'number: 2^63-1 participants', as: 'sxd', method: 'POST', path: `${V1}/trainings`, body: (S) => JSON.stringify({ ...S.f.trainingBody, attendance: [{ commune_id: UNIT.hacThanh, participants: 1 }] }).replace('"participants":1', '"participants":9223372036854775807'), status: 400 });
add({ name: 'number: negative participants', as: 'sxd', method: 'POST', path: `${V1}/trainings`, body: (S) => JSON.stringify({ ...S.f.trainingBody, attendance: [{ commune_id: UNIT.hacThanh, participants: -5 }] }), status: 400 });
add({ name: 'number: 100 notification ids of 2^63-1', as: 'ht', method: 'POST', path: `${V1}/notifications/read`, body: `{"ids":[${Array(100).fill('9223372036854775807').join(',')}]}` });
add({ name: 'number: 101 notification ids', as: 'ht', method: 'POST', path: `${V1}/notifications/read`, body: `{"ids":[${Array(101).fill('1').join(',')}]}`, status: 400 });
add({ name: 'number: a group of 50 issue ids of 2^31-1', as: 'sxd', method: 'POST', path: `${V1}/issue-groups`, body: `{"title":"Nhóm thử","issue_ids":[${Array(50).fill('2147483647').join(',')}]}` });
add({ name: 'number: a group of 2^63-1 ids', as: 'sxd', method: 'POST', path: `${V1}/issue-groups`, body: `{"title":"Nhóm thử","issue_ids":[9223372036854775807,9223372036854775806]}`, status: 400 });
add({ name: 'number: 21 supporting units', as: 'ht', method: 'POST', path: `${V1}/issues`, body: `{"title":"Kiến nghị thử","description":"x","field":"xay-dung","kind":"difficulty","supporting_unit_ids":[${Array(21).fill('2147483647').join(',')}]}`, status: 400 });
add({ name: 'number: 20 supporting units of 2^31-1', as: 'ht', method: 'POST', path: `${V1}/issues`, body: `{"title":"Kiến nghị thử","description":"x","field":"xay-dung","kind":"difficulty","supporting_unit_ids":[${Array(20).fill('2147483647').join(',')}]}` });
add({ name: 'number: 200 answered issue ids of 2^31-1 in a training', as: 'sxd', method: 'POST', path: `${V1}/trainings`, body: (S) => JSON.stringify({ ...S.f.trainingBody, answered_issue_ids: Array(200).fill(2147483647) }) });

// NUL bytes and invalid UTF-8, in bodies, paths, queries and headers.
add({ name: 'nul: raw NUL in a JSON string', ...login(Buffer.from('{"username":"a\u0000b","password":"x"}')), status: 400 });
add({ name: 'nul: \\u0000 escape in the username', ...login('{"username":"a\\u0000b","password":"x"}'), status: 400 });
add({ name: 'nul: \\u0000 escape in an issue title', as: 'ht', method: 'POST', path: `${V1}/issues`, body: '{"title":"Kiến nghị\\u0000 thử","description":"x","field":"xay-dung","kind":"difficulty"}', status: 400 });
add({ name: 'nul: \\u0000 escape in a comment', as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.htIssue}/comments`, body: '{"text":"\\u0000"}', status: 400 });
add({ name: 'nul: \\u0000 escape as a key', ...login('{"username\\u0000":"a","password":"x"}'), status: 400 });
add({ name: 'nul: \\u0000 in a report narrative', as: 'sxd', method: 'PUT', path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.sxd}`, body: '{"narrative":{"other":"a\\u0000b"}}', status: 400 });
add({ name: 'nul: control character \\u0001 in a title', as: 'ht', method: 'POST', path: `${V1}/issues`, body: '{"title":"Kiến nghị\\u0001 thử","description":"x","field":"xay-dung","kind":"difficulty"}', status: 400 });
add({ name: 'nul: raw NUL in the request line', raw: rawReq('GET', `${V1}/units\u0000`) });
add({ name: 'nul: raw NUL in a header', raw: rawReq('GET', `${V1}/units`, ['X-A: a\u0000b']) });
add({ name: 'nul: raw NUL in the Content-Type', raw: rawReq('POST', `${V1}/auth/login`, ['Content-Type: application/json\u0000'], '{}') });
add({ name: 'nul: %00 in the path', path: `${V1}/units%00`, status: [400, 404] });
add({ name: 'utf8: a broken sequence in the body', ...login(Buffer.from([0x7b, 0x22, 0x75, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])), status: 400 });
add({ name: 'utf8: an overlong slash in the body', ...login(Buffer.from([0x7b, 0x22, 0x75, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d])), status: 400 });
add({ name: 'utf8: an encoded surrogate in the body', ...login(Buffer.from('{"u":"\xed\xa0\x80"}', 'latin1')), status: 400 });
add({ name: 'utf8: a lone surrogate escape', ...login('{"username":"\\ud800","password":"x"}'), status: 400 });
add({ name: 'utf8: 0xFF bytes in the body', ...login(Buffer.from([0xff, 0xfe, 0x7b, 0x7d])), status: 400 });
add({ name: 'utf8: UTF-16 body', ...login(Buffer.from('{"username":"a","password":"b"}', 'utf16le'), { 'Content-Type': 'application/json; charset=utf-16' }), status: [400, 415] });
add({ name: 'utf8: a BOM before the JSON', ...login(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"username":"a","password":"b"}')])), status: 400 });
add({ name: 'utf8: broken bytes in the path', raw: rawReq('GET', Buffer.from([...Buffer.from(`${V1}/units/`), 0xc3, 0x28])), status: 400 });
add({ name: 'utf8: broken bytes in the query', raw: rawReq('GET', Buffer.from([...Buffer.from(`${V1}/units?kind=`), 0xc3, 0x28])), status: 400 });
add({ name: 'utf8: %FF in a search', as: 'ht', path: `${V1}/issues?q=%FF%FE`, status: 400 });
add({ name: 'utf8: broken bytes in an attachment name', as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.htIssue}/attachments?filename=%C0%AF.pdf`, headers: { 'Content-Type': 'application/pdf' }, body: '%PDF-1.4\n%%EOF\n', status: 400 });

// Malformed JSON and closed schemas.
add({ name: 'json: truncated', ...login('{"username":"a"'), status: 400 });
add({ name: 'json: trailing garbage', ...login('{"username":"a","password":"b"} x'), status: 400 });
add({ name: 'json: duplicate keys', ...login('{"username":"xa.hacthanh","username":"quantri","password":"b"}'), status: 400 });
add({ name: 'json: single quotes', ...login("{'username':'a','password':'b'}"), status: 400 });
add({ name: 'json: comments', ...login('{"username":"a", /* x */ "password":"b"}'), status: 400 });
add({ name: 'json: NaN', ...login('{"username":NaN,"password":"b"}'), status: 400 });
add({ name: 'json: trailing comma', ...login('{"username":"a","password":"b",}'), status: 400 });
add({ name: 'json: an array instead of an object', ...login('["xa.hacthanh","ThanhHoa@2025"]'), status: 400 });
add({ name: 'json: a string instead of an object', ...login('"xa.hacthanh"'), status: 400 });
add({ name: 'json: an unknown field', ...login('{"username":"a","password":"b","role":"admin"}'), status: 400 });
add({ name: 'json: __proto__ field', ...login('{"username":"a","password":"b","__proto__":{"admin":true}}'), status: 400 });
add({ name: 'json: username as an object', ...login('{"username":{"$ne":null},"password":{"$ne":null}}'), status: 400 });
add({ name: 'json: username as an array', ...login('{"username":["xa.hacthanh"],"password":"ThanhHoa@2025"}'), status: 400 });
add({ name: 'json: an issue with an unknown field', as: 'ht', method: 'POST', path: `${V1}/issues`, body: '{"title":"Kiến nghị thử","description":"x","field":"xay-dung","kind":"difficulty","commune_id":16522}', status: 400 });
add({ name: 'json: an issue with state set', as: 'ht', method: 'POST', path: `${V1}/issues`, body: '{"title":"Kiến nghị thử","description":"x","field":"xay-dung","kind":"difficulty","state":"closed"}', status: 400 });
add({ name: 'json: 300 KB title', as: 'ht', method: 'POST', path: `${V1}/issues`, body: JSON.stringify({ title: 'T'.repeat(60000), description: 'x', field: 'xay-dung', kind: 'difficulty' }), status: [400, 413] });
add({ name: 'json: 301-character title', as: 'ht', method: 'POST', path: `${V1}/issues`, body: JSON.stringify({ title: 'T'.repeat(301), description: 'x', field: 'xay-dung', kind: 'difficulty' }), status: 400 });
add({ name: 'json: a field slug with SQL', as: 'ht', method: 'POST', path: `${V1}/issues`, body: JSON.stringify({ title: 'Kiến nghị thử', description: 'x', field: "xay-dung' OR '1'='1", kind: 'difficulty' }) });
add({ name: 'json: a kind with SQL', as: 'ht', method: 'POST', path: `${V1}/issues`, body: JSON.stringify({ title: 'Kiến nghị thử', description: 'x', field: 'xay-dung', kind: "difficulty'--" }), status: 400 });
add({ name: 'json: a transition action with SQL', as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.htIssue}/transitions`, body: `{"action":"withdraw'; UPDATE issues SET state='closed'--"}` });
add({ name: 'json: a role with SQL', as: 'admin', method: 'POST', path: `${V1}/users`, body: '{"username":"hostile.user2","full_name":"Người thử","role":"admin\' --","unit_id":101,"password":"Lua-Thanh-Hostile-2025"}', status: 400 });
add({ name: 'json: a username with SQL', as: 'admin', method: 'POST', path: `${V1}/users`, body: '{"username":"a\' OR \'1\'=\'1","full_name":"Người thử","role":"commune_officer","unit_id":14797,"password":"Lua-Thanh-Hostile-2025"}', status: 400 });
add({ name: 'json: a period code with SQL', as: 'snv', method: 'POST', path: `${V1}/periods`, body: '{"code":"2025-W99\'; DROP TABLE periods--","name":"x","starts_on":"2025-01-01","ends_on":"2025-01-07","report_deadline":"2025-01-09T09:00:00+07:00","consolidation_deadline":"2025-01-09T17:00:00+07:00"}', status: 400 });
add({ name: 'json: a date with SQL', as: 'snv', method: 'POST', path: `${V1}/periods`, body: '{"code":"2099-W01","name":"x","starts_on":"2099-01-01\' OR 1=1--","ends_on":"2099-01-07","report_deadline":"2099-01-09T09:00:00+07:00","consolidation_deadline":"2099-01-09T17:00:00+07:00"}', status: 400 });
add({ name: 'json: an API token expiry with SQL', as: 'admin', method: 'POST', path: `${V1}/api-tokens`, body: (S) => JSON.stringify({ name: 'hostile', user_id: S.reader.user.id, expires_at: "2026-01-01' OR 1=1--" }), status: 400 });
add({ name: 'json: a login username with SQL', ...login(JSON.stringify({ username: "' OR 1=1--", password: 'x' })), status: [400, 401] });
add({ name: 'json: a login username of 5000 characters', ...login(JSON.stringify({ username: LONG, password: 'x' })), status: [400, 401] });
add({ name: 'json: a login with traversal', ...login(JSON.stringify({ username: '../../etc/passwd', password: '../../etc/shadow' })), status: [400, 401] });
add({ name: 'json: a login password of 60 KB', ...login(JSON.stringify({ username: 'hostile.nobody', password: 'p'.repeat(60000) })), status: [400, 401] });

// Wrong content types.
add({ name: 'type: form-encoded login', ...login('username=xa.hacthanh&password=ThanhHoa%402025', { 'Content-Type': 'application/x-www-form-urlencoded' }), status: 415 });
add({ name: 'type: text/plain login', ...login('{"username":"a","password":"b"}', { 'Content-Type': 'text/plain' }), status: 415 });
add({ name: 'type: multipart login', ...login('--x\r\nContent-Disposition: form-data; name="username"\r\n\r\na\r\n--x--\r\n', { 'Content-Type': 'multipart/form-data; boundary=x' }), status: 415 });
add({ name: 'type: XML login', ...login('<login><username>a</username></login>', { 'Content-Type': 'application/xml' }), status: 415 });
add({ name: 'type: application/jsonx', ...login('{"username":"a","password":"b"}', { 'Content-Type': 'application/jsonx' }), status: 415 });
add({ name: 'type: application/json-patch+json on PATCH', as: 'ht', method: 'PATCH', path: (S) => `${V1}/issues/${S.f.htIssue}`, headers: { 'Content-Type': 'application/json-patch+json', 'If-Match': '"1"' }, body: '[{"op":"replace","path":"/title","value":"x"}]', status: 415 });
add({ name: 'type: no Content-Type with a body', raw: rawReq('POST', `${V1}/auth/login`, [], '{"username":"a","password":"b"}'), status: 415 });
add({ name: 'type: text/html on an issue', as: 'ht', method: 'POST', path: `${V1}/issues`, headers: { 'Content-Type': 'text/html' }, body: '<script>alert(1)</script>', status: 415 });
add({ name: 'type: an attachment that is a script named .pdf', as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.htIssue}/attachments?filename=a.pdf`, headers: { 'Content-Type': 'application/pdf' }, body: '#!/bin/sh\nrm -rf /\n', status: 415 });
add({ name: 'type: a PDF named .png', as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.htIssue}/attachments?filename=a.png`, headers: { 'Content-Type': 'image/png' }, body: '%PDF-1.4\n%%EOF\n', status: 415 });
add({ name: 'type: an attachment named .pdf.exe', as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.htIssue}/attachments?filename=a.pdf.exe`, headers: { 'Content-Type': 'application/pdf' }, body: '%PDF-1.4\n%%EOF\n' });

// Forged and mangled tokens.
const tokenCase = (name, token, extra = {}) => add({ name: `token: ${name}`, path: `${V1}/me`, headers: (S) => ({ Authorization: typeof token === 'function' ? token(S) : token }), status: 401, ...extra });
tokenCase('empty Bearer', 'Bearer ');
tokenCase('Bearer garbage', 'Bearer abc');
tokenCase('Basic scheme', 'Basic eGEuaGFjdGhhbmg6VGhhbmhIb2FAMjAyNQ==');
tokenCase('the token without a scheme', (S) => S.ht.token);
tokenCase('alg none, no signature', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${b64u({ alg: 'none', typ: 'JWT' })}.${j.p}.`; });
tokenCase('alg none, two parts', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${b64u({ alg: 'none', typ: 'JWT' })}.${j.p}`; });
tokenCase('alg HS512 header on an HS256 signature', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${b64u({ alg: 'HS512', typ: 'JWT' })}.${j.p}.${j.s}`; });
tokenCase('alg RS256 header', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${b64u({ alg: 'RS256', typ: 'JWT' })}.${j.p}.${j.s}`; });
tokenCase('signed with the key "secret"', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${sign(j.header, j.payload, 'secret')}`; });
tokenCase('signed with an empty key', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${sign(j.header, j.payload, '')}`; });
tokenCase('payload changed to another unit', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${j.h}.${b64u({ ...j.payload, unit: UNIT.quangPhu })}.${j.s}`; });
tokenCase('payload changed to admin', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${j.h}.${b64u({ ...j.payload, role: 'admin' })}.${j.s}`; });
tokenCase('payload changed to another user', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${j.h}.${b64u({ ...j.payload, sub: String(S.qp.user.id) })}.${j.s}`; });
tokenCase('signature cut short', (S) => `Bearer ${S.ht.token.slice(0, -3)}`);
tokenCase('signature with one character changed', (S) => { const t = S.ht.token; const last = t.at(-5) === 'A' ? 'B' : 'A'; return `Bearer ${t.slice(0, -5)}${last}${t.slice(-4)}`; });
tokenCase('a fourth segment', (S) => `Bearer ${S.ht.token}.x`);
tokenCase('the signature removed', (S) => `Bearer ${S.ht.token.split('.').slice(0, 2).join('.')}.`);
tokenCase('header with kid traversal', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${b64u({ ...j.header, kid: '../../../../dev/null' })}.${j.p}.${j.s}`; });
tokenCase('header with jku', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${b64u({ ...j.header, jku: 'http://127.0.0.1:1/k' })}.${j.p}.${j.s}`; });
tokenCase('payload that is not JSON', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${j.h}.${b64u('not json')}.${j.s}`; });
tokenCase('payload with SQL in sub', (S) => { const j = jwtParts(S.ht.token); return `Bearer ${j.h}.${b64u({ ...j.payload, sub: "1 OR 1=1" })}.${j.s}`; });
tokenCase('base64 with padding and spaces', (S) => `Bearer ${S.ht.token.replace('.', '==. ')}`);
tokenCase('a forged API token', `Bearer tsk_${'A'.repeat(43)}`);
tokenCase('an API token with SQL', "Bearer tsk_' OR 1=1--");
tokenCase('an API token of 4 KB', `Bearer tsk_${'B'.repeat(4000)}`);
// Tokens signed with the stack's own key that lie in other ways (skipped without the key).
const realKey = signingKey();
const lying = (name, change, extra) => tokenCase(`validly signed, ${name}`, (S) => { const j = jwtParts(S.ht.token); return `Bearer ${sign(j.header, change(j.payload, S), realKey)}`; }, { skip: realKey ? false : 'the signing key is not readable', ...extra });
lying('expired an hour ago', (p) => ({ ...p, exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 4500, nbf: Math.floor(Date.now() / 1000) - 4500 }));
lying('not valid for an hour', (p) => ({ ...p, nbf: Math.floor(Date.now() / 1000) + 3600 }));
lying('another issuer', (p) => ({ ...p, iss: 'someone-else' }));
lying('another audience', (p) => ({ ...p, aud: 'another-api' }));
lying('a stale token version', (p) => ({ ...p, ver: p.ver + 1 }));
lying('a user that does not exist', (p) => ({ ...p, sub: '987654321' }));
lying('sub with SQL', (p) => ({ ...p, sub: "1' OR '1'='1" }));
lying('no exp', (p) => { const q = { ...p }; delete q.exp; return q; });
lying('exp as a string', (p) => ({ ...p, exp: String(p.exp) }));
lying('exp of 2^63', (p) => ({ ...p, exp: 9223372036854775808 }));
// A signed token whose unit claim names another commune: the unit comes from the database,
// so Quảng Phú's issue stays invisible.
add({ name: 'token: validly signed with another unit, reading that unit\'s issue', path: (S) => `${V1}/issues/${S.f.qpIssue}`, headers: (S) => { const j = jwtParts(S.ht.token); return { Authorization: `Bearer ${sign(j.header, { ...j.payload, unit: UNIT.quangPhu }, realKey)}` }; }, status: 404, skip: realKey ? false : 'the signing key is not readable' });
add({ name: 'token: refresh cookie with SQL', method: 'POST', path: `${V1}/auth/refresh`, headers: { Cookie: "ts_refresh=' OR 1=1--" }, status: 401 });
add({ name: 'token: refresh cookie with traversal', method: 'POST', path: `${V1}/auth/refresh`, headers: { Cookie: 'ts_refresh=../../etc/passwd' }, status: 401 });
add({ name: 'token: an access token as the refresh cookie', method: 'POST', path: `${V1}/auth/refresh`, headers: (S) => ({ Cookie: `ts_refresh=${S.ht.token}` }), status: 401 });
add({ name: 'token: an API token that writes', as: null, method: 'POST', path: `${V1}/issues`, headers: (S) => ({ Authorization: `Bearer ${S.f.apiToken}` }), body: '{"title":"Kiến nghị thử","description":"x","field":"xay-dung","kind":"difficulty"}', status: 403 });

// Other units' ids everywhere: a commune against another commune's issue, a department
// against another department's issue, group, training and report, readers and admins where
// they have no business.
const other = (name, c) => add({ name: `other unit: ${name}`, ...c });
other('commune reads another commune\'s issue', { as: 'ht', path: (S) => `${V1}/issues/${S.f.qpIssue}`, status: 404 });
other('commune reads its events', { as: 'ht', path: (S) => `${V1}/issues/${S.f.qpIssue}/events`, status: 404 });
other('commune comments on it', { as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.qpIssue}/comments`, body: '{"text":"Xin xem"}', status: 404 });
other('commune edits it', { as: 'ht', method: 'PATCH', path: (S) => `${V1}/issues/${S.f.qpIssue}`, headers: { 'If-Match': '"1"' }, body: '{"title":"Đổi tên kiến nghị của xã khác"}', status: 404 });
other('commune withdraws it', { as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.qpIssue}/transitions`, body: '{"action":"withdraw"}', status: 404 });
other('commune withdraws it with an Idempotency-Key', { as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.qpIssue}/transitions`, headers: { 'Idempotency-Key': `hostile-${MARK}-w` }, body: '{"action":"withdraw"}', status: 404 });
other('commune confirms it', { as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.qpIssue}/transitions`, body: '{"action":"confirm"}', status: 404 });
other('commune attaches to it', { as: 'ht', method: 'POST', path: (S) => `${V1}/issues/${S.f.qpIssue}/attachments?filename=a.pdf`, headers: { 'Content-Type': 'application/pdf' }, body: '%PDF-1.4\n%%EOF\n', status: 404 });
other('commune downloads its attachment', { as: 'ht', path: (S) => `${V1}/attachments/${S.f.qpAttachment}`, status: 404 });
other('commune filters by the other commune', { as: 'ht', path: `${V1}/issues?commune_id=${UNIT.quangPhu}`, allow200: 'empty' });
other('commune filters by the other commune\'s holder', { as: 'ht', path: `${V1}/issues?holder_unit_id=${UNIT.syt}&field=y-te`, allow200: 'scoped' });
other('commune searches for the other commune\'s words', { as: 'ht', path: `${V1}/issues?q=${MARK}`, allow200: 'empty' });
other('commune reads the other group', { as: 'ht', path: (S) => `${V1}/issue-groups/${S.f.sytGroup}`, status: 403 });
other('commune marks another user\'s notification read', { as: 'ht', method: 'POST', path: `${V1}/notifications/read`, body: (S) => JSON.stringify({ ids: [S.f.sytNotification] }), allow200: 'nothing-marked' });
other('commune raises an issue for a department as a lead that does not handle the field', { as: 'ht', method: 'POST', path: `${V1}/issues`, body: JSON.stringify({ title: 'Kiến nghị thử', description: 'x', field: 'xay-dung', kind: 'difficulty', lead_unit_id: UNIT.syt }) });
other('commune raises an issue led by a commune', { as: 'ht', method: 'POST', path: `${V1}/issues`, body: JSON.stringify({ title: 'Kiến nghị thử', description: 'x', field: 'xay-dung', kind: 'difficulty', lead_unit_id: UNIT.quangPhu }) });
other('commune creates a training', { as: 'ht', method: 'POST', path: `${V1}/trainings`, body: (S) => JSON.stringify(S.f.trainingBody), status: 403 });
other('commune reads a department report', { as: 'ht', path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.syt}`, status: 403 });
other('commune lists users', { as: 'ht', path: `${V1}/users`, status: 403 });
other('commune edits another commune\'s user', { as: 'ht', method: 'PATCH', path: (S) => `${V1}/users/${S.qp.user.id}`, body: '{"disabled":true}', status: 403 });
other('commune reads statistics', { as: 'ht', path: `${V1}/stats/overview`, status: 403 });
other('commune reads the audit log', { as: 'ht', path: `${V1}/audit`, status: 403 });
other('department reads an issue another department holds', { as: 'sxd', path: (S) => `${V1}/issues/${S.f.qpIssue}`, status: 404 });
other('department accepts it', { as: 'sxd', method: 'POST', path: (S) => `${V1}/issues/${S.f.qpIssue}/transitions`, body: '{"action":"accept"}', status: 404 });
other('department answers it', { as: 'sxd', method: 'POST', path: (S) => `${V1}/issues/${S.f.qpIssue}/transitions`, body: '{"action":"answer","answer":"Trả lời thay"}', status: 404 });
other('department reroutes it to itself', { as: 'sxd', method: 'POST', path: (S) => `${V1}/issues/${S.f.qpIssue}/transitions`, body: JSON.stringify({ action: 'reroute', unit_id: UNIT.sxd, reason: 'Chuyển về' }), status: 404 });
other('department head escalates it', { as: 'sxdHead', method: 'POST', path: (S) => `${V1}/issues/${S.f.qpIssue}/transitions`, body: '{"action":"escalate","reason":"Vượt thẩm quyền"}', status: 404 });
other('department edits it', { as: 'sxd', method: 'PATCH', path: (S) => `${V1}/issues/${S.f.qpIssue}`, headers: { 'If-Match': '"1"' }, body: '{"shareable":true}', status: 404 });
other('department downloads its attachment', { as: 'sxd', path: (S) => `${V1}/attachments/${S.f.qpAttachment}`, status: 404 });
other('department groups issues another department holds', { as: 'sxd', method: 'POST', path: `${V1}/issue-groups`, body: (S) => JSON.stringify({ title: 'Nhóm của sở khác', issue_ids: [S.f.qpIssue, S.f.qpIssue2] }) });
other('department reads another department\'s group', { as: 'sxd', path: (S) => `${V1}/issue-groups/${S.f.sytGroup}`, status: 404 });
other('department answers another department\'s group', { as: 'sxd', method: 'POST', path: (S) => `${V1}/issue-groups/${S.f.sytGroup}/answer`, body: '{"answer":"Trả lời thay"}', status: 404 });
other('department edits another department\'s training', { as: 'sxd', method: 'PATCH', path: (S) => `${V1}/trainings/${S.f.sytTraining}`, headers: (S) => ({ 'If-Match': `"${S.f.sytTrainingVersion}"` }), body: '{"title":"Tên do sở khác đặt"}' });
other('department adds recommendations to another department\'s training', { as: 'sxd', method: 'POST', path: (S) => `${V1}/trainings/${S.f.sytTraining}/recommendations`, body: JSON.stringify({ items: [{ commune_id: UNIT.quangPhu, title: 'Kiến nghị thử', description: 'x', field: 'y-te', kind: 'proposal' }] }) });
other('department reads another department\'s report', { as: 'sxd', path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.syt}`, status: 403 });
other('department writes another department\'s report', { as: 'sxd', method: 'PUT', path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.syt}`, body: '{"narrative":{"other":"Ghi đè"}}', status: 403 });
other('department head submits another department\'s report', { as: 'sxdHead', method: 'POST', path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.syt}/submit`, status: 403 });
other('department exports another department\'s report', { as: 'sxd', path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.syt}/export?format=csv&list=summary`, status: 403 });
other('department returns a report', { as: 'sxdHead', method: 'POST', path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.syt}/return`, body: '{"reason":"x"}', status: 403 });
other('department reads the consolidated report', { as: 'sxd', path: (S) => `${V1}/periods/${S.f.period}/consolidated`, status: 403 });
other('department reads the compliance board', { as: 'sxd', path: (S) => `${V1}/periods/${S.f.period}/compliance`, status: 403 });
other('department creates a period', { as: 'sxd', method: 'POST', path: `${V1}/periods`, body: '{"code":"2099-W02","name":"x","starts_on":"2099-01-08","ends_on":"2099-01-14","report_deadline":"2099-01-15T09:00:00+07:00","consolidation_deadline":"2099-01-15T17:00:00+07:00"}', status: 403 });
other('department lists another department\'s issues by holder', { as: 'sxd', path: `${V1}/issues?holder_unit_id=${UNIT.syt}`, allow200: 'scoped' });
other('home affairs writes a department\'s report', { as: 'snv', method: 'PUT', path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.syt}`, body: '{"narrative":{"other":"Ghi đè"}}', status: 403 });
other('admin reads an issue', { as: 'admin', path: (S) => `${V1}/issues/${S.f.qpIssue}`, status: 403 });
other('admin downloads an attachment', { as: 'admin', path: (S) => `${V1}/attachments/${S.f.qpAttachment}`, status: 403 });
other('Party reader lists issues', { as: 'reader', path: `${V1}/issues`, status: 403 });
other('Party reader reads a draft report', { as: 'reader', method: 'PUT', path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.syt}`, body: '{"narrative":{}}', status: 403 });
other('nobody signed in reads an issue', { path: (S) => `${V1}/issues/${S.f.qpIssue}`, status: 401 });
other('nobody signed in downloads an attachment', { path: (S) => `${V1}/attachments/${S.f.qpAttachment}`, status: 401 });
other('nobody signed in reads a report', { path: (S) => `${V1}/periods/${S.f.period}/reports/${UNIT.syt}`, status: 401 });

// Path traversal and odd paths.
add({ name: 'path: /api/v1/../../etc/passwd as sent', raw: rawReq('GET', '/api/v1/../../../etc/passwd') });
add({ name: 'path: encoded dots above the root', raw: rawReq('GET', '/api/v1/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd') });
add({ name: 'path: an id with ..%2f inside /api', as: 'ht', path: `${V1}/issues/..%2f..%2fusers`, status: 404 });
add({ name: 'path: double slashes', path: `${V1}//units//1`, status: 404 });
add({ name: 'path: a backslash', path: `${V1}/units/1%5c..%5c..%5cetc`, status: 404 });
add({ name: 'path: an unknown version', path: '/api/v0/units', status: 404 });
add({ name: 'path: a trailing dot segment', as: 'ht', path: `${V1}/issues/1/.`, status: 404 });
add({ name: 'path: a method nobody knows', raw: rawReq('PROPFIND', `${V1}/units`), status: [400, 405] });
add({ name: 'path: a malformed method', raw: rawReq('G@T', `${V1}/units`) });
add({ name: 'path: no Host header', raw: Buffer.from(`GET ${V1}/units HTTP/1.1\r\nConnection: close\r\n\r\n`) });
add({ name: 'path: DELETE on a collection', as: 'admin', method: 'DELETE', path: `${V1}/users`, status: 405 });

// Every case must be named once, so that a failure says which.
const seen = new Set();
for (const c of CASES) {
  assert.ok(!seen.has(c.name), `two cases are named ${c.name}`);
  seen.add(c.name);
}

// ---- Fixtures: two communes' issues, another department's group, training and report ----

const S = { f: {} };
let pidsBefore = [];
let logOffset = 0;
const logFile = path.join(VAR, 'log/api.log');
const counts = { total: 0, status: {}, allowed200: [] };

before(async () => {
  for (const [k, u] of Object.entries(USERS)) S[k] = await session(u);
  pidsBefore = workerPids().sort();
  logOffset = existsSync(logFile) ? statSync(logFile).size : 0;
  const post = async (who, p, body, headers = {}) => {
    const res = await api(V1 + p, {
      method: 'POST',
      headers: { Authorization: `Bearer ${S[who].token}`, 'Content-Type': typeof body === 'string' ? 'application/json' : 'application/json', ...headers },
      body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    assert.ok(res.status === 201 || res.status === 200, `fixture ${who} POST ${p}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.body;
  };
  const qpBody = (n) => ({ title: `Vướng mắc chi trả bảo hiểm y tế ${MARK} số ${n}`, description: `Nội dung mật của xã Quảng Phú ${MARK}.`, field: 'y-te', kind: 'difficulty' });
  S.f.qpIssue = (await post('qp', '/issues', qpBody(1))).id;
  S.f.qpIssue2 = (await post('qp', '/issues', qpBody(2))).id;
  S.f.idemKey = `hostile-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  S.f.htIssue = (await post('ht', '/issues', { title: `Vướng mắc cấp phép xây dựng (thử tấn công) ${Date.now()}`, description: 'Xã đề nghị hướng dẫn.', field: 'xay-dung', kind: 'difficulty' }, { 'Idempotency-Key': S.f.idemKey })).id;
  const att = await api(`${V1}/issues/${S.f.qpIssue}/attachments?filename=mat.pdf`, {
    method: 'POST', headers: { Authorization: `Bearer ${S.qp.token}`, 'Content-Type': 'application/pdf' }, body: `%PDF-1.4\n% ${MARK}\n%%EOF\n`,
  });
  assert.equal(att.status, 201, `fixture attachment: ${att.text}`);
  S.f.qpAttachment = att.body.id;
  S.f.sytGroup = (await post('syt', '/issue-groups', { title: `Nhóm ${MARK}`, issue_ids: [S.f.qpIssue, S.f.qpIssue2] })).id;
  S.f.trainingBody = {
    title: `Hội nghị tập huấn y tế (thử tấn công) ${Date.now()}`, round: 1, starts_at: new Date().toISOString(),
    format: 'online', link: 'https://hop.thanhhoa.gov.vn/thu', fields: ['y-te'], attendance: [{ commune_id: UNIT.quangPhu, participants: 3 }],
  };
  const training = await post('syt', '/trainings', S.f.trainingBody);
  S.f.sytTraining = training.id;
  S.f.sytTrainingVersion = training.version ?? 1;
  const notes = await api(`${V1}/notifications?unread=true`, { headers: { Authorization: `Bearer ${S.syt.token}` } });
  assert.equal(notes.status, 200, notes.text);
  assert.ok(notes.body.items.length > 0, 'the department holding the new issues has an unread notification');
  S.f.sytNotification = notes.body.items[0].id;
  const periods = await api(`${V1}/periods`, { headers: { Authorization: `Bearer ${S.ht.token}` } });
  S.f.period = periods.body.items.find((p) => p.code === '2025-R1')?.id ?? periods.body.items[0].id;
  const tok = await post('admin', '/api-tokens', { name: `hostile ${MARK}`, user_id: S.reader.user.id, expires_at: new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10) });
  S.f.apiToken = tok.token;
});

after(() => {
  const by = Object.entries(counts.status).sort().map(([s, n]) => `${s}:${n}`).join(' ');
  // A summary for the log of the run (node prints it as a diagnostic).
  console.log(`hostile catalogue: ${counts.total} requests; statuses ${by}; allowed non-4xx answers (free-text searches, paths that leave /api/): ${counts.allowed200.length}`);
});

// ---- The checks ----

function checkCase(c, r) {
  const what = `${c.name}: ${r.status} ${r.contentType} ${String(r.text).slice(0, 200)}`;
  counts.total += 1;
  counts.status[r.status] = (counts.status[r.status] ?? 0) + 1;
  if (Number.isNaN(r.status) && c.noAnswerOk) return;
  assert.ok(!Number.isNaN(r.status), `${c.name}: no HTTP answer`);
  assert.ok(r.status < 500, `${what} (never a 5xx)`);
  if (!(c.as && ENTITLED.has(c.as))) {
    assert.ok(!String(r.text).includes(MARK), `${c.name}: the answer shows another unit's data (${MARK})`);
  }
  if (c.allow200 === 'spa' && (r.status === 200 || (r.status === 405 && (c.method ?? 'GET') !== 'GET'))) {
    counts.allowed200.push(c.name);
    assert.match(r.contentType, /^text\/html/, what);
    if (r.status === 200) assert.match(r.text, /^<!doctype html>/i, `${what}: the SPA's page`);
    assert.ok(!/root:.*:0:0:/.test(r.text), `${what}: a file of the machine`);
    return;
  }
  if (r.status === 200 && c.allow200) {
    counts.allowed200.push(c.name);
    assert.match(r.contentType, /^(application\/json|text\/csv)/, what);
    const items = r.body?.items;
    if (c.allow200 === 'empty') {
      assert.ok(Array.isArray(items), `${what}: a list`);
      assert.equal(items.length, 0, `${what}: an exact filter with a hostile value matches nothing`);
    }
    if (c.allow200 === 'scoped' && Array.isArray(items) && S[c.as]) {
      const unit = S[c.as].user.unit.id;
      for (const it of items) {
        if (c.as === 'ht' && it.commune) assert.equal(it.commune.id, unit, `${what}: an issue of another commune (${it.id})`);
      }
    }
    if (c.allow200 === 'nothing-marked') assert.equal(r.body?.marked, 0, `${what}: marked another user's notification`);
    return;
  }
  assert.ok(r.status >= 400 && r.status < 500, `${what} (expected a 4xx)`);
  assert.match(r.contentType, /^application\/json/, `${what} (a JSON error)`);
  assert.equal(typeof r.body, 'object', `${what} (JSON)`);
  assert.ok(r.body?.error && typeof r.body.error.code === 'string', `${what} (error.code)`);
  assert.equal(typeof r.body.error.message, 'string', `${what} (error.message)`);
  assert.ok(r.body.error.message.length > 0, `${what} (error.message is not empty)`);
  assert.ok('details' in r.body.error, `${what} (error.details)`);
  if (c.status !== undefined) {
    const want = [].concat(c.status);
    assert.ok(want.includes(r.status), `${what} (expected ${want.join(' or ')})`);
  }
}

for (const c of CASES) {
  test(c.name, { skip: c.skip || false, timeout: TIMEOUT_MS + 5000 }, async () => {
    const cc = { ...c };
    if (typeof cc.headers === 'function') cc.headers = cc.headers(S);
    if (cc.idemFixture) cc.headers = { ...cc.headers, 'Idempotency-Key': S.f.idemKey };
    checkCase(cc, await send(cc, S));
  });
}

// ---- Afterwards: nothing crashed, nothing changed that should not have ----

test('after the catalogue: healthy, the same workers, no sanitizer report, nothing foreign changed', async () => {
  const health = await api('/api/health');
  assert.equal(health.status, 200, `health: ${health.text}`);
  assert.deepEqual(workerPids().sort(), pidsBefore, 'every worker (and the maintenance process) is the one that was there before');
  const log = existsSync(logFile) ? readFileSync(logFile).subarray(logOffset).toString('utf8') : '';
  const bad = log.split('\n').filter((l) => /AddressSanitizer|LeakSanitizer|runtime error|UndefinedBehaviorSanitizer|killed by signal|exited with/.test(l));
  assert.deepEqual(bad.slice(0, 20), [], 'the backend log has no sanitizer report and no worker death');
  assert.ok(Number(sql('SELECT count(*) FROM users')) >= 10, 'the users table is still there');
  // Quảng Phú's issues are as their commune left them.
  const states = sql(`SELECT state FROM issues WHERE id IN (${S.f.qpIssue}, ${S.f.qpIssue2}) ORDER BY id`).split('\n');
  assert.deepEqual(states, ['submitted', 'submitted']);
  assert.equal(sql(`SELECT count(*) FROM issues WHERE title LIKE '%${MARK}%'`), '2');
  // The other department's notification is still unread, its training keeps its title.
  const notes = await api(`${V1}/notifications?unread=true&limit=100`, { headers: { Authorization: `Bearer ${S.syt.token}` } });
  assert.ok(notes.body.items.some((n) => n.id === S.f.sytNotification), 'the department\'s notification is still unread');
  const tr = await api(`${V1}/trainings/${S.f.sytTraining}`, { headers: { Authorization: `Bearer ${S.syt.token}` } });
  assert.equal(tr.body.title, S.f.trainingBody.title);
  // The Idempotency-Key replay created nothing new.
  assert.equal(sql(`SELECT count(*) FROM issues WHERE commune_id = ${UNIT.hacThanh} AND title = 'Một kiến nghị khác hẳn'`), '0');
  assert.ok(CASES.length >= 100, `${CASES.length} cases`);
});
