// Training conferences (docs/reporting.md, DESIGN §4) as the departments and communes see
// them: attendance with its totals (always the sums, never typed), edits guarded by If-Match,
// recommendations collected in a conference becoming issues of their communes, the list and
// its filters, and the refusals of bad input.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError } from './lib.mjs';
import { UNIT, addDays, createPeriod, futureWeek, runTag, sameInstant, signInAll, vnAt } from './reporting-helpers.mjs';

const TAG = runTag('taphuan');
let u; // callers
let week; // a future week of this file's own: the trainings dated in it are this file's
let period; // a period covering that week
let others; // two more communes (neither demo commune)

before(async () => {
  u = await signInAll({
    sxd: 'sxd.chuyenvien', syt: 'syt.chuyenvien', snv: 'snv.tonghop',
    hacThanh: 'xa.hacthanh', quangPhu: 'xa.quangphu',
  });
  week = futureWeek();
  period = await createPeriod(u.snv, { ...week, report_deadline: vnAt(addDays(week.ends_on, 1), '09:00'),
    consolidation_deadline: vnAt(addDays(week.ends_on, 1), '17:00') });
  const communes = await u.sxd.ok('/units?kind=commune');
  others = communes.items.filter((c) => c.id !== UNIT.hacThanh && c.id !== UNIT.quangPhu).slice(0, 2);
  assert.equal(others.length, 2, 'the seed has more communes than the two demo ones');
});

let n = 0;
/** A training body with a unique title, dated in this file's week unless told otherwise. */
function body(fields = {}) {
  n += 1;
  return {
    title: `Hội nghị tập huấn cấp phép xây dựng ${TAG} số ${n}`,
    round: 1,
    starts_at: vnAt(addDays(week.starts_on, 1), '08:00'),
    format: 'in_person',
    contents: 'Hướng dẫn thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ.',
    fields: ['xay-dung'],
    attendance: [{ commune_id: UNIT.hacThanh, participants: 3 }],
    ...fields,
  };
}

const sum = (attendance) => attendance.reduce((s, a) => s + a.participants, 0);

test('a training records who attended; participants_total and communes_total are the sums', async () => {
  const attendance = [
    { commune_id: UNIT.hacThanh, participants: 25 },
    { commune_id: UNIT.quangPhu, participants: 18 },
    { commune_id: others[0].id, participants: 7 },
  ];
  const sent = body({ attendance, format: 'online', link: 'https://hop.thanhhoa.gov.vn/tap-huan', round: 2 });
  const res = await u.sxd.post('/trainings', sent);
  assert.equal(res.status, 201, res.text);
  const t = res.body;
  assert.equal(t.title, sent.title);
  assert.equal(t.round, 2);
  assert.equal(t.format, 'online');
  assert.equal(t.link, sent.link);
  sameInstant(t.starts_at, sent.starts_at, 'starts_at');
  assert.equal(t.organizer.id, UNIT.sxd, "the organizer is the caller's department");
  assert.deepEqual(t.fields, ['xay-dung']);
  assert.equal(t.participants_total, sum(attendance));
  assert.equal(t.participants_total, 50);
  assert.equal(t.communes_total, attendance.length);
  assert.deepEqual(
    t.attendance.map((a) => [a.commune_id, a.participants]).sort((a, b) => a[0] - b[0]),
    attendance.map((a) => [a.commune_id, a.participants]).sort((a, b) => a[0] - b[0]),
  );
  assert.deepEqual(t.answered_issues, []);
  assert.deepEqual(t.recommendations, []);

  // Read back by anyone signed in (a commune here), the same totals.
  const seen = await u.hacThanh.ok(`/trainings/${t.id}`);
  assert.equal(seen.participants_total, 50);
  assert.equal(seen.communes_total, 3);

  // No attendance yet: zero, not null.
  const empty = await u.sxd.must(201, 'POST', '/trainings', body({ attendance: undefined }));
  assert.equal(empty.participants_total, 0);
  assert.equal(empty.communes_total, 0);
  assert.deepEqual(empty.attendance, []);
});

