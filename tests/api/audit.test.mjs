// The audit log (admin): sign-ins, failed sign-ins, account and API-token changes are
// recorded with who, what, before/after, the client address and the request id nginx gave
// the request; the list filters and pages; the database itself refuses to change the log.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  assertError, assertUnauthenticated, call, createUser, login, session, sql, strongPassword, uniq, vnDate,
} from './lib.mjs';

let admin;
let adminId;
const ev = {}; // what this file did, with the X-Request-Id of each response

const audit = (query = '') => call('GET', `/api/v1/audit${query}`, { token: admin.token });
async function auditItems(query) {
  const res = await audit(query);
  assert.equal(res.status, 200, res.text);
  assert.ok(Array.isArray(res.body.items));
  assert.ok('next_before' in res.body);
  return res.body;
}
const rid = (res) => res.headers.get('x-request-id');

before(async () => {
  const s = await login('quantri');
  assert.equal(s.status, 200);
  admin = { token: s.token };
  adminId = s.body.user.id;
  ev.adminLogin = { rid: rid(s), userId: adminId };

  const username = uniq('tt.nhatky');
  const password = strongPassword();
  const created = await call('POST', '/api/v1/users', {
    token: admin.token, body: { username, full_name: 'Người được ghi nhật ký', role: 'department_officer', unit_id: 111, password },
  });
  assert.equal(created.status, 201, created.text);
  ev.created = { rid: rid(created), id: created.body.id, username, password };

  const updated = await call('PATCH', `/api/v1/users/${created.body.id}`, { token: admin.token, body: { full_name: 'Tên đã sửa' } });
  assert.equal(updated.status, 200);
  ev.updated = { rid: rid(updated) };

  const failed = await login(username, 'Sai-Mat-Khau-Nhat-Ky');
  assert.equal(failed.status, 401);
  ev.failed = { rid: rid(failed) };
  const ghost = uniq('tt.khongai');
  const failedGhost = await login(ghost, 'Sai-Mat-Khau-Nhat-Ky');
  assert.equal(failedGhost.status, 401);
  ev.failedGhost = { rid: rid(failedGhost), name: ghost };

  const userLogin = await login(username, password);
  assert.equal(userLogin.status, 200);
  ev.userLogin = { rid: rid(userLogin) };

  const reader = (await call('GET', '/api/v1/users?q=tinhuy.theodoi', { token: admin.token })).body.items[0];
  const tk = await call('POST', '/api/v1/api-tokens', {
    token: admin.token, body: { name: 'Nhật ký', user_id: reader.id, expires_at: vnDate(10) },
  });
  assert.equal(tk.status, 201, tk.text);
  ev.tokenCreated = { rid: rid(tk), id: tk.body.id, token: tk.body.token };
  const rv = await call('DELETE', `/api/v1/api-tokens/${tk.body.id}`, { token: admin.token });
  assert.equal(rv.status, 204);
  ev.tokenRevoked = { rid: rid(rv) };
});

function assertRecord(item) {
  assert.deepEqual(Object.keys(item).sort(), ['action', 'actor', 'after', 'at', 'before', 'client_addr',
    'id', 'object_id', 'object_type', 'request_id', 'unit_id'].sort());
  assert.equal(typeof item.id, 'number');
  assert.ok(Math.abs(Date.parse(item.at) - Date.now()) < 10 * 60 * 1000, 'at is a recent time');
  assert.equal(item.client_addr, '127.0.0.1');
}

async function findByRid(r) {
  const body = await auditItems('?limit=200');
  const found = body.items.filter((i) => i.request_id === r);
  assert.equal(found.length, 1, `one audit record with request id ${r}`);
  assertRecord(found[0]);
  return found[0];
}

