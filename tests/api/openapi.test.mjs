// The OpenAPI description of the whole API (docs/openapi.json) against the backend itself:
// (d) it is an OpenAPI 3.1 document whose references resolve and whose schemas compile under
// ajv's strict 2020-12 mode; (a) every route of backend/src/routes.c is described and every
// description has a route, with the same handler (operationId), the same callers (x-roles,
// from the role macros of routes.c), Idempotency-Key exactly where the route honours it, and
// API tokens exactly on the GETs leadership or the Party committee may read; (b) nginx serves
// it at /api/openapi.json (and the analysts' guide at /api/huong-dan-api.md), byte for byte;
// (c) real answers, for a representative request of every GET endpoint and most writes, made
// by the callers each endpoint is for, match the documented status, content type and
// response schema. A mismatch fails naming the method, the path and ajv's error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  BASE, REPO, api, createUser, refreshCookie, session, strongPassword, vnDate,
} from './lib.mjs';
import { addDays, createPeriod, parseCsv, runTag, vnToday } from './reporting-helpers.mjs';

const DOC_FILE = path.join(REPO, 'docs/openapi.json');
const DOC_TEXT = readFileSync(DOC_FILE, 'utf8');
const DOC = JSON.parse(DOC_TEXT);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const TAG = runTag('oa');

// ---- the document's operations, with their full paths ----

/** [{method, path (as documented, under its server), full (the URL path), op, item}]. */
function operations() {
  const out = [];
  for (const [p, item] of Object.entries(DOC.paths)) {
    const server = (item.servers ?? DOC.servers)[0].url.replace(/\/$/, '');
    for (const m of METHODS) if (item[m]) out.push({ method: m.toUpperCase(), path: p, full: server + p, op: item[m], item });
  }
  return out;
}
const OPS = operations();
/** "{period_id}" → "{id}": routes.c names every integer segment {id}. */
const normalise = (full) => full.replace(/\{[a-z_]+\}/g, '{id}');

