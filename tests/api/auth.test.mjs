// Signing in, sessions and accounts as docs/accounts.md promises them: login, the same answer
// for a wrong password and an unknown name, lockout, refresh rotation with reuse detection,
// logout, sessions ended by disabling, role/unit or password changes, the first-login
// password change and the checks on new accounts. Every account changed here is a throwaway
// one made by the admin; the demo accounts are only signed in.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { before, test } from 'node:test';
import {
  api, assertError, assertUnauthenticated, call, createUser, jwtPayload, login, median,
  refreshCookie, session, sql, strongPassword, uniq,
} from './lib.mjs';

let admin;
before(async () => {
  admin = await session('quantri');
});

const refresh = (cookie) => call('POST', '/api/v1/auth/refresh', { cookie });
const me = (token) => call('GET', '/api/v1/me', { token });
const patchUser = (id, body) => call('PATCH', `/api/v1/users/${id}`, { token: admin.token, body });
const sqlText = (s) => `'${String(s).replace(/'/g, "''")}'`;
const hashHex = (cookie) => createHash('sha256').update(cookie).digest('hex');

function cookieAttributes(line) {
  const [, ...attrs] = line.split(';').map((s) => s.trim());
  const out = {};
  for (const a of attrs) {
    const i = a.indexOf('=');
    out[(i < 0 ? a : a.slice(0, i)).toLowerCase()] = i < 0 ? true : a.slice(i + 1);
  }
  return out;
}

