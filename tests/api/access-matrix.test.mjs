// Who may call what: every route of backend/src/routes.c, called by every kind of caller
// (anonymous, each demo account, a party_reader API token, an admin who must still change
// the password), on an object of the caller's own unit and of another unit where the route
// takes an id. What each caller should get is written down here, from docs/accounts.md, not
// read from routes.c: a route added without a row below fails, and so does a row whose
// route is gone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  DEMO_USERS, REPO, api, assertError, call, createUser, session, vnDate,
} from './lib.mjs';
import { sql } from './lib.mjs';

// ---- The route table, as the backend has it ----

function parseRoutes() {
  const src = readFileSync(path.join(REPO, 'backend/src/routes.c'), 'utf8');
  const m = src.match(/const\s+struct\s+route\s+routes\[\]\s*=\s*\{([\s\S]*?)\n\};/);
  assert.ok(m, 'routes.c has the table "const struct route routes[] = {…};"');
  const body = m[1].replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const rows = [];
  const re = /\{\s*HTTP_([A-Z]+)\s*,\s*"([^"]+)"\s*,\s*(\w+)\s*,\s*([^,{}]+?)\s*,\s*([^,{}]+?)\s*\}/g;
  for (const r of body.matchAll(re)) {
    rows.push({ method: r[1], pattern: r[2], handler: r[3], roles: r[4], flags: r[5] });
  }
  // A row written in a way the pattern above misses must not slip through unchecked.
  const announced = (body.match(/\bHTTP_[A-Z]+\b/g) ?? []).length;
  assert.equal(rows.length, announced, 'every HTTP_ row of routes.c was understood');
  assert.ok(rows.length > 0, 'routes.c has routes');
  return rows;
}
const ROUTES = parseRoutes();
const key = (r) => `${r.method} ${r.pattern}`;

// ---- Who calls ----

const ROLES = ['commune_officer', 'department_officer', 'department_head', 'home_affairs',
  'province_office', 'leadership', 'party_reader', 'admin'];

// The unit of another kind or place each caller's "other unit" object lives in.
const OTHER_UNIT = { 14797: 111, 16522: 14797, 107: 111, 111: 107, 102: 14797, 101: 107, 21: 20, 20: 21 };
// A role that fits each unit, for the throwaway users the {id} routes point at.
const ROLE_FOR_UNIT = {
  14797: 'commune_officer', 16522: 'commune_officer', 107: 'department_officer',
  111: 'department_officer', 102: 'department_officer', 101: 'department_officer',
  21: 'leadership', 20: 'party_reader',
};

// ---- What each caller should get ----
//
// public: anyone, signed in or not, gets `ok`. Otherwise `roles` may call it and get `ok`;
// anonymous callers get 401 unauthenticated, other roles 403 forbidden, an API token 403
// read_only_token on anything but GET, and a user who must still change the password 403
// password_change_required unless `pendingOk`. `ids` names the kind of object an {id} is.
// `ok` is the handler's own answer to the harmless request sent (never 401/403); where it
// depends on whose object it is, `ok` is a function of the caller and the target. `type` is
// the Content-Type of a success that is not JSON.
const ALL = ROLES;
const COMMUNE = ['commune_officer'];
const DEPARTMENT = ['department_officer', 'department_head'];
// Who acts on issues, and who reads them (docs/issues.md). The table lists no comment or
// attachment for province_office; it is taken to act like the others ("sees all").
const ISSUE_ACTORS = [...COMMUNE, ...DEPARTMENT, 'province_office'];
const ISSUE_READERS = [...ISSUE_ACTORS, 'home_affairs', 'leadership'];
// Reporting (docs/reporting.md): trainings for every signed-in role but admin; reports read by
// the departments (their own only), Sở Nội vụ, the leadership and the Party committee readers.
const ALL_BUT_ADMIN = ROLES.filter((r) => r !== 'admin');
const OVERSEERS = ['home_affairs', 'leadership', 'party_reader'];
const REPORT_READERS = [...DEPARTMENT, ...OVERSEERS];
const STATS_READERS = [...OVERSEERS, 'province_office'];
// A department's own report: `ok`; another department's: 403 forbidden.
const ownReport = (ok) => (who, t) => (DEPARTMENT.includes(who.role) && t.id2 !== who.unit
  ? { status: 403, code: 'forbidden' } : ok);
