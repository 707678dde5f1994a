// Attacks on access tokens over HTTP (GET /api/v1/me), and the read-only API tokens of the
// reporting API. Tokens are forged here with node:crypto, some with the stack's real signing
// key ($TS_VAR/secrets/jwt.key), so that exp, nbf, iss, aud and ver are each tested alone:
// every refusal is 401 JSON `unauthenticated` with WWW-Authenticate.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import {
  VAR, api, assertError, assertUnauthenticated, call, createUser, jwtPayload, session, sql, vnDate,
} from './lib.mjs';

const KEY = readFileSync(path.join(VAR, 'secrets/jwt.key'));
const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

function sign(payload, { header = { alg: 'HS256', typ: 'JWT' }, key = KEY } = {}) {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

const me = (authorization) => api('/api/v1/me', { headers: authorization === undefined ? {} : { Authorization: authorization } });
const bearer = (token) => me(`Bearer ${token}`);

let officer; // sxd.chuyenvien's session
let claims; // the claims of its real token
let admin;
let readerId;
const now = () => Math.floor(Date.now() / 1000);
// Fresh valid claims of sxd.chuyenvien, with changes.
const fresh = (changes = {}) => {
  const t = now();
  const c = { ...claims, iat: t, nbf: t, exp: t + 900, jti: randomBytes(16).toString('hex'), ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete c[k];
  return c;
};

before(async () => {
  officer = await session('sxd.chuyenvien');
  claims = jwtPayload(officer.token);
  admin = await session('quantri');
  const list = await call('GET', '/api/v1/users?q=tinhuy.theodoi', { token: admin.token });
  readerId = list.body.items.find((u) => u.username === 'tinhuy.theodoi').id;
});

test('a token made here with the real key and claims is accepted, so the refusals below mean something', async () => {
  const res = await bearer(sign(fresh()));
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.username, 'sxd.chuyenvien');
});

test('alg none, another key, RS256 and other algorithms: 401', async () => {
  const payload = fresh();
  const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}`;
  assertUnauthenticated(await bearer(`${unsigned}.`), 'alg none, empty signature');
  assertUnauthenticated(await bearer(unsigned), 'alg none, no signature part');
  for (const alg of ['none', 'None', 'NONE', 'RS256', 'HS512', 'HS384', 'hs256', 'ES256', 'PS256']) {
    assertUnauthenticated(await bearer(sign(payload, { header: { alg, typ: 'JWT' } })), `alg ${alg} with the real key's HMAC`);
  }
  assertUnauthenticated(await bearer(sign(payload, { header: { typ: 'JWT' } })), 'no alg');
  assertUnauthenticated(await bearer(sign(payload, { key: randomBytes(64) })), 'HS256 with another key');
  assertUnauthenticated(await bearer(sign(payload, { key: Buffer.alloc(0) })), 'HS256 with an empty key');
  assertUnauthenticated(await bearer(sign(payload, { key: Buffer.from('thongsuot') })), 'HS256 with a guessable key');
  assertUnauthenticated(await bearer(sign(payload, { header: { alg: 'HS256', crit: ['exp'] } })), 'critical header');
});

test('expired, not yet valid, too long-lived, wrong issuer or audience, missing claims: 401', async () => {
  const t = now();
  const cases = {
    'expired 5 s ago': { iat: t - 905, nbf: t - 905, exp: t - 5 },
    'expires this second': { iat: t - 900, nbf: t - 900, exp: t },
    'valid only in 10 minutes': { nbf: t + 600, iat: t, exp: t + 900 },
    'issued in the future': { iat: t + 600, nbf: t + 600, exp: t + 1500 },
    'lives for a day': { exp: t + 86400 },
    'wrong issuer': { iss: 'thongsuot-dev' },
    'no issuer': { iss: undefined },
    'wrong audience': { aud: 'another-api' },
    'no audience': { aud: undefined },
    'no exp': { exp: undefined },
    'exp as a string': { exp: String(t + 900) },
    'no ver': { ver: undefined },
    'no jti': { jti: undefined },
    'no sub': { sub: undefined },
    'sub not a number': { sub: 'quantri' },
    'sub of nobody': { sub: '2147483000' },
    'unknown role': { role: 'superadmin' },
  };
  for (const [what, changes] of Object.entries(cases)) {
    assertUnauthenticated(await bearer(sign(fresh(changes))), what);
  }
});

