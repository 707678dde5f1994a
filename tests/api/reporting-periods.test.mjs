// Reporting periods (docs/reporting.md "Periods", DESIGN §5): the seeded round 1 with its
// real deadlines, the weekly periods Thursday–Wednesday with deadlines at 09:00 and 17:00
// Vietnam time on the Thursday after (computed here again, independently of the seed), the
// "current" period, and Sở Nội vụ creating and moving a period (If-Match); nobody else may.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError } from './lib.mjs';
import { addDays, createPeriod, futureWeek, sameInstant, signInAll, vnAt, vnToday } from './reporting-helpers.mjs';

let u;

before(async () => {
  u = await signInAll({
    snv: 'snv.tonghop', admin: 'quantri', head: 'sxd.lanhdao', officer: 'sxd.chuyenvien',
    leader: 'lanhdao.tinh', party: 'tinhuy.theodoi', commune: 'xa.hacthanh', office: 'vpubnd.chuyenvien',
  });
});

const DAY = 86400000;
const utc = (ymd) => Date.parse(`${ymd}T00:00:00Z`);
const ymdOf = (ms) => new Date(ms).toISOString().slice(0, 10);

/** ISO 8601 week code (YYYY-Www) of a Thursday: its year and week are the ISO ones. */
function isoCodeOfThursday(thu) {
  const d = new Date(utc(thu));
  assert.equal(d.getUTCDay(), 4, `${thu} is a Thursday`);
  const year = d.getUTCFullYear();
  const week = Math.floor((utc(thu) - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The weekly periods the directive asks for, written out again: Thursday to Wednesday
 * (the first from the day after round 1), deadlines 09:00 and 17:00 (UTC+7) the Thursday
 * after, from 28/08/2025 through 2026. */
function expectedWeeks() {
  const out = [];
  for (let thu = '2025-08-28'; thu <= '2026-12-31'; thu = addDays(thu, 7)) {
    const start = addDays(thu, -7) < '2025-08-22' ? '2025-08-22' : addDays(thu, -7);
    const [y, m, d] = thu.split('-').map(Number);
    out.push({
      code: isoCodeOfThursday(thu),
      starts_on: start,
      ends_on: addDays(thu, -1),
      report_deadline: new Date(Date.UTC(y, m - 1, d, 9 - 7, 0, 0)).toISOString(),
      consolidation_deadline: new Date(Date.UTC(y, m - 1, d, 17 - 7, 0, 0)).toISOString(),
    });
  }
  return out;
}

/** Weekday and hh:mm in Vietnam of an instant. */
function vnClock(iso) {
  const d = new Date(Date.parse(iso) + 7 * 3600 * 1000);
  return {
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()],
    time: d.toISOString().slice(11, 19),
    date: d.toISOString().slice(0, 10),
  };
}

test('round 1 is seeded with its real deadlines: departments before 17:00 21/08/2025, consolidation before 10:00 22/08/2025', async () => {
  const res = await u.officer.ok('/periods?from=2025-07-01&to=2025-08-21');
  const r1 = res.items.find((p) => p.code === '2025-R1');
  assert.ok(r1, 'the period 2025-R1 is listed');
  assert.equal(r1.starts_on, '2025-07-01');
  assert.equal(r1.ends_on, '2025-08-21');
  sameInstant(r1.report_deadline, '2025-08-21T10:00:00Z', 'report_deadline');
  sameInstant(r1.consolidation_deadline, '2025-08-22T03:00:00Z', 'consolidation_deadline');
  assert.deepEqual(vnClock(r1.report_deadline), { weekday: 'Thu', time: '17:00:00', date: '2025-08-21' });
  assert.deepEqual(vnClock(r1.consolidation_deadline), { weekday: 'Fri', time: '10:00:00', date: '2025-08-22' });
});

test('weekly periods run Thursday–Wednesday with deadlines at 09:00 and 17:00 Vietnam time the Thursday after', async () => {
  const res = await u.commune.ok('/periods?from=2025-08-22&to=2026-12-31');
  const seeded = new Map(res.items.filter((p) => /^(2025|2026)-W\d{2}$/.test(p.code)).map((p) => [p.code, p]));
  const want = expectedWeeks();
  assert.equal(want.length, 71, 'Thursdays from 28/08/2025 to 31/12/2026');
  for (const w of want) {
    const p = seeded.get(w.code);
    assert.ok(p, `the week ${w.code} (${w.starts_on} – ${w.ends_on}) is seeded`);
    assert.equal(p.starts_on, w.starts_on, `${w.code} starts_on`);
    assert.equal(p.ends_on, w.ends_on, `${w.code} ends_on`);
    sameInstant(p.report_deadline, w.report_deadline, `${w.code} report_deadline`);
    sameInstant(p.consolidation_deadline, w.consolidation_deadline, `${w.code} consolidation_deadline`);
  }
  assert.equal(seeded.size, want.length, 'no other weekly period in 2025–2026');

  // A few by hand, as a person reading the calendar would.
  const spot = (code) => seeded.get(code);
  assert.deepEqual([spot('2025-W35').starts_on, spot('2025-W35').ends_on], ['2025-08-22', '2025-08-27'],
    'the first week starts the day after round 1 (a Friday) and ends on Wednesday');
  sameInstant(spot('2025-W35').report_deadline, '2025-08-28T02:00:00Z');
  sameInstant(spot('2025-W35').consolidation_deadline, '2025-08-28T10:00:00Z');
  assert.deepEqual([spot('2025-W36').starts_on, spot('2025-W36').ends_on], ['2025-08-28', '2025-09-03']);
  sameInstant(spot('2025-W36').report_deadline, '2025-09-04T02:00:00Z');
  // Across the new year: the Thursday 01/01/2026 is in ISO week 1 of 2026.
  assert.deepEqual([spot('2026-W01').starts_on, spot('2026-W01').ends_on], ['2025-12-25', '2025-12-31']);
  sameInstant(spot('2026-W01').report_deadline, '2026-01-01T02:00:00Z');
  sameInstant(spot('2026-W01').consolidation_deadline, '2026-01-01T10:00:00Z');
  assert.deepEqual([spot('2026-W53').starts_on, spot('2026-W53').ends_on], ['2026-12-24', '2026-12-30']);

  for (const p of seeded.values()) {
    if (p.code !== '2025-W35') assert.equal(new Date(utc(p.starts_on)).getUTCDay(), 4, `${p.code} starts on a Thursday`);
    assert.equal(new Date(utc(p.ends_on)).getUTCDay(), 3, `${p.code} ends on a Wednesday`);
    assert.deepEqual(vnClock(p.report_deadline), { weekday: 'Thu', time: '09:00:00', date: addDays(p.ends_on, 1) },
      `${p.code}: departments before 09:00 on the Thursday after`);
    assert.deepEqual(vnClock(p.consolidation_deadline), { weekday: 'Thu', time: '17:00:00', date: addDays(p.ends_on, 1) },
      `${p.code}: consolidation before 17:00 that Thursday`);
  }
});

test('"current" is the period whose department deadline comes next; filters from/to/started', async () => {
  const all = await u.leader.ok('/periods');
  assert.equal(all.total, all.items.length);
  const now = Date.now();
  const next = all.items.filter((p) => Date.parse(p.report_deadline) > now)
    .sort((a, b) => Date.parse(a.report_deadline) - Date.parse(b.report_deadline))[0];
  assert.ok(next, 'some period has its deadline ahead');
  assert.equal(all.current, next.id, `current is ${next.code}`);
  const starts = all.items.map((p) => p.starts_on);
  assert.deepEqual(starts, [...starts].sort().reverse(), 'the latest periods first');

  // from/to: the periods that overlap the range.
  const range = await u.leader.ok('/periods?from=2025-09-01&to=2025-09-10');
  assert.deepEqual(range.items.map((p) => p.code).filter((c) => /^2025-/.test(c)).sort(), ['2025-W36', '2025-W37']);
  for (const p of range.items) assert.ok(p.ends_on >= '2025-09-01' && p.starts_on <= '2025-09-10');

  // started=true leaves out the periods that have not begun in Vietnam.
  const future = await createPeriod(u.snv, futureWeek());
  const started = await u.leader.ok('/periods?started=true');
  assert.ok(!started.items.some((p) => p.id === future.id), 'a period in the future has not started');
  const today = vnToday();
  for (const p of started.items) assert.ok(p.starts_on <= today, `${p.code} has started`);
  assert.ok((await u.leader.ok('/periods?started=false')).items.some((p) => p.id === future.id));

  for (const q of ['from=21/08/2025', 'to=2025-13-01', 'started=yes', 'page=2']) {
    const res = await u.leader.get(`/periods?${q}`);
    assert.equal(res.status, 400, `GET /periods?${q}: ${res.text}`);
    assertError(res, 400);
  }
});

test('Sở Nội vụ creates a period; deadlines are moments, given with their offset', async () => {
  const week = futureWeek();
  const thu = addDays(week.ends_on, 1);
  const p = await createPeriod(u.snv, {
    ...week, name: 'Tuần thử nghiệm của Sở Nội vụ',
    report_deadline: vnAt(thu, '09:00'), consolidation_deadline: vnAt(thu, '17:00'),
  });
  assert.match(p.code, /^[0-9]{4}-W[0-9]{2}$/);
  assert.equal(p.name, 'Tuần thử nghiệm của Sở Nội vụ');
  assert.equal(p.starts_on, week.starts_on);
  assert.equal(p.ends_on, week.ends_on);
  assert.equal(p.version, 1);
  const [y, m, d] = thu.split('-').map(Number);
  sameInstant(p.report_deadline, new Date(Date.UTC(y, m - 1, d, 2)).toISOString(), '09:00 +07 is 02:00 UTC');
  sameInstant(p.consolidation_deadline, new Date(Date.UTC(y, m - 1, d, 10)).toISOString(), '17:00 +07 is 10:00 UTC');
  const listed = await u.commune.ok(`/periods?from=${week.starts_on}&to=${week.ends_on}`);
  assert.ok(listed.items.some((x) => x.id === p.id && x.code === p.code), 'everyone sees it in the list');

  // The code is unique.
  const dup = await u.snv.post('/periods', { code: p.code, name: 'Trùng mã', ...week,
    report_deadline: vnAt(thu, '09:00'), consolidation_deadline: vnAt(thu, '17:00') });
  assertError(dup, 409);

  // Admin may create one too (docs: Sở Nội vụ, admin).
  const byAdmin = await createPeriod(u.admin, futureWeek());
  assert.equal(byAdmin.version, 1);

  const good = { code: '2031-R9', name: 'Lần thử', ...week, report_deadline: vnAt(thu, '09:00'), consolidation_deadline: vnAt(thu, '17:00') };
  const bad = [
    ['a code of another shape', { ...good, code: 'W05-2031' }],
    ['a one-digit week', { ...good, code: '2031-W5' }],
    ['ends before it starts', { ...good, ends_on: addDays(week.starts_on, -1) }],
    ['consolidation before the department deadline', { ...good, consolidation_deadline: vnAt(thu, '08:00') }],
    ['a deadline without an offset', { ...good, report_deadline: `${thu}T09:00:00` }],
    ['a date not in the calendar', { ...good, starts_on: '2031-02-30' }],
    ['a date in another format', { ...good, starts_on: '01/02/2031' }],
    ['no name', { ...good, name: undefined }],
    ['an unknown field', { ...good, current: true }],
  ];
  for (const [what, b] of bad) {
    const res = await u.snv.post('/periods', b);
    assert.equal(res.status, 400, `${what}: ${res.status} ${res.text}`);
    assertError(res, 400);
  }
  assert.ok(!(await u.snv.ok('/periods?from=2031-01-01&to=2031-12-31')).items.some((x) => x.code === '2031-R9'));
});

test('Sở Nội vụ moves a period with If-Match (428 without, 412 when stale)', async () => {
  const week = futureWeek();
  const thu = addDays(week.ends_on, 1);
  const p = await createPeriod(u.snv, { ...week, report_deadline: vnAt(thu, '09:00'), consolidation_deadline: vnAt(thu, '17:00') });
  // A public holiday on Thursday: the deadlines move to Friday.
  const fri = addDays(thu, 1);
  const move = { report_deadline: vnAt(fri, '09:00'), consolidation_deadline: vnAt(fri, '17:00') };
  assertError(await u.snv.patch(`/periods/${p.id}`, move), 428, 'precondition_required');
  const moved = await u.snv.patch(`/periods/${p.id}`, move, { 'If-Match': `"${p.version}"` });
  assert.equal(moved.status, 200, moved.text);
  sameInstant(moved.body.report_deadline, move.report_deadline);
  sameInstant(moved.body.consolidation_deadline, move.consolidation_deadline);
  assert.equal(moved.body.version, p.version + 1);
  assert.equal(moved.body.name, p.name, 'what was not sent is unchanged');
  assert.equal(moved.body.starts_on, p.starts_on);
  assert.equal(moved.body.code, p.code);

  const stale = await u.snv.patch(`/periods/${p.id}`, { report_deadline: vnAt(thu, '09:00') }, { 'If-Match': `"${p.version}"` });
  assertError(stale, 412, 'stale_version');
  const listed = (await u.officer.ok(`/periods?from=${week.starts_on}&to=${week.ends_on}`)).items.find((x) => x.id === p.id);
  sameInstant(listed.report_deadline, move.report_deadline, 'the refused change changed nothing');
  assert.equal(listed.version, p.version + 1);

  // The week itself can be extended too; a deadline before the department's is refused.
  const longer = await u.snv.patch(`/periods/${p.id}`, { ends_on: addDays(week.ends_on, 1), name: 'Tuần kéo dài do nghỉ lễ' },
    { 'If-Match': `"${moved.body.version}"` });
  assert.equal(longer.status, 200, longer.text);
  assert.equal(longer.body.ends_on, addDays(week.ends_on, 1));
  const backwards = await u.snv.patch(`/periods/${p.id}`, { consolidation_deadline: vnAt(thu, '08:00') },
    { 'If-Match': `"${longer.body.version}"` });
  assertError(backwards, 400);
  assertError(await u.snv.patch(`/periods/${p.id}`, { code: '2031-W01' }, { 'If-Match': `"${longer.body.version}"` }), 400);
  assertError(await u.snv.patch('/periods/999999999', move, { 'If-Match': '"1"' }), 404, 'period_not_found');
});

test('only Sở Nội vụ and admin create or move periods: the others get 403', async () => {
  const week = futureWeek();
  const thu = addDays(week.ends_on, 1);
  const p = await createPeriod(u.snv, { ...week, report_deadline: vnAt(thu, '09:00'), consolidation_deadline: vnAt(thu, '17:00') });
  for (const who of [u.head, u.officer, u.leader, u.party, u.commune, u.office]) {
    const create = await who.post('/periods', {
      code: '2032-W07', name: 'Không được tạo', ...week,
      report_deadline: vnAt(thu, '09:00'), consolidation_deadline: vnAt(thu, '17:00'),
    });
    assertError(create, 403, 'forbidden');
    const move = await who.patch(`/periods/${p.id}`, { report_deadline: vnAt(addDays(thu, 1), '09:00') }, { 'If-Match': `"${p.version}"` });
    assertError(move, 403, 'forbidden');
  }
  const after = (await u.snv.ok(`/periods?from=${week.starts_on}&to=${week.ends_on}`)).items.find((x) => x.id === p.id);
  assert.equal(after.version, p.version, 'nobody moved it');
  sameInstant(after.report_deadline, vnAt(thu, '09:00'));
  assert.ok(!(await u.snv.ok('/periods?from=2032-01-01&to=2032-12-31')).items.some((x) => x.code === '2032-W07'));
  // Everyone signed in reads the periods.
  for (const who of [u.head, u.leader, u.party, u.commune, u.office, u.admin]) await who.ok('/periods?started=true');
});
