// Safe writes (docs/issues.md, DESIGN §7): edits need the version that was read (If-Match),
// a stale one changes nothing; a create or transition retried with the same Idempotency-Key
// happens once and answers the same, even when the retries race.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError, sql } from './lib.mjs';
import { runTag, signInAll } from './issues-helpers.mjs';

const TAG = runTag('ghi');
let u;
let n = 0;

before(async () => {
  u = await signInAll({ commune: 'xa.hacthanh', other: 'xa.quangphu', officer: 'sxd.chuyenvien' });
});

const countTitled = (title) => Number(sql(`SELECT count(*) FROM issues WHERE title = '${title.replace(/'/g, "''")}'`));
const key = () => `${TAG}-k${(n += 1)}`.replace(/[^A-Za-z0-9_-]/g, '');
const body = (title) => ({ title, description: 'Đề nghị hướng dẫn.', field: 'xay-dung', kind: 'proposal' });

test('PATCH without If-Match: 428, nothing changed', async () => {
  const issue = await u.commune.raise(TAG);
  const res = await u.commune.patch(`/issues/${issue.id}`, { title: `Tiêu đề mới ${TAG}` });
  assertError(res, 428, 'precondition_required');
  const now = await u.commune.issue(issue.id);
  assert.equal(now.title, issue.title);
  assert.equal(now.version, issue.version);
});

test('PATCH with a stale If-Match: 412 and nothing changed; with the current one: 200', async () => {
  const issue = await u.commune.raise(TAG);
  const read = await u.commune.get(`/issues/${issue.id}`);
  const etag = read.headers.get('etag');
  assert.match(etag, /^(W\/)?"1"$/, 'the ETag is the version');
  const first = await u.commune.patch(`/issues/${issue.id}`, { title: `Lần sửa thứ nhất ${TAG}` }, { 'If-Match': etag });
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.version, 2);

  // Someone else's edit based on the version 1 they read earlier.
  const stale = await u.commune.patch(`/issues/${issue.id}`, { title: `Ghi đè ${TAG}`, kind: 'difficulty' }, { 'If-Match': etag });
  const err = assertError(stale, 412, 'stale_version');
  assert.equal(err.details?.version, 2, 'the 412 tells the current version');
  const now = await u.commune.issue(issue.id);
  assert.equal(now.title, `Lần sửa thứ nhất ${TAG}`);
  assert.equal(now.kind, issue.kind);
  assert.equal(now.version, 2);
  const events = await u.commune.events(issue.id);
  assert.equal(events.filter((e) => e.action === 'edited').length, 1, 'only the first edit is on the timeline');
  // Bare and quoted versions both work.
  const bare = await u.commune.patch(`/issues/${issue.id}`, { kind: 'difficulty' }, { 'If-Match': '2' });
  assert.equal(bare.status, 200, bare.text);
  assert.equal(bare.body.kind, 'difficulty');
});

test('a transition with a stale If-Match: 412, the state stays', async () => {
  const issue = await u.commune.raise(TAG);
  const read = await u.officer.get(`/issues/${issue.id}`);
  const etag = read.headers.get('etag');
  await u.commune.patch(`/issues/${issue.id}`, { description: 'Xã bổ sung thông tin.' }, { 'If-Match': etag });
  const res = await u.officer.act(issue.id, 'answer', { answer: 'Trả lời dựa trên nội dung cũ' }, { 'If-Match': etag });
  assertError(res, 412, 'stale_version');
  const now = await u.officer.issue(issue.id);
  assert.equal(now.state, 'submitted');
  assert.equal(now.answer, null);
  const fresh = await u.officer.act(issue.id, 'answer', { answer: 'Trả lời nội dung mới' }, { 'If-Match': `"${now.version}"` });
  assert.equal(fresh.status, 200, fresh.text);
  assert.equal(fresh.body.state, 'answered');
});