test('a token whose ver is not the user\'s token_version: 401', async () => {
  assertUnauthenticated(await bearer(sign(fresh({ ver: claims.ver - 1 }))), 'older ver');
  assertUnauthenticated(await bearer(sign(fresh({ ver: claims.ver + 1 }))), 'newer ver');
  assert.equal((await bearer(sign(fresh({ ver: claims.ver })))).status, 200);
});

test('the role and unit in a token are not trusted: the database decides', async () => {
  const forged = sign(fresh({ role: 'admin', unit: 101 }));
  const res = await call('GET', '/api/v1/users', { token: forged });
  assertError(res, 403, 'forbidden');
  const mine = await bearer(forged);
  assert.equal(mine.status, 200);
  assert.equal(mine.body.role, 'department_officer');
  assert.equal(mine.body.unit.id, 107);
});

test('truncated, tampered and garbage tokens: 401', async () => {
  const good = officer.token;
  const [h, p, s] = good.split('.');
  const tampered = JSON.parse(Buffer.from(p, 'base64url'));
  tampered.sub = '1';
  for (const [what, tok] of Object.entries({
    'last 3 characters cut': good.slice(0, -3),
    'signature cut': `${h}.${p}.`,
    'two parts': `${h}.${p}`,
    'four parts': `${good}.${s}`,
    'payload changed, signature kept': `${h}.${b64(tampered)}.${s}`,
    'signature of another token': `${h}.${p}.${sign(fresh()).split('.')[2]}`,
    'padding added': `${good}==`,
    garbage: 'garbage',
    dots: '...',
    'a.b.c': 'a.b.c',
    'random base64': randomBytes(120).toString('base64url'),
    'json, not base64': '{"alg":"none"}.{}.x',
    'header not json': `${b64('not json')}.${p}.${s}`,
    'header an array': `${b64([1, 2])}.${p}.${s}`,
  })) {
    assertUnauthenticated(await bearer(tok), what);
  }
});

test('a token over 4 KB: 401 JSON with WWW-Authenticate, never 5xx', async () => {
  for (const n of [4097, 5000, 7000]) {
    assertUnauthenticated(await bearer('a'.repeat(n)), `${n} bytes`);
    assertUnauthenticated(await bearer(`${officer.token}.${'A'.repeat(n)}`), `valid token padded to ${n} bytes`);
  }
});

test('a 10 KB token: 401 JSON with WWW-Authenticate, not an HTML page', async () => {
  assertUnauthenticated(await bearer('a'.repeat(10 * 1024)), '10 KB');
});

test('the Authorization header must be exactly "Bearer <token>"', async () => {
  const good = officer.token;
  assert.equal((await me(`Bearer ${good}`)).status, 200);
  for (const [what, value] of Object.entries({
    'no header': undefined,
    'token without Bearer': good,
    'Bearer alone': 'Bearer',
    'Bearer and a space': 'Bearer ',
    'lowercase bearer': `bearer ${good}`,
    'two spaces': `Bearer  ${good}`,
    'trailing word': `Bearer ${good} extra`,
    Basic: `Basic ${Buffer.from('quantri:ThanhHoa@2025').toString('base64')}`,
    'Token scheme': `Token ${good}`,
  })) {
    assertUnauthenticated(await me(value), what);
  }
  assertUnauthenticated(await api(`/api/v1/me?access_token=${good}`), 'token in the query string');
  assertUnauthenticated(await api('/api/v1/me', { headers: { Cookie: `access_token=${good}; ts_refresh=${officer.cookie}` } }), 'token in a cookie');
});

// ---- API tokens ----

const createToken = (body) => call('POST', '/api/v1/api-tokens', { token: admin.token, body });
const listTokens = async () => {
  const res = await call('GET', '/api/v1/api-tokens', { token: admin.token });
  assert.equal(res.status, 200, res.text);
  return res;
};

