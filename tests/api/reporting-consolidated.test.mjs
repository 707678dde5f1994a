// Sở Nội vụ's consolidated report (docs/reporting.md "the consolidated report", DESIGN §5): the
// live compilation adds up every department's latest submitted version (totals, each
// snapshot, the compliance table, the matters for the province or the centre, the other
// proposals); submitting freezes a version, late against the consolidation deadline; the
// leadership and the Party committee read only the frozen versions.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError } from './lib.mjs';
import {
  UNIT, addDays, createPeriod, runTag, signInAll, sqlError, throwaway, vnAt, vnToday,
} from './reporting-helpers.mjs';

const TAG = runTag('hopnhat');
const KEYS = ['trainings', 'participants', 'communes_attended', 'received', 'resolved', 'higher'];
let u;
let vh; // head of Sở Văn hóa, Thể thao và Du lịch (a throwaway account)
let period;
let cpath;
const kept = {};

before(async () => {
  u = await signInAll({
    snv: 'snv.tonghop', head: 'sxd.lanhdao', syt: 'syt.chuyenvien', leader: 'lanhdao.tinh', party: 'tinhuy.theodoi',
    admin: 'quantri', hacThanh: 'xa.hacthanh', quangPhu: 'xa.quangphu',
  });
  vh = await throwaway(u.admin, 'department_head', UNIT.svhttdl, 'bc.vanhoa');
  const today = vnToday();
  // Around today, so that today's escalations are in it.
  period = await createPeriod(u.snv, { starts_on: addDays(today, -1), ends_on: addDays(today, 1) });
  cpath = `/periods/${period.id}/consolidated`;
});

const report = (unit) => `/periods/${period.id}/reports/${unit}`;
const byUnit = (a, b) => a.unit.id - b.unit.id;
const latest = async (unit) => {
  const r = await u.snv.ok(report(unit));
  assert.equal(r.state, 'submitted');
  return r.versions.at(-1).snapshot;
};