test('PATCH needs If-Match (428 without, 412 when stale); new attendance replaces the old and the totals follow', async () => {
  const t = await u.sxd.must(201, 'POST', '/trainings', body({
    attendance: [{ commune_id: UNIT.hacThanh, participants: 10 }, { commune_id: UNIT.quangPhu, participants: 12 }],
  }));
  const first = await u.sxd.get(`/trainings/${t.id}`);
  assert.match(first.headers.get('etag') ?? '', new RegExp(`^(W/)?"${t.version}"$`), 'the ETag is the version');
  const etag = `"${t.version}"`;

  const attendance = [
    { commune_id: UNIT.quangPhu, participants: 30 },
    { commune_id: others[0].id, participants: 4 },
    { commune_id: others[1].id, participants: 6 },
  ];
  assertError(await u.sxd.patch(`/trainings/${t.id}`, { attendance }), 428, 'precondition_required');

  const res = await u.sxd.patch(`/trainings/${t.id}`, { attendance }, { 'If-Match': etag });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.participants_total, sum(attendance));
  assert.equal(res.body.participants_total, 40);
  assert.equal(res.body.communes_total, 3);
  assert.deepEqual(res.body.attendance.map((a) => a.commune_id).sort(), attendance.map((a) => a.commune_id).sort(),
    'Phường Hạc Thành, no longer in the list, is gone');
  assert.equal(res.body.title, t.title, 'fields not sent are unchanged');
  assert.equal(res.body.version, t.version + 1);
  assert.match(res.headers.get('etag') ?? '', new RegExp(`^(W/)?"${t.version + 1}"$`), 'a new ETag after the change');

  // The version read before the change is stale now.
  const stale = await u.sxd.patch(`/trainings/${t.id}`, { attendance: [{ commune_id: UNIT.hacThanh, participants: 1 }] },
    { 'If-Match': etag });
  assertError(stale, 412, 'stale_version');
  const after = await u.sxd.ok(`/trainings/${t.id}`);
  assert.equal(after.participants_total, 40, 'the refused change changed nothing');

  // Another department may not change it, even with the right version.
  const foreign = await u.syt.patch(`/trainings/${t.id}`, { title: `Đổi tên trái phép ${TAG}` },
    { 'If-Match': `"${after.version}"` });
  assertError(foreign, 403);
  assert.equal((await u.sxd.ok(`/trainings/${t.id}`)).title, t.title);

  // Other lists given replace the old ones too.
  const refielded = await u.sxd.patch(`/trainings/${t.id}`, { fields: ['nha-o-bat-dong-san', 'xay-dung'] },
    { 'If-Match': `"${after.version}"` });
  assert.equal(refielded.status, 200, refielded.text);
  assert.deepEqual([...refielded.body.fields].sort(), ['nha-o-bat-dong-san', 'xay-dung']);
  assert.equal(refielded.body.participants_total, 40, 'the attendance not sent is kept');
  after.version = refielded.body.version;

  // An empty list clears the attendance.
  const cleared = await u.sxd.patch(`/trainings/${t.id}`, { attendance: [] }, { 'If-Match': `"${after.version}"` });
  assert.equal(cleared.status, 200, cleared.text);
  assert.equal(cleared.body.participants_total, 0);
  assert.equal(cleared.body.communes_total, 0);
});

test('the ETag a client receives (weak W/"n" once nginx gzips the JSON) is accepted as If-Match', async () => {
  const t = await u.sxd.must(201, 'POST', '/trainings', body({
    contents: `Nội dung đủ dài để nginx nén câu trả lời. ${'Hướng dẫn chi tiết hồ sơ cấp phép. '.repeat(30)}`,
  }));
  const read = await u.sxd.get(`/trainings/${t.id}`);
  const etag = read.headers.get('etag');
  assert.match(etag ?? '', new RegExp(`^(W/)?"${t.version}"$`));
  const attendance = [{ commune_id: UNIT.quangPhu, participants: 14 }];
  const res = await u.sxd.patch(`/trainings/${t.id}`, { attendance }, { 'If-Match': etag });
  assert.equal(res.status, 200, `PATCH with If-Match: ${etag} (the ETag of the GET): ${res.text}`);
  assert.equal(res.body.participants_total, 14);
  const again = await u.sxd.patch(`/trainings/${t.id}`, { attendance }, { 'If-Match': etag });
  assertError(again, 412, 'stale_version');
});