test('API token: shown once with tsk_, listed by prefix only, works for reading, refused for writing, revocable', async () => {
  const created = await createToken({ name: 'Báo cáo Tỉnh ủy', user_id: readerId, expires_at: vnDate(30) });
  assert.equal(created.status, 201, created.text);
  const t = created.body;
  assert.match(t.token, /^tsk_[A-Za-z0-9_-]{43}$/);
  assert.equal(t.name, 'Báo cáo Tỉnh ủy');
  assert.equal(t.user.id, readerId);
  assert.equal(t.user.username, 'tinhuy.theodoi');
  assert.equal(typeof t.user.full_name, 'string');
  assert.ok(t.prefix.startsWith('tsk_') && t.token.startsWith(t.prefix) && t.prefix.length < 16);
  assert.equal(t.revoked_at, null);
  assert.equal(t.last_used_at, null);
  assert.ok(t.created_at && t.expires_at);
  assert.equal(created.headers.get('cache-control'), 'no-store');

  const secret = t.token.slice(t.prefix.length);
  const listed = await listTokens();
  const item = listed.body.items.find((i) => i.id === t.id);
  assert.ok(item, 'the new token is listed');
  assert.ok(!('token' in item), 'the list never shows the token');
  assert.equal(item.prefix, t.prefix);
  assert.ok(!listed.text.includes(secret), 'the secret part appears nowhere in the list');
  assert.equal(typeof listed.body.total, 'number');
  assert.ok(!sql(`SELECT row_to_json(t)::text FROM api_tokens t WHERE id = ${t.id}`).includes(secret), 'only a hash is stored');

  const mine = await call('GET', '/api/v1/me', { token: t.token });
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.body.username, 'tinhuy.theodoi');
  for (const [method, p, body] of [
    ['PUT', '/api/v1/me/password', { current_password: 'ThanhHoa@2025', new_password: 'Doi-Mat-Khau-Bang-Token-1' }],
    ['POST', '/api/v1/users', { username: 'qua.token', full_name: 'x', role: 'party_reader', unit_id: 20, password: 'Mat-Khau-Dai-Lam-1' }],
    ['PATCH', `/api/v1/users/${readerId}`, { full_name: 'Đổi tên bằng token' }],
    ['DELETE', `/api/v1/api-tokens/${t.id}`],
    ['POST', '/api/v1/api-tokens', { name: 'x', user_id: readerId, expires_at: vnDate(1) }],
  ]) {
    assertError(await call(method, p, { token: t.token, body }), 403, 'read_only_token');
  }
  assertError(await call('GET', '/api/v1/users', { token: t.token }), 403, 'forbidden');
  assert.equal((await session('tinhuy.theodoi')).user.full_name, 'Bùi Thị Mai', 'nothing was changed');

  const used = (await listTokens()).body.items.find((i) => i.id === t.id);
  assert.ok(used.last_used_at, 'last_used_at is set');
  assert.ok(Math.abs(Date.parse(used.last_used_at) - Date.now()) < 120000, 'last_used_at is now');

  const revoked = await call('DELETE', `/api/v1/api-tokens/${t.id}`, { token: admin.token });
  assert.equal(revoked.status, 204, revoked.text);
  assertUnauthenticated(await call('GET', '/api/v1/me', { token: t.token }), 'revoked API token');
  const after = (await listTokens()).body.items.find((i) => i.id === t.id);
  assert.ok(after.revoked_at, 'a revoked token stays in the list with revoked_at');
  assertError(await call('DELETE', '/api/v1/api-tokens/999999999', { token: admin.token }), 404, 'not_found');
});

