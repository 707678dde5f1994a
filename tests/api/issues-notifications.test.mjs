// In-app notifications (docs/issues.md): the department hears of a new issue, the commune of
// an answer or a return, comments reach the other side; the unread count, marking read by ids
// or all, and pages of older notifications.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError } from './lib.mjs';
import { runTag, signInAll } from './issues-helpers.mjs';

const TAG = runTag('tb');
let u;

before(async () => {
  u = await signInAll({
    commune: 'xa.quangphu', officer: 'sxd.chuyenvien', head: 'sxd.lanhdao', syt: 'syt.chuyenvien',
    office: 'vpubnd.chuyenvien',
  });
});

async function about(c, issueId) {
  const res = await c.get('/notifications?limit=100');
  assert.equal(res.status, 200, res.text);
  return res.body.items.filter((n) => n.issue?.id === issueId);
}

test('every user of the lead department gets new_issue when a commune raises one; other departments do not', async () => {
  const issue = await u.commune.raise(TAG);
  for (const c of [u.officer, u.head]) {
    const got = await about(c, issue.id);
    assert.deepEqual(got.map((n) => n.kind), ['new_issue'], c.username);
    assert.equal(got[0].read, false);
    assert.equal(got[0].issue.code, issue.code);
    assert.equal(got[0].issue.title, issue.title);
    assert.match(got[0].message, /Phường Quảng Phú/);
  }
  assert.deepEqual(await about(u.syt, issue.id), []);
  assert.deepEqual(await about(u.commune, issue.id), [], 'the commune is not told of its own issue');
});

test('the commune gets answered and returned; the department hears of the commune\'s comment', async () => {
  const a = await u.commune.raise(TAG);
  await u.officer.must(a.id, 'answer', { answer: 'Đề nghị xã thực hiện theo hướng dẫn.' });
  const answered = await about(u.commune, a.id);
  assert.deepEqual(answered.map((n) => n.kind), ['answered']);
  assert.match(answered[0].message, new RegExp(a.code));

  const b = await u.commune.raise(TAG);
  await u.officer.must(b.id, 'return', { reason: 'Thiếu biên bản họp dân' });
  const returned = await about(u.commune, b.id);
  assert.deepEqual(returned.map((n) => n.kind), ['returned']);
  assert.match(returned[0].message, /Thiếu biên bản họp dân/);

  const c = await u.commune.raise(TAG);
  const before = (await about(u.officer, c.id)).length;
  const res = await u.commune.post(`/issues/${c.id}/comments`, { text: 'Xã bổ sung số liệu.' });
  assert.equal(res.status, 201);
  const after = await about(u.officer, c.id);
  assert.equal(after.length, before + 1);
  assert.equal(after[0].kind, 'comment');
  await u.officer.post(`/issues/${c.id}/comments`, { text: 'Sở đã nhận.' });
  assert.deepEqual((await about(u.commune, c.id)).map((n) => n.kind), ['comment']);
});

test('escalation reaches the province office and the commune; a reopened issue reaches the department', async () => {
  const e = await u.commune.raise(TAG);
  await u.head.must(e.id, 'escalate', { reason: 'Vượt thẩm quyền của Sở' });
  assert.deepEqual((await about(u.office, e.id)).map((n) => n.kind), ['escalated']);
  assert.deepEqual((await about(u.commune, e.id)).map((n) => n.kind), ['escalated']);

  const r = await u.commune.raise(TAG);
  await u.officer.must(r.id, 'answer', { answer: 'Đã trả lời' });
  await u.commune.must(r.id, 'reopen', { reason: 'Chưa rõ thời hạn' });
  for (const c of [u.officer, u.head]) {
    const kinds = (await about(c, r.id)).map((n) => n.kind);
    assert.deepEqual(kinds, ['reopened', 'new_issue'], c.username);
  }
});

test('unread count, mark read by ids and all', async () => {
  const start = await u.commune.post('/notifications/read', { all: true });
  assert.equal(start.status, 200, start.text);
  assert.equal(start.body.unread, 0);
  const empty = await u.commune.get('/notifications?unread=true');
  assert.deepEqual(empty.body.items, []);
  assert.equal(empty.body.unread, 0);

  const x = await u.commune.raise(TAG);
  const y = await u.commune.raise(TAG);
  const z = await u.commune.raise(TAG);
  await u.officer.must(x.id, 'answer', { answer: 'Trả lời x' });
  await u.officer.must(y.id, 'return', { reason: 'Bổ sung y' });
  await u.officer.must(z.id, 'answer', { answer: 'Trả lời z' });
  const unread = await u.commune.get('/notifications?unread=true');
  assert.equal(unread.body.unread, 3);
  assert.deepEqual(unread.body.items.map((n) => n.issue.id), [z.id, y.id, x.id], 'newest first');
  assert.ok(unread.body.items.every((n) => n.read === false));

  const first = unread.body.items[2].id;
  const marked = await u.commune.post('/notifications/read', { ids: [first] });
  assert.equal(marked.status, 200, marked.text);
  assert.deepEqual(marked.body, { marked: 1, unread: 2 });
  const again = await u.commune.post('/notifications/read', { ids: [first] });
  assert.deepEqual(again.body, { marked: 0, unread: 2 }, 'marking twice counts once');
  const list = await u.commune.get('/notifications?limit=3');
  assert.equal(list.body.unread, 2);
  assert.equal(list.body.items.find((n) => n.id === first).read, true);
  assert.deepEqual((await u.commune.get('/notifications?unread=true')).body.items.map((n) => n.issue.id), [z.id, y.id]);

  // Someone else's notification cannot be marked.
  const theirs = (await about(u.officer, x.id))[0];
  const foreign = await u.commune.post('/notifications/read', { ids: [theirs.id] });
  assert.equal(foreign.body.marked, 0);
  assert.equal((await about(u.officer, x.id))[0].read, false);

  const all = await u.commune.post('/notifications/read', { all: true });
  assert.deepEqual(all.body, { marked: 2, unread: 0 });
  assert.deepEqual((await u.commune.get('/notifications?unread=true')).body.items, []);
});

test('older notifications page by page with next_before', async () => {
  const one = await u.commune.get('/notifications?limit=1');
  assert.equal(one.body.items.length, 1);
  assert.equal(one.body.next_before, one.body.items[0].id);
  const two = await u.commune.get(`/notifications?limit=1&before=${one.body.next_before}`);
  assert.equal(two.body.items.length, 1);
  assert.ok(two.body.items[0].id < one.body.items[0].id);
});

test('bad requests to notifications: 400', async () => {
  assertError(await u.commune.post('/notifications/read', {}), 400);
  assertError(await u.commune.post('/notifications/read', { all: false }), 400);
  assertError(await u.commune.post('/notifications/read', { ids: 'tất cả' }), 400);
  assertError(await u.commune.post('/notifications/read', { ids: [1], all: true }), 400);
  assertError(await u.commune.get('/notifications?unread=maybe'), 400);
  assertError(await u.commune.get('/notifications?limit=0'), 400);
});
