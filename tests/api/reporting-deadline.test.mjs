// The department deadline in Vietnam time (docs/reporting.md): a report submitted before the
// deadline is on time (late_seconds 0), one submitted after it is late (late_seconds > 0),
// and "before 09:00" means a report submitted at 09:00:00 is already late. The server clock
// cannot be set from here, so the exact boundary is reached by putting the deadline on the
// database's own clock (a deadline equal to the moment of submission). Every period here is
// this file's own.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sleep, sql } from './lib.mjs';
import { UNIT, createPeriod, futureWeek, signInAll, throwaway } from './reporting-helpers.mjs';

let u;
let other; // a department head of Sở Dân tộc và Tôn giáo (a throwaway account)

before(async () => {
  u = await signInAll({ snv: 'snv.tonghop', head: 'sxd.lanhdao', admin: 'quantri', leader: 'lanhdao.tinh' });
  other = await throwaway(u.admin, 'department_head', UNIT.sdttg, 'bc.hanchot');
});

/** An instant as Vietnam wall-clock time with its +07:00 offset, to the second. */
function vnIso(ms) {
  return `${new Date(ms + 7 * 3600 * 1000).toISOString().slice(0, 19)}+07:00`;
}

async function submit(who, period, unit) {
  return who.must(200, 'POST', `/periods/${period.id}/reports/${unit}/submit`);
}

async function statusOf(period, unit) {
  const board = await u.snv.ok(`/periods/${period.id}/compliance`);
  return board.items.find((i) => i.unit.id === unit);
}

test('a deadline a few seconds ahead: the report sent before it is on time, the one sent after it is late', async () => {
  const deadline = Math.ceil(Date.now() / 1000) * 1000 + 2000;
  const period = await createPeriod(u.snv, {
    ...futureWeek(), report_deadline: vnIso(deadline), consolidation_deadline: vnIso(deadline + 3600000),
  });
  assert.equal(Date.parse(period.report_deadline), deadline, 'the deadline given in Vietnam time is that instant');

  const early = await submit(u.head, period, UNIT.sxd);
  assert.ok(Date.now() < deadline, 'the first report went out before the deadline (the test was not too slow)');
  assert.equal(early.state, 'submitted');
  assert.equal(early.versions.length, 1);
  assert.equal(early.versions[0].late_seconds, 0, 'before the deadline: on time');
  assert.ok(Date.parse(early.versions[0].submitted_at) < deadline);

  await sleep(Math.max(0, deadline - Date.now()) + 1200);
  const sentAt = Date.now();
  const late = await submit(other, period, UNIT.sdttg);
  const v = late.versions[0];
  assert.ok(Date.parse(v.submitted_at) > deadline);
  assert.ok(v.late_seconds >= 1, `after the deadline: late (late_seconds ${v.late_seconds})`);
  assert.ok(v.late_seconds <= Math.ceil((Date.now() - deadline) / 1000) + 1,
    `late by about the time since the deadline (${v.late_seconds} s, sent ${(sentAt - deadline) / 1000} s after)`);

  const onTime = await statusOf(period, UNIT.sxd);
  assert.equal(onTime.status, 'on_time');
  assert.equal(onTime.late_seconds, 0);
  const lateRow = await statusOf(period, UNIT.sdttg);
  assert.equal(lateRow.status, 'late');
  assert.equal(lateRow.late_seconds, v.late_seconds);
  // The leadership reads the same lateness from the frozen version.
  const seen = await u.leader.ok(`/periods/${period.id}/reports/${UNIT.sdttg}`);
  assert.equal(seen.versions[0].late_seconds, v.late_seconds);
});

test('the deadline at a whole second (like 09:00:00) and the report sent within that second: late', async () => {
  const period = await createPeriod(u.snv, futureWeek());
  sql(`UPDATE periods SET report_deadline = date_trunc('second', now()) WHERE id = ${period.id}`);
  const res = await submit(u.head, period, UNIT.sxd);
  const v = res.versions[0];
  assert.ok(v.late_seconds >= 1, `a report sent at hh:mm:ss of the deadline is late (late_seconds ${v.late_seconds})`);
  const [deadline, sent] = sql(`SELECT p.report_deadline, v.submitted_at FROM periods p
      JOIN reports r ON r.period_id = p.id JOIN report_versions v ON v.report_id = r.id
      WHERE p.id = ${period.id} AND r.unit_id = ${UNIT.sxd}`).split('|');
  assert.equal(new Date(Date.parse(deadline)).getUTCMilliseconds(), 0, 'the deadline is a whole second');
  const after = Date.parse(sent) - Date.parse(deadline);
  assert.ok(after >= 0 && after < 30000, `sent ${after} ms after the deadline`);
  assert.equal((await statusOf(period, UNIT.sxd)).status, 'late');
});

test('exactly at the deadline is late, one second before it is on time (the database clock)', async () => {
  // One transaction: now() is the same instant in the UPDATE and in the submission.
  const atDeadline = await createPeriod(u.snv, futureWeek());
  sql(`UPDATE periods SET report_deadline = now() WHERE id = ${atDeadline.id};
       SELECT report_submit(${atDeadline.id}, ${UNIT.sxd}, ${u.head.id});`);
  assert.equal(sql(`SELECT v.submitted_at = p.report_deadline FROM periods p
      JOIN reports r ON r.period_id = p.id JOIN report_versions v ON v.report_id = r.id
      WHERE p.id = ${atDeadline.id} AND r.unit_id = ${UNIT.sxd}`), 't', 'submitted at the very instant of the deadline');
  const at = await u.head.ok(`/periods/${atDeadline.id}/reports/${UNIT.sxd}`);
  assert.equal(at.state, 'submitted');
  assert.ok(at.versions[0].late_seconds >= 1, `at 09:00:00 is late (late_seconds ${at.versions[0].late_seconds})`);
  assert.equal((await statusOf(atDeadline, UNIT.sxd)).status, 'late');

  const justBefore = await createPeriod(u.snv, futureWeek());
  sql(`UPDATE periods SET report_deadline = now() + interval '1 second' WHERE id = ${justBefore.id};
       SELECT report_submit(${justBefore.id}, ${UNIT.sxd}, ${u.head.id});`);
  const early = await u.head.ok(`/periods/${justBefore.id}/reports/${UNIT.sxd}`);
  assert.equal(early.versions[0].late_seconds, 0, 'at 08:59:59 is on time');
  assert.equal((await statusOf(justBefore, UNIT.sxd)).status, 'on_time');
});

test('a deadline moved later by Sở Nội vụ turns a would-be late report into an on-time one', async () => {
  const period = await createPeriod(u.snv, futureWeek());
  const past = await u.snv.patch(`/periods/${period.id}`, { report_deadline: vnIso(Date.now() - 3600000) },
    { 'If-Match': `"${period.version}"` });
  assert.equal(past.status, 200, past.text);
  assert.equal((await statusOf(period, UNIT.sxd)).status, 'missing', 'past the deadline with nothing sent');
  const moved = await u.snv.patch(`/periods/${period.id}`, { report_deadline: vnIso(Date.now() + 3600000) },
    { 'If-Match': `"${past.body.version}"` });
  assert.equal(moved.status, 200, moved.text);
  assert.equal((await statusOf(period, UNIT.sxd)).status, 'not_started', 'the deadline is ahead again');
  const res = await submit(u.head, period, UNIT.sxd);
  assert.equal(res.versions[0].late_seconds, 0);
  assert.equal((await statusOf(period, UNIT.sxd)).status, 'on_time');
});
