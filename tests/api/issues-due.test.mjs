// Due dates count working days in Thanh Hóa's time zone (weekends and the seeded holidays
// skipped, make-up Saturdays counted), per level: department 10, province 15, central 30,
// commune 5. Overdue issues are flagged and filterable, and the maintenance process sends
// due-soon and overdue reminders once (docs/issues.md). The calendar is computed here from
// sql/seed/0002_calendar.sql, not by the database's function.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql, sleep } from './lib.mjs';
import {
  CALENDAR, DUE_DAYS, UNIT, addDays, addWorkingDays, isWorkingDay, runTag, signInAll, vnToday, waitFor,
} from './issues-helpers.mjs';

const TAG = runTag('han');
let u;

before(async () => {
  u = await signInAll({
    commune: 'xa.hacthanh', officer: 'sxd.chuyenvien', head: 'sxd.lanhdao', office: 'vpubnd.chuyenvien',
  });
});

test('the calendar this file counts with is the seeded one', () => {
  assert.ok(CALENDAR.size >= 20, 'holidays and make-up days were read from the seed');
  assert.equal(isWorkingDay('2025-09-02'), false, 'Quốc khánh');
  assert.equal(isWorkingDay('2025-02-08'), true, 'make-up Saturday for 27/01/2025');
  // Friday before Tết 2025: the next working day is Monday 03/02 (27–31/01 off, weekend).
  assert.equal(addWorkingDays('2025-01-24', 1), '2025-02-03');
  // The make-up Saturday counts: Friday 07/02 + 1 = Saturday 08/02.
  assert.equal(addWorkingDays('2025-02-07', 1), '2025-02-08');
  // Across 30/4–1/5/2025 with the swapped 02/05 and the make-up 26/04.
  assert.equal(addWorkingDays('2025-04-25', 2), '2025-04-28');
  assert.equal(addWorkingDays('2025-04-29', 1), '2025-05-05');
});

test('a new issue is due 10 working days after today (Asia/Ho_Chi_Minh)', async () => {
  const issue = await u.commune.raise(TAG);
  assert.equal(issue.due_date, addWorkingDays(vnToday(), DUE_DAYS.department));
  assert.equal(issue.overdue, false);
  assert.ok(Math.abs(Date.parse(issue.held_since) - Date.now()) < 60_000, 'held since now');
  const accepted = await u.officer.must(issue.id, 'accept');
  assert.equal(accepted.due_date, issue.due_date, 'accepting keeps the holder and the due date');
});

test('the due date follows the holder: commune 5, department 10, province 15, central 30 working days', async () => {
  const today = vnToday();
  const a = await u.commune.raise(TAG);
  const returned = await u.officer.must(a.id, 'return', { reason: 'Bổ sung hồ sơ' });
  assert.equal(returned.due_date, addWorkingDays(today, DUE_DAYS.commune));
  assert.notEqual(returned.held_since, a.held_since);
  const back = await u.commune.must(a.id, 'resubmit');
  assert.equal(back.due_date, addWorkingDays(today, DUE_DAYS.department));

  const b = await u.commune.raise(TAG);
  const esc = await u.head.must(b.id, 'escalate', { reason: 'Vượt thẩm quyền' });
  assert.equal(esc.due_date, addWorkingDays(today, DUE_DAYS.province));
  const central = await u.commune.get('/units?kind=central');
  const fwd = await u.office.must(b.id, 'forward_central', {
    ministry_id: central.body.items[0].id, dispatch_no: '77/UBND-KT', dispatch_date: today,
  });
  assert.equal(fwd.due_date, addWorkingDays(today, DUE_DAYS.central));
});

test('an issue past its due date is overdue, and overdue=true finds it; an answered one is not overdue', async () => {
  const late = await u.commune.raise(TAG);
  const fine = await u.commune.raise(TAG);
  const done = await u.commune.raise(TAG);
  await u.officer.must(done.id, 'answer', { answer: 'Đã trả lời đúng hạn' });
  const yesterday = addDays(vnToday(), -1);
  sql(`UPDATE issues SET due_date = '${yesterday}' WHERE id IN (${late.id}, ${done.id})`);

  const i = await u.officer.issue(late.id);
  assert.equal(i.overdue, true);
  assert.equal(i.due_date, yesterday);
  assert.equal((await u.officer.issue(fine.id)).overdue, false);
  assert.equal((await u.commune.issue(done.id)).overdue, false);

  const overdue = await u.officer.listIds('overdue=true');
  assert.ok(overdue.includes(late.id), 'overdue=true lists the late issue');
  assert.ok(!overdue.includes(fine.id));
  const onTime = await u.officer.listIds('overdue=false');
  assert.ok(onTime.includes(fine.id));
  assert.ok(!onTime.includes(late.id));
  const listed = (await u.officer.get('/issues?overdue=true&limit=200')).body.items.find((x) => x.id === late.id);
  assert.equal(listed.overdue, true);
  const communeOverdue = await u.commune.listIds('overdue=true');
  assert.ok(!communeOverdue.includes(done.id), 'answered issues are never overdue');
});

/** The notifications of kind k about issue id the caller has. */
async function reminders(c, id, k) {
  const res = await c.get('/notifications?limit=100');
  assert.equal(res.status, 200);
  return res.body.items.filter((n) => n.kind === k && n.issue?.id === id);
}

test('maintenance sends each holder one overdue and one due-soon reminder', async () => {
  const late = await u.commune.raise(TAG);
  const soon = await u.commune.raise(TAG);
  sql(`UPDATE issues SET due_date = '${addDays(vnToday(), -3)}' WHERE id = ${late.id}`);
  sql(`UPDATE issues SET due_date = '${addWorkingDays(vnToday(), 1)}' WHERE id = ${soon.id}`);
  for (const c of [u.officer, u.head]) {
    const o = await waitFor(async () => {
      const r = await reminders(c, late.id, 'overdue');
      return r.length ? r : null;
    }, { timeoutMs: 6500, what: `overdue reminder for ${c.username}` });
    assert.equal(o.length, 1);
    assert.match(o[0].message, new RegExp(late.code));
    assert.equal(o[0].read, false);
    const s = await waitFor(async () => {
      const r = await reminders(c, soon.id, 'due_soon');
      return r.length ? r : null;
    }, { timeoutMs: 6500, what: `due-soon reminder for ${c.username}` });
    assert.equal(s.length, 1);
    assert.match(s[0].message, new RegExp(soon.code));
  }
  // Nothing reminds the commune (it does not hold them), and a later run adds nothing.
  assert.equal((await reminders(u.commune, late.id, 'overdue')).length, 0);
  await sleep(2500);
  assert.equal((await reminders(u.officer, late.id, 'overdue')).length, 1, 'one overdue reminder per issue');
  assert.equal((await reminders(u.officer, soon.id, 'due_soon')).length, 1, 'one due-soon reminder per issue');
  // An issue far from its due date gets none.
  const far = await u.commune.raise(TAG);
  assert.equal((await reminders(u.officer, far.id, 'due_soon')).length, 0);
  assert.ok(UNIT.sxd === u.officer.user.unit.id);
});