test("the live compilation adds up the departments' latest submitted versions", async () => {
  const today = vnToday();
  // Each department holds a training and escalates a commune's issue to UBND tỉnh today.
  await u.head.must(201, 'POST', '/trainings', {
    title: `Tập huấn xây dựng ${TAG}`, round: 1, starts_at: vnAt(today, '07:30'), format: 'in_person',
    attendance: [{ commune_id: UNIT.hacThanh, participants: 6 }],
  });
  await vh.must(201, 'POST', '/trainings', {
    title: `Tập huấn văn hóa ${TAG}`, round: 1, starts_at: vnAt(today, '14:00'), format: 'online',
    attendance: [{ commune_id: UNIT.quangPhu, participants: 11 }, { commune_id: UNIT.hacThanh, participants: 3 }],
  });
  const i1 = await u.hacThanh.must(201, 'POST', '/issues', {
    title: `Nhà văn hóa xuống cấp cần sửa chữa ${TAG}`, description: 'Xin kinh phí.', field: 'xay-dung', kind: 'proposal',
  });
  const i2 = await u.quangPhu.must(201, 'POST', '/issues', {
    title: `Lễ hội truyền thống cần cơ chế hỗ trợ ${TAG}`, description: 'Xin cơ chế.', field: 'van-hoa-the-thao-du-lich', kind: 'proposal',
  });
  assert.equal(i2.lead.id, UNIT.svhttdl);
  await u.head.must(200, 'POST', `/issues/${i1.id}/transitions`, { action: 'escalate', reason: 'Vượt thẩm quyền của Sở.' });
  await vh.must(200, 'POST', `/issues/${i2.id}/transitions`, { action: 'escalate', reason: 'Cần UBND tỉnh quyết định.' });
  kept.escalated = [i1.id, i2.id];

  kept.other = { [UNIT.sxd]: `Đề nghị bổ sung kinh phí sửa nhà văn hóa (${TAG}).`, [UNIT.svhttdl]: `Đề nghị cơ chế hỗ trợ lễ hội (${TAG}).` };
  await u.head.must(200, 'PUT', report(UNIT.sxd), { narrative: { trainings: 'Một hội nghị.', other: kept.other[UNIT.sxd] } });
  await vh.must(200, 'PUT', report(UNIT.svhttdl), { narrative: { other: kept.other[UNIT.svhttdl] } });
  // A draft never sent counts for nothing.
  await u.syt.must(200, 'PUT', report(UNIT.syt), { narrative: { other: `Bản nháp của Sở Y tế ${TAG}` } });
  await u.head.must(200, 'POST', `${report(UNIT.sxd)}/submit`);
  await vh.must(200, 'POST', `${report(UNIT.svhttdl)}/submit`);

  // Before Sở Nội vụ sends anything, the leadership sees no version and no live figures.
  const early = await u.leader.ok(cpath);
  assert.deepEqual(early.versions, []);
  assert.equal(early.compiled, null);
  assert.equal(early.narrative, null);

  const check = async (units) => {
    const snaps = await Promise.all(units.map(latest));
    const c = (await u.snv.ok(cpath)).compiled;
    assert.deepEqual([...c.departments].sort(byUnit), [...snaps].sort(byUnit), 'each department\'s latest submitted snapshot');
    for (const k of KEYS) {
      assert.equal(c.totals[k], snaps.reduce((s, x) => s + x.figures[k], 0), `totals.${k} is the sum of the departments'`);
    }
    assert.equal(c.totals.departments_reported, units.length);
    const higher = snaps.flatMap((s) => s.higher.map((h) => h.id)).sort((a, b) => a - b);
    assert.deepEqual(c.higher.map((h) => h.id).sort((a, b) => a - b), higher, 'the matters for a higher authority, merged');
    assert.deepEqual(
      c.other_proposals.map((p) => [p.unit.id, p.text]).sort((a, b) => a[0] - b[0]),
      snaps.filter((s) => s.narrative.other).map((s) => [s.unit.id, s.narrative.other]).sort((a, b) => a[0] - b[0]),
      'the other proposals come from the narratives sent',
    );
    return { c, snaps };
  };

  const { c } = await check([UNIT.sxd, UNIT.svhttdl]);
  for (const id of kept.escalated) assert.ok(c.higher.some((h) => h.id === id), `issue ${id} escalated today is listed`);
  assert.ok(c.totals.trainings >= 2 && c.totals.participants >= 20, 'the two trainings are in the totals');
  assert.ok(!c.other_proposals.some((p) => p.unit.id === UNIT.syt), 'not from a draft');
  const status = Object.fromEntries(c.compliance.map((i) => [i.unit.id, i.status]));
  assert.equal(status[UNIT.sxd], 'on_time');
  assert.equal(status[UNIT.svhttdl], 'on_time');
  assert.equal(status[UNIT.syt], 'draft');
  assert.equal(status[UNIT.ttt], 'not_started');

  // Returned: out of the compilation until it is sent again; then its version 2 is in it.
  await u.snv.must(200, 'POST', `${report(UNIT.sxd)}/return`, { reason: 'Bổ sung đề xuất.' });
  const without = await check([UNIT.svhttdl]);
  assert.ok(!without.c.departments.some((d) => d.unit.id === UNIT.sxd));
  kept.other[UNIT.sxd] = `Đề nghị bổ sung kinh phí, đã sửa (${TAG}).`;
  await u.head.must(200, 'PUT', report(UNIT.sxd), { narrative: { trainings: 'Một hội nghị.', other: kept.other[UNIT.sxd] } });
  await u.head.must(200, 'POST', `${report(UNIT.sxd)}/submit`);
  const back = await check([UNIT.sxd, UNIT.svhttdl]);
  assert.equal(back.c.departments.find((d) => d.unit.id === UNIT.sxd).version, 2);
  assert.equal(back.c.other_proposals.find((p) => p.unit.id === UNIT.sxd).text, kept.other[UNIT.sxd]);
  kept.compiled = back.c;
});