test('recommendations collected in a training become issues of their communes, each seen by its own commune', async () => {
  const t = await u.sxd.must(201, 'POST', '/trainings', body({
    attendance: [{ commune_id: UNIT.hacThanh, participants: 9 }, { commune_id: UNIT.quangPhu, participants: 11 }],
  }));
  const items = [
    { commune_id: UNIT.hacThanh, title: `Kiến nghị tại hội nghị của Hạc Thành ${TAG}`, description: 'Xã đề nghị hướng dẫn cấp phép cải tạo nhà ở.', field: 'xay-dung', kind: 'difficulty' },
    { commune_id: UNIT.quangPhu, title: `Đề xuất tại hội nghị của Quảng Phú ${TAG}`, description: 'Phường đề xuất đơn giản hóa hồ sơ.', field: 'xay-dung', kind: 'proposal' },
  ];
  const res = await u.sxd.post(`/trainings/${t.id}/recommendations`, { items });
  assert.equal(res.status, 201, res.text);
  const ids = res.body.issue_ids;
  assert.equal(ids.length, 2);
  const [hId, qId] = ids;

  // Each commune sees its own issue in its list, not the other's.
  const mine = await u.hacThanh.ok(`/issues?q=${encodeURIComponent(TAG)}&limit=50`);
  assert.ok(mine.items.some((i) => i.id === hId), 'Hạc Thành lists the issue collected for it');
  assert.ok(!mine.items.some((i) => i.id === qId), "Hạc Thành does not list Quảng Phú's");
  const theirs = await u.quangPhu.ok(`/issues?q=${encodeURIComponent(TAG)}&limit=50`);
  assert.ok(theirs.items.some((i) => i.id === qId));
  assert.ok(!theirs.items.some((i) => i.id === hId));
  assertError(await u.hacThanh.get(`/issues/${qId}`), 404);

  const issue = await u.hacThanh.ok(`/issues/${hId}`);
  assert.equal(issue.commune.id, UNIT.hacThanh, 'attributed to the commune that raised it in the session');
  assert.equal(issue.title, items[0].title);
  assert.equal(issue.kind, 'difficulty');
  assert.equal(issue.lead.id, UNIT.sxd, 'the lead defaults to the organizer, which handles the field');
  assert.equal(issue.state, 'submitted');
  const q = await u.quangPhu.ok(`/issues/${qId}`);
  assert.equal(q.commune.id, UNIT.quangPhu);
  assert.equal(q.kind, 'proposal');

  for (const [who, id] of [[u.hacThanh, hId], [u.quangPhu, qId]]) {
    const events = (await who.ok(`/issues/${id}/events`)).items;
    assert.ok(events.some((e) => e.action === 'collected_in_training'),
      `the timeline of ${id} says it was collected in the training: ${events.map((e) => e.action)}`);
  }

  const after = await u.sxd.ok(`/trainings/${t.id}`);
  assert.deepEqual(after.recommendations.map((r) => [r.id, r.commune_id]).sort((a, b) => a[0] - b[0]),
    [[hId, UNIT.hacThanh], [qId, UNIT.quangPhu]]);

  // A recommendation in a field the organizer does not handle goes to the department that does.
  const health = await u.sxd.post(`/trainings/${t.id}/recommendations`, {
    items: [{ commune_id: UNIT.quangPhu, title: `Kiến nghị về trạm y tế tại hội nghị ${TAG}`, description: 'Phường đề nghị.', field: 'y-te', kind: 'proposal' }],
  });
  assert.equal(health.status, 201, health.text);
  const hIssue = await u.quangPhu.ok(`/issues/${health.body.issue_ids[0]}`);
  assert.equal(hIssue.lead.id, UNIT.syt, 'Sở Y tế handles y-te');
  assert.equal(hIssue.commune.id, UNIT.quangPhu);

  // A commune that did not attend: 422, and nothing of the request is kept.
  const absent = await u.sxd.post(`/trainings/${t.id}/recommendations`, {
    items: [
      { ...items[0], title: `Kiến nghị thêm của Hạc Thành ${TAG}` },
      { commune_id: others[0].id, title: `Kiến nghị của xã không dự ${TAG}`, description: 'Không có mặt.', field: 'xay-dung', kind: 'difficulty' },
    ],
  });
  assertError(absent, 422, 'commune_not_attending');
  assert.equal((await u.sxd.ok(`/trainings/${t.id}`)).recommendations.length, 3, 'no issue was added');
  const none = await u.hacThanh.ok(`/issues?q=${encodeURIComponent(`Kiến nghị thêm của Hạc Thành ${TAG}`)}&limit=50`);
  assert.ok(!none.items.some((i) => i.title === `Kiến nghị thêm của Hạc Thành ${TAG}`));

  // Another department cannot add recommendations to this training.
  const foreign = await u.syt.post(`/trainings/${t.id}/recommendations`, { items: [items[0]] });
  assert.ok([403, 404].includes(foreign.status), `refused: ${foreign.status} ${foreign.text}`);
  assertError(foreign, foreign.status);
  assert.equal((await u.sxd.ok(`/trainings/${t.id}`)).recommendations.length, 3);
});

