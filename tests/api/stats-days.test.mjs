// The statistics' day counts (migration 0015): the overview, breakdowns and weekly series of
// one filter or none are added up from counts per Vietnam day kept by triggers, not counted
// from the issues. These tests check that, after every kind of write and whether or not the
// maintenance process has folded the deltas yet, each figure the API answers is exactly what
// 0014's functions (kept as stats_*_scan) count from the issues themselves; that a write moves
// the figures at once; that the kept counts equal the issues' own; and that a day ends at
// midnight in Vietnam (17:00 UTC), for the day, the month and the week it counts in.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from './lib.mjs';
import { addDays, runTag, signIn, throwaway, vnAt, vnToday } from './reporting-helpers.mjs';

const COMMUNE = 14890; // Xã Phú Xuân: no other test file works in it
const FIELD = 'tu-phap'; // led by Sở Tư pháp (103) alone
const DEPT = 103;
const OTHER_DEPT = 107; // Sở Xây dựng, where an issue is rerouted
const today = vnToday();
const TAG = runTag('sd');
let admin;
let lead;
let commune;
let officer;
let head;
let office;

before(async () => {
  admin = await signIn('quantri', 'ThanhHoa@2025');
  lead = await signIn('lanhdao.tinh', 'ThanhHoa@2025');
  office = await signIn('vpubnd.chuyenvien', 'ThanhHoa@2025');
  commune = await throwaway(admin, 'commune_officer', COMMUNE, 'sd');
  officer = await throwaway(admin, 'department_officer', DEPT, 'sd');
  head = await throwaway(admin, 'department_head', DEPT, 'sd');
});

const lit = (v) => (v == null ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);
const num = (v) => (v == null ? 'NULL' : String(Number(v)));

/** 0014's function call (SQL) for the same figures, counted from the issues. */
function scanCall(kind, q) {
  const f = `${lit(q.field)}, ${num(q.commune_id)}, ${num(q.unit_id)}, ${lit(q.level)}`;
  return {
    overview: `stats_overview_scan(${lit(q.from)}, ${lit(q.to)}, ${f})`,
    breakdown: `stats_breakdown_scan(${lit(q.by)}, ${lit(q.from)}, ${lit(q.to)}, ${f})`,
    weekly: `stats_weekly_scan(${lit(q.from)}, ${lit(q.to)}, ${num(q.weeks)}, ${f})`,
  }[kind];
}

/** What 0014's functions answer for these calls ([kind, query] each), in one round trip. */
function recountAll(list) {
  return JSON.parse(sql(`SELECT json_build_array(${list.map(([k, q]) => scanCall(k, q)).join(', ')})`));
}
const recount = (kind, q) => recountAll([[kind, q]])[0];

async function answered(kind, q) {
  const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v != null).map(([k, v]) => [k, String(v)]));
  return lead.ok(`/stats/${kind}?${params}`);
}

/** The calls the day counts answer: no filter and each filter alone, a day, a month, a year;
 * every breakdown, unfiltered and filtered on its own dimension; the weekly series. */
function calls() {
  const out = [];
  const filters = [{}, { field: FIELD }, { commune_id: COMMUNE }, { unit_id: DEPT }, { level: 'department' },
    { level: 'province' }];
  for (const [from, to] of [[today, today], [addDays(today, -30), today], [addDays(today, -365), today]]) {
    for (const f of filters) out.push(['overview', { from, to, ...f }]);
  }
  for (const [from, to] of [[today, today], [addDays(today, -365), today]]) {
    for (const by of ['field', 'commune', 'department', 'level', 'period']) out.push(['breakdown', { by, from, to }]);
    out.push(['breakdown', { by: 'field', from, to, field: FIELD }]);
    out.push(['breakdown', { by: 'commune', from, to, commune_id: COMMUNE }]);
    out.push(['breakdown', { by: 'department', from, to, unit_id: DEPT }]);
    out.push(['breakdown', { by: 'level', from, to, level: 'department' }]);
    out.push(['breakdown', { by: 'period', from, to, commune_id: COMMUNE }]);
  }
  out.push(['weekly', { from: addDays(today, -27), to: today, weeks: 1 }]);
  out.push(['weekly', { from: addDays(today, -27), to: today, weeks: 2, commune_id: COMMUNE }]);
  return out;
}