test('sign-ins, failed sign-ins and account changes are recorded with actor, client address and request id', async () => {
  const li = await findByRid(ev.adminLogin.rid);
  assert.equal(li.action, 'auth.login');
  assert.deepEqual(li.actor, { id: adminId, username: 'quantri' });
  assert.equal(li.object_type, 'user');
  assert.equal(li.object_id, String(adminId));

  const fl = await findByRid(ev.failed.rid);
  assert.equal(fl.action, 'auth.login_failed');
  assert.equal(fl.object_id, ev.created.username);
  const fg = await findByRid(ev.failedGhost.rid);
  assert.equal(fg.action, 'auth.login_failed');
  assert.equal(fg.object_id, ev.failedGhost.name);
  assert.equal(fg.actor, null, 'nobody is the actor of a failed login with an unknown name');

  const ul = await findByRid(ev.userLogin.rid);
  assert.equal(ul.action, 'auth.login');
  assert.equal(ul.actor.id, ev.created.id);
  assert.equal(ul.object_id, String(ev.created.id));

  const cr = await findByRid(ev.created.rid);
  assert.equal(cr.action, 'user.created');
  assert.deepEqual(cr.actor, { id: adminId, username: 'quantri' });
  assert.equal(cr.unit_id, 101, 'the unit of the admin who acted');
  assert.equal(cr.object_type, 'user');
  assert.equal(cr.object_id, String(ev.created.id));
  assert.equal(cr.before, null);
  assert.equal(cr.after.username, ev.created.username);
  assert.equal(cr.after.role, 'department_officer');
  const text = JSON.stringify(cr);
  assert.ok(!/argon2|password_hash/i.test(text) && !text.includes(ev.created.password), 'no password or hash in the audit record');

  const up = await findByRid(ev.updated.rid);
  assert.equal(up.action, 'user.updated');
  assert.equal(up.object_id, String(ev.created.id));
  assert.equal(up.before.full_name, 'Người được ghi nhật ký');
  assert.equal(up.after.full_name, 'Tên đã sửa');
  assert.equal(up.before.id, up.after.id);
});

test('API token creation and revocation are recorded, without the token', async () => {
  const c = await findByRid(ev.tokenCreated.rid);
  assert.equal(c.action, 'api_token.created');
  assert.equal(c.object_type, 'api_token');
  assert.equal(c.object_id, String(ev.tokenCreated.id));
  assert.deepEqual(c.actor, { id: adminId, username: 'quantri' });
  assert.ok(c.after.prefix, 'after shows the prefix');
  assert.ok(!JSON.stringify(c).includes(ev.tokenCreated.token.slice(8)), 'the token itself is not in the log');
  const r = await findByRid(ev.tokenRevoked.rid);
  assert.equal(r.action, 'api_token.revoked');
  assert.equal(r.object_id, String(ev.tokenCreated.id));
  const all = sql('SELECT string_agg(coalesce(before::text, \'\') || coalesce(after::text, \'\'), \' \') FROM audit_log');
  assert.ok(!all.includes(ev.tokenCreated.token.slice(8)), 'no audit row holds the token');
});

test('newest first; filters by action, actor, object and dates', async () => {
  const all = await auditItems('');
  assert.ok(all.items.length > 0 && all.items.length <= 50, 'default limit 50');
  for (let i = 1; i < all.items.length; i++) assert.ok(all.items[i - 1].id > all.items[i].id, 'newest first');

  const created = await auditItems(`?action=user.created&object_id=${ev.created.id}`);
  assert.equal(created.items.length, 1);
  assert.equal(created.items[0].request_id, ev.created.rid);

  const byAction = await auditItems('?action=auth.login_failed&limit=200');
  assert.ok(byAction.items.length >= 2);
  assert.ok(byAction.items.every((i) => i.action === 'auth.login_failed'));

  const byActor = await auditItems(`?actor_id=${ev.created.id}`);
  assert.ok(byActor.items.length >= 1);
  assert.ok(byActor.items.every((i) => i.actor?.id === ev.created.id));
  assert.ok(byActor.items.some((i) => i.request_id === ev.userLogin.rid));

  const byObject = await auditItems(`?object_type=user&object_id=${ev.created.id}`);
  // Newest first: the user's own sign-in, the admin's change, the creation.
  assert.deepEqual(byObject.items.map((i) => i.action), ['auth.login', 'user.updated', 'user.created']);
  assert.deepEqual(byObject.items.map((i) => i.request_id), [ev.userLogin.rid, ev.updated.rid, ev.created.rid]);
  const wrongType = await auditItems(`?object_type=api_token&object_id=${ev.created.id}`);
  assert.ok(wrongType.items.every((i) => i.object_type === 'api_token'));
  assert.ok(!wrongType.items.some((i) => i.request_id === ev.created.rid));

  const q = `&object_type=user&object_id=${ev.created.id}`;
  assert.equal((await auditItems(`?from=${vnDate(0)}&to=${vnDate(0)}${q}`)).items.length, 3, 'today (Thanh Hóa time)');
  assert.equal((await auditItems(`?from=${vnDate(-7)}${q}`)).items.length, 3);
  assert.equal((await auditItems(`?to=${vnDate(0)}${q}`)).items.length, 3);
  assert.deepEqual((await auditItems(`?from=${vnDate(1)}${q}`)).items, [], 'nothing from tomorrow');
  assert.deepEqual((await auditItems(`?to=${vnDate(-1)}${q}`)).items, [], 'nothing up to yesterday');
  assert.deepEqual((await auditItems(`?from=${vnDate(1)}&to=${vnDate(-1)}`)).items, []);
});