test('a training sent twice with the same Idempotency-Key is recorded once', async () => {
  const key = `tap-huan-${TAG}-${Math.random().toString(36).slice(2)}`;
  const b = body({ attendance: [{ commune_id: UNIT.quangPhu, participants: 21 }] });
  const first = await u.sxd.post('/trainings', b, { 'Idempotency-Key': key });
  assert.equal(first.status, 201, first.text);
  const again = await u.sxd.post('/trainings', b, { 'Idempotency-Key': key });
  assert.equal(again.status, 201, again.text);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(again.body.id, first.body.id);
  const listed = await u.sxd.ok(`/trainings?period_id=${period.id}&limit=100`);
  assert.equal(listed.items.filter((t) => t.title === b.title).length, 1, 'one training, not two');
  assertError(await u.sxd.post('/trainings', { ...b, round: 3 }, { 'Idempotency-Key': key }), 422, 'idempotency_key_reused');

  // Recommendations retried the same way become issues once.
  const rkey = `kien-nghi-${TAG}-${Math.random().toString(36).slice(2)}`;
  const items = [{ commune_id: UNIT.quangPhu, title: `Kiến nghị gửi lại ${TAG}`, description: 'Gửi lại do mất mạng.', field: 'xay-dung', kind: 'difficulty' }];
  const r1 = await u.sxd.post(`/trainings/${first.body.id}/recommendations`, { items }, { 'Idempotency-Key': rkey });
  assert.equal(r1.status, 201, r1.text);
  const r2 = await u.sxd.post(`/trainings/${first.body.id}/recommendations`, { items }, { 'Idempotency-Key': rkey });
  assert.equal(r2.status, 201, r2.text);
  assert.deepEqual(r2.body.issue_ids, r1.body.issue_ids);
  assert.equal((await u.sxd.ok(`/trainings/${first.body.id}`)).recommendations.length, 1);
});

test('questions answered in a training are linked issues of the organizer', async () => {
  const raised = await u.hacThanh.must(201, 'POST', '/issues', {
    title: `Hỏi về giấy phép sửa chữa nhà ${TAG}`, description: 'Xã hỏi thủ tục.', field: 'xay-dung', kind: 'difficulty',
  });
  const t = await u.sxd.must(201, 'POST', '/trainings', body({ answered_issue_ids: [raised.id] }));
  assert.deepEqual(t.answered_issues.map((i) => i.id), [raised.id]);
  assert.equal(t.answered_issues[0].code, raised.code);

  // An issue led by another department is not the organizer's to answer.
  const health = await u.quangPhu.must(201, 'POST', '/issues', {
    title: `Hỏi về trạm y tế ${TAG}`, description: 'Phường hỏi.', field: 'y-te', kind: 'difficulty',
  });
  assertError(await u.sxd.post('/trainings', body({ answered_issue_ids: [health.id] })), 400);
});