test('API token: an expired one, an unknown one or one of a disabled user: 401', async () => {
  const today = await createToken({ name: 'Hết hạn hôm nay', user_id: readerId, expires_at: vnDate(0) });
  assert.equal(today.status, 201, today.text);
  assert.equal((await call('GET', '/api/v1/me', { token: today.body.token })).status, 200, 'valid through today');
  sql(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${today.body.id}`);
  assertUnauthenticated(await call('GET', '/api/v1/me', { token: today.body.token }), 'expired API token');

  assertUnauthenticated(await call('GET', '/api/v1/me', { token: `tsk_${randomBytes(32).toString('base64url')}` }), 'unknown');
  assertUnauthenticated(await call('GET', '/api/v1/me', { token: 'tsk_' }), 'prefix only');
  assertUnauthenticated(await call('GET', '/api/v1/me', { token: `tsk_${'!'.repeat(43)}` }), 'not base64url');
  assertUnauthenticated(await call('GET', '/api/v1/me', { token: `tsk_${'A'.repeat(3000)}` }), 'too long');

  const leader = await createUser(admin.token, { role: 'leadership', unit_id: 21, prefix: 'tt.lanhdao' });
  const lt = await createToken({ name: 'Lãnh đạo', user_id: leader.id, expires_at: vnDate(7) });
  assert.equal(lt.status, 201, lt.text);
  assert.equal((await call('GET', '/api/v1/me', { token: lt.body.token })).status, 200);
  const off = await call('PATCH', `/api/v1/users/${leader.id}`, { token: admin.token, body: { disabled: true } });
  assert.equal(off.status, 200);
  assertUnauthenticated(await call('GET', '/api/v1/me', { token: lt.body.token }), 'API token of a disabled user');
  assertError(await createToken({ name: 'x', user_id: leader.id, expires_at: vnDate(7) }), 422);
});

test('API token: only for party_reader and leadership accounts, at most one year ahead, well-formed', async () => {
  const users = (await call('GET', '/api/v1/users?limit=200', { token: admin.token })).body.items;
  const id = (name) => users.find((u) => u.username === name).id;
  for (const name of ['xa.hacthanh', 'sxd.chuyenvien', 'sxd.lanhdao', 'snv.tonghop', 'vpubnd.chuyenvien', 'quantri']) {
    assertError(await createToken({ name: 'Không được', user_id: id(name), expires_at: vnDate(30) }), 422);
  }
  assertError(await createToken({ name: 'Không có ai', user_id: 2147483000, expires_at: vnDate(30) }), 422);

  const ok = await createToken({ name: 'Lãnh đạo tỉnh, một năm', user_id: id('lanhdao.tinh'), expires_at: vnDate(365) });
  assert.equal(ok.status, 201, `365 days ahead is within a year: ${ok.text}`);
  await call('DELETE', `/api/v1/api-tokens/${ok.body.id}`, { token: admin.token });
  for (const days of [367, 400, 3650]) {
    assertError(await createToken({ name: 'Quá dài', user_id: readerId, expires_at: vnDate(days) }), 422);
  }
  assertError(await createToken({ name: 'Hôm qua', user_id: readerId, expires_at: vnDate(-1) }), 422);

  for (const [body, field] of [
    [{ user_id: readerId, expires_at: vnDate(30) }, 'name'],
    [{ name: 'x', expires_at: vnDate(30) }, 'user_id'],
    [{ name: 'x', user_id: String(readerId), expires_at: vnDate(30) }, 'user_id'],
    [{ name: 'x', user_id: readerId }, 'expires_at'],
    [{ name: 'x', user_id: readerId, expires_at: '30/06/2027' }, 'expires_at'],
    [{ name: 'x', user_id: readerId, expires_at: '2027-6-30' }, 'expires_at'],
    [{ name: 'x', user_id: readerId, expires_at: `${vnDate(30)}T00:00:00Z` }, 'expires_at'],
    [{ name: 'x', user_id: readerId, expires_at: 20270630 }, 'expires_at'],
    [{ name: 'x'.repeat(201), user_id: readerId, expires_at: vnDate(30) }, 'name'],
    [{ name: 'x', user_id: readerId, expires_at: vnDate(30), token: 'tsk_chon' }, 'token'],
  ]) {
    const res = await createToken(body);
    assert.equal(assertError(res, 400).details?.field, field, `${JSON.stringify(body)} → ${res.text}`);
  }
  assertError(await createToken({ name: 'x', user_id: readerId, expires_at: '2027-02-30' }), 400);
});