async function sameAsRecount(step) {
  const list = calls();
  const got = [];
  for (const [kind, q] of list) got.push(await answered(kind, q));
  const want = recountAll(list);
  list.forEach(([kind, q], i) => assert.deepEqual(got[i], want[i], `${step}: ${kind} ${JSON.stringify(q)}`));
}

// The kept counts (folded rows, and the deltas added to their day's and month's rows) against
// the same rows computed from every issue.
const GRAINS = `(VALUES ('d'::"char"), ('m')) g (grain)`;
const KEPT = `SELECT dim, key, grain, day, sum(raised) r, sum(answered) a, sum(escalated) e,
    sum(closed) c, sum(open_now) o, sum(first_answers) f, sum(closes) x
  FROM (SELECT * FROM stats_days
        UNION ALL SELECT d.dim, d.key, g.grain, stats_bucket(g.grain, d.day), d.raised, d.answered,
          d.escalated, d.closed, d.open_now, d.first_answers, d.closes FROM stats_day_deltas d, ${GRAINS}) s
  GROUP BY 1, 2, 3, 4
  HAVING sum(raised) <> 0 OR sum(answered) <> 0 OR sum(escalated) <> 0 OR sum(closed) <> 0
      OR sum(open_now) <> 0 OR sum(first_answers) <> 0 OR sum(closes) <> 0`;
const COUNTED = `SELECT c.dim, c.key, g.grain, stats_bucket(g.grain, c.day), sum(c.raised), sum(c.answered),
    sum(c.escalated), sum(c.closed), sum(c.open_now), sum(c.first_answers), sum(c.closes)
  FROM issues i, stats_issue_cells(i.created_at, i.answered_at, i.first_answered_at, i.closed_at,
    i.state, i.field_slug, i.commune_id, i.lead_unit_id, i.level, 1) c, ${GRAINS} GROUP BY 1, 2, 3, 4`;
const drift = () => sql(`WITH kept AS (${KEPT}), counted AS (${COUNTED})
  SELECT count(*) FROM ((TABLE kept EXCEPT TABLE counted) UNION ALL (TABLE counted EXCEPT TABLE kept)) d`);

async function raise(n) {
  return commune.must(201, 'POST', '/issues', {
    title: `[${TAG}] Vướng mắc chứng thực số ${n}`, description: 'Đo thống kê theo ngày.', field: FIELD,
    kind: 'difficulty',
  });
}

const act = (who, id, body) => who.must(200, 'POST', `/issues/${id}/transitions`, body);