test('what the commune may no longer edit once the department works on it stays unchanged', async () => {
  const issue = await u.commune.raise(TAG);
  const acc = await u.officer.must(issue.id, 'accept');
  const res = await u.commune.patch(`/issues/${issue.id}`, { title: `Sửa khi đang xử lý ${TAG}` }, { 'If-Match': `"${acc.version}"` });
  assert.ok(res.status >= 400 && res.status < 500 && res.status !== 404, `refused: ${res.status} ${res.text.slice(0, 200)}`);
  assertError(res, res.status);
  assert.equal((await u.commune.issue(issue.id)).title, issue.title);
  // The holder department may mark the answer shareable.
  const share = await u.officer.patch(`/issues/${issue.id}`, { shareable: true }, { 'If-Match': `"${acc.version}"` });
  assert.equal(share.status, 200, share.text);
  assert.equal(share.body.shareable, true);
});

test('POST /issues retried with the same Idempotency-Key and body: one issue, the same answer replayed', async () => {
  const title = `Kiến nghị gửi lại do mất mạng ${TAG} a`;
  const k = key();
  const first = await u.commune.post('/issues', body(title), { 'Idempotency-Key': k });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.headers.get('idempotent-replayed'), null);
  const again = await u.commune.post('/issues', body(title), { 'Idempotency-Key': k });
  assert.equal(again.status, 201, again.text);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(again.body.id, first.body.id);
  assert.equal(again.body.code, first.body.code);
  assert.equal(countTitled(title), 1, 'one row in the database');

  const other = await u.commune.post('/issues', body(`${title} khác`), { 'Idempotency-Key': k });
  assertError(other, 422, 'idempotency_key_reused');
  assert.equal(countTitled(`${title} khác`), 0);
  assert.equal(countTitled(title), 1);

  // Without a key, the same body is a second issue.
  const plain = await u.commune.post('/issues', body(title));
  assert.equal(plain.status, 201);
  assert.notEqual(plain.body.id, first.body.id);
  assert.equal(countTitled(title), 2);
});

test('five identical retries racing with one key make one issue', async () => {
  const title = `Kiến nghị gửi đồng thời ${TAG} b`;
  const k = key();
  const all = await Promise.all(Array.from({ length: 5 }, () => u.commune.post('/issues', body(title), { 'Idempotency-Key': k })));
  assert.deepEqual(all.map((r) => r.status), [201, 201, 201, 201, 201], all.map((r) => r.text.slice(0, 120)).join('\n'));
  assert.equal(new Set(all.map((r) => r.body.id)).size, 1, 'every answer names the same issue');
  assert.equal(all.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 4);
  assert.equal(countTitled(title), 1);
});

test('the same key from another user is that user\'s own request', async () => {
  const k = key();
  const mine = await u.commune.post('/issues', body(`Của Hạc Thành ${TAG} c`), { 'Idempotency-Key': k });
  assert.equal(mine.status, 201);
  const theirs = await u.other.post('/issues', body(`Của Quảng Phú ${TAG} c`), { 'Idempotency-Key': k });
  assert.equal(theirs.status, 201, theirs.text);
  assert.notEqual(theirs.body.id, mine.body.id);
  assert.equal(theirs.body.commune.id, 16522);
  assert.equal(theirs.headers.get('idempotent-replayed'), null);
});

test('a transition retried with the same Idempotency-Key happens once', async () => {
  const issue = await u.commune.raise(TAG);
  const k = key();
  const first = await u.officer.act(issue.id, 'answer', { answer: 'Trả lời một lần' }, { 'Idempotency-Key': k });
  assert.equal(first.status, 200, first.text);
  const again = await u.officer.act(issue.id, 'answer', { answer: 'Trả lời một lần' }, { 'Idempotency-Key': k });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(again.body.version, first.body.version);
  const events = await u.officer.events(issue.id);
  assert.equal(events.filter((e) => e.action === 'answer').length, 1);
  const reused = await u.officer.act(issue.id, 'return', { reason: 'Khác' }, { 'Idempotency-Key': k });
  assertError(reused, 422, 'idempotency_key_reused');
  // A refused request does not use the key up: it can be sent again once fixed.
  const k2 = key();
  const refused = await u.commune.act(issue.id, 'reopen', {}, { 'Idempotency-Key': k2 });
  assertError(refused, 400, 'missing_input');
  const ok = await u.commune.act(issue.id, 'reopen', { reason: 'Chưa rõ' }, { 'Idempotency-Key': k2 });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.state, 'reopened');
});