test('Sở Nội vụ writes the narrative and submits: a frozen version, late against the consolidation deadline', async () => {
  assert.ok(kept.compiled, 'the departments reported in the test before');
  const n = { trainings: `Các sở tổ chức tập huấn (${TAG}).`, other: 'Kiến nghị Trung ương sửa quy định.' };
  const saved = await u.snv.put(cpath, { narrative: n });
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual(saved.body.narrative, n);
  assertError(await u.snv.put(cpath, { narrative: n }, { 'If-Match': `"${saved.body.version - 1}"` }), 412, 'stale_version');
  assertError(await u.snv.put(cpath, { narrative: { tong_hop: 'x' } }), 400);
  for (const who of [u.leader, u.party]) {
    assertError(await who.put(cpath, { narrative: n }), 403, 'forbidden');
    assertError(await who.post(`${cpath}/submit`), 403, 'forbidden');
  }
  assertError(await u.head.get(cpath), 403, 'forbidden');
  assertError(await u.syt.get(cpath), 403, 'forbidden');

  const sent = await u.snv.post(`${cpath}/submit`);
  assert.equal(sent.status, 200, sent.text);
  assert.equal(sent.body.versions.length, 1);
  const v1 = sent.body.versions[0];
  assert.equal(v1.number, 1);
  assert.equal(v1.late_seconds, 0, 'before the consolidation deadline');
  assert.equal(v1.submitted_by, u.snv.user.full_name);
  assert.deepEqual(v1.snapshot.narrative, n);
  assert.deepEqual(v1.snapshot.totals, kept.compiled.totals);
  assert.deepEqual(v1.snapshot.departments, kept.compiled.departments);
  assert.deepEqual(v1.snapshot.higher, kept.compiled.higher);

  // A department's report returned afterwards changes the live compilation, not version 1.
  await u.snv.must(200, 'POST', `${report(UNIT.svhttdl)}/return`, { reason: 'Sai số liệu.' });
  const live = await u.snv.ok(cpath);
  assert.equal(live.compiled.totals.departments_reported, 1);
  assert.deepEqual(live.versions[0], v1);
  assert.match(sqlError(`UPDATE consolidated_versions SET snapshot = '{}' WHERE consolidated_id =
      (SELECT id FROM consolidated_reports WHERE period_id = ${period.id})`), /frozen/, 'the database refuses to change it');

  // The deadlines move into the past: the next version is late.
  const ago = (min) => new Date(Date.now() - min * 60000 + 7 * 3600000).toISOString().slice(0, 19) + '+07:00';
  const moved = await u.snv.patch(`/periods/${period.id}`, { report_deadline: ago(30), consolidation_deadline: ago(5) },
    { 'If-Match': `"${period.version}"` });
  assert.equal(moved.status, 200, moved.text);
  const second = await u.snv.post(`${cpath}/submit`);
  assert.equal(second.status, 200, second.text);
  const v2 = second.body.versions[1];
  assert.equal(v2.number, 2);
  assert.ok(v2.late_seconds >= 290 && v2.late_seconds < 900, `about five minutes late: ${v2.late_seconds}`);
  assert.equal(v2.snapshot.totals.departments_reported, 1);
  assert.deepEqual(second.body.versions[0], v1);

  // The leadership and the Party committee read exactly the frozen versions, nothing live.
  for (const who of [u.leader, u.party]) {
    const r = await who.ok(cpath);
    assert.equal(r.compiled, null, `${who.username}: no live compilation`);
    assert.equal(r.narrative, null, `${who.username}: no draft narrative`);
    assert.deepEqual(r.versions, second.body.versions);
  }
  assertError(await u.snv.get('/periods/999999999/consolidated'), 404);
});
