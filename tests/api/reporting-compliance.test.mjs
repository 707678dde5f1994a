// The compliance board (docs/reporting.md "Compliance board"): for every department of the
// province, in a period of this file's own, the status Sở Nội vụ, the leadership and the
// Party committee see: on_time, late (with late_seconds), returned, draft, not_started, and
// missing once the deadline has passed with nothing sent; with the clock and the deadlines a
// countdown needs.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError } from './lib.mjs';
import { UNIT, createPeriod, futureWeek, sameInstant, signInAll, throwaway } from './reporting-helpers.mjs';

let u;
let ttt; // heads of Thanh tra tỉnh and Sở Ngoại vụ (throwaway accounts)
let sngv;
let period;
let departments; // every department of the seed
const kept = {};

before(async () => {
  u = await signInAll({
    snv: 'snv.tonghop', head: 'sxd.lanhdao', syt: 'syt.chuyenvien', leader: 'lanhdao.tinh', party: 'tinhuy.theodoi',
    admin: 'quantri', commune: 'xa.hacthanh', office: 'vpubnd.chuyenvien',
  });
  [ttt, sngv] = await Promise.all([
    throwaway(u.admin, 'department_head', UNIT.ttt, 'bc.thanhtra'),
    throwaway(u.admin, 'department_head', UNIT.sngv, 'bc.ngoaivu'),
  ]);
  period = await createPeriod(u.snv, futureWeek());
  departments = (await u.snv.ok('/units?kind=department')).items;
  assert.ok(departments.length >= 10, 'the seed has the province departments');
});

const board = (who = u.snv) => who.ok(`/periods/${period.id}/compliance`);
const rowOf = (b, unit) => b.items.find((i) => i.unit.id === unit);
const report = (unit) => `/periods/${period.id}/reports/${unit}`;

test('before the deadline: on_time, returned, draft and not_started, with the countdown', async () => {
  await u.head.must(200, 'POST', `${report(UNIT.sxd)}/submit`);
  await sngv.must(200, 'PUT', report(UNIT.sngv), { narrative: { trainings: 'Không tổ chức.' } });
  await sngv.must(200, 'POST', `${report(UNIT.sngv)}/submit`);
  kept.reason = 'Thiếu số liệu kiến nghị tiếp nhận.';
  await u.snv.must(200, 'POST', `${report(UNIT.sngv)}/return`, { reason: kept.reason });
  await u.syt.must(200, 'PUT', report(UNIT.syt), { narrative: { trainings: 'Đang tổng hợp.' } });

  const b = await board();
  assert.deepEqual(b.items.map((i) => i.unit.id).sort((x, y) => x - y), departments.map((d) => d.id).sort((x, y) => x - y),
    'every department is on the board, once');
  const want = { [UNIT.sxd]: 'on_time', [UNIT.sngv]: 'returned', [UNIT.syt]: 'draft' };
  for (const item of b.items) {
    assert.equal(item.status, want[item.unit.id] ?? 'not_started', `${item.unit.name}: ${item.status}`);
  }
  const onTime = rowOf(b, UNIT.sxd);
  assert.equal(onTime.version, 1);
  assert.equal(onTime.late_seconds, 0);
  assert.ok(Math.abs(Date.parse(onTime.submitted_at) - Date.now()) < 120000);
  const returned = rowOf(b, UNIT.sngv);
  assert.equal(returned.return_reason, kept.reason);
  assert.ok(returned.returned_at);
  assert.equal(rowOf(b, UNIT.ttt).version ?? null, null, 'nothing sent: no version');

  // The countdown: the server's clock and the period's deadlines.
  assert.ok(Math.abs(Date.parse(b.now) - Date.now()) < 60000, `now is the server's clock: ${b.now}`);
  assert.equal(b.period.id, period.id);
  sameInstant(b.period.report_deadline, period.report_deadline);
  sameInstant(b.period.consolidation_deadline, period.consolidation_deadline);

  // The leadership and the Party committee see the same board; others may not.
  for (const who of [u.leader, u.party]) {
    const theirs = await board(who);
    assert.deepEqual(theirs.items, b.items, `${who.username} sees the same statuses`);
  }
  for (const who of [u.head, u.syt, u.commune, u.office, u.admin]) {
    assertError(await who.get(`/periods/${period.id}/compliance`), 403, 'forbidden');
  }
  assertError(await u.snv.get('/periods/999999999/compliance'), 404);
  kept.before = true;
});

test('after the deadline: a report sent now is late, and those never sent are missing', async () => {
  assert.ok(kept.before, 'the board was set up by the test before');
  // Sở Nội vụ moves the deadline to ten minutes ago.
  const past = new Date(Date.now() - 600000 + 7 * 3600000).toISOString().slice(0, 19) + '+07:00';
  const moved = await u.snv.patch(`/periods/${period.id}`, { report_deadline: past }, { 'If-Match': `"${period.version}"` });
  assert.equal(moved.status, 200, moved.text);

  const sent = await ttt.must(200, 'POST', `${report(UNIT.ttt)}/submit`);
  const late = sent.versions[0].late_seconds;
  assert.ok(late >= 590 && late <= 900, `about ten minutes late: ${late} s`);

  const b = await board();
  const want = { [UNIT.sxd]: 'on_time', [UNIT.sngv]: 'returned', [UNIT.ttt]: 'late' };
  for (const item of b.items) {
    assert.equal(item.status, want[item.unit.id] ?? 'missing', `${item.unit.name}: ${item.status}`);
  }
  assert.equal(rowOf(b, UNIT.syt).status, 'missing', 'a draft never sent is missing once the deadline has passed');
  assert.equal(rowOf(b, UNIT.ttt).late_seconds, late);
  assert.equal(rowOf(b, UNIT.sxd).late_seconds, 0, 'sent in time stays on time');
  sameInstant(b.period.report_deadline, past);

  // The returned report sent again after the deadline: version 2, late.
  await sngv.must(200, 'PUT', report(UNIT.sngv), { narrative: { trainings: 'Không tổ chức.', received: 'Không có.' } });
  const again = await sngv.must(200, 'POST', `${report(UNIT.sngv)}/submit`);
  assert.equal(again.versions.length, 2);
  const after = rowOf(await board(), UNIT.sngv);
  assert.equal(after.status, 'late');
  assert.equal(after.version, 2);
  assert.ok(after.late_seconds >= 590);
  assert.equal(after.return_reason, null, 'the board shows the latest version');
});