function resolve(obj) {
  let o = obj;
  for (let i = 0; o && o.$ref && i < 10; i++) {
    assert.match(o.$ref, /^#\//, `only local references: ${o.$ref}`);
    o = o.$ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((x, k) => (x === undefined ? undefined : x[k]), DOC);
    assert.ok(o !== undefined, `reference ${obj.$ref} resolves`);
  }
  return o;
}

// ---- routes.c ----

function parseRoutes() {
  const src = readFileSync(path.join(REPO, 'backend/src/routes.c'), 'utf8');
  const hdr = readFileSync(path.join(REPO, 'backend/src/router.h'), 'utf8');
  const roleEnum = hdr.match(/enum\s+role\s*\{([\s\S]*?)\}/)[1].replace(/\/\*[\s\S]*?\*\//g, '')
    .split(',').map((s) => s.trim()).filter((s) => s && s !== 'ROLE__MAX');
  const roleNames = roleEnum.map((r) => r.replace(/^ROLE_/, '').toLowerCase());
  const defines = {};
  const noComments = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\\\n/g, ' ');
  for (const m of noComments.matchAll(/^#define\s+(\w+)\s+(.+)$/gm)) defines[m[1]] = m[2].trim();
  // Evaluates a role expression of routes.c (ROLE_BIT(ROLE_X), macros, | & ~) to a bit set.
  const evaluate = (expr, depth = 0) => {
    assert.ok(depth < 10, `role macro nesting in ${expr}`);
    let e = expr.replace(/ROLE_BIT\(\s*ROLE_(\w+)\s*\)/g, (_, r) => {
      const i = roleNames.indexOf(r.toLowerCase());
      assert.ok(i >= 0, `role ${r} is in router.h`);
      return `(${1 << i})`;
    });
    e = e.replace(/\bROLES_PUBLIC\b/g, '0').replace(/\bROLES_ANY\b/g, String((1 << roleNames.length) - 1));
    e = e.replace(/\b[A-Z_][A-Z0-9_]*\b/g, (name) => {
      assert.ok(defines[name], `routes.c defines ${name}`);
      return `(${evaluate(defines[name], depth + 1)})`;
    });
    assert.match(e, /^[0-9()|&~\s]+$/, `role expression ${expr} → ${e}`);
    // eslint-disable-next-line no-new-func
    return Function(`return (${e}) & ${(1 << roleNames.length) - 1};`)();
  };
  const m = src.match(/const\s+struct\s+route\s+routes\[\]\s*=\s*\{([\s\S]*?)\n\};/);
  assert.ok(m, 'routes.c has the table');
  const body = m[1].replace(/\/\*[\s\S]*?\*\//g, '');
  const rows = [];
  const re = /\{\s*HTTP_([A-Z]+)\s*,\s*"([^"]+)"\s*,\s*(\w+)\s*,\s*([^,{}]+?)\s*,\s*([^,{}]+?)\s*\}/g;
  for (const r of body.matchAll(re)) {
    const bits = evaluate(r[4]);
    rows.push({
      method: r[1], pattern: r[2], handler: r[3], public: bits === 0,
      roles: roleNames.filter((_, i) => bits & (1 << i)),
      flags: r[5] === '0' ? [] : r[5].split('|').map((s) => s.trim()),
    });
  }
  assert.equal(rows.length, (body.match(/\bHTTP_[A-Z]+\b/g) ?? []).length, 'every row of routes.c was understood');
  return rows;
}

// ---- ajv: the document's schemas, strict 2020-12 ----

const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats(ajv);
const COMPONENTS_ID = 'https://thongsuot.invalid/openapi.json';
const rewrite = (schema, prefix) => JSON.parse(JSON.stringify(schema)
  .replace(/"#\/components\/schemas\//g, `"${prefix}#/$defs/`));
ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewrite(DOC.components.schemas, '') });
const compiled = new Map();
function validator(key, schema) {
  if (!compiled.has(key)) compiled.set(key, ajv.compile(rewrite(schema, COMPONENTS_ID)));
  return compiled.get(key);
}
/** ajv's errors, each with its path and what it refers to (the extra property, the value…). */
const errorsText = (v) => (v.errors ?? []).slice(0, 8).map((e) => {
  const extra = e.params?.additionalProperty ?? e.params?.missingProperty ?? e.params?.allowedValues ?? e.params?.limit;
  return `body${e.instancePath} ${e.message}${extra !== undefined ? ` (${JSON.stringify(extra)})` : ''}`;
}).join('; ');

// ---- requests checked against the document ----

const covered = new Set(); // "GET /periods/{period_id} 200"

/** The documented operation of a concrete request path ("/api/v1/periods/3"). */
function findOperation(method, urlPath) {
  const matches = OPS.filter((o) => o.method === method && new RegExp(`^${o.full.replace(/\{[a-z_]+\}/g, '[^/]+')}$`).test(urlPath));
  // A literal segment beats a parameter.
  matches.sort((a, b) => (a.full.match(/\{/g) ?? []).length - (b.full.match(/\{/g) ?? []).length);
  assert.ok(matches.length > 0, `${method} ${urlPath}: no operation in docs/openapi.json describes it`);
  return matches[0];
}

/** Checks the query parameters sent against the operation's documented ones. */
function checkQuery(o, query) {
  const params = (o.op.parameters ?? []).map(resolve).filter((p) => p.in === 'query');
  for (const [name, value] of Object.entries(query)) {
    const p = params.find((x) => x.name === name);
    assert.ok(p, `${o.method} ${o.path}: query parameter ${name} is documented`);
    const s = resolve(p.schema);
    const v = validator(`param ${o.method} ${o.path} ${name}`, s);
    let data = value;
    const type = s.type ?? resolve(s).type;
    if (type === 'array') data = String(value).split(',');
    else if (type === 'integer' || type === 'number') data = Number(value);
    else if (type === 'boolean') data = value === 'true' ? true : value === 'false' ? false : value;
    assert.ok(v(data), `${o.method} ${o.path}: query ${name}=${value} fits its documented schema: ${errorsText(v)}`);
  }
  for (const p of params.filter((x) => x.required)) assert.ok(p.name in query, `${o.method} ${o.path}: required ${p.name} sent`);
}

/**
 * Sends a request and checks the answer against the document: the status is documented for
 * the operation, the content type is one of its media types, and a JSON body fits the schema.
 * who: null (anonymous), a token string, or {token}. Returns the response.
 */
async function call(who, method, urlPath, { body, query = {}, headers = {}, raw, contentType, unchecked = false } = {}) {
  const o = findOperation(method, `/api/v1${urlPath}`.replace(/^\/api\/v1\/api\//, '/api/'));
  if (!unchecked) checkQuery(o, query);
  const h = { ...headers };
  const token = typeof who === 'string' ? who : who?.token;
  if (token) h.Authorization = `Bearer ${token}`;
  const init = { method, headers: h };
  if (raw !== undefined) {
    h['Content-Type'] = contentType ?? 'application/octet-stream';
    init.body = raw;
  } else if (body !== undefined) {
    h['Content-Type'] = contentType ?? 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (typeof body !== 'string' && o.op.requestBody && !unchecked) {
      const media = o.op.requestBody.content['application/json'];
      if (media) {
        const v = validator(`request ${o.method} ${o.path}`, media.schema);
        assert.ok(v(body), `${method} ${o.path}: the request body sent fits the documented schema: ${errorsText(v)}\n${JSON.stringify(body).slice(0, 300)}`);
      }
    }
  }
  const qs = new URLSearchParams(query).toString();
  const res = await api(o.full.startsWith('/api/v1') ? `/api/v1${urlPath}${qs ? `?${qs}` : ''}` : `${urlPath}${qs ? `?${qs}` : ''}`, init);
  checkResponse(o, res);
  return res;
}

function checkResponse(o, res) {
  const what = `${o.method} ${o.path} → ${res.status}`;
  const documented = o.op.responses[String(res.status)] ?? o.op.responses.default;
  assert.ok(documented, `${what}: status ${res.status} is not documented (documented: ${Object.keys(o.op.responses).join(', ')}); body ${String(res.text).slice(0, 300)}`);
  const r = resolve(documented);
  covered.add(`${o.method} ${o.path} ${res.status}`);
  if (res.status === 204 || res.status === 304) {
    assert.equal(res.text, '', `${what}: no body`);
    if (res.status === 304) assert.ok(res.headers.get('etag'), `${what}: ETag on 304`);
    return;
  }
  assert.ok(res.headers.get('x-request-id'), `${what}: X-Request-Id`);
  const ct = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  assert.ok(r.content, `${what}: the document describes a body`);
  const media = r.content[ct] ?? r.content['*/*'];
  assert.ok(media, `${what}: content type ${ct} is documented (${Object.keys(r.content).join(', ')})`);
  if (o.method === 'GET' && res.status === 200) assert.ok(res.headers.get('etag'), `${what}: ETag on a successful GET`);
  if (ct !== 'application/json') return;
  const v = validator(`response ${o.method} ${o.path} ${res.status}`, media.schema);
  assert.ok(v(res.body), `${what}: the answer does not match the documented schema: ${errorsText(v)}\nbody: ${String(res.text).slice(0, 400)}`);
  if (res.status === 429) assert.match(res.headers.get('retry-after') ?? '', /^[1-9][0-9]*$/, `${what}: Retry-After`);
  if (res.status === 401 && (o.op.security ?? DOC.security).some((x) => x.accessToken)) assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/, `${what}: WWW-Authenticate`);
}

/** call() that must answer `status`; returns the body. */
async function must(status, who, method, urlPath, opts) {
  const res = await call(who, method, urlPath, opts);
  assert.equal(res.status, status, `${method} ${urlPath}: ${String(res.text).slice(0, 400)}`);
  return res.body;
}

// ---- (d) the document ----

test('the document is OpenAPI 3.1 with info and servers, its references resolve and its schemas compile strictly', () => {
  assert.match(DOC.openapi, /^3\.1\.\d+$/, 'openapi 3.1.x');
  assert.equal(typeof DOC.info.title, 'string');
  assert.equal(typeof DOC.info.version, 'string');
  assert.equal(DOC.servers[0].url, '/api/v1', 'the API lives under /api/v1');
  for (const name of ['accessToken', 'apiToken']) {
    assert.equal(DOC.components.securitySchemes[name].scheme, 'bearer', `${name} is a bearer scheme`);
  }
  // Every $ref anywhere resolves.
  const walk = (x) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      if (typeof x.$ref === 'string') resolve(x);
      Object.values(x).forEach(walk);
    }
  };
  walk(DOC);
  // Every schema compiles under ajv strict 2020-12 (the dialect of OpenAPI 3.1).
  for (const [name, s] of Object.entries(DOC.components.schemas)) validator(`component ${name}`, s);
  const ids = new Set();
  const tags = new Set(DOC.tags.map((t) => t.name));
  for (const o of OPS) {
    assert.ok(o.op.operationId && !ids.has(o.op.operationId), `${o.method} ${o.path}: a unique operationId`);
    ids.add(o.op.operationId);
    assert.ok(o.op.summary, `${o.method} ${o.path}: a summary`);
    for (const t of o.op.tags) assert.ok(tags.has(t), `${o.method} ${o.path}: tag ${t} is declared`);
    const pathNames = [...o.path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
    const declared = (o.op.parameters ?? []).map(resolve).filter((p) => p.in === 'path').map((p) => p.name);
    assert.deepEqual(declared, pathNames, `${o.method} ${o.path}: path parameters declared in order`);
    for (const [status, r] of Object.entries(o.op.responses)) {
      const resp = resolve(r);
      for (const [type, media] of Object.entries(resp.content ?? {})) validator(`response ${o.method} ${o.path} ${status} ${type}`, media.schema ?? {});
      if (Number(status) >= 400) assert.equal(resp.content['application/json'].schema.$ref ?? resp.content['application/json'].schema.anyOf?.[1]?.$ref, '#/components/schemas/Error', `${o.method} ${o.path} ${status}: the error shape`);
    }
    for (const p of (o.op.parameters ?? []).map(resolve)) validator(`param ${o.method} ${o.path} ${p.name}`, p.schema);
    if (o.op.requestBody?.content['application/json']) validator(`request ${o.method} ${o.path}`, o.op.requestBody.content['application/json'].schema);
  }
});

// ---- (a) parity with routes.c ----

test('every route of routes.c is described, and every described operation is a route, with the same handler and callers', () => {
  const routes = parseRoutes();
  const described = new Map(OPS.map((o) => [`${o.method} ${normalise(o.full)}`, o]));
  const routed = new Map(routes.map((r) => [`${r.method} ${r.pattern}`, r]));
  const undocumented = [...routed.keys()].filter((k) => !described.has(k));
  const unrouted = OPS.filter((o) => !routed.has(`${o.method} ${normalise(o.full)}`)).map((o) => `${o.method} ${o.full}`);
  assert.deepEqual(undocumented, [], `routes without a description in docs/openapi.json: ${undocumented.join(', ')}`);
  assert.deepEqual(unrouted, [], `described operations without a route in routes.c: ${unrouted.join(', ')}`);
  const problems = [];
  for (const [k, r] of routed) {
    const { op } = described.get(k);
    if (op.operationId !== r.handler) problems.push(`${k}: operationId ${op.operationId}, handler ${r.handler}`);
    if (r.public) {
      if (op['x-roles']) problems.push(`${k}: public route with x-roles`);
      if (!(Array.isArray(op.security) && (op.security.length === 0 || op.security.some((s) => Object.keys(s).length === 0) || op.security.every((s) => s.refreshCookie)))) {
        problems.push(`${k}: public route must not require the bearer token`);
      }
    } else {
      if (JSON.stringify([...(op['x-roles'] ?? [])].sort()) !== JSON.stringify([...r.roles].sort())) {
        problems.push(`${k}: x-roles ${JSON.stringify(op['x-roles'])}, routes.c ${JSON.stringify(r.roles)}`);
      }
      const schemes = (op.security ?? DOC.security).flatMap((s) => Object.keys(s));
      const tokenReadable = r.method === 'GET' && r.roles.some((x) => x === 'leadership' || x === 'party_reader');
      if (!schemes.includes('accessToken')) problems.push(`${k}: accessToken security`);
      if (schemes.includes('apiToken') !== tokenReadable) problems.push(`${k}: apiToken security ${schemes.includes('apiToken')}, but API tokens ${tokenReadable ? 'may' : 'may not'} call it`);
    }
    const params = (op.parameters ?? []).map(resolve);
    const idem = params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    if (idem !== r.flags.includes('ROUTE_IDEMPOTENT')) problems.push(`${k}: Idempotency-Key documented ${idem}, ROUTE_IDEMPOTENT ${r.flags.includes('ROUTE_IDEMPOTENT')}`);
    if (Boolean(op['x-pending-password-ok']) !== r.flags.includes('ROUTE_PENDING_OK')) problems.push(`${k}: x-pending-password-ok vs ROUTE_PENDING_OK`);
    const rawBody = Boolean(op.requestBody?.content['application/octet-stream']);
    if (rawBody !== r.flags.includes('ROUTE_RAW_BODY')) problems.push(`${k}: file body vs ROUTE_RAW_BODY`);
    if (r.method === 'GET' && !params.some((p) => p.name === 'If-None-Match')) problems.push(`${k}: If-None-Match`);
    if (r.method === 'GET' && !op.responses['304']) problems.push(`${k}: 304`);
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

// ---- (b) served by nginx ----

test('nginx serves the document at /api/openapi.json, the same bytes, JSON, revalidated, with the security headers and 304', async () => {
  const res = await api('/api/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json(; ?charset=utf-8)?$/i);
  assert.equal(res.text, DOC_TEXT, 'the repository file, unchanged');
  assert.deepEqual(res.body, DOC);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  assert.ok(res.headers.get('x-request-id'));
  const etag = res.headers.get('etag');
  assert.ok(etag, 'ETag');
  const again = await api('/api/openapi.json', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  // Not the backend: no login needed, and it is not a route (the route table is unchanged).
  const guide = await api('/api/huong-dan-api.md');
  assert.equal(guide.status, 200);
  assert.match(guide.headers.get('content-type'), /^text\/plain; ?charset=utf-8$/i);
  assert.equal(guide.text, readFileSync(path.join(REPO, 'docs/huong-dan-api.md'), 'utf8'));
  assert.equal(guide.headers.get('cache-control'), 'no-cache');
});

// ---- (c) real answers ----

const u = {}; // signed-in callers
let reader; // an API token of tinhuy.theodoi
const made = {};

before(async () => {
  const names = {
    admin: 'quantri', snv: 'snv.tonghop', vp: 'vpubnd.chuyenvien', leader: 'lanhdao.tinh', party: 'tinhuy.theodoi',
  };
  await Promise.all(Object.entries(names).map(async ([k, n]) => { u[k] = await session(n); }));
  // Throwaway accounts in a commune and a department no other test works in (Xã Xuân Chinh,
  // Ban Quản lý Khu kinh tế Nghi Sơn), so the figures other tests compute stay theirs.
  const mk = async (role, unit) => {
    const x = await createUser(u.admin.token, { role, unit_id: unit, prefix: 'oa', ready: true });
    return session(x.username, x.password);
  };
  [u.commune, u.officer, u.head] = await Promise.all([
    mk('commune_officer', 15658), mk('department_officer', 115), mk('department_head', 115),
  ]);
});

after(async () => {
  // The reader's token made below is no longer needed.
  if (made.readerTokenId) await call(u.admin, 'DELETE', `/api-tokens/${made.readerTokenId}`);
});

test('public endpoints, sessions, users, API tokens and the audit log answer as documented', async () => {
  await must(200, null, 'GET', '/api/health');
  await must(200, null, 'GET', '/units');
  await must(200, null, 'GET', '/units', { query: { kind: 'commune' } });
  await must(200, null, 'GET', '/units', { query: { kind: 'department', parent: '21' } });
  await must(200, null, 'GET', '/units/14797');
  await must(200, null, 'GET', '/units/20');
  await must(200, null, 'GET', '/fields');
  const gone = await call(null, 'GET', '/units/999999');
  assert.equal(gone.status, 404);

  // Sessions with a throwaway account: login, refresh with the cookie, password, logout.
  const x = await createUser(u.admin.token, { role: 'party_reader', unit_id: 20, prefix: 'oa.s' });
  const login = await call(null, 'POST', '/auth/login', { body: { username: x.username, password: x.password } });
  assert.equal(login.status, 200, login.text);
  assert.equal(login.body.must_change_password, true);
  const me = await must(200, login.body.access_token, 'GET', '/me');
  assert.equal(me.username, x.username);
  const next = strongPassword();
  const changed = await call(login.body.access_token, 'PUT', '/me/password', { body: { current_password: x.password, new_password: next } });
  assert.equal(changed.status, 200, changed.text);
  const cookie = refreshCookie(changed).value;
  const refreshed = await call(null, 'POST', '/auth/refresh', { headers: { Cookie: `ts_refresh=${cookie}` } });
  assert.equal(refreshed.status, 200, refreshed.text);
  const reused = await call(null, 'POST', '/auth/refresh', { headers: { Cookie: `ts_refresh=${cookie}` } });
  assert.equal(reused.status, 401);
  assert.equal(reused.body.error.code, 'refresh_reused');
  await must(204, null, 'POST', '/auth/logout', { headers: { Cookie: `ts_refresh=${refreshCookie(refreshed).value}` } });
  const wrong = await call(null, 'POST', '/auth/login', { body: { username: x.username, password: 'khong-dung-mat-khau' } });
  assert.equal(wrong.status, 401);

  // Users (admin).
  await must(200, u.admin, 'GET', '/users', { query: { limit: '5' } });
  await must(200, u.admin, 'GET', '/users', { query: { q: 'tinhuy', role: 'party_reader', disabled: 'false' } });
  const created = await must(201, u.admin, 'POST', '/users', {
    body: { username: `oa.u${Date.now().toString(36)}`, full_name: 'Người thử OpenAPI', role: 'department_officer', unit_id: 115, password: strongPassword() },
  });
  await must(200, u.admin, 'GET', `/users/${created.id}`);
  await must(200, u.admin, 'PATCH', `/users/${created.id}`, { body: { full_name: 'Người thử OpenAPI (sửa)', disabled: true } });
  await must(204, u.admin, 'POST', `/users/${created.id}/password`, { body: { password: strongPassword() } });
  const mismatch = await call(u.admin, 'POST', '/users', {
    body: { username: `oa.m${Date.now().toString(36)}`, full_name: 'Sai vai trò', role: 'commune_officer', unit_id: 115, password: strongPassword() },
  });
  assert.equal(mismatch.status, 422);
  const dup = await call(u.admin, 'POST', '/users', {
    body: { username: 'quantri', full_name: 'Trùng tên', role: 'admin', unit_id: 101, password: strongPassword() },
  });
  assert.equal(dup.status, 409);

  // API tokens: one for the Party committee reader, used by the reporting tests below.
  const token = await must(201, u.admin, 'POST', '/api-tokens', {
    body: { name: `OpenAPI ${TAG}`, user_id: u.party.user.id, expires_at: vnDate(30) },
  });
  reader = token.token;
  made.readerTokenId = token.id;
  const spare = await must(201, u.admin, 'POST', '/api-tokens', {
    body: { name: `OpenAPI thu hồi ${TAG}`, user_id: u.leader.user.id, expires_at: vnDate(1) },
  });
  await must(200, u.admin, 'GET', '/api-tokens');
  await must(204, u.admin, 'DELETE', `/api-tokens/${spare.id}`);
  const revoked = await call(spare.token, 'GET', '/periods');
  assert.equal(revoked.status, 401);
  await must(200, u.admin, 'GET', '/audit', { query: { limit: '20' } });
  await must(200, u.admin, 'GET', '/audit', { query: { action: 'api_token.created', from: vnDate(-1), to: vnDate(0) } });
});

test('issues, groups, attachments, the library and notifications answer as documented', async () => {
  const raise = (n, extra = {}) => must(201, u.commune, 'POST', '/issues', {
    body: {
      title: `Vướng mắc thủ tục khu công nghiệp ${TAG} ${n}`, description: `Xã đề nghị hướng dẫn (${TAG} ${n}).`,
      field: 'khu-kinh-te-khu-cong-nghiep', kind: 'difficulty', ...extra,
    },
    headers: { 'Idempotency-Key': `${TAG}-raise-${n}` },
  });
  const a = await raise(1);
  made.issue = a;
  // The same key again: the first answer, replayed.
  const replay = await call(u.commune, 'POST', '/issues', {
    body: { title: `Vướng mắc thủ tục khu công nghiệp ${TAG} 1`, description: `Xã đề nghị hướng dẫn (${TAG} 1).`, field: 'khu-kinh-te-khu-cong-nghiep', kind: 'difficulty' },
    headers: { 'Idempotency-Key': `${TAG}-raise-1` },
  });
  assert.equal(replay.status, 201);
  assert.equal(replay.headers.get('idempotent-replayed'), 'true');
  const b = await raise(2, { supporting_unit_ids: [117] });
  const c = await raise(3);
  const d = await raise(4);
  const e = await raise(5);

  await must(200, u.commune, 'GET', '/issues', { query: { sort: 'due_asc', limit: '2' } });
  await must(200, u.officer, 'GET', '/issues', { query: { state: 'submitted,in_progress', field: 'khu-kinh-te-khu-cong-nghiep' } });
  await must(200, u.leader, 'GET', '/issues', { query: { q: TAG, overdue: 'false', from: vnDate(-1), to: vnDate(0), level: 'department', kind: 'difficulty' } });
  const got = await call(u.commune, 'GET', `/issues/${a.id}`);
  assert.equal(got.status, 200);
  const etag = got.headers.get('etag');
  const notModified = await call(u.commune, 'GET', `/issues/${a.id}`, { headers: { 'If-None-Match': etag } });
  assert.equal(notModified.status, 304);

  // Edits with If-Match: the commune's title, the department's shareable flag; stale and missing.
  const edited = await must(200, u.commune, 'PATCH', `/issues/${a.id}`, { body: { title: `Vướng mắc (đã sửa) ${TAG} 1` }, headers: { 'If-Match': etag } });
  const stale = await call(u.commune, 'PATCH', `/issues/${a.id}`, { body: { title: `Cũ ${TAG}` }, headers: { 'If-Match': etag } });
  assert.equal(stale.status, 412);
  const noMatch = await call(u.commune, 'PATCH', `/issues/${a.id}`, { body: { title: `Cũ ${TAG}` } });
  assert.equal(noMatch.status, 428);

  // The department: accept, answer (shareable, for the library), and the refusals.
  await must(200, u.officer, 'POST', `/issues/${a.id}/transitions`, { body: { action: 'accept' }, headers: { 'If-Match': `"${edited.version}"` } });
  const refused = await call(u.officer, 'POST', `/issues/${a.id}/transitions`, { body: { action: 'confirm' } });
  assert.equal(refused.status, 422);
  const missing = await call(u.officer, 'POST', `/issues/${a.id}/transitions`, { body: { action: 'answer' } });
  assert.equal(missing.status, 400);
  await must(200, u.officer, 'POST', `/issues/${a.id}/transitions`, {
    body: { action: 'answer', answer: `Hướng dẫn thực hiện theo quy định (${TAG}).`, legal_basis: 'Nghị định 35/2022/NĐ-CP', shareable: true },
    headers: { 'Idempotency-Key': `${TAG}-answer-a` },
  });
  await must(201, u.commune, 'POST', `/issues/${a.id}/comments`, { body: { text: 'Xã cảm ơn, đã rõ.' } });
  await must(200, u.commune, 'POST', `/issues/${a.id}/transitions`, { body: { action: 'confirm' } });

  // Escalation to the province, forwarded to a ministry, its reply recorded.
  await must(200, u.head, 'POST', `/issues/${b.id}/transitions`, { body: { action: 'escalate', reason: 'Vượt thẩm quyền của Ban.' } });
  made.escalated = b;
  await must(200, u.vp, 'POST', `/issues/${b.id}/transitions`, {
    body: { action: 'forward_central', ministry_id: 8, dispatch_no: `123/UBND-${TAG}`, dispatch_date: vnToday() },
  });
  await must(200, u.vp, 'GET', `/issues/${b.id}`);
  await must(200, u.vp, 'POST', `/issues/${b.id}/transitions`, { body: { action: 'record_reply', answer: 'Bộ đã trả lời bằng văn bản.' } });
  await must(200, u.leader, 'GET', `/issues/${b.id}/events`);

  // Rerouted away: the answer still shows the issue just acted on, with nothing left to do;
  // afterwards the department no longer sees it.
  const rerouted = await must(200, u.officer, 'POST', `/issues/${c.id}/transitions`, { body: { action: 'reroute', unit_id: 117, reason: 'Thuộc lĩnh vực quốc phòng.' } });
  assert.equal(rerouted.id, c.id);
  assert.equal(rerouted.holder.id, 117);
  assert.deepEqual(rerouted.allowed_actions, []);
  const hidden = await call(u.officer, 'GET', `/issues/${c.id}`);
  assert.equal(hidden.status, 404);

  // An attachment, downloaded again.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
  const att = await must(201, u.commune, 'POST', `/issues/${d.id}/attachments`, { raw: pdf, query: { filename: 'van-ban.pdf' } });
  const file = await call(u.officer, 'GET', `/attachments/${att.id}`);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  const badType = await call(u.commune, 'POST', `/issues/${d.id}/attachments`, { raw: Buffer.from('xin chao'), query: { filename: 'a.pdf' } });
  assert.equal(badType.status, 415);

  // A group of two, answered at once.
  const group = await must(201, u.officer, 'POST', '/issue-groups', { body: { title: `Cùng câu hỏi ${TAG}`, issue_ids: [d.id, e.id] } });
  await must(200, u.officer, 'GET', '/issue-groups');
  await must(200, u.officer, 'GET', `/issue-groups/${group.id}`);
  await must(200, u.head, 'POST', `/issue-groups/${group.id}/answer`, { body: { answer: `Trả lời chung (${TAG}).`, shareable: false } });
  const noGroup = await call(u.officer, 'GET', '/issue-groups/999999');
  assert.equal(noGroup.status, 404);

  await must(200, u.commune, 'GET', '/library', { query: { q: TAG, limit: '5' } });
  await must(200, u.commune, 'GET', '/library', { query: { field: 'khu-kinh-te-khu-cong-nghiep' } });
  const notes = await must(200, u.commune, 'GET', '/notifications', { query: { limit: '5' } });
  assert.ok(notes.items.length > 0, 'the commune was notified');
  await must(200, u.commune, 'GET', '/notifications', { query: { unread: 'true' } });
  await must(200, u.commune, 'POST', '/notifications/read', { body: { ids: [notes.items[0].id] } });
  await must(200, u.commune, 'POST', '/notifications/read', { body: { all: true } });
});

test('trainings, periods, department and consolidated reports answer as documented, for their writers and readers', async () => {
  const today = vnToday();
  const period = await createPeriod({
    post: (p, body) => call(u.snv, 'POST', p, { body }),
  }, { starts_on: addDays(today, -1), ends_on: addDays(today, 1) });
  made.period = period;
  await must(200, u.party, 'GET', '/periods');
  await must(200, u.party, 'GET', '/periods', { query: { from: addDays(today, -30), to: today, started: 'true' } });
  const moved = await must(200, u.snv, 'PATCH', `/periods/${period.id}`, { body: { name: `${period.name} (dời)` }, headers: { 'If-Match': `"${period.version}"` } });
  const stale = await call(u.snv, 'PATCH', `/periods/${period.id}`, { body: { name: 'cũ' }, headers: { 'If-Match': `"${period.version}"` } });
  assert.equal(stale.status, 412);
  assert.equal(moved.version, period.version + 1);

  // A training with attendance and an answered issue, edited, and its recommendations raised.
  const training = await must(201, u.officer, 'POST', '/trainings', {
    body: {
      title: `Tập huấn thủ tục đầu tư khu công nghiệp ${TAG}`, round: 1, starts_at: `${today}T08:00:00+07:00`, format: 'online',
      link: 'https://hop.thanhhoa.gov.vn/tap-huan', contents: 'Hướng dẫn thủ tục.', fields: ['khu-kinh-te-khu-cong-nghiep'],
      attendance: [{ commune_id: 15658, participants: 12 }, { commune_id: 14797, participants: 8 }],
      answered_issue_ids: [made.issue.id],
    },
    headers: { 'Idempotency-Key': `${TAG}-training` },
  });
  // If-Match with the ETag as it came back (weak, W/"…", when nginx compressed the answer).
  const tget = await call(u.commune, 'GET', `/trainings/${training.id}`);
  assert.equal(tget.status, 200);
  assert.match(tget.headers.get('etag'), new RegExp(`^(W/)?"${tget.body.version}"$`));
  await must(200, u.officer, 'PATCH', `/trainings/${training.id}`, { body: { minutes: 'Biên bản hội nghị.', round: 2 }, headers: { 'If-Match': tget.headers.get('etag') } });
  const notYours = await call(u.officer, 'PATCH', '/trainings/999999', { body: {}, headers: { 'If-Match': '"1"' } });
  assert.equal(notYours.status, 404);
  const recs = await must(201, u.officer, 'POST', `/trainings/${training.id}/recommendations`, {
    body: { items: [{ commune_id: 15658, title: `Kiến nghị tại hội nghị ${TAG}`, description: 'Đề nghị hướng dẫn thêm.', field: 'khu-kinh-te-khu-cong-nghiep', kind: 'proposal' }] },
  });
  assert.equal(recs.issue_ids.length, 1);
  const notAttending = await call(u.officer, 'POST', `/trainings/${training.id}/recommendations`, {
    body: { items: [{ commune_id: 16522, title: `Không tham dự ${TAG}`, description: 'x', field: 'khu-kinh-te-khu-cong-nghiep', kind: 'proposal' }] },
  });
  assert.equal(notAttending.status, 422);
  await must(200, u.party, 'GET', '/trainings', { query: { period_id: String(period.id), unit_id: '115' } });
  await must(200, u.commune, 'GET', '/trainings', { query: { commune_id: '15658', field: 'khu-kinh-te-khu-cong-nghiep', limit: '5' } });

  // The department's report: draft, saved, submitted, returned, submitted again.
  const rp = `/periods/${period.id}/reports/115`;
  const draft = await must(200, u.officer, 'GET', rp);
  assert.ok(draft.compiled, 'the department sees its live figures');
  const narrative = { trainings: 'Tổ chức 1 lớp.', other: `Đề nghị bổ sung biên chế (${TAG}).` };
  // No If-Match on the very first save: the report does not exist yet (version 0).
  const saved = await must(200, u.officer, 'PUT', rp, { body: { narrative } });
  assert.equal(draft.version, 0);
  await must(200, u.officer, 'PUT', rp, { body: { narrative }, headers: { 'If-Match': `"${saved.version}"` } });
  await must(200, u.head, 'POST', `${rp}/submit`);
  const again = await call(u.officer, 'PUT', rp, { body: { narrative } });
  assert.equal(again.status, 409);
  await must(200, u.snv, 'POST', `${rp}/return`, { body: { reason: 'Bổ sung số liệu học viên.' } });
  await must(200, u.officer, 'PUT', rp, { body: { narrative: { ...narrative, participants: '20 học viên.' } } });
  await must(200, u.head, 'POST', `${rp}/submit`, { body: {} });
  const frozen = await must(200, u.leader, 'GET', rp);
  assert.equal(frozen.compiled, null);
  assert.equal(frozen.versions.length, 2);
  await must(200, u.snv, 'GET', rp);
  const other = await call(u.officer, 'GET', `/periods/${period.id}/reports/107`);
  assert.equal(other.status, 403);

  const xlsx = await call(u.leader, 'GET', `${rp}/export`, { query: { format: 'xlsx' } });
  assert.equal(xlsx.status, 200);
  const csv = await call(u.leader, 'GET', `${rp}/export`, { query: { format: 'csv', list: 'received', version: '1' } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('cache-control'), /max-age=31536000/);
  assert.ok(parseCsv(csv.text.replace(/^\uFEFF/, '')).length >= 1);

  // The consolidated report: Sở Nội vụ's live compilation, submitted, read by the leadership.
  const live = await must(200, u.snv, 'GET', `/periods/${period.id}/consolidated`);
  assert.ok(live.compiled.departments.some((s) => s.unit.id === 115));
  assert.equal(live.version, 0);
  const first = await must(200, u.snv, 'PUT', `/periods/${period.id}/consolidated`, { body: { narrative: { other: 'Tổng hợp kiến nghị.' } } });
  await must(200, u.snv, 'PUT', `/periods/${period.id}/consolidated`, { body: { narrative: { other: 'Tổng hợp kiến nghị (sửa).' } }, headers: { 'If-Match': String(first.version) } });
  await must(200, u.snv, 'POST', `/periods/${period.id}/consolidated/submit`);
  await must(200, u.leader, 'GET', `/periods/${period.id}/consolidated`);
  await must(200, u.snv, 'GET', `/periods/${period.id}/compliance`);
  const cx = await call(u.snv, 'GET', `/periods/${period.id}/consolidated/export`, { query: { format: 'xlsx' } });
  assert.equal(cx.status, 200);
  const ccsv = await call(u.leader, 'GET', `/periods/${period.id}/consolidated/export`, { query: { format: 'csv', list: 'compliance' } });
  assert.equal(ccsv.status, 200);
  const badList = await call(u.leader, 'GET', `/periods/${period.id}/consolidated/export`, { query: { format: 'csv', list: 'nothing' }, unchecked: true });
  assert.equal(badList.status, 400);
});

test('the reporting API with an API token: reads answer as documented, writes are refused, 304 on a matching ETag, 429 past the limit', async () => {
  assert.ok(reader && made.period, 'the earlier tests made a token and a period');
  const p = made.period.id;
  const periods = await call(reader, 'GET', '/periods');
  assert.equal(periods.status, 200);
  const same = await call(reader, 'GET', '/periods', { headers: { 'If-None-Match': periods.headers.get('etag') } });
  assert.equal(same.status, 304);
  await must(200, reader, 'GET', `/periods/${p}/compliance`);
  await must(200, reader, 'GET', `/periods/${p}/consolidated`);
  const cons = await call(reader, 'GET', `/periods/${p}/consolidated/export`, { query: { format: 'csv', list: 'higher', version: '1' } });
  assert.equal(cons.status, 200);
  await must(200, reader, 'GET', `/periods/${p}/reports/115`);
  const csv = await call(reader, 'GET', `/periods/${p}/reports/115/export`, { query: { format: 'csv' } });
  assert.equal(csv.status, 200);
  await must(200, reader, 'GET', '/me');
  await must(200, reader, 'GET', '/library');
  await must(200, reader, 'GET', '/notifications');
  const tr = await must(200, reader, 'GET', '/trainings', { query: { limit: '1' } });
  if (tr.items[0]) await must(200, reader, 'GET', `/trainings/${tr.items[0].id}`);

  const from = '2025-07-01';
  const to = vnToday();
  await must(200, reader, 'GET', '/stats/overview', { query: { from, to } });
  await must(200, reader, 'GET', '/stats/overview', { query: { unit_id: '115', field: 'khu-kinh-te-khu-cong-nghiep', level: 'department', commune_id: '15658' } });
  for (const by of ['field', 'commune', 'department', 'level', 'period']) {
    await must(200, by === 'period' ? u.leader : reader, 'GET', '/stats/breakdown', { query: { by, from, to } });
  }
  const bcsv = await call(u.leader, 'GET', '/stats/breakdown', { query: { by: 'field', format: 'csv' } });
  assert.equal(bcsv.status, 200);
  await must(200, u.leader, 'GET', '/stats/smooth', { query: { from: addDays(to, -60), to } });
  await must(200, reader, 'GET', '/stats/weekly', { query: { from, to, weeks: '4' } });
  await must(200, u.leader, 'GET', '/stats/weekly', { query: { from: addDays(to, -30), to, field: 'tu-phap' } });
  const scsv = await call(u.vp, 'GET', '/stats/smooth', { query: { format: 'csv' } });
  assert.equal(scsv.status, 200);
  await must(200, u.leader, 'GET', '/stats/compliance', { query: { from, to } });
  const ccsv = await call(u.snv, 'GET', '/stats/compliance', { query: { from, to, format: 'csv' } });
  assert.equal(ccsv.status, 200);

  // Writes with a token: 403 read_only_token, in the documented error shape.
  const write = await call(reader, 'PUT', `/periods/${p}/consolidated`, { body: { narrative: {} } });
  assert.equal(write.status, 403);
  assert.equal(write.body.error.code, 'read_only_token');
  const notAllowed = await call(reader, 'GET', '/issues');
  assert.equal(notAllowed.status, 403);

  // Past the per-token limit: 429 rate_limited with Retry-After, as documented.
  const burst = await must(201, u.admin, 'POST', '/api-tokens', {
    body: { name: `OpenAPI giới hạn ${TAG}`, user_id: u.party.user.id, expires_at: vnDate(1) },
  });
  let limited = null;
  for (let i = 0; i < 2000 && !limited; i += 1) {
    const res = await api('/api/v1/me', { headers: { Authorization: `Bearer ${burst.token}` } });
    if (res.status === 429) limited = res;
    else assert.equal(res.status, 200, res.text);
  }
  assert.ok(limited, 'the token was limited');
  const again = await call(burst.token, 'GET', '/me');
  assert.equal(again.status, 429);
  assert.equal(again.body.error.code, 'rate_limited');
  await must(204, u.admin, 'DELETE', `/api-tokens/${burst.id}`);
});

test('errors are documented with the one error shape: 400, 401, 403, 404, 413, 415', async () => {
  const badParam = await call(u.leader, 'GET', '/periods', { query: { nope: '1' }, unchecked: true });
  assert.equal(badParam.status, 400);
  assert.equal(badParam.body.error.code, 'unknown_parameter');
  const badRange = await call(u.leader, 'GET', '/stats/smooth', { query: { from: '2026-02-01', to: '2026-01-01' }, unchecked: true });
  assert.equal(badRange.status, 400);
  await must(200, u.leader, 'GET', '/stats/smooth', { query: { format: 'json' } });
  const anonymous = await call(null, 'GET', '/stats/overview');
  assert.equal(anonymous.status, 401);
  const forbidden = await call(u.commune, 'GET', '/stats/overview');
  assert.equal(forbidden.status, 403);
  const noPeriod = await call(u.leader, 'GET', '/periods/999999/compliance');
  assert.equal(noPeriod.status, 404);
  const notJson = await call(u.commune, 'POST', `/issues/${made.issue.id}/comments`, { body: 'text=xin chao', contentType: 'text/plain' });
  assert.equal(notJson.status, 415);
  const huge = await call(u.commune, 'POST', `/issues/${made.issue.id}/comments`, { body: JSON.stringify({ text: 'a'.repeat(70 * 1024) }) });
  assert.equal(huge.status, 413);
  const badJson = await call(u.commune, 'POST', `/issues/${made.issue.id}/comments`, { body: '{"text":' });
  assert.equal(badJson.status, 400);
});

test('every GET endpoint of the document was checked with a successful answer', () => {
  const missing = OPS.filter((o) => o.method === 'GET' && !covered.has(`GET ${o.path} 200`)).map((o) => o.full);
  assert.deepEqual(missing, [], `GET endpoints never validated: ${missing.join(', ')}`);
  // And every write, with a success and with the errors met on the way.
  const unwritten = OPS.filter((o) => o.method !== 'GET' && ![...covered].some((k) => k.startsWith(`${o.method} ${o.path} 2`))).map((o) => `${o.method} ${o.full}`);
  assert.deepEqual(unwritten, [], `writes never validated with a success: ${unwritten.join(', ')}`);
});

void BASE;