test('after every kind of write, folded or not, each figure equals a recount from the issues', async () => {
  await sameAsRecount('before');
  const ids = [];
  for (let i = 0; i < 6; i++) ids.push((await raise(i)).id);
  await sameAsRecount('raised');
  const [a, b, c, d, e, f] = ids;
  for (const id of [a, b, c, d]) await act(officer, id, { action: 'accept' });
  await sameAsRecount('accepted');
  await act(officer, a, { action: 'answer', answer: 'Hướng dẫn theo quy định.' });
  await act(officer, b, { action: 'answer', answer: 'Đã hướng dẫn.' });
  await sameAsRecount('answered');
  await act(commune, a, { action: 'confirm' });
  await sameAsRecount('closed');
  await act(head, c, { action: 'escalate', reason: 'Vượt thẩm quyền' });
  await sameAsRecount('escalated (level and holder change)');
  await act(office, c, { action: 'resolve', answer: 'UBND tỉnh chỉ đạo như sau.' });
  await sameAsRecount('resolved by the province');
  await act(officer, d, { action: 'reroute', unit_id: OTHER_DEPT, reason: 'Thuộc lĩnh vực xây dựng' });
  await sameAsRecount('rerouted (lead department changes)');
  await act(commune, e, { action: 'withdraw' });
  await act(officer, f, { action: 'return', reason: 'Thiếu hồ sơ' });
  await act(commune, b, { action: 'reopen', reason: 'Chưa rõ' });
  await sameAsRecount('withdrawn, returned, reopened');

  // A training of the department with two communes' attendance, then corrected.
  const training = await head.must(201, 'POST', '/trainings', {
    title: `Hội nghị tập huấn chứng thực ${TAG}`, round: 1, starts_at: vnAt(today, '08:00'), format: 'online',
    link: 'https://hop.thanhhoa.gov.vn/chung-thuc', contents: 'Chứng thực bản sao điện tử.', fields: [FIELD],
    attendance: [{ commune_id: COMMUNE, participants: 9 }, { commune_id: 14797, participants: 4 }],
  });
  await sameAsRecount('training recorded');
  const read = await head.get(`/trainings/${training.id}`);
  const res = await head.patch(`/trainings/${training.id}`, { attendance: [{ commune_id: COMMUNE, participants: 3 }] },
    { 'If-Match': read.headers.get('etag') });
  assert.equal(res.status, 200, res.text);
  await sameAsRecount('attendance corrected');

  // What the maintenance process does every few seconds here (every minute in service).
  assert.ok(Number(sql('SELECT stats_days_fold()')) >= 0);
  await sameAsRecount('folded');
});

test('a write moves the figures at once', async () => {
  const q = { from: today, to: today, commune_id: COMMUNE };
  const base = await answered('overview', q);
  const baseBy = (await answered('breakdown', { by: 'commune', from: today, to: today })).items
    .find((r) => r.key === String(COMMUNE)) ?? { raised: 0, answered: 0, escalated: 0, closed: 0, open: 0, overdue: 0 };
  const x = await raise('x');
  const y = await raise('y');
  let now = await answered('overview', q);
  assert.equal(now.raised - base.raised, 2);
  assert.equal(now.open - base.open, 2);
  await act(officer, x.id, { action: 'answer', answer: 'Trả lời ngay.' });
  now = await answered('overview', q);
  assert.equal(now.answered - base.answered, 1);
  assert.equal(now.open - base.open, 1);
  assert.equal(typeof now.median_hours_to_answer, 'number');
  await act(commune, x.id, { action: 'confirm' });
  await act(head, y.id, { action: 'escalate', reason: 'Vượt thẩm quyền' });
  now = await answered('overview', q);
  assert.equal(now.closed - base.closed, 1);
  assert.equal(now.escalated - base.escalated, 1);
  assert.equal(now.open - base.open, 1, 'the escalated one is open');
  assert.equal(now.overdue - base.overdue, 0, 'not due yet');
  const row = (await answered('breakdown', { by: 'commune', from: today, to: today })).items
    .find((r) => r.key === String(COMMUNE));
  assert.deepEqual(
    { raised: row.raised - baseBy.raised, answered: row.answered - baseBy.answered, escalated: row.escalated - baseBy.escalated,
      closed: row.closed - baseBy.closed, open: row.open - baseBy.open },
    { raised: 2, answered: 1, escalated: 1, closed: 1, open: 1 },
  );
});