function assertSession(res, username) {
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(res.body.token_type, 'Bearer');
  assert.equal(res.body.expires_in, 900);
  assert.match(res.body.access_token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  assert.equal(res.body.user.username, username);
  assert.equal(res.headers.get('cache-control'), 'no-store', 'tokens are never cached');
  const c = refreshCookie(res);
  assert.ok(c.value, 'a new ts_refresh cookie is set');
  return c.value;
}

test('login: 200 with the session of the contract and an HttpOnly, SameSite=Strict refresh cookie', async () => {
  const res = await login('sxd.lanhdao');
  const cookie = assertSession(res, 'sxd.lanhdao');
  const b = res.body;
  assert.equal(b.must_change_password, false, 'demo accounts keep the demo password in demo mode');
  assert.deepEqual(Object.keys(b).sort(), ['access_token', 'expires_in', 'must_change_password', 'token_type', 'user']);
  assert.equal(typeof b.user.id, 'number');
  assert.equal(b.user.full_name, 'Phạm Quốc Hùng');
  assert.equal(b.user.role, 'department_head');
  assert.deepEqual(b.user.unit, { id: 107, kind: 'department', code: 'SXD', name: 'Sở Xây dựng' });
  assert.equal(b.user.must_change_password, false);
  assert.equal(b.user.disabled, false);
  assert.ok(!('password_hash' in b.user) && !/argon2/.test(res.text), 'no password hash in the answer');

  const claims = jwtPayload(b.access_token);
  assert.equal(claims.sub, String(b.user.id));
  assert.equal(claims.role, 'department_head');
  assert.equal(claims.unit, 107);
  assert.equal(claims.iss, 'thongsuot');
  assert.equal(claims.aud, 'thongsuot-api');
  assert.equal(claims.exp - claims.iat, 900);
  assert.ok(claims.nbf <= claims.iat + 1);
  assert.ok(Math.abs(claims.iat - Date.now() / 1000) < 60);
  assert.equal(typeof claims.jti, 'string');
  assert.equal(typeof claims.ver, 'number');
  assert.equal(JSON.parse(Buffer.from(b.access_token.split('.')[0], 'base64url')).alg, 'HS256');

  const attrs = cookieAttributes(refreshCookie(res).line);
  assert.equal(attrs.path, '/api/v1/auth');
  assert.equal(attrs.httponly, true);
  assert.equal(attrs.samesite, 'Strict');
  assert.equal(attrs.secure, undefined, 'no Secure flag over plain http');
  assert.ok(Number(attrs['max-age']) > 900, 'the refresh cookie outlives the access token');
  assert.match(cookie, /^[A-Za-z0-9_-]{43}$/, '256 random bits');

  const mine = await me(b.access_token);
  assert.equal(mine.status, 200);
  assert.equal(mine.body.username, 'sxd.lanhdao');
  assert.equal(mine.body.must_change_password, false);
});

test('wrong password and unknown name: the same 401 body, in about the same time', async () => {
  const users = [
    await createUser(admin.token, { role: 'department_officer', unit_id: 107, prefix: 'tt.thoigian' }),
    await createUser(admin.token, { role: 'department_officer', unit_id: 107, prefix: 'tt.thoigian' }),
  ];
  await login(uniq('tt.khoidong'), 'x'.repeat(12)); // warm-up
  const wrong = [];
  const unknown = [];
  let wrongRes;
  let unknownRes;
  // Three failures per account (the fourth would be close to the lockout), interleaved.
  for (let i = 0; i < 6; i++) {
    let t = performance.now();
    wrongRes = await login(users[i % 2].username, 'Sai-Mat-Khau-Roi-1');
    wrong.push(performance.now() - t);
    assertError(wrongRes, 401, 'invalid_credentials');
    t = performance.now();
    unknownRes = await login(uniq('tt.khongco'), 'Sai-Mat-Khau-Roi-1');
    unknown.push(performance.now() - t);
    assertError(unknownRes, 401, 'invalid_credentials');
  }
  assert.deepEqual(unknownRes.body, wrongRes.body, 'identical bodies');
  assert.equal(wrongRes.body.error.message, 'Tên đăng nhập hoặc mật khẩu không đúng.');
  assert.equal(refreshCookie(wrongRes).value, null, 'no cookie on failure');
  assert.equal(refreshCookie(unknownRes).value, null, 'no cookie on failure');
  const mw = median(wrong);
  const mu = median(unknown);
  const msg = `median wrong password ${mw.toFixed(1)} ms, unknown name ${mu.toFixed(1)} ms`;
  assert.ok(mw > 30 && mu > 30, `both pay for a password hash: ${msg}`);
  assert.ok(Math.max(mw, mu) / Math.min(mw, mu) < 3, `similar times: ${msg}`);
});

test('five failures lock the name: 429 account_locked with Retry-After, even for the right password', async () => {
  const u = await createUser(admin.token, { role: 'department_officer', unit_id: 111, prefix: 'tt.khoa' });
  for (let i = 1; i <= 4; i++) assertError(await login(u.username, `Sai-Lan-Thu-${i}-abc`), 401, 'invalid_credentials');
  const locked = await login(u.username, 'Sai-Lan-Thu-5-abc');
  const err = assertError(locked, 429, 'account_locked');
  const retry = Number(locked.headers.get('retry-after'));
  assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, `first lock ≤ 1 minute, Retry-After ${retry}`);
  assert.ok(Math.abs(err.details.retry_after_s - retry) <= 1, 'details.retry_after_s agrees with Retry-After');

  const right = await login(u.username, u.password);
  assertError(right, 429, 'account_locked');
  assert.equal(right.token, null);
  assert.ok(Number(right.headers.get('retry-after')) >= 1);
  assertError(await login(u.username.toUpperCase(), u.password), 429, 'account_locked');
  assert.equal(sql(`SELECT locks FROM login_throttle WHERE username = ${sqlText(u.username)}`), '1');

  // Each new lock doubles: let the first one run out (in the database), fail five more times.
  sql(`UPDATE login_throttle SET locked_until = now() WHERE username = ${sqlText(u.username)}`);
  for (let i = 1; i <= 4; i++) assertError(await login(u.username, `Lai-Sai-${i}-abcdef`), 401, 'invalid_credentials');
  const again = await login(u.username, 'Lai-Sai-5-abcdef');
  const err2 = assertError(again, 429, 'account_locked');
  const retry2 = Number(again.headers.get('retry-after'));
  assert.ok(retry2 > 60 && retry2 <= 120, `second lock ≈ 2 minutes, Retry-After ${retry2}`);
  assert.ok(Math.abs(err2.details.retry_after_s - retry2) <= 1);
  assert.equal(sql(`SELECT locks FROM login_throttle WHERE username = ${sqlText(u.username)}`), '2');

  // Once the lock has run out the right password works and the count starts again.
  sql(`UPDATE login_throttle SET locked_until = now() WHERE username = ${sqlText(u.username)}`);
  const ok = await login(u.username, u.password);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(sql(`SELECT count(*) FROM login_throttle WHERE username = ${sqlText(u.username)}`), '0');
});

