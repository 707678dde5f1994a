// A department's compiled figures and lists (docs/reporting.md "A department's report"): the
// numbers equal what this test computes from the data it made itself in a fresh period
// covering today. Sở Khoa học và Công nghệ (108) works here through throwaway accounts, so no
// other test's trainings or issues are in its figures: training classes held, participants,
// communes attended, recommendations received (raised with it as lead or rerouted to it),
// resolved (its answers) and matters for a higher authority (its escalations), each counted
// only inside the period's days in Vietnam time.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from './lib.mjs';
import { UNIT, addDays, createPeriod, runTag, signInAll, throwaway, vnAt, vnToday } from './reporting-helpers.mjs';

const TAG = runTag('tonghop');
let u;
let officer; // Sở Khoa học và Công nghệ, officer and head (throwaway accounts)
let head;
let period;
let communes; // four communes: the two demo ones and two more
const made = { trainings: {}, issues: {} };

before(async () => {
  u = await signInAll({
    snv: 'snv.tonghop', admin: 'quantri', sxd: 'sxd.chuyenvien', hacThanh: 'xa.hacthanh', quangPhu: 'xa.quangphu',
    leader: 'lanhdao.tinh',
  });
  [officer, head] = await Promise.all([
    throwaway(u.admin, 'department_officer', UNIT.skhcn, 'bc.khcn'),
    throwaway(u.admin, 'department_head', UNIT.skhcn, 'bc.khcn'),
  ]);
  const today = vnToday();
  period = await createPeriod(u.snv, { starts_on: addDays(today, -1), ends_on: addDays(today, 1) });
  const all = (await u.snv.ok('/units?kind=commune')).items;
  communes = [UNIT.hacThanh, UNIT.quangPhu, ...all.filter((c) => c.id !== UNIT.hacThanh && c.id !== UNIT.quangPhu).slice(0, 2).map((c) => c.id)];
  const names = Object.fromEntries(all.map((c) => [c.id, c.name]));
  communes.names = names;
});

const reportPath = () => `/periods/${period.id}/reports/${UNIT.skhcn}`;

async function training(who, key, startsAt, attendance) {
  made.trainings[key] = await who.must(201, 'POST', '/trainings', {
    title: `Tập huấn chuyển đổi số ${TAG} ${key}`, round: 1, starts_at: startsAt, format: 'online',
    fields: ['chuyen-doi-so'], attendance,
  });
  return made.trainings[key];
}

async function raise(who, key, field, extra = {}) {
  made.issues[key] = await who.must(201, 'POST', '/issues', {
    title: `Kiến nghị ${key} về ${field} ${TAG}`, description: `Nội dung ${key} (${TAG}).`, field, kind: 'difficulty', ...extra,
  });
  return made.issues[key];
}

const act = (who, id, action, inputs = {}) => who.must(200, 'POST', `/issues/${id}/transitions`, { action, ...inputs });

