// The issue list (docs/issues.md, GET /issues): every filter, the inbox order, cursor
// pagination that neither repeats nor loses an issue, bad filters named in the 400, and a
// search that ignores diacritics and forgives small typos.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError, sql } from './lib.mjs';
import { UNIT, addDays, runTag, signInAll, vnToday } from './issues-helpers.mjs';

const TAG = runTag('ds');
let u;
const L = {}; // the issues of this file by name
let groupId;

const ids = (items) => items.map((i) => i.id);
const sorted = (xs) => [...xs].sort((a, b) => a - b);

before(async () => {
  u = await signInAll({
    commune: 'xa.quangphu', other: 'xa.hacthanh', officer: 'sxd.chuyenvien', head: 'sxd.lanhdao',
    leader: 'lanhdao.tinh',
  });
  L.submitted = await u.commune.raise(TAG);
  L.progress = await u.commune.raise(TAG, { kind: 'proposal' });
  await u.officer.must(L.progress.id, 'accept');
  L.health = await u.commune.raise(TAG, { field: 'y-te' });
  L.answered = await u.commune.raise(TAG, { field: 'quy-hoach-do-thi', kind: 'proposal' });
  await u.officer.must(L.answered.id, 'answer', { answer: 'Đã trả lời' });
  L.escalated = await u.commune.raise(TAG);
  await u.head.must(L.escalated.id, 'escalate', { reason: 'Vượt thẩm quyền' });
  L.elsewhere = await u.other.raise(TAG);
  const g = await u.officer.post('/issue-groups', { title: `Nhóm ${TAG}`, issue_ids: [L.submitted.id, L.elsewhere.id] });
  assert.equal(g.status, 201, g.text);
  groupId = g.body.id;
  // Distinct due dates for the inbox order; one of them in the past.
  const t = vnToday();
  const due = {
    progress: addDays(t, -2), submitted: addDays(t, 3), health: addDays(t, 8), answered: addDays(t, 1),
    escalated: addDays(t, 20), elsewhere: addDays(t, 3),
  };
  for (const [k, d] of Object.entries(due)) sql(`UPDATE issues SET due_date = '${d}' WHERE id = ${L[k].id}`);
  for (const k of Object.keys(L)) L[k] = await u.leader.issue(L[k].id);
});

/** The ids the leadership (who sees everything) gets for this file's issues with a filter. */
async function find(filter) {
  const res = await u.leader.get(`/issues?q=${TAG}&limit=200${filter ? `&${filter}` : ''}`);
  assert.equal(res.status, 200, `${filter}: ${res.text.slice(0, 200)}`);
  return sorted(ids(res.body.items));
}
const of = (...names) => sorted(names.map((n) => L[n].id));

test('each filter keeps exactly the matching issues', async () => {
  assert.deepEqual(await find(''), of('submitted', 'progress', 'health', 'answered', 'escalated', 'elsewhere'));
  assert.deepEqual(await find('state=submitted,in_progress'), of('submitted', 'progress', 'health', 'elsewhere'));
  assert.deepEqual(await find('state=answered'), of('answered'));
  assert.deepEqual(await find('state=escalated_province,answered'), of('answered', 'escalated'));
  assert.deepEqual(await find('field=y-te'), of('health'));
  assert.deepEqual(await find('field=quy-hoach-do-thi'), of('answered'));
  assert.deepEqual(await find(`commune_id=${UNIT.quangPhu}`), of('submitted', 'progress', 'health', 'answered', 'escalated'));
  assert.deepEqual(await find(`commune_id=${UNIT.hacThanh}`), of('elsewhere'));
  assert.deepEqual(await find(`holder_unit_id=${UNIT.syt}`), of('health'));
  assert.deepEqual(await find(`holder_unit_id=${UNIT.sxd}`), of('submitted', 'progress', 'elsewhere'));
  assert.deepEqual(await find(`holder_unit_id=${UNIT.ubndTinh}`), of('escalated'));
  assert.deepEqual(await find('level=province'), of('escalated'));
  assert.deepEqual(await find('level=commune'), of('answered'));
  assert.deepEqual(await find('level=department'), of('submitted', 'progress', 'health', 'elsewhere'));
  assert.deepEqual(await find('overdue=true'), of('progress'));
  assert.deepEqual(await find('overdue=false'), of('submitted', 'health', 'answered', 'escalated', 'elsewhere'));
  assert.deepEqual(await find('kind=proposal'), of('progress', 'answered'));
  assert.deepEqual(await find('kind=difficulty'), of('submitted', 'health', 'escalated', 'elsewhere'));
  assert.deepEqual(await find(`group_id=${groupId}`), of('submitted', 'elsewhere'));
  assert.deepEqual(await find(`state=submitted&field=xay-dung&commune_id=${UNIT.quangPhu}`), of('submitted'));
});