test('a name that does not exist is locked the same way, so the answer never tells', async () => {
  const known = await createUser(admin.token, { role: 'department_officer', unit_id: 111, prefix: 'tt.cothat' });
  const ghost = uniq('tt.maQuy');
  const answers = { known: [], ghost: [] };
  for (let i = 1; i <= 5; i++) {
    answers.known.push(await login(known.username, `Sai-${i}-mat-khau`));
    answers.ghost.push(await login(ghost, `Sai-${i}-mat-khau`));
  }
  for (let i = 0; i < 4; i++) {
    assertError(answers.ghost[i], 401, 'invalid_credentials');
    assert.deepEqual(answers.ghost[i].body, answers.known[i].body);
  }
  const g = answers.ghost[4];
  const k = answers.known[4];
  assertError(g, 429, 'account_locked');
  assertError(k, 429, 'account_locked');
  assert.equal(g.body.error.message, k.body.error.message);
  assert.deepEqual(Object.keys(g.body.error.details), Object.keys(k.body.error.details));
  assert.ok(Number(g.headers.get('retry-after')) >= 1 && Number(g.headers.get('retry-after')) <= 60);
  assertError(await login(ghost, 'Bat-Ky-Mat-Khau-Nao'), 429, 'account_locked');
});

test('refresh: a new cookie each time; a reused one ends every session of that login', async () => {
  const u = await createUser(admin.token, { role: 'department_officer', unit_id: 107, prefix: 'tt.lammoi', ready: true });
  const first = await session(u.username, u.password);
  const other = await session(u.username, u.password); // a second login: another family

  const r1 = await refresh(first.cookie);
  const c1 = assertSession(r1, u.username);
  assert.notEqual(c1, first.cookie);
  const attrs = cookieAttributes(refreshCookie(r1).line);
  assert.equal(attrs.path, '/api/v1/auth');
  assert.equal(attrs.httponly, true);
  assert.equal(attrs.samesite, 'Strict');
  assert.notEqual(r1.body.access_token, first.token);
  assert.equal((await me(r1.body.access_token)).status, 200, 'the new access token works');

  const r2 = await refresh(c1);
  const c2 = assertSession(r2, u.username);
  assert.notEqual(c2, c1);

  // c1 again: stolen or replayed. The whole family ends, c2 included.
  const reused = await refresh(c1);
  assertError(reused, 401, 'refresh_reused');
  assert.equal(refreshCookie(reused).value, '', 'the cookie is cleared');
  const afterReuse = await refresh(c2);
  assert.equal(afterReuse.status, 401, `the newest cookie of the family is revoked too: ${afterReuse.text}`);
  assertError(afterReuse, 401);
  assertError(await refresh(first.cookie), 401);

  // The other login is a different session and goes on.
  const r3 = await refresh(other.cookie);
  assertSession(r3, u.username);
});

