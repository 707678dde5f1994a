// Who sees what (docs/issues.md, "Who sees what"; DESIGN §2): a commune only its own issues,
// a department those it holds, leads, supports or answered, the province-wide roles all of
// them, the party reader and the admin none. An issue a caller may not see answers 404 on
// every path, exactly as one that does not exist.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError } from './lib.mjs';
import { FILES, UNIT, runTag, signInAll } from './issues-helpers.mjs';

const TAG = runTag('pham');
let u;
let mine; // raised by Phường Hạc Thành, held by Sở Xây dựng
let theirs; // raised by Phường Quảng Phú
let attachmentId;

before(async () => {
  u = await signInAll({
    commune: 'xa.hacthanh', other: 'xa.quangphu', officer: 'sxd.chuyenvien', head: 'sxd.lanhdao',
    syt: 'syt.chuyenvien', office: 'vpubnd.chuyenvien', leader: 'lanhdao.tinh', affairs: 'snv.tonghop',
    reader: 'tinhuy.theodoi', admin: 'quantri',
  });
  mine = await u.commune.raise(TAG, { title: `Vướng mắc đất đai khu dân cư Đông Hương ${TAG}` });
  theirs = await u.other.raise(TAG, { title: `Kiến nghị nâng cấp đường giao thông ${TAG}` });
  const att = await u.commune.post(`/issues/${mine.id}/attachments?filename=ho-so.pdf`, FILES.pdf());
  assert.equal(att.status, 201, att.text);
  attachmentId = att.body.id;
});

/** Asserts the 404 issue_not_found an invisible issue answers with. */
function assertHidden(res, what) {
  assert.equal(res.status, 404, `${what}: ${res.text.slice(0, 200)}`);
  assertError(res, 404);
}

test('another commune gets 404 on every path of an issue it did not raise, exactly as for a missing one', async () => {
  const id = mine.id;
  const missing = await u.other.get('/issues/2000000000');
  const hidden = await u.other.get(`/issues/${id}`);
  assertHidden(hidden, 'GET');
  assert.deepEqual(hidden.body.error, missing.body.error, 'no difference between hidden and missing');
  assertHidden(await u.other.get(`/issues/${id}/events`), 'events');
  assertHidden(await u.other.post(`/issues/${id}/comments`, { text: 'Xã khác góp ý' }), 'comment');
  assertHidden(await u.other.act(id, 'withdraw'), 'withdraw');
  assertHidden(await u.other.act(id, 'confirm'), 'confirm');
  assertHidden(await u.other.patch(`/issues/${id}`, { title: 'Sửa trộm tiêu đề' }, { 'If-Match': '"1"' }), 'PATCH');
  assertHidden(await u.other.post(`/issues/${id}/attachments?filename=x.pdf`, FILES.pdf()), 'attach');
  assertHidden(await u.other.get(`/attachments/${attachmentId}`), 'download');
  // Nothing reached the issue.
  const events = await u.commune.events(id);
  assert.deepEqual(events.map((e) => e.action), ['created']);
  assert.equal((await u.commune.issue(id)).attachments.length, 1);
});

test('another commune never lists or finds it, whatever the filter', async () => {
  const all = await u.other.listAll('limit=200');
  assert.ok(all.length >= 1);
  assert.ok(all.every((i) => i.commune.id === UNIT.quangPhu), 'a commune lists only its own issues');
  assert.ok(all.some((i) => i.id === theirs.id));
  assert.ok(!all.some((i) => i.id === mine.id));
  const byCommune = await u.other.get(`/issues?commune_id=${UNIT.hacThanh}`);
  assert.equal(byCommune.status, 200);
  assert.equal(byCommune.body.total, 0);
  for (const q of [TAG, 'dat dai dong huong', 'đất đai Đông Hương', mine.code]) {
    const found = await u.other.get(`/issues?q=${encodeURIComponent(q)}`);
    assert.equal(found.status, 200);
    assert.ok(!found.body.items.some((i) => i.id === mine.id), `q=${q} finds nothing of another commune`);
  }
  // The commune that raised it does find it.
  const own = await u.commune.get(`/issues?q=${encodeURIComponent('dat dai dong huong')}`);
  assert.ok(own.body.items.some((i) => i.id === mine.id));
});