test('from/to select by the day raised in Vietnam', async () => {
  const t = vnToday();
  const all = of('submitted', 'progress', 'health', 'answered', 'escalated', 'elsewhere');
  assert.deepEqual(await find(`from=${t}&to=${t}`), all);
  assert.deepEqual(await find(`from=${t}`), all);
  assert.deepEqual(await find(`to=${t}`), all);
  assert.deepEqual(await find(`from=${addDays(t, 1)}`), []);
  assert.deepEqual(await find(`to=${addDays(t, -1)}`), []);
  sql(`UPDATE issues SET created_at = created_at - interval '3 days' WHERE id = ${L.health.id}`);
  assert.deepEqual(await find(`to=${addDays(t, -1)}`), of('health'));
  assert.deepEqual(await find(`from=${addDays(t, -3)}&to=${addDays(t, -3)}`), of('health'));
  assert.deepEqual(await find(`from=${t}`), of('submitted', 'progress', 'answered', 'escalated', 'elsewhere'));
});

test('sort=due_asc is the inbox order: overdue first, then by due date', async () => {
  const res = await u.leader.get(`/issues?q=${TAG}&sort=due_asc&limit=200`);
  assert.equal(res.status, 200);
  const got = res.body.items;
  assert.equal(got[0].id, L.progress.id, 'the overdue issue comes first');
  assert.equal(got[0].overdue, true);
  const expected = Object.values(L).sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id - b.id));
  assert.deepEqual(ids(got), ids(expected));
  for (let i = 1; i < got.length; i += 1) assert.ok(got[i - 1].due_date <= got[i].due_date);
  // The default is newest first.
  const def = await u.leader.get(`/issues?q=${TAG}&limit=200`);
  const byCreation = [...def.body.items].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
  assert.deepEqual(ids(def.body.items), ids(byCreation));
  const explicit = await u.leader.get(`/issues?q=${TAG}&limit=200&sort=created_desc`);
  assert.deepEqual(ids(explicit.body.items), ids(def.body.items));
});