const EXPECTATIONS = {
  'GET /api/health': { public: true, ok: { status: 200 } },
  'GET /api/v1/units': { public: true, ok: { status: 200 } },
  'GET /api/v1/units/{id}': {
    public: true, ids: 'unit', ok: { status: 200, check: (res, t) => assert.equal(res.body.id, t) },
  },
  'GET /api/v1/fields': { public: true, ok: { status: 200 } },
  // {} is refused by the handler, after the (absent) access check, without a login attempt.
  'POST /api/v1/auth/login': { public: true, body: {}, ok: { status: 400, code: 'missing_field' } },
  // No cookie: the handler's own 401, the same for everybody.
  'POST /api/v1/auth/refresh': { public: true, ok: { status: 401, code: 'invalid_refresh' } },
  'POST /api/v1/auth/logout': { public: true, ok: { status: 204 } },
  'GET /api/v1/me': {
    roles: ALL, pendingOk: true,
    ok: { status: 200, check: (res, t, who) => assert.equal(res.body.username, who.username) },
  },
  'PUT /api/v1/me/password': {
    roles: ALL, pendingOk: true,
    body: { current_password: 'khong-phai-mat-khau-nay', new_password: 'Mat-Khau-Moi-Rat-Dai-1' },
    ok: { status: 400, code: 'wrong_password' },
  },
  'GET /api/v1/users': { roles: ['admin'], ok: { status: 200 } },
  'POST /api/v1/users': { roles: ['admin'], body: {}, ok: { status: 400, code: 'missing_field' } },
  'GET /api/v1/users/{id}': {
    roles: ['admin'], ids: 'user', ok: { status: 200, check: (res, t) => assert.equal(res.body.id, t) },
  },
  'PATCH /api/v1/users/{id}': {
    roles: ['admin'], ids: 'user', body: { full_name: 'Người thử ma trận quyền' },
    ok: { status: 200, check: (res) => assert.equal(res.body.full_name, 'Người thử ma trận quyền') },
  },
  'POST /api/v1/users/{id}/password': {
    roles: ['admin'], ids: 'user', body: { password: 'ngan' }, ok: { status: 400, code: 'weak_password' },
  },
  'GET /api/v1/api-tokens': { roles: ['admin'], ok: { status: 200 } },
  'POST /api/v1/api-tokens': { roles: ['admin'], body: {}, ok: { status: 400, code: 'missing_field' } },
  'DELETE /api/v1/api-tokens/{id}': { roles: ['admin'], ids: 'api_token', ok: { status: 204 } },
  'GET /api/v1/audit': { roles: ['admin'], ok: { status: 200 } },

  // Trainings and the reporting cycle (docs/reporting.md). Bodies are refused by the handler
  // after the access check, so nothing is created or sent. `period` is the seeded round 1,
  // `report` a department's report in it (a department's own and another's).
  'GET /api/v1/trainings': { roles: ALL_BUT_ADMIN, ok: { status: 200 } },
  'POST /api/v1/trainings': { roles: DEPARTMENT, body: {}, ok: { status: 400, code: 'missing_field' } },
  'GET /api/v1/trainings/{id}': { roles: ALL_BUT_ADMIN, ids: 'missing', ok: { status: 404, code: 'training_not_found' } },
  'PATCH /api/v1/trainings/{id}': {
    roles: DEPARTMENT, ids: 'missing', body: {}, ok: { status: 428, code: 'precondition_required' },
  },
  'POST /api/v1/trainings/{id}/recommendations': {
    roles: DEPARTMENT, ids: 'missing', body: {}, ok: { status: 400, code: 'invalid_field' },
  },
  'GET /api/v1/periods': { roles: ALL, ok: { status: 200, check: (res) => assert.ok(res.body.items.length > 0) } },
  'POST /api/v1/periods': { roles: ['home_affairs', 'admin'], body: {}, ok: { status: 400, code: 'missing_field' } },
  'PATCH /api/v1/periods/{id}': {
    roles: ['home_affairs', 'admin'], ids: 'period', body: {}, ok: { status: 428, code: 'precondition_required' },
  },
  'GET /api/v1/periods/{id}/compliance': {
    roles: OVERSEERS, ids: 'period', ok: { status: 200, check: (res) => assert.ok(res.body.items.length > 0) },
  },
  'GET /api/v1/periods/{id}/reports/{id}': {
    roles: REPORT_READERS, ids: 'report',
    ok: ownReport({
      status: 200,
      check: (res, id, who) => {
        // The draft and live figures: the department itself and Sở Nội vụ; the others read
        // only what was sent.
        if (['leadership', 'party_reader'].includes(who.role)) assert.equal(res.body.compiled, null);
        else assert.equal(typeof res.body.compiled?.figures, 'object');
      },
    }),
  },
  'PUT /api/v1/periods/{id}/reports/{id}': {
    roles: DEPARTMENT, ids: 'report', body: {}, ok: ownReport({ status: 400, code: 'invalid_field' }),
  },
  'POST /api/v1/periods/{id}/reports/{id}/submit': {
    roles: ['department_head'], ids: 'report', body: { khong_co: 1 }, ok: ownReport({ status: 400, code: 'unknown_field' }),
  },
  'POST /api/v1/periods/{id}/reports/{id}/return': {
    roles: ['home_affairs'], ids: 'report', body: {}, ok: { status: 400, code: 'missing_field' },
  },
  'GET /api/v1/periods/{id}/reports/{id}/export': {
    roles: REPORT_READERS, ids: 'report', ok: ownReport({ status: 400, code: 'invalid_parameter' }),
  },
  'GET /api/v1/periods/{id}/consolidated': {
    roles: OVERSEERS, ids: 'period',
    ok: {
      status: 200,
      check: (res, id, who) => {
        // Sở Nội vụ works on the live compilation; the others see the frozen versions only.
        if (who.role === 'home_affairs') assert.equal(typeof res.body.compiled?.totals, 'object');
        else assert.equal(res.body.compiled, null);
      },
    },
  },
  'PUT /api/v1/periods/{id}/consolidated': {
    roles: ['home_affairs'], ids: 'period', body: {}, ok: { status: 400, code: 'invalid_field' },
  },
  'POST /api/v1/periods/{id}/consolidated/submit': {
    roles: ['home_affairs'], ids: 'period', body: { khong_co: 1 }, ok: { status: 400, code: 'unknown_field' },
  },
  'GET /api/v1/periods/{id}/consolidated/export': {
    roles: OVERSEERS, ids: 'period', ok: { status: 400, code: 'invalid_parameter' },
  },

  // Issues (docs/issues.md, "Who sees what"): each caller on an issue of its own commune or
  // department and on one of another; what it may not see answers 404 like a missing one.
  'GET /api/v1/issues': {
    roles: ISSUE_READERS,
    ok: {
      status: 200,
      check: (res, t, who) => {
        assert.equal(typeof res.body.total, 'number');
        if (who.role === 'commune_officer') {
          assert.deepEqual(res.body.items.filter((i) => i.commune.id !== who.unit).map((i) => i.id), [],
            'a commune lists only its own issues');
        }
      },
    },
  },
  'POST /api/v1/issues': { roles: COMMUNE, body: {}, ok: { status: 400, code: 'missing_field' } },
  'GET /api/v1/issues/{id}': {
    roles: ISSUE_READERS, ids: 'issue',
    ok: (who, t) => (sees(who, t)
      ? { status: 200, check: (res) => assert.equal(res.body.id, t.id) }
      : { status: 404, code: 'issue_not_found' }),
  },
  // Without If-Match: refused before anything is read, whoever's issue it is.
  'PATCH /api/v1/issues/{id}': {
    roles: [...COMMUNE, ...DEPARTMENT], ids: 'issue', body: { title: 'Không sửa được' },
    ok: { status: 428, code: 'precondition_required' },
  },
  // An action no table row has: 422 with what is allowed when visible, else 404.
  'POST /api/v1/issues/{id}/transitions': {
    roles: ISSUE_ACTORS, ids: 'issue', body: { action: 'kiem_tra_ma_tran' },
    ok: (who, t) => (sees(who, t)
      ? { status: 422, code: 'transition_not_allowed' }
      : { status: 404, code: 'issue_not_found' }),
  },
  'GET /api/v1/issues/{id}/events': {
    roles: ISSUE_READERS, ids: 'issue',
    ok: (who, t) => (sees(who, t)
      ? { status: 200, check: (res) => assert.equal(res.body.items[0].action, 'created') }
      : { status: 404, code: 'issue_not_found' }),
  },
  // Comments land on the matrix's own throwaway issues.
  'POST /api/v1/issues/{id}/comments': {
    roles: ISSUE_READERS, ids: 'issue', body: { text: 'Ý kiến kiểm tra ma trận quyền' },
    ok: (who, t) => (sees(who, t)
      ? { status: 201, check: (res) => assert.equal(typeof res.body.id, 'number') }
      : { status: 404, code: 'issue_not_found' }),
  },
  // No file name: refused before the issue is read (the issue tests attach real files).
  'POST /api/v1/issues/{id}/attachments': {
    roles: ISSUE_ACTORS, ids: 'issue', ok: { status: 400, code: 'invalid_parameter' },
  },
  'GET /api/v1/attachments/{id}': {
    roles: ISSUE_READERS, ids: 'attachment',
    ok: (who, t) => (sees(who, t)
      ? { status: 200, type: /^application\/pdf$/ }
      : { status: 404, code: 'not_found' }),
  },
  'GET /api/v1/issue-groups': {
    roles: DEPARTMENT,
    ok: {
      status: 200,
      check: (res, t, who) => assert.deepEqual(res.body.items.filter((g) => g.unit_id !== who.unit).map((g) => g.id), [],
        'a department lists only its own groups'),
    },
  },
  'POST /api/v1/issue-groups': { roles: DEPARTMENT, body: {}, ok: { status: 400, code: 'missing_field' } },
  'GET /api/v1/issue-groups/{id}': {
    roles: DEPARTMENT, ids: 'group',
    ok: (who, t) => (t.unit === who.unit
      ? { status: 200, check: (res) => assert.equal(res.body.id, t.id) }
      : { status: 404, code: 'group_not_found' }),
  },
  'POST /api/v1/issue-groups/{id}/answer': {
    roles: DEPARTMENT, ids: 'group', body: {}, ok: { status: 400, code: 'missing_field' },
  },
  'GET /api/v1/library': { roles: ALL, ok: { status: 200, check: (res) => assert.ok(Array.isArray(res.body.items)) } },
  'GET /api/v1/notifications': {
    roles: ALL, ok: { status: 200, check: (res) => assert.equal(typeof res.body.unread, 'number') },
  },
  'POST /api/v1/notifications/read': { roles: ALL, body: {}, ok: { status: 400, code: 'invalid_body' } },
  // Statistics: Sở Nội vụ, the province office, the leadership and the Party readers.
  'GET /api/v1/stats/overview': {
    roles: STATS_READERS, ok: { status: 200, check: (res) => assert.equal(typeof res.body.raised, 'number') },
  },
  'GET /api/v1/stats/breakdown': { roles: STATS_READERS, ok: { status: 400, code: 'invalid_parameter' } },
  'GET /api/v1/stats/smooth': {
    roles: STATS_READERS, ok: { status: 200, check: (res) => assert.equal(res.body.communes, 166) },
  },
  'GET /api/v1/stats/weekly': {
    roles: STATS_READERS, ok: { status: 200, check: (res) => assert.ok(res.body.items.length >= 1) },
  },
  'GET /api/v1/stats/compliance': {
    roles: STATS_READERS, ok: { status: 200, check: (res) => assert.ok(Array.isArray(res.body.items)) },
  },
};