test('a day ends at midnight in Vietnam: 16:59:59.999999 UTC is the day before, 17:00 UTC the next', async () => {
  // 2024-03-31 is the last day of a month and of a week (Monday 2024-04-01 starts the next):
  // the day rows, the month rows and the weekly periods all meet at this midnight. Figures are
  // compared with those before this test (a run before may have left issues there).
  const last = '2024-03-31';
  const first = '2024-04-01';
  const before = '2024-03-31 16:59:59.999999+00';
  const after = '2024-03-31 17:00:00+00';
  const figures = async () => {
    const ranges = { last: [last, last], first: [first, first], march: ['2024-03-01', last], april: [first, '2024-04-30'] };
    const out = {};
    for (const [k, [from, to]] of Object.entries(ranges)) {
      const q = { from, to, commune_id: COMMUNE };
      out[k] = await answered('overview', q);
      assert.deepEqual(out[k], recount('overview', q), k);
    }
    const all = { from: '2024-03-01', to: '2024-04-30' };
    assert.deepEqual(await answered('overview', all), recount('overview', all), 'every commune');
    const wq = { from: '2024-03-25', to: '2024-04-07', weeks: 1, commune_id: COMMUNE };
    const week = await answered('weekly', wq);
    assert.deepEqual(week, recount('weekly', wq), 'weeks');
    out.weeks = week.items.map((p) => [p.raised, p.answered]);
    return out;
  };
  const base = await figures();
  const moved = (f, what) => ['last', 'first', 'march', 'april'].map((k) => f[k][what] - base[k][what]);
  const weeks = (f) => f.weeks.map(([r, a], i) => [r - base.weeks[i][0], a - base.weeks[i][1]]);

  // Raised: the creation time moved just before, then onto, the Vietnam midnight.
  const p = await raise('p');
  sql(`UPDATE issues SET created_at = '${before}' WHERE id = ${p.id}`);
  let f = await figures();
  assert.deepEqual(moved(f, 'raised'), [1, 0, 1, 0]);
  assert.deepEqual(weeks(f), [[1, 0], [0, 0]]);
  sql(`UPDATE issues SET created_at = '${after}' WHERE id = ${p.id}`);
  f = await figures();
  assert.deepEqual(moved(f, 'raised'), [0, 1, 0, 1]);
  assert.deepEqual(weeks(f), [[0, 0], [1, 0]]);

  // First answers: two issues answered one microsecond apart across the midnight.
  const q1 = await raise('q1');
  const q2 = await raise('q2');
  sql(`UPDATE issues SET created_at = '2024-03-30 01:00:00+00' WHERE id IN (${q1.id}, ${q2.id})`);
  sql(`UPDATE issues SET answered_at = '${before}' WHERE id = ${q1.id}`);
  sql(`UPDATE issues SET answered_at = '${after}' WHERE id = ${q2.id}`);
  f = await figures();
  assert.deepEqual(moved(f, 'answered'), [1, 1, 1, 1]);
  assert.deepEqual(weeks(f), [[2, 1], [1, 1]]);
  if (base.last.answered === 0) {
    assert.equal(f.last.median_hours_to_answer, 40, '2024-03-30 08:00 to 23:59:59.999999, Vietnam time');
  }

  // Closes: an issue answered and confirmed, its closing time moved across the midnight.
  const r = await raise('r');
  await act(officer, r.id, { action: 'answer', answer: 'Trả lời.' });
  await act(commune, r.id, { action: 'confirm' });
  sql(`UPDATE issues SET closed_at = '${before}' WHERE id = ${r.id}`);
  f = await figures();
  assert.deepEqual(moved(f, 'closed'), [1, 0, 1, 0]);
  sql(`UPDATE issues SET closed_at = '${after}' WHERE id = ${r.id}`);
  f = await figures();
  assert.deepEqual(moved(f, 'closed'), [0, 1, 0, 1]);

  // The breakdowns of those days, unfiltered and by the commune, against the recount.
  for (const by of ['field', 'commune', 'department', 'level', 'period']) {
    for (const [from, to] of [[last, last], [first, first], ['2024-03-01', '2024-04-30']]) {
      for (const q of [{ by, from, to }, { by, from, to, commune_id: COMMUNE }]) {
        assert.deepEqual(await answered('breakdown', q), recount('breakdown', q), `${by} ${from} ${q.commune_id ?? ''}`);
      }
    }
  }
});

test('the kept counts equal the issues\' own, and folding the deltas changes no figure', async () => {
  assert.equal(drift(), '0');
  const q = { from: addDays(today, -365), to: today };
  const kept = [await answered('overview', q), await answered('breakdown', { by: 'field', ...q })];
  sql('SELECT stats_days_fold()');
  assert.equal(drift(), '0');
  assert.deepEqual([await answered('overview', q), await answered('breakdown', { by: 'field', ...q })], kept);
});