test('refresh: missing, unknown, malformed or expired cookies get 401 invalid_refresh', async () => {
  assertError(await call('POST', '/api/v1/auth/refresh'), 401, 'invalid_refresh');
  assertError(await refresh(randomBytes(32).toString('base64url')), 401, 'invalid_refresh');
  assertError(await refresh('abc'), 401, 'invalid_refresh');
  assertError(await refresh('x'.repeat(600)), 401, 'invalid_refresh');
  assertError(await refresh('%00%ff'), 401, 'invalid_refresh');
  const s = await session('syt.chuyenvien');
  sql(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = decode('${hashHex(s.cookie)}', 'hex')`);
  assertError(await refresh(s.cookie), 401, 'invalid_refresh');
});

test('logout: 204, the cookie is cleared and cannot refresh any more', async () => {
  const s = await session('snv.tonghop');
  const res = await call('POST', '/api/v1/auth/logout', { cookie: s.cookie });
  assert.equal(res.status, 204);
  const c = refreshCookie(res);
  assert.equal(c.value, '');
  const attrs = cookieAttributes(c.line);
  assert.equal(attrs['max-age'], '0');
  assert.equal(attrs.path, '/api/v1/auth');
  const after = await refresh(s.cookie);
  assertError(after, 401);
  assert.equal(after.body.access_token, undefined);
  // Logging out without a session answers the same.
  assert.equal((await call('POST', '/api/v1/auth/logout')).status, 204);
});

test('disabling a user stops its access token and refresh on the next request; login 403; re-enabling works', async () => {
  const u = await createUser(admin.token, { role: 'commune_officer', unit_id: 14797, prefix: 'tt.vohieu', ready: true });
  const s = await session(u.username, u.password);
  assert.equal((await me(s.token)).status, 200);

  const off = await patchUser(u.id, { disabled: true });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.body.disabled, true);
  assert.ok(off.body.disabled_at);
  assertUnauthenticated(await me(s.token), 'access token of a disabled user');
  assertError(await refresh(s.cookie), 401);
  assertError(await login(u.username, u.password), 403, 'account_disabled');
  const listed = await call('GET', `/api/v1/users?disabled=true&q=${u.username}`, { token: admin.token });
  assert.deepEqual(listed.body.items.map((x) => x.id), [u.id]);

  const on = await patchUser(u.id, { disabled: false });
  assert.equal(on.status, 200, on.text);
  assert.equal(on.body.disabled, false);
  assert.equal(on.body.disabled_at, null);
  assertUnauthenticated(await me(s.token), 'an old token does not come back when the user is enabled again');
  const back = await session(u.username, u.password);
  assert.equal((await me(back.token)).status, 200);
});

test('changing role or unit ends the sessions; changing the name does not', async () => {
  const u = await createUser(admin.token, { role: 'department_officer', unit_id: 107, prefix: 'tt.doivaitro', ready: true });
  const s1 = await session(u.username, u.password);
  const renamed = await patchUser(u.id, { full_name: 'Tên mới của người thử' });
  assert.equal(renamed.status, 200);
  assert.equal(renamed.body.full_name, 'Tên mới của người thử');
  assert.equal((await me(s1.token)).status, 200, 'a new name keeps the session');

  const moved = await patchUser(u.id, { unit_id: 111 });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.unit.id, 111);
  assertUnauthenticated(await me(s1.token), 'after a unit change');
  assertError(await refresh(s1.cookie), 401);

  const s2 = await session(u.username, u.password);
  assert.equal(s2.user.unit.id, 111);
  assert.equal(jwtPayload(s2.token).unit, 111);
  const promoted = await patchUser(u.id, { role: 'department_head' });
  assert.equal(promoted.status, 200, promoted.text);
  assert.equal(promoted.body.role, 'department_head');
  assertUnauthenticated(await me(s2.token), 'after a role change');
  assertError(await refresh(s2.cookie), 401);
  const s3 = await session(u.username, u.password);
  assert.equal(jwtPayload(s3.token).role, 'department_head');
});

// A GET trusts its token's claims only as far as the session check, which travels with the
// GET's first statement, confirms them: when the account no longer matches the token, the
// answer is the one the account as it is now gets.
test('a GET with a token its account no longer matches: answered for the account as it is, never as claimed', async () => {
  const u = await createUser(admin.token, { role: 'department_officer', unit_id: 107, prefix: 'tt.lechvai', ready: true });
  const s = await session(u.username, u.password);
  const inbox = (token) => call('GET', '/api/v1/issues?limit=5&sort=due_asc', { token });
  const first = await inbox(s.token);
  assert.equal(first.status, 200, first.text);

  // The unit changed behind the token's back (no new token version): the list is unit 111's.
  sql(`UPDATE users SET unit_id = 111 WHERE id = ${Number(u.id)}`);
  const moved = await inbox(s.token);
  assert.equal(moved.status, 200, moved.text);
  const other = await session('syt.chuyenvien');
  assert.equal(other.user.unit.id, 111, 'syt.chuyenvien is of unit 111');
  const theirs = await inbox(other.token);
  const idsOf = (res) => res.body.items.map((x) => x.id);
  assert.deepEqual(idsOf(moved), idsOf(theirs), 'the same list as an officer of unit 111');
  assert.notDeepEqual(idsOf(moved), idsOf(first));

  // A role whose routes differ: a home_affairs account reads no issue groups.
  sql(`UPDATE users SET role = 'home_affairs', unit_id = 102 WHERE id = ${Number(u.id)}`);
  assertError(await call('GET', '/api/v1/issue-groups', { token: s.token }), 403, 'forbidden');
  sql(`UPDATE users SET role = 'department_officer', unit_id = 107 WHERE id = ${Number(u.id)}`);
  assert.deepEqual(idsOf(await inbox(s.token)), idsOf(first), 'back as it was');

  // Disabled, or signed out: 401 and no data, for a list, a detail and the statistics'
  // readers alike (a handler that refuses bad input first still answers 401).
  const id = first.body.items[0]?.id;
  assert.ok(id, 'unit 107 has issues to read');
  const off = await patchUser(u.id, { disabled: true });
  assert.equal(off.status, 200, off.text);
  for (const path of ['/api/v1/issues?limit=5', `/api/v1/issues/${id}`, `/api/v1/issues/${id}/events`,
    '/api/v1/issues?limit=0', '/api/v1/trainings', '/api/v1/notifications']) {
    const res = await call('GET', path, { token: s.token });
    assertUnauthenticated(res, `GET ${path} of a disabled account`);
    assert.equal(res.body.items, undefined, `GET ${path}: no items`);
  }
});

test('changing one\'s password ends the other sessions; this one continues with the new tokens', async () => {
  const u = await createUser(admin.token, { role: 'home_affairs', unit_id: 102, prefix: 'tt.doimk', ready: true });
  const s1 = await session(u.username, u.password);
  const s2 = await session(u.username, u.password);
  const next = strongPassword();
  const res = await call('PUT', '/api/v1/me/password', {
    token: s1.token, body: { current_password: u.password, new_password: next },
  });
  const cookie = assertSession(res, u.username);
  assert.equal(res.body.must_change_password, false);
  assert.equal((await me(res.body.access_token)).status, 200, 'the returned token works');
  assertUnauthenticated(await me(s1.token), 'the old token of this session');
  assertUnauthenticated(await me(s2.token), 'the other session');
  assertError(await refresh(s2.cookie), 401);
  assertError(await refresh(s1.cookie), 401);
  assertSession(await refresh(cookie), u.username);
  assertError(await login(u.username, u.password), 401, 'invalid_credentials');
  assert.equal((await login(u.username, next)).status, 200);
});

test('a password reset by the admin ends the sessions and must be changed at the next login', async () => {
  const u = await createUser(admin.token, { role: 'department_officer', unit_id: 111, prefix: 'tt.datlai', ready: true });
  const s = await session(u.username, u.password);
  const weak = await call('POST', `/api/v1/users/${u.id}/password`, { token: admin.token, body: { password: 'matkhau123' } });
  assert.equal(assertError(weak, 400, 'weak_password').details.reason, 'common');
  const temp = strongPassword();
  const res = await call('POST', `/api/v1/users/${u.id}/password`, { token: admin.token, body: { password: temp } });
  assert.equal(res.status, 204, res.text);
  assertUnauthenticated(await me(s.token), 'after a reset');
  assertError(await refresh(s.cookie), 401);
  const again = await login(u.username, temp);
  assert.equal(again.status, 200);
  assert.equal(again.body.must_change_password, true);
  assertError(await call('GET', '/api/v1/users/404404404', { token: admin.token }), 404, 'not_found');
  assertError(await call('POST', '/api/v1/users/404404404/password', { token: admin.token, body: { password: strongPassword() } }), 404, 'not_found');
});

test('first login of a new account: only GET /me and the password change until the password is changed', async () => {
  const username = uniq('tt.quantri.moi');
  const first = strongPassword();
  const created = await call('POST', '/api/v1/users', {
    token: admin.token,
    body: { username, full_name: 'Quản trị mới', role: 'admin', unit_id: 101, password: first },
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.body.must_change_password, true);
  assert.equal(created.body.username, username);
  assert.ok(!/argon2|password_hash/.test(created.text), 'no password hash in the answer');

  const s = await login(username, first);
  assert.equal(s.status, 200);
  assert.equal(s.body.must_change_password, true);
  assert.equal(s.body.user.must_change_password, true);
  const mine = await me(s.token);
  assert.equal(mine.status, 200);
  assert.equal(mine.body.must_change_password, true);
  for (const [method, p, body] of [
    ['GET', '/api/v1/users'], ['GET', `/api/v1/users/${created.body.id}`], ['GET', '/api/v1/audit'],
    ['GET', '/api/v1/api-tokens'], ['POST', '/api/v1/users', {}],
    ['PATCH', `/api/v1/users/${created.body.id}`, { full_name: 'x' }],
  ]) {
    assertError(await call(method, p, { token: s.token, body }), 403, 'password_change_required');
  }

  const weak = async (pw) => {
    const res = await call('PUT', '/api/v1/me/password', { token: s.token, body: { current_password: first, new_password: pw } });
    const err = assertError(res, 400, 'weak_password');
    assert.equal(err.details.field, 'new_password');
    return err.details.reason;
  };
  assert.equal(await weak('Ngan-1!'), 'too_short');
  assert.equal(await weak('ĐườngSắt1'), 'too_short', '9 characters, even if 13 bytes');
  assert.equal(await weak('a'.repeat(129)), 'too_long');
  assert.equal(await weak('password123'), 'common');
  assert.equal(await weak('PassWord123'), 'common', 'the list is compared ignoring case');
  assert.equal(await weak('ThanhHoa@123'), 'common');
  assert.equal(await weak(username), 'same_as_username');
  assert.equal(await weak(username.toUpperCase()), 'same_as_username');
  assert.equal(await weak(first), 'unchanged');
  const wrong = await call('PUT', '/api/v1/me/password', {
    token: s.token, body: { current_password: 'khong-dung-dau-nhe', new_password: strongPassword() },
  });
  assert.equal(wrong.status, 400, `a wrong current password: ${wrong.text}`);
  assertError(await call('GET', '/api/v1/users', { token: s.token }), 403, 'password_change_required');

  const good = 'Đường-Sắt1'; // 10 characters
  const changed = await call('PUT', '/api/v1/me/password', { token: s.token, body: { current_password: first, new_password: good } });
  assertSession(changed, username);
  assert.equal(changed.body.must_change_password, false);
  assert.equal(changed.body.user.must_change_password, false);
  const list = await call('GET', '/api/v1/users', { token: changed.body.access_token });
  assert.equal(list.status, 200, list.text);
  assertUnauthenticated(await me(s.token), 'the token from before the change');
  const later = await login(username, good);
  assert.equal(later.status, 200);
  assert.equal(later.body.must_change_password, false);
});

test('user names are unique regardless of case and limited to a-z 0-9 . _ -', async () => {
  const base = uniq('tt.trung');
  const body = (username) => ({ username, full_name: 'Trùng tên', role: 'commune_officer', unit_id: 16522, password: strongPassword() });
  const first = await call('POST', '/api/v1/users', { token: admin.token, body: body(base) });
  assert.equal(first.status, 201, first.text);
  const again = await call('POST', '/api/v1/users', { token: admin.token, body: body(base) });
  assertError(again, 409, 'conflict');
  const upper = await call('POST', '/api/v1/users', { token: admin.token, body: body(base.replace('tt.trung', 'TT.Trung')) });
  assertError(upper, 409, 'conflict');
  for (const bad of ['ab', 'có.dấu', 'has space', 'semi;colon', 'x'.repeat(65), 'slash/name', '']) {
    const res = await call('POST', '/api/v1/users', { token: admin.token, body: body(bad) });
    const err = assertError(res, 400);
    assert.equal(err.details?.field, 'username', `username ${JSON.stringify(bad)}: ${res.text}`);
  }
  const list = await call('GET', '/api/v1/users?q=tt.trung', { token: admin.token });
  assert.equal(list.body.items.filter((u) => u.username.toLowerCase() === base).length, 1);
});

test('a role that does not fit the unit: 422 role_unit_mismatch, on create and on change', async () => {
  const cases = [
    ['commune_officer', 107], ['department_officer', 14797], ['department_head', 20],
    ['home_affairs', 107], ['province_office', 102], ['leadership', 101],
    ['party_reader', 21], ['admin', 14797],
  ];
  for (const [role, unit_id] of cases) {
    const res = await call('POST', '/api/v1/users', {
      token: admin.token, body: { username: uniq('tt.sai'), full_name: 'Sai đơn vị', role, unit_id, password: strongPassword() },
    });
    assertError(res, 422, 'role_unit_mismatch');
  }
  const nowhere = await call('POST', '/api/v1/users', {
    token: admin.token, body: { username: uniq('tt.khongdonvi'), full_name: 'Không đơn vị', role: 'admin', unit_id: 999999, password: strongPassword() },
  });
  assert.ok([400, 422].includes(nowhere.status), `a unit that does not exist is refused as bad input: ${nowhere.text}`);
  assertError(nowhere, nowhere.status);
  // The roles that do fit, for contrast.
  for (const [role, unit_id] of [['home_affairs', 102], ['province_office', 101], ['leadership', 22], ['party_reader', 20], ['admin', 21]]) {
    await createUser(admin.token, { role, unit_id, prefix: 'tt.dung' });
  }
  const u = await createUser(admin.token, { role: 'commune_officer', unit_id: 14797, prefix: 'tt.doisai' });
  assertError(await patchUser(u.id, { role: 'leadership' }), 422, 'role_unit_mismatch');
  assertError(await patchUser(u.id, { unit_id: 107 }), 422, 'role_unit_mismatch');
  const still = await call('GET', `/api/v1/users/${u.id}`, { token: admin.token });
  assert.equal(still.body.role, 'commune_officer');
  assert.equal(still.body.unit.id, 14797);
  const both = await patchUser(u.id, { role: 'department_officer', unit_id: 107 });
  assert.equal(both.status, 200, both.text);
});

test('bad bodies get 400 JSON naming the field, and change nothing', async () => {
  const username = uniq('tt.hong');
  const good = { username, full_name: 'Dữ liệu hỏng', role: 'commune_officer', unit_id: 14797, password: strongPassword() };
  const create = (body) => call('POST', '/api/v1/users', { token: admin.token, body });
  const cases = [
    [{ ...good, is_admin: true }, 'unknown_field', 'is_admin'],
    [{ ...good, unit_id: '14797' }, null, 'unit_id'],
    [{ ...good, unit_id: 0 }, null, 'unit_id'],
    [{ ...good, unit_id: 1.5 }, null, 'unit_id'],
    [{ ...good, role: 7 }, null, 'role'],
    [{ ...good, role: 'superuser' }, null, 'role'],
    [{ ...good, full_name: 123 }, null, 'full_name'],
    [{ ...good, full_name: '' }, null, 'full_name'],
    [{ ...good, full_name: 'Chuông\u0007' }, null, 'full_name'],
    [{ ...good, full_name: 'Hai\ndòng' }, null, 'full_name'],
    [{ ...good, full_name: 'ư'.repeat(201) }, null, 'full_name'],
    [{ ...good, password: undefined }, 'missing_field', 'password'],
    [{ ...good, username: undefined }, 'missing_field', 'username'],
    [{ ...good, password: ['a'] }, null, 'password'],
    [{ ...good, password: 'x'.repeat(1025) }, null, 'password'],
  ];
  for (const [body, code, field] of cases) {
    const res = await create(body);
    const err = assertError(res, 400, code ?? undefined);
    assert.equal(err.details?.field, field, `${JSON.stringify(body).slice(0, 120)} → ${res.text}`);
  }
  for (const body of ['[]', 'null', '"text"', '42']) assertError(await create(body), 400);
  assertError(await create({}), 400, 'missing_field');
  const none = await call('GET', `/api/v1/users?q=${username}`, { token: admin.token });
  assert.equal(none.body.total, 0, 'nothing was created');

  const u = await createUser(admin.token, { role: 'commune_officer', unit_id: 14797, prefix: 'tt.suahong' });
  for (const [body, field] of [
    [{ disabled: 'yes' }, 'disabled'], [{ unit_id: 'x' }, 'unit_id'], [{ role: 'boss' }, 'role'],
    [{ full_name: 'a\u001bb' }, 'full_name'], [{ username: 'doi.ten' }, 'username'],
    [{ password: strongPassword() }, 'password'],
  ]) {
    const res = await patchUser(u.id, body);
    assert.equal(assertError(res, 400).details?.field, field, res.text);
  }
  assertError(await patchUser(u.id, {}), 400);
  assertError(await patchUser(u.id, { full_name: 'a\u0000b' }), 400, 'invalid_json');
  const same = await call('GET', `/api/v1/users/${u.id}`, { token: admin.token });
  assert.equal(same.body.full_name, u.full_name);
  assert.equal(same.body.disabled, false);

  const loginWith = (body) => call('POST', '/api/v1/auth/login', { body });
  assert.equal(assertError(await loginWith({ username: 'quantri', password: 'x', remember: true }), 400, 'unknown_field').details.field, 'remember');
  assert.equal(assertError(await loginWith({ username: 1, password: 'x' }), 400).details.field, 'username');
  assert.equal(assertError(await loginWith({ username: 'quantri' }), 400, 'missing_field').details.field, 'password');
  assert.equal(assertError(await loginWith({ username: 'quantri', password: 'x'.repeat(1025) }), 400).details.field, 'password');
  assert.equal(assertError(await loginWith({ username: 'quan\u0001tri', password: 'x' }), 400).details.field, 'username');
  assertError(await loginWith('[]'), 400);
  assertError(await call('POST', '/api/v1/auth/login'), 400);
  assertError(await api('/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'username=quantri&password=x',
  }), 415, 'unsupported_media_type');

  const pw = (body) => call('PUT', '/api/v1/me/password', { token: admin.token, body });
  assert.equal(assertError(await pw({ current_password: 'x' }), 400, 'missing_field').details.field, 'new_password');
  assert.equal(assertError(await pw({ current_password: 'x', new_password: 'y', logout_others: false }), 400, 'unknown_field').details.field, 'logout_others');
  assert.equal(assertError(await pw({ current_password: 5, new_password: 'y' }), 400).details.field, 'current_password');
  assert.equal((await me(admin.token)).status, 200, 'the admin session is untouched');
});