test('a department that neither holds, leads, supports nor answered it gets 404; supporting it makes it visible', async () => {
  const id = mine.id;
  const before = await u.commune.issue(id);
  const calls = {
    GET: () => u.syt.get(`/issues/${id}`),
    events: () => u.syt.get(`/issues/${id}/events`),
    comment: () => u.syt.post(`/issues/${id}/comments`, { text: 'Sở Y tế góp ý khi không liên quan' }),
    accept: () => u.syt.act(id, 'accept'),
    answer: () => u.syt.act(id, 'answer', { answer: 'Sở Y tế trả lời thay' }),
    PATCH: () => u.syt.patch(`/issues/${id}`, { shareable: true }, { 'If-Match': `"${before.version}"` }),
    attach: () => u.syt.post(`/issues/${id}/attachments?filename=x.pdf`, FILES.pdf()),
    download: () => u.syt.get(`/attachments/${attachmentId}`),
  };
  const wrong = [];
  for (const [what, f] of Object.entries(calls)) {
    const res = await f();
    if (res.status !== 404) wrong.push(`${what} by Sở Y tế: expected 404, got ${res.status} ${res.text.slice(0, 120)}`);
  }
  assert.ok(!(await u.syt.listIds(`q=${TAG}`)).includes(id));
  const events = await u.commune.events(id);
  assert.deepEqual(wrong, [], wrong.join('\n'));
  assert.ok(!events.some((e) => e.unit?.id === UNIT.syt), 'nothing of Sở Y tế reached the timeline');

  const cur = await u.head.get(`/issues/${id}`);
  const sup = await u.head.patch(`/issues/${id}`, { supporting_unit_ids: [UNIT.syt] }, { 'If-Match': cur.headers.get('etag') });
  assert.equal(sup.status, 200, sup.text);
  assert.deepEqual(sup.body.supporting.map((s) => s.id), [UNIT.syt]);
  const seen = await u.syt.issue(id);
  assert.deepEqual(seen.allowed_actions, [], 'a supporting department follows but does not act');
  assert.ok((await u.syt.listIds(`q=${TAG}`)).includes(id));
  const c = await u.syt.post(`/issues/${id}/comments`, { text: 'Sở Y tế phối hợp: không có ý kiến khác.' });
  assert.equal(c.status, 201, c.text);
  assert.equal((await u.syt.get(`/attachments/${attachmentId}`)).status, 200);

  const cur2 = await u.head.get(`/issues/${id}`);
  const unsup = await u.head.patch(`/issues/${id}`, { supporting_unit_ids: [] }, { 'If-Match': cur2.headers.get('etag') });
  assert.equal(unsup.status, 200, unsup.text);
  assertHidden(await u.syt.get(`/issues/${id}`), 'GET by Sở Y tế after it stopped supporting');
});

test('a department lists only what it holds, leads, supports or answered', async () => {
  const items = await u.syt.listAll('limit=200');
  assert.ok(!items.some((i) => i.id === mine.id || i.id === theirs.id));
  for (const item of items.slice(0, 15)) {
    const d = await u.syt.issue(item.id);
    const related = d.holder.id === UNIT.syt || d.lead.id === UNIT.syt
      || d.answered_by?.id === UNIT.syt || d.supporting.some((s) => s.id === UNIT.syt);
    assert.ok(related, `issue ${item.id} listed for Sở Y tế is its own business`);
  }
  const sxd = await u.officer.listIds(`q=${TAG}`);
  assert.ok(sxd.includes(mine.id) && sxd.includes(theirs.id));
});

test('the party reader and the admin get 403 on issues; they still have the library and notifications', async () => {
  for (const c of [u.reader, u.admin]) {
    assertError(await c.get('/issues'), 403, 'forbidden');
    assertError(await c.get(`/issues/${mine.id}`), 403, 'forbidden');
    assertError(await c.get(`/issues/${mine.id}/events`), 403, 'forbidden');
    assertError(await c.post(`/issues/${mine.id}/comments`, { text: 'x' }), 403, 'forbidden');
    assertError(await c.get(`/attachments/${attachmentId}`), 403, 'forbidden');
    assertError(await c.post('/issues', { title: 'Thử', description: 'x', field: 'xay-dung', kind: 'proposal' }), 403, 'forbidden');
    assert.equal((await c.get('/library')).status, 200);
    assert.equal((await c.get('/notifications')).status, 200);
  }
});

test('leadership, home affairs and the province office see every commune\'s issues, read-only', async () => {
  for (const c of [u.leader, u.affairs, u.office]) {
    const a = await c.issue(mine.id);
    assert.equal(a.commune.id, UNIT.hacThanh);
    assert.deepEqual(a.allowed_actions, [], `${c.username} has nothing to do on a submitted issue`);
    const b = await c.issue(theirs.id);
    assert.equal(b.commune.id, UNIT.quangPhu);
    const found = await c.listIds(`q=${TAG}`);
    assert.ok(found.includes(mine.id) && found.includes(theirs.id), `${c.username} lists both communes`);
    const byCommune = await c.get(`/issues?commune_id=${UNIT.quangPhu}&q=${TAG}`);
    assert.deepEqual(byCommune.body.items.map((i) => i.id), [theirs.id]);
    assert.equal((await c.get(`/attachments/${attachmentId}`)).status, 200);
    assert.equal((await c.get(`/issues/${mine.id}/events`)).status, 200);
  }
  const c = await u.affairs.post(`/issues/${mine.id}/comments`, { text: 'Sở Nội vụ theo dõi.' });
  assert.equal(c.status, 201);
  assertError(await u.leader.patch(`/issues/${mine.id}`, { title: 'Lãnh đạo sửa' }, { 'If-Match': '"1"' }), 403, 'forbidden');
});