test('the list: filters by period, organizer, field and commune; newest first; pages with next_before', async () => {
  const on = (d, hhmm) => vnAt(d, hhmm);
  const created = {};
  const make = async (who, key, fields) => {
    created[key] = await who.must(201, 'POST', '/trainings', body(fields));
  };
  // In the period: its first minute and last minute in Vietnam time count.
  await make(u.sxd, 'first', { starts_at: on(week.starts_on, '00:00'), fields: ['xay-dung'], attendance: [{ commune_id: UNIT.hacThanh, participants: 5 }] });
  await make(u.sxd, 'roads', { starts_at: on(addDays(week.starts_on, 2), '14:00'), fields: ['giao-thong-van-tai'], attendance: [{ commune_id: UNIT.quangPhu, participants: 6 }] });
  await make(u.syt, 'health', { starts_at: on(addDays(week.starts_on, 3), '08:30'), fields: ['y-te'], attendance: [{ commune_id: UNIT.hacThanh, participants: 7 }, { commune_id: others[1].id, participants: 2 }] });
  await make(u.sxd, 'last', { starts_at: on(week.ends_on, '23:59'), fields: ['xay-dung', 'quy-hoach-do-thi'], attendance: [{ commune_id: others[1].id, participants: 8 }] });
  // Outside it: the first minute of the next day, and the last minute of the day before.
  await make(u.sxd, 'after', { starts_at: on(addDays(week.ends_on, 1), '00:00') });
  await make(u.sxd, 'before', { starts_at: on(addDays(week.starts_on, -1), '23:59') });

  const ids = async (who, query) => {
    const res = await who.ok(`/trainings?period_id=${period.id}${query}&limit=100`);
    assert.equal(res.total, res.items.length);
    return res.items.map((t) => t.id);
  };
  // Every training of this file dated in the week (those of the earlier tests too).
  const all = await ids(u.hacThanh, '');
  for (const k of ['first', 'roads', 'health', 'last']) assert.ok(all.includes(created[k].id), `${k} is in the period`);
  for (const k of ['after', 'before']) assert.ok(!all.includes(created[k].id), `${k} is outside the period`);

  const list = await u.hacThanh.ok(`/trainings?period_id=${period.id}&limit=100`);
  const times = list.items.map((t) => Date.parse(t.starts_at));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  for (const t of list.items) {
    const at = Date.parse(t.starts_at);
    assert.ok(at >= Date.parse(vnAt(week.starts_on, '00:00')) && at < Date.parse(vnAt(addDays(week.ends_on, 1), '00:00')),
      `${t.title} starts in the week`);
  }

  const health = await ids(u.sxd, `&unit_id=${UNIT.syt}`);
  assert.deepEqual(health, [created.health.id], 'unit_id: only Sở Y tế’s training');
  const sxd = await ids(u.sxd, `&unit_id=${UNIT.sxd}`);
  assert.ok(!sxd.includes(created.health.id));
  assert.deepEqual([...sxd].sort(), all.filter((id) => id !== created.health.id).sort());

  assert.deepEqual(await ids(u.sxd, '&field=giao-thong-van-tai'), [created.roads.id]);
  assert.deepEqual(await ids(u.sxd, '&field=quy-hoach-do-thi'), [created.last.id]);
  assert.deepEqual(await ids(u.sxd, '&field=y-te'), [created.health.id]);
  assert.deepEqual((await ids(u.sxd, `&commune_id=${others[1].id}`)).sort(), [created.health.id, created.last.id].sort());
  assert.deepEqual(await ids(u.sxd, `&commune_id=${UNIT.quangPhu}&unit_id=${UNIT.sxd}&field=giao-thong-van-tai`), [created.roads.id]);

  // Pages of two: together they are the whole list, without repeats.
  const seen = [];
  let before = null;
  for (let page = 0; page < 50; page += 1) {
    const res = await u.sxd.ok(`/trainings?period_id=${period.id}&limit=2${before ? `&before=${before}` : ''}`);
    assert.ok(res.items.length <= 2);
    assert.equal(res.total >= res.items.length, true);
    seen.push(...res.items.map((t) => t.id));
    before = res.next_before;
    if (!before) break;
  }
  assert.deepEqual([...seen].sort(), [...all].sort());
  assert.equal(new Set(seen).size, seen.length);
});

test('bad input is refused with 400 and the JSON error shape', async () => {
  const cases = [
    ['format not online/in_person', body({ format: 'hybrid' })],
    ['starts_at without an offset', body({ starts_at: `${week.starts_on}T08:00:00` })],
    ['starts_at not a time', body({ starts_at: 'thứ năm tuần sau' })],
    ['participants 0', body({ attendance: [{ commune_id: UNIT.hacThanh, participants: 0 }] })],
    ['participants negative', body({ attendance: [{ commune_id: UNIT.hacThanh, participants: -3 }] })],
    ['participants as text', body({ attendance: [{ commune_id: UNIT.hacThanh, participants: '12' }] })],
    ['attendance row with an unknown member', body({ attendance: [{ commune_id: UNIT.hacThanh, participants: 3, note: 'x' }] })],
    ['a typed total', body({ participants_total: 99 })],
    ['an unknown field', body({ organizer_id: UNIT.syt })],
    ['round 0', body({ round: 0 })],
    ['no title', body({ title: undefined })],
    ['a department attending as a commune', body({ attendance: [{ commune_id: UNIT.syt, participants: 3 }] })],
    ['an unknown field slug', body({ fields: ['khong-co-linh-vuc-nay'] })],
    ['a link that is not http(s)', body({ link: 'javascript:alert(1)' })],
  ];
  for (const [what, b] of cases) {
    const res = await u.sxd.post('/trainings', b);
    assert.equal(res.status, 400, `${what}: ${res.status} ${res.text}`);
    assertError(res, 400);
  }
  const notJson = await u.sxd.post('/trainings', '{"title": ');
  assertError(notJson, 400);

  for (const q of ['period_id=abc', 'unit_id=-1', 'limit=0', 'limit=101', 'before=x', 'sort=new']) {
    const res = await u.sxd.get(`/trainings?${q}`);
    assert.equal(res.status, 400, `GET /trainings?${q}: ${res.status} ${res.text}`);
    assertError(res, 400);
  }
  assertError(await u.sxd.get('/trainings/abc'), 404);
  assertError(await u.sxd.get('/trainings/999999999'), 404, 'training_not_found');
  // Nothing of the refused bodies was stored.
  const stored = await u.sxd.ok(`/trainings?period_id=${period.id}&limit=100`);
  assert.ok(!stored.items.some((t) => t.round === 0 || t.format === 'hybrid'));
});
