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

test('search by words: codes exactly, words in any order, a typo among several words, the word being typed', async () => {
  const site = await u.commune.raise(TAG, {
    title: `Giải phóng mặt bằng khu tái định cư Đông Hương ${TAG}`, field: 'dat-dai',
    description: 'Hộ dân chưa nhận tiền bồi thường đất nông nghiệp.',
  });
  const other = await u.commune.raise(TAG, { field: 'dat-dai' });
  const search = async (q, who = u.leader) => {
    const res = await who.get(`/issues?q=${encodeURIComponent(q)}&limit=200`);
    assert.equal(res.status, 200, `${q}: ${res.text.slice(0, 200)}`);
    if (res.body.total <= 200) assert.equal(res.body.total, res.body.items.length, `${q}: the total counts what is listed`);
    return ids(res.body.items);
  };
  const finds = async (q) => (await search(q)).includes(site.id);
  // The code people say on the phone: that issue and no other (not the codes one digit away).
  assert.deepEqual(await search(site.code), [site.id], 'the code finds that issue only');
  assert.deepEqual(await search(site.code.toLowerCase()), [site.id], 'in lower case');
  assert.ok(!(await search(site.code)).includes(other.id));
  const number = String(Number(site.code.split('-')[2]));
  assert.ok((await search(number)).includes(site.id), `its number without the zeros (${number})`);
  assert.ok(await finds(site.code.slice(0, -1)), 'the code being typed (its start)');
  // Words anywhere in the title or the description, in any order, without diacritics.
  assert.ok(await finds(`dong huong giai phong ${TAG}`), 'words in another order');
  assert.ok(await finds(`boi thuong dat nong nghiep ${TAG}`), 'words of the description');
  assert.ok(await finds(`giai phong mat ba`), 'the last word being typed');
  assert.ok(await finds(`giai phong mat bagn khu tai dinh cu ${TAG}`), 'one typo (two letters swapped) among several words');
  assert.ok(await finds(`giai phong mat bang khu tai dnh cu ${TAG}`), 'one letter missing among several words');
  assert.ok(await finds(`donghuong ${TAG}`), 'two words typed without a space');
  assert.ok(!(await finds(`phogn bagn ${TAG}`)), 'two typos in two neighbouring words are too far');
  assert.ok(!(await finds(`dat bagn ${TAG}`)), 'a near spelling counts next to the word typed before or after it only');
  assert.ok(!(await finds(`giai phong mat bang cau treo ${TAG}`)), 'every word must be there');
  assert.ok(!(await finds('ranh gioi thua dat')), 'words of another issue do not find it');
});

test('a search follows edits: the new title and the answer are found at once, the old title no longer', async () => {
  const issue = await u.commune.raise(TAG, { title: `Sửa chữa nhà văn hóa thôn Quảng Thịnh ${TAG}` });
  const finds = async (q, who = u.officer) => (await who.listIds(`q=${encodeURIComponent(q)}`)).includes(issue.id);
  assert.ok(await finds(`nha van hoa quang thinh ${TAG}`), 'found right after it was raised');
  const etag = (await u.commune.get(`/issues/${issue.id}`)).headers.get('etag');
  const res = await u.commune.patch(`/issues/${issue.id}`, { title: `Cầu treo bản Pù Luông hư hỏng ${TAG}` }, { 'If-Match': etag });
  assert.equal(res.status, 200, res.text);
  assert.ok(await finds(`cau treo pu luong ${TAG}`), 'the new title, at once');
  assert.ok(await finds(`cau treo pu luong ${TAG}`, u.commune), 'by the commune too');
  assert.ok(!(await finds(`nha van hoa quang thinh ${TAG}`)), 'the old title no longer');
  assert.ok(!(await finds(`khoan nhoi ${TAG}`)), 'not yet answered');
  await u.officer.must(issue.id, 'answer', { answer: 'Áp dụng phương án cọc khoan nhồi theo Quyết định 1234/QĐ-UBND.' });
  assert.ok(await finds(`coc khoan nhoi ${TAG}`), 'the words of the answer');
  assert.ok(await finds(`1234/QD-UBND ${TAG}`), 'a document number in the answer');
});

test('hostile searches: long, only punctuation, wildcards and SQL are words or nothing, never an error', async () => {
  const mark = await u.commune.raise(TAG, { title: `Mốc giới 100% đất_công ${TAG}`, description: 'Xã hỏi về mốc giới.' });
  const search = async (q) => {
    const res = await u.leader.get(`/issues?q=${encodeURIComponent(q)}&limit=200`);
    assert.equal(res.status, 200, `${JSON.stringify(q)}: ${res.status} ${res.text.slice(0, 200)}`);
    assert.ok(Array.isArray(res.body.items) && Number.isInteger(res.body.total));
    return res.body;
  };
  for (const q of ['%', '_', '\\', '%%', '%_%', '!!!', '...', "'", '"', '&|!', '()', ':*', '<->', '— – …', '🏠']) {
    const body = await search(q);
    assert.equal(body.total, 0, `${JSON.stringify(q)} has no word: finds nothing (it used to be a LIKE pattern)`);
    assert.deepEqual(body.items, []);
  }
  // Wildcards and query syntax are separators between words, not patterns.
  assert.ok(ids((await search(`100% ${TAG}`)).items).includes(mark.id));
  assert.ok(ids((await search(`dat_cong ${TAG}`)).items).includes(mark.id));
  assert.ok(ids((await search(`moc%gioi ${TAG}`)).items).includes(mark.id));
  assert.ok(ids((await search(`'moc' & 'gioi':* | ${TAG}`)).items).includes(mark.id));
  assert.deepEqual(ids((await search(`m_c gi%i ${TAG}`)).items), [], '_ and % match no letter');
  assert.deepEqual((await search(`x'); DROP TABLE issues; -- ${TAG}`)).items, []);
  assert.ok((await search(TAG)).total >= 1, 'issues are still there');
  // As long as allowed: 200 bytes of many words, one long word, 100 two-byte letters.
  await search('nha o xay dung cap phep '.repeat(9).slice(0, 200));
  await search('abcdefghij'.repeat(20));
  await search('đ'.repeat(100));
  await search('a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(4).slice(0, 200));
  const tooLong = await u.leader.get(`/issues?q=${encodeURIComponent('đ'.repeat(101))}`);
  assertError(tooLong, 400);
  // Decomposed Vietnamese (a letter and its combining marks) is the same word.
  assert.ok(ids((await search(`mo\u0302\u0301c gio\u031b\u0301i ${TAG}`)).items).includes(mark.id));
});