test('limit and the before cursor page through the log without gaps or repeats', async () => {
  const whole = await auditItems('?limit=9');
  assert.equal(whole.items.length, 9);
  const pages = [];
  let cursor = '';
  for (let n = 0; n < 3; n++) {
    const page = await auditItems(`?limit=3${cursor}`);
    assert.equal(page.items.length, 3);
    assert.equal(page.next_before, page.items[2].id, 'next_before is the oldest id of the page');
    pages.push(...page.items);
    cursor = `&before=${page.next_before}`;
  }
  assert.deepEqual(pages.map((i) => i.id), whole.items.map((i) => i.id));
  const one = await auditItems(`?before=${whole.items[0].id}&limit=1`);
  assert.equal(one.items[0].id, whole.items[1].id);
  assert.ok((await auditItems('?limit=200')).items.length <= 200);
  const first = await auditItems('?before=1');
  assert.deepEqual(first.items, []);
  assert.equal(first.next_before, null, 'no more pages');
  const last = await auditItems(`?object_type=user&object_id=${ev.created.id}&limit=50`);
  assert.equal(last.next_before, null, 'a page shorter than the limit is the last');
});

test('bad filters: 400 JSON', async () => {
  for (const q of ['?limit=0', '?limit=201', '?limit=abc', '?actor_id=abc', '?actor_id=-1', '?before=x',
    '?from=2026-13-01', '?from=28/11/2026', '?to=yesterday', '?action=x&action=y', '?who=me',
    `?object_id=${'9'.repeat(65)}`]) {
    assertError(await audit(q), 400);
  }
});

test('only admins read the audit log', async () => {
  for (const name of ['sxd.lanhdao', 'snv.tonghop', 'vpubnd.chuyenvien', 'lanhdao.tinh', 'tinhuy.theodoi', 'xa.hacthanh']) {
    const s = await session(name);
    assertError(await call('GET', '/api/v1/audit', { token: s.token }), 403, 'forbidden');
  }
  assertUnauthenticated(await call('GET', '/api/v1/audit'), 'anonymous');
  const pending = await createUser(admin.token, { role: 'admin', unit_id: 102, prefix: 'tt.nhatky.qt' });
  const ps = await session(pending.username, pending.password);
  assertError(await call('GET', '/api/v1/audit', { token: ps.token }), 403, 'password_change_required');
});

test('the database refuses to change or delete audit records', () => {
  const count = sql('SELECT count(*) FROM audit_log');
  const rowId = sql(`SELECT min(id) FROM audit_log`);
  const refuses = (q) => assert.throws(() => sql(q), (err) => {
    assert.match(String(err.stderr), /append-only|audit_log/);
    return true;
  }, q);
  refuses(`UPDATE audit_log SET action = 'auth.login' WHERE id = ${rowId}`);
  refuses("UPDATE audit_log SET client_addr = '10.0.0.1'");
  refuses(`DELETE FROM audit_log WHERE id = ${rowId}`);
  refuses('DELETE FROM audit_log');
  refuses('TRUNCATE audit_log');
  assert.equal(sql('SELECT count(*) FROM audit_log'), count, 'nothing was removed');
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE client_addr = '10.0.0.1'`), '0');
  // Appending still works (the backend does it on every change).
  sql("INSERT INTO audit_log (action, object_type, object_id) VALUES ('test.append', 'test', 'audit.test')");
  assert.equal(sql('SELECT count(*) FROM audit_log'), String(Number(count) + 1));
});