test('the figures and lists of a department equal what its own data adds up to', async () => {
  const { starts_on: first, ends_on: last } = period;
  const [c1, c2, c3, c4] = communes;
  // What is already in the period's days for the department: nothing on a fresh stack (no
  // other test works for Sở KH&CN); an earlier run of this file today leaves its data.
  const base = (await officer.ok(reportPath())).compiled;
  const fresh = base.figures.trainings === 0 && base.figures.received === 0;

  // Trainings: three of Sở KH&CN inside the period (its first and last minute count, Vietnam
  // time), two of its own outside it, one of another department inside it.
  await training(officer, 'T1', vnAt(first, '00:00'), [{ commune_id: c3, participants: 8 }]);
  await training(officer, 'T2', vnAt(vnToday(), '08:00'), [{ commune_id: c1, participants: 12 }, { commune_id: c2, participants: 9 }]);
  await training(head, 'T3', vnAt(last, '23:59'), [{ commune_id: c4, participants: 4 }]);
  await training(officer, 'before', vnAt(addDays(first, -1), '23:59'), [{ commune_id: c1, participants: 100 }]);
  await training(officer, 'after', vnAt(addDays(last, 1), '00:00'), [{ commune_id: c2, participants: 200 }]);
  await training(u.sxd, 'sxd', vnAt(vnToday(), '09:00'), [{ commune_id: c1, participants: 300 }]);

  // Issues raised with Sở KH&CN as lead (its fields have one department), one rerouted to it by
  // Sở Xây dựng, one Sở Xây dựng keeps, one raised before the period and answered in it.
  const i1 = await raise(u.hacThanh, 'I1', 'khoa-hoc-cong-nghe');
  const i2 = await raise(u.quangPhu, 'I2', 'chuyen-doi-so');
  const i3 = await raise(u.hacThanh, 'I3', 'khoa-hoc-cong-nghe');
  const i4 = await raise(u.quangPhu, 'I4', 'xay-dung');
  const i5 = await raise(u.hacThanh, 'I5', 'xay-dung');
  const i6 = await raise(u.quangPhu, 'I6', 'chuyen-doi-so');
  const i7 = await raise(u.hacThanh, 'I7', 'chuyen-doi-so');
  const i8 = await raise(u.quangPhu, 'I8', 'chuyen-doi-so');
  for (const i of [i1, i2, i3, i6, i7, i8]) assert.equal(i.lead.id, UNIT.skhcn, `${i.title}: Sở KH&CN leads it`);
  assert.equal(i4.lead.id, UNIT.sxd);
  // I6 came in two days before the period began.
  sql(`UPDATE issues SET created_at = created_at - interval '2 days' WHERE id = ${i6.id}`);
  assert.equal(sql(`SELECT created_at < '${first}'::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' FROM issues WHERE id = ${i6.id}`), 't');

  await act(u.sxd, i4.id, 'reroute', { unit_id: UNIT.skhcn, reason: 'Thuộc lĩnh vực khoa học và công nghệ.' });
  await act(officer, i1.id, 'accept');
  const answer1 = `Đề nghị phường áp dụng hướng dẫn số 12/HD-SKHCN (${TAG}).`;
  await act(officer, i1.id, 'answer', { answer: answer1, legal_basis: 'Luật Khoa học, Công nghệ và Đổi mới sáng tạo 2025' });
  await act(officer, i4.id, 'answer', { answer: `Hướng dẫn về thiết bị đo (${TAG}).` });
  await act(officer, i6.id, 'answer', { answer: `Trả lời kiến nghị cũ (${TAG}).` });
  // Two alike answered at once as a group: two answers.
  const group = await officer.must(201, 'POST', '/issue-groups', { title: `Nhóm chữ ký số ${TAG}`, issue_ids: [i7.id, i8.id] });
  await officer.must(200, 'POST', `/issue-groups/${group.id}/answer`, { answer: `Hướng dẫn chung về chữ ký số (${TAG}).` });
  // A proposal to escalate is not an escalation; returning to the commune is not an answer.
  await act(officer, i3.id, 'propose_escalation', { reason: 'Vượt thẩm quyền của Sở.' });
  await act(officer, i3.id, 'return', { reason: 'Đề nghị bổ sung hồ sơ.' });
  const escalated = await act(head, i2.id, 'escalate', { reason: 'Cần UBND tỉnh quyết định cơ chế.' });
  assert.equal(escalated.state, 'escalated_province');

  // What the test expects, from what it did.
  const inPeriod = ['T1', 'T2', 'T3'].map((k) => made.trainings[k]);
  const attendances = inPeriod.flatMap((t) => t.attendance);
  const mine = {
    trainings: inPeriod.length,
    participants: attendances.reduce((s, a) => s + a.participants, 0),
    communes_attended: new Set(attendances.map((a) => a.commune_id)).size,
    // I1, I2, I3, I7, I8 raised with it; I4 rerouted to it (not I5, kept by Sở Xây dựng; not
    // I6, from before the period)
    received: 6,
    resolved: 5, // its answers in the period: I1, I4, I6, and I7 and I8 as a group
    higher: 1, // its escalation: I2
  };
  assert.deepEqual(mine, { trainings: 3, participants: 33, communes_attended: 4, received: 6, resolved: 5, higher: 1 });
  const b = base.figures;
  const want = {
    trainings: b.trainings + mine.trainings, participants: b.participants + mine.participants,
    // Four different communes attended; with earlier runs' trainings they may overlap.
    communes_attended: fresh ? mine.communes_attended : undefined,
    received: b.received + mine.received, resolved: b.resolved + mine.resolved, higher: b.higher + mine.higher,
  };

  const report = await officer.ok(reportPath());
  assert.equal(report.unit.id, UNIT.skhcn);
  assert.equal(report.period.id, period.id);
  assert.equal(report.state, 'draft');
  const c = report.compiled;
  if (!fresh) want.communes_attended = c.figures.communes_attended;
  assert.deepEqual(c.figures, want);

  const ours = new Set(inPeriod.map((t) => t.id));
  assert.deepEqual(c.trainings.filter((t) => ours.has(t.id)).map((t) => t.id), inPeriod.map((t) => t.id),
    'trainings in the order they were held');
  assert.deepEqual(c.trainings.map((t) => t.id).sort(), [...base.trainings.map((t) => t.id), ...ours].sort());
  const times = c.trainings.map((t) => Date.parse(t.starts_at));
  assert.deepEqual(times, [...times].sort((x, y) => x - y));
  for (const t of c.trainings.filter((x) => ours.has(x.id))) {
    const own = inPeriod.find((x) => x.id === t.id);
    assert.equal(t.title, own.title);
    assert.equal(t.participants, own.participants_total);
    assert.equal(t.communes, own.communes_total);
    assert.equal(t.format, 'online');
  }
  const ids = (list) => list.map((x) => x.id).sort((a, b) => a - b);
  const plus = (list, more) => [...ids(list), ...ids(more)].sort((a, b) => a - b);
  assert.deepEqual(ids(c.received), plus(base.received, [i1, i2, i3, i4, i7, i8]));
  const r1 = c.received.find((x) => x.id === i1.id);
  assert.equal(r1.code, i1.code);
  assert.equal(r1.title, i1.title);
  assert.equal(r1.commune, communes.names[UNIT.hacThanh]);
  assert.equal(typeof r1.field, 'string');
  assert.equal(c.received.find((x) => x.id === i3.id).state, 'returned');

  assert.deepEqual(ids(c.resolved), plus(base.resolved, [i1, i4, i6, i7, i8]));
  const a1 = c.resolved.find((x) => x.id === i1.id);
  assert.equal(a1.answer, answer1);
  assert.equal(a1.legal_basis, 'Luật Khoa học, Công nghệ và Đổi mới sáng tạo 2025');
  assert.ok(Date.parse(a1.answered_at) > Date.now() - 600000, 'answered just now');

  assert.deepEqual(ids(c.higher), plus(base.higher, [i2]));
  const h2 = c.higher.find((x) => x.id === i2.id);
  assert.equal(h2.state, 'escalated_province');
  assert.equal(h2.commune, communes.names[UNIT.quangPhu]);
  assert.equal(h2.holder, 'Ủy ban nhân dân tỉnh Thanh Hóa');

  // Sở Nội vụ sees the same live compilation; the leadership does not see drafts.
  assert.deepEqual((await u.snv.ok(reportPath())).compiled, c);
  const lead = await u.leader.ok(reportPath());
  assert.equal(lead.compiled, null);
  assert.equal(lead.narrative, null);
  assert.deepEqual(lead.versions, [], 'nothing sent yet');

  // Another department's report in the same period holds none of it.
  const sxd = await u.sxd.ok(`/periods/${period.id}/reports/${UNIT.sxd}`);
  assert.ok(sxd.compiled.trainings.some((t) => t.id === made.trainings.sxd.id));
  for (const k of ['T1', 'T2', 'T3']) assert.ok(!sxd.compiled.trainings.some((t) => t.id === made.trainings[k].id));
  assert.ok(!sxd.compiled.received.some((x) => x.id === i4.id), 'I4 was rerouted away from Sở Xây dựng');
  assert.ok(sxd.compiled.received.some((x) => x.id === i5.id));

  // The head submits: the frozen version carries exactly these figures and lists.
  const sent = await head.must(200, 'POST', `${reportPath()}/submit`);
  const snap = sent.versions[0].snapshot;
  assert.deepEqual(snap.figures, want);
  assert.deepEqual(snap.trainings, c.trainings);
  assert.deepEqual(snap.received, c.received);
  assert.deepEqual(snap.resolved, c.resolved);
  assert.deepEqual(snap.higher, c.higher);
});

