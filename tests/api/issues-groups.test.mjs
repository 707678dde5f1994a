// The same question from several communes (docs/issues.md, DESIGN §3): the department groups
// the issues it holds and answers once; every member gets the answer, its own event and its
// commune's notification. Shareable answers form the library every signed-in user can search.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError } from './lib.mjs';
import { UNIT, runTag, signInAll } from './issues-helpers.mjs';

const TAG = runTag('nhom');
let u;
let members;
let group;

before(async () => {
  u = await signInAll({
    a: 'xa.hacthanh', b: 'xa.quangphu', officer: 'sxd.chuyenvien', head: 'sxd.lanhdao',
    syt: 'syt.chuyenvien', reader: 'tinhuy.theodoi',
  });
  const title = (n) => `Hướng dẫn cấp phép xây dựng nhà ở nông thôn ${TAG} ${n}`;
  members = [
    await u.a.raise(TAG, { title: title(1) }),
    await u.a.raise(TAG, { title: title(2) }),
    await u.b.raise(TAG, { title: title(3) }),
  ];
  await u.officer.must(members[1].id, 'accept');
});

test('the department groups issues it holds from several communes', async () => {
  const res = await u.officer.post('/issue-groups', {
    title: `Cấp phép xây dựng nhà ở nông thôn ${TAG}`, issue_ids: members.map((m) => m.id),
  });
  assert.equal(res.status, 201, res.text);
  group = res.body;
  assert.equal(group.unit_id, UNIT.sxd);
  assert.deepEqual(group.issues.map((i) => i.id), members.map((m) => m.id));
  for (const m of members) {
    const i = await u.officer.issue(m.id);
    assert.equal(i.group_id, group.id);
    const ev = (await u.officer.events(m.id)).at(-1);
    assert.equal(ev.action, 'grouped');
    assert.equal(ev.data.group_id, group.id);
  }
  const list = await u.head.get('/issue-groups');
  assert.equal(list.status, 200);
  assert.ok(list.body.items.some((g) => g.id === group.id), 'the head of the same department lists it');
  const one = await u.head.get(`/issue-groups/${group.id}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.title, group.title);
  assertError(await u.syt.get(`/issue-groups/${group.id}`), 404);
  assert.ok(!(await u.syt.get('/issue-groups')).body.items.some((g) => g.id === group.id));
  assertError(await u.a.get('/issue-groups'), 403, 'forbidden');
});

test('a group needs two issues the department holds', async () => {
  assertError(await u.officer.post('/issue-groups', { title: 'Một mình', issue_ids: [members[0].id] }), 400);
  const health = await u.a.raise(TAG, { field: 'y-te' });
  const res = await u.officer.post('/issue-groups', { title: 'Lẫn của Sở Y tế', issue_ids: [members[0].id, health.id] });
  assertError(res, 422);
  assert.equal((await u.a.issue(health.id)).group_id, null);
  assert.equal((await u.officer.issue(members[0].id)).group_id, group.id, 'the refused group took nothing');
});

test('one answer reaches every member: state, text, legal basis, its own event, its commune\'s notification', async () => {
  const answer = `Hộ gia đình xây nhà ở nông thôn ngoài khu vực có quy hoạch được miễn giấy phép (${TAG}).`;
  const res = await u.head.post(`/issue-groups/${group.id}/answer`, {
    answer, legal_basis: 'Luật Xây dựng 2014, Điều 89 khoản 2', shareable: true,
  });
  assert.equal(res.status, 200, res.text);
  assert.ok(res.body.issues.every((i) => i.state === 'answered'));
  for (const m of members) {
    const i = await u.officer.issue(m.id);
    assert.equal(i.state, 'answered', `member ${m.id}`);
    assert.equal(i.answer, answer);
    assert.equal(i.legal_basis, 'Luật Xây dựng 2014, Điều 89 khoản 2');
    assert.equal(i.shareable, true);
    assert.equal(i.holder.id, m.commune.id, 'back to the commune that raised it');
    assert.equal(i.answered_by.id, UNIT.sxd);
    const events = await u.officer.events(m.id);
    const answers = events.filter((e) => e.action === 'answer');
    assert.equal(answers.length, 1, `member ${m.id} has one answer event`);
    assert.equal(answers[0].data.group_id, group.id);
    assert.equal(answers[0].to_state, 'answered');
    assert.equal(answers[0].note, answer);
    assert.equal(answers[0].actor.id, u.head.user.id);
  }
  assert.deepEqual((await u.officer.events(members[1].id)).filter((e) => e.action === 'answer').map((e) => e.from_state), ['in_progress']);
  for (const [c, mine] of [[u.a, [members[0], members[1]]], [u.b, [members[2]]]]) {
    const notes = (await c.get('/notifications?limit=100')).body.items;
    for (const m of mine) {
      assert.ok(notes.some((n) => n.kind === 'answered' && n.issue?.id === m.id), `${c.username} told of ${m.code}`);
    }
  }
  // Answering again finds nothing left to answer.
  const again = await u.head.post(`/issue-groups/${group.id}/answer`, { answer: 'Lần hai' });
  assert.ok(again.status >= 400 && again.status < 500, `second answer refused: ${again.status}`);
  assertError(again, again.status);
  assert.equal((await u.officer.issue(members[0].id)).answer, answer);
});

test('the library: shareable answers for everybody, searchable without diacritics; others stay out', async () => {
  const privateOne = await u.a.raise(TAG, { title: `Câu hỏi riêng không chia sẻ ${TAG}` });
  await u.officer.must(privateOne.id, 'answer', { answer: 'Trả lời riêng' });
  const pending = await u.a.raise(TAG, { title: `Câu hỏi chưa trả lời ${TAG}` });
  for (const c of [u.b, u.syt, u.reader]) {
    const res = await c.get(`/library?q=${TAG}&limit=100`);
    assert.equal(res.status, 200, res.text);
    const got = res.body.items.map((i) => i.id).sort((x, y) => x - y);
    assert.deepEqual(got, members.map((m) => m.id), `${c.username} sees exactly the shared answers`);
    const item = res.body.items[0];
    assert.equal(item.legal_basis, 'Luật Xây dựng 2014, Điều 89 khoản 2');
    assert.ok(item.answer.includes(TAG));
    assert.equal(item.field.slug, 'xay-dung');
    assert.ok(!got.includes(privateOne.id) && !got.includes(pending.id));
  }
  const plain = await u.b.get(`/library?q=${encodeURIComponent('cap phep xay dung nha o nong thon')}&field=xay-dung&limit=100`);
  for (const m of members) assert.ok(plain.body.items.some((i) => i.id === m.id), 'found without diacritics');
  const none = await u.b.get(`/library?q=${TAG}&field=y-te`);
  assert.deepEqual(none.body.items, []);
});

test('the library search: words of the answer with a typo, an issue code, nothing for punctuation', async () => {
  const search = async (q) => {
    const res = await u.reader.get(`/library?q=${encodeURIComponent(q)}&limit=100`);
    assert.equal(res.status, 200, `${q}: ${res.text.slice(0, 200)}`);
    assert.equal(res.body.total, res.body.items.length);
    return res.body.items.map((i) => i.id).sort((x, y) => x - y);
  };
  const all = members.map((m) => m.id);
  assert.deepEqual(await search(`duoc mien giay phpe ${TAG}`), all, 'words of the answer, one typo');
  assert.deepEqual(await search(`${TAG} nong thon nha o`), all, 'any order');
  assert.deepEqual(await search(members[1].code), [members[1].id], 'the code finds that answer only');
  assert.deepEqual(await search('%'), [], 'no word, nothing (not every answer)');
  assert.deepEqual(await search(`mien giay phep y te ${TAG}`), [], 'every word must be there');
});