for (const sort of ['created_desc', 'due_asc']) {
  test(`limit=2 pages through every issue once (sort=${sort}), total constant`, async () => {
    const whole = await u.leader.get(`/issues?q=${TAG}&sort=${sort}&limit=200`);
    const seen = [];
    const totals = new Set();
    let cursor = null;
    let pages = 0;
    do {
      const res = await u.leader.get(`/issues?q=${TAG}&sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200, res.text);
      assert.ok(res.body.items.length <= 2);
      totals.add(res.body.total);
      seen.push(...ids(res.body.items));
      cursor = res.body.next_cursor;
      pages += 1;
      assert.ok(pages <= 10, 'pagination ends');
    } while (cursor);
    assert.equal(pages, 3, '6 issues in pages of 2');
    assert.deepEqual([...totals], [6]);
    assert.equal(new Set(seen).size, seen.length, 'no issue twice');
    assert.deepEqual(seen, ids(whole.body.items), 'the pages, joined, are the whole list in order');
  });
}

test('a department walks its whole inbox in pages of 2 without duplicates', async () => {
  const all = await u.officer.listAll('limit=2&sort=due_asc');
  assert.equal(new Set(ids(all)).size, all.length);
  const total = (await u.officer.get('/issues?limit=1')).body.total;
  assert.equal(all.length, total);
  assert.ok(total >= 4);
});

// The first page of a list filtered by state alone has statements of its own (one generic
// plan each); with any other filter the general ones answer. A filter that keeps everything
// (from a date before any issue) must give the same page, total and cursor.
test('the first page filtered by state alone is the page the general statement gives', async () => {
  const shapes = ['limit=3', 'limit=3&sort=due_asc', 'limit=200', 'limit=2&state=submitted,in_progress',
    'limit=2&sort=due_asc&state=submitted,in_progress,escalated_province', 'state=answered&limit=1'];
  for (const who of [u.commune, u.officer, u.head, u.leader]) {
    for (const q of shapes) {
      const plain = await who.get(`/issues?${q}`);
      const general = await who.get(`/issues?${q}&from=2000-01-01`);
      assert.equal(plain.status, 200, plain.text);
      assert.equal(general.status, 200, general.text);
      assert.deepEqual(ids(plain.body.items), ids(general.body.items), `${who.username} ${q}: the same page`);
      assert.equal(plain.body.total, general.body.total, `${who.username} ${q}: the same total`);
      assert.equal(plain.body.next_cursor, general.body.next_cursor, `${who.username} ${q}: the same cursor`);
      assert.deepEqual(plain.body.items, general.body.items, `${who.username} ${q}: the same rows`);
    }
  }
});

test('bad filters: 400 naming the parameter', async () => {
  const cases = [
    ['state=bogus', 'state'], ['state=submitted,nope', 'state'], ['state=', 'state'],
    ['level=city', 'level'], ['overdue=yes', 'overdue'], ['from=2026-13-01', 'from'],
    ['to=21/08/2025', 'to'], ['kind=complaint', 'kind'], ['sort=newest', 'sort'], ['limit=0', 'limit'],
    ['limit=201', 'limit'], ['limit=ten', 'limit'], ['commune_id=abc', 'commune_id'],
    ['holder_unit_id=-5', 'holder_unit_id'], ['group_id=1.5', 'group_id'], ['cursor=garbage', 'cursor'],
    ['q=', 'q'], [`q=${'a'.repeat(201)}`, 'q'], ['page=2', 'page'],
  ];
  const wrong = [];
  for (const [query, param] of cases) {
    const res = await u.leader.get(`/issues?${query}`);
    if (res.status !== 400 || res.body?.error?.details?.parameter !== param) {
      wrong.push(`${query}: expected 400 naming ${param}, got ${res.status} ${res.text.slice(0, 120)}`);
    } else {
      assertError(res, 400);
    }
  }
  assert.deepEqual(wrong, [], wrong.join('\n'));
});

test('search ignores diacritics and case, and forgives a small typo', async () => {
  const land = await u.commune.raise(TAG, {
    title: `Tranh chấp đất đai ở thôn Yên Trường ${TAG}`, field: 'dat-dai',
    description: 'Hai hộ gia đình tranh chấp ranh giới thửa đất.',
  });
  const found = async (q) => {
    const res = await u.commune.get(`/issues?q=${encodeURIComponent(q)}&commune_id=${UNIT.quangPhu}&field=dat-dai&limit=200`);
    assert.equal(res.status, 200, res.text);
    return ids(res.body.items).includes(land.id);
  };
  assert.ok(await found('dat dai'), 'dat dai finds đất đai');
  assert.ok(await found('đất đai'), 'with its diacritics');
  assert.ok(await found('ĐẤT ĐAI'), 'in capitals');
  assert.ok(await found('đât đai'), 'with one diacritic missing');
  assert.ok(await found('Yen Truong'), 'a place name without diacritics');
  assert.ok(await found('tranh chap dat dia'), 'two letters swapped in a phrase');
  assert.ok(await found('yen truog'), 'a letter missing');
  assert.ok(await found(land.code), 'the code people say on the phone');
  assert.ok(await found('ranh gioi thua dat'), 'words of the description');
  assert.ok(!(await found('hoa chat doc hai')), 'an unrelated phrase does not find it');
});