test('the period window is the Vietnam calendar days: a training at 23:59 +07 on the last day counts, 00:00 the next day does not', async () => {
  // Expressed in UTC the same moments fall on other days; the period must follow Vietnam time.
  const { ends_on: last } = period;
  const before = (await officer.ok(reportPath())).compiled.figures;
  const inside = await officer.must(201, 'POST', '/trainings', {
    title: `Tập huấn muộn ${TAG}`, round: 2, starts_at: new Date(Date.parse(vnAt(last, '23:30'))).toISOString(),
    format: 'in_person', attendance: [{ commune_id: communes[0], participants: 2 }],
  });
  assert.match(new Date(Date.parse(inside.starts_at)).toISOString(), new RegExp(`^${last}T16:30`), 'sent as 16:30 UTC of the last day');
  const outside = await officer.must(201, 'POST', '/trainings', {
    title: `Tập huấn ngày sau ${TAG}`, round: 2, starts_at: new Date(Date.parse(vnAt(addDays(last, 1), '06:59'))).toISOString(),
    format: 'in_person', attendance: [{ commune_id: communes[0], participants: 3 }],
  });
  assert.match(new Date(Date.parse(outside.starts_at)).toISOString(), new RegExp(`^${last}T23:59`), 'still the last day in UTC');
  const c = (await officer.ok(reportPath())).compiled;
  assert.equal(c.figures.trainings, before.trainings + 1);
  assert.equal(c.figures.participants, before.participants + 2);
  assert.ok(c.trainings.some((t) => t.id === inside.id));
  assert.ok(!c.trainings.some((t) => t.id === outside.id));
});