// Who sees an issue (docs/issues.md): the commune that raised it, the department holding it
// (the matrix's issues have no supporting department), and the province-wide roles.
function sees(who, t) {
  if (['home_affairs', 'province_office', 'leadership'].includes(who.role)) return true;
  if (who.role === 'commune_officer') return t.commune === who.unit;
  if (DEPARTMENT.includes(who.role)) return t.holder === who.unit;
  return false;
}

// ---- Setup: sign in once per account, make the objects the {id} routes point at ----

const callers = []; // {label, username, role, unit, token, kind: 'anonymous'|'user'|'api_token'|'pending'}
const userIn = {}; // unit id → throwaway user id
const tokenOf = {}; // unit id (20, 21) → id of an API token of a throwaway user there
let admin;
const readerTokenIds = [];
// Issues raised by the two demo communes (Hạc Thành's held by Sở Xây dựng 107, Quảng Phú's
// by Sở Y tế 111), a PDF attached to each, and a group of each department:
// unit id → {id, commune, holder} / {id, unit}.
const issueOf = {};
const attachmentOf = {};
const groupOf = {};

before(async () => {
  callers.push({ label: 'anonymous', kind: 'anonymous', role: null, unit: null, token: null });
  for (const [username, { role, unit }] of Object.entries(DEMO_USERS)) {
    const s = await session(username);
    assert.equal(s.user.role, role, `${username} has role ${role}`);
    assert.equal(s.user.unit.id, unit, `${username} belongs to unit ${unit}`);
    callers.push({ label: `${username} (${role}, unit ${unit})`, kind: 'user', username, role, unit, token: s.token });
    if (role === 'admin') admin = s;
  }
  for (const [unit, role] of Object.entries(ROLE_FOR_UNIT)) {
    const u = await createUser(admin.token, { role, unit_id: Number(unit), prefix: 'matran' });
    userIn[unit] = u.id;
  }
  const expires = vnDate(30);
  for (const unit of [20, 21]) {
    const res = await call('POST', '/api/v1/api-tokens', {
      token: admin.token, body: { name: `ma trận ${unit}`, user_id: userIn[unit], expires_at: expires },
    });
    assert.equal(res.status, 201, res.text);
    tokenOf[unit] = res.body.id;
  }
  // A read-only API token of the party_reader demo account.
  const reader = await call('GET', '/api/v1/users?q=tinhuy.theodoi', { token: admin.token });
  const readerId = reader.body.items.find((u) => u.username === 'tinhuy.theodoi').id;
  // Three of them, taken in turn: one token may make 60 calls a minute and the matrix makes
  // more than that in less.
  const readerTokens = [];
  for (let i = 0; i < 3; i++) {
    const tk = await call('POST', '/api/v1/api-tokens', {
      token: admin.token, body: { name: `ma trận: Tỉnh ủy ${i + 1}`, user_id: readerId, expires_at: expires },
    });
    assert.equal(tk.status, 201, tk.text);
    readerTokenIds.push(tk.body.id);
    readerTokens.push(tk.body.token);
  }
  let turn = 0;
  callers.push({ label: 'API token of tinhuy.theodoi (party_reader, unit 20)', kind: 'api_token',
    username: 'tinhuy.theodoi', role: 'party_reader', unit: 20,
    get token() { turn += 1; return readerTokens[turn % readerTokens.length]; } });
  // An admin who has not yet changed the first password.
  const pending = await createUser(admin.token, { role: 'admin', unit_id: 101, prefix: 'matran.moi' });
  const ps = await session(pending.username, pending.password);
  assert.equal(ps.user.must_change_password, true);
  callers.push({ label: `${pending.username} (admin, unit 101, must change password)`, kind: 'pending',
    username: pending.username, role: 'admin', unit: 101, token: ps.token });

  const tokenOfUser = (name) => callers.find((c) => c.username === name && c.kind === 'user').token;
  const raise = async (commune, field) => {
    const res = await call('POST', '/api/v1/issues', {
      token: tokenOfUser(commune),
      body: { title: `Kiến nghị của ma trận quyền (${field})`, description: 'Đối tượng thử quyền truy cập.', field, kind: 'difficulty' },
    });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  for (const [commune, field, dept, officer] of [
    ['xa.hacthanh', 'xay-dung', 107, 'sxd.chuyenvien'], ['xa.quangphu', 'y-te', 111, 'syt.chuyenvien'],
  ]) {
    const issue = await raise(commune, field);
    assert.equal(issue.holder.id, dept);
    const t = { id: issue.id, commune: issue.commune.id, holder: dept };
    issueOf[issue.commune.id] = t;
    issueOf[dept] = t;
    const att = await api(`/api/v1/issues/${issue.id}/attachments?filename=ma-tran.pdf`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokenOfUser(commune)}`, 'Content-Type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    assert.equal(att.status, 201, att.text);
    attachmentOf[issue.commune.id] = { ...t, id: att.body.id };
    attachmentOf[dept] = attachmentOf[issue.commune.id];
    const members = [(await raise(commune, field)).id, (await raise(commune, field)).id];
    const g = await call('POST', '/api/v1/issue-groups', {
      token: tokenOfUser(officer), body: { title: `Nhóm của ma trận quyền (${dept})`, issue_ids: members },
    });
    assert.equal(g.status, 201, g.text);
    groupOf[dept] = { id: g.body.id, unit: dept };
  }
});

after(async () => {
  for (const id of admin ? readerTokenIds : []) await call('DELETE', `/api/v1/api-tokens/${id}`, { token: admin.token });
});

// The seeded round 1 (2025-R1), the period of the reporting routes' {id}.
let roundOneId;
function roundOne() {
  roundOneId ??= Number(sql("SELECT id FROM periods WHERE code = '2025-R1'"));
  assert.ok(roundOneId > 0, 'the seeded period 2025-R1 exists');
  return roundOneId;
}

// The objects an {id} route is called on for a caller: its own unit's and another unit's.
function targets(kind, caller) {
  const own = caller.unit;
  const other = own ? OTHER_UNIT[own] : null;
  switch (kind) {
    case undefined: return [{ scope: '', id: null }];
    case 'missing': return [{ scope: 'an id that does not exist', id: 999999999 }];
    case 'unit':
      return own ? [{ scope: 'own unit', id: own }, { scope: 'other unit', id: other }]
        : [{ scope: '', id: 14797 }];
    case 'user':
      return own ? [{ scope: 'own unit', id: userIn[own] }, { scope: 'other unit', id: userIn[other] }]
        : [{ scope: '', id: userIn[14797] }];
    case 'api_token':
      // Only Tỉnh ủy and UBND tỉnh users hold API tokens, so only their callers have an own one.
      if (own === 20 || own === 21) {
        return [{ scope: 'own unit', id: tokenOf[own] }, { scope: 'other unit', id: tokenOf[own === 20 ? 21 : 20] }];
      }
      return [{ scope: 'other unit', id: tokenOf[20] }];
    case 'issue':
    case 'attachment': {
      const of = kind === 'issue' ? issueOf : attachmentOf;
      if (!own) return [{ scope: '', ...of[14797] }];
      if (of[own]) {
        const mineIsHacThanh = of[own] === of[14797];
        return [{ scope: 'own unit', ...of[own] }, { scope: 'other unit', ...(mineIsHacThanh ? of[16522] : of[14797]) }];
      }
      return [{ scope: 'Phường Hạc Thành\'s', ...of[14797] }, { scope: 'Phường Quảng Phú\'s', ...of[16522] }];
    }
    case 'group':
      if (groupOf[own]) {
        return [{ scope: 'own unit', ...groupOf[own] }, { scope: 'other unit', ...groupOf[own === 107 ? 111 : 107] }];
      }
      return [{ scope: 'a department\'s', ...groupOf[107] }];
    case 'period': return [{ scope: 'round 1', id: roundOne() }];
    case 'report':
      // id: the period, id2: the department whose report it is.
      if (own === 107 || own === 111) {
        return [{ scope: 'own unit', id: roundOne(), id2: own }, { scope: 'other unit', id: roundOne(), id2: own === 107 ? 111 : 107 }];
      }
      return [{ scope: 'Sở Xây dựng\'s report', id: roundOne(), id2: 107 }];
    default: throw new Error(`unknown id kind ${kind}`);
  }
}

function expected(e, method, caller, t) {
  const ok = typeof e.ok === 'function' ? e.ok(caller, t) : e.ok;
  if (e.public) return ok;
  if (caller.kind === 'anonymous') return { status: 401, code: 'unauthenticated', www: true };
  if (caller.kind === 'api_token' && method !== 'GET' && method !== 'HEAD') {
    return { status: 403, code: 'read_only_token' };
  }
  if (!e.roles.includes(caller.role)) return { status: 403, code: 'forbidden' };
  if (caller.kind === 'pending' && !e.pendingOk) return { status: 403, code: 'password_change_required' };
  return ok;
}

for (const route of ROUTES) {
  test(`access matrix: ${key(route)}`, async () => {
    const e = EXPECTATIONS[key(route)];
    assert.ok(e, `route ${key(route)} (handler ${route.handler}) is in routes.c but has no row in EXPECTATIONS`);
    const failures = [];
    let calls = 0;
    for (const caller of callers) {
      for (const t of targets(e.ids, caller)) {
        const p = route.pattern.replace('{id}', String(t.id)).replace('{id}', String(t.id2));
        const want = expected(e, route.method, caller, t);
        const res = await call(route.method, p, { token: caller.token, body: e.body });
        calls += 1;
        const who = `${route.method} ${p} as ${caller.label}${t.scope ? ` on ${t.scope}` : ''}`;
        try {
          if (want.handler) {
            // The handler's own answer: anything but an access refusal or a server error.
            assert.ok(res.status < 500 && res.status !== 401 && res.status !== 403,
              `status ${res.status} (body ${String(res.text).slice(0, 160)})`);
            if (res.status >= 400) assertError(res, res.status);
          } else {
            assert.equal(res.status, want.status, `status (body ${String(res.text).slice(0, 160)})`);
          }
          if (want.handler) {
            // checked above
          } else if (want.status >= 400) {
            assertError(res, want.status, want.code);
          } else if (want.status !== 204) {
            assert.match(res.headers.get('content-type') ?? '', want.type ?? /^application\/json/);
          }
          if (want.www) assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer\b/, 'WWW-Authenticate');
          if (want.check) want.check(res, t.id, caller);
        } catch (err) {
          failures.push(`${who}: expected ${want.handler ? "the handler's own answer" : want.status}${want.code ? ` ${want.code}` : ''}, ${err.message.split('\n')[0]}`);
        }
      }
    }
    assert.ok(calls >= callers.length, 'every caller was tried');
    assert.deepEqual(failures, [], `${failures.length} of ${calls} calls answered wrongly:\n${failures.join('\n')}`);
  });
}

test('access matrix: every row of EXPECTATIONS names a route of routes.c', () => {
  const known = new Set(ROUTES.map(key));
  const stale = Object.keys(EXPECTATIONS).filter((k) => !known.has(k));
  assert.deepEqual(stale, [], `EXPECTATIONS rows without a route in routes.c: ${stale.join(', ')}`);
});

test('access matrix: the throwaway objects exist where the matrix says', async () => {
  for (const [unit, id] of Object.entries(userIn)) {
    const res = await call('GET', `/api/v1/users/${id}`, { token: admin.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.unit.id, Number(unit));
  }
  const list = await call('GET', '/api/v1/api-tokens', { token: admin.token });
  for (const unit of [20, 21]) {
    const t = list.body.items.find((i) => i.id === tokenOf[unit]);
    assert.equal(t.user.id, userIn[unit]);
  }
});
