// The department list reads issue_scope (migration 0007), a narrow copy of "who relates to
// which issue" kept in step with issues by triggers. If it drifted, a department would list
// issues it may not open or miss ones in its inbox. These tests walk an issue through the
// changes that move it between departments and check, after each, that the copy says exactly
// what the issue says, and that the department's list shows what it may open.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from './lib.mjs';
import { UNIT, runTag, signInAll } from './issues-helpers.mjs';

const TAG = runTag('scope');
let u;

before(async () => {
  u = await signInAll({
    commune: 'xa.hacthanh', officer: 'sxd.chuyenvien', head: 'sxd.lanhdao', syt: 'syt.chuyenvien',
  });
});

// The rows issue_scope must hold for an issue (or every issue), derived from issues itself.
const EXPECTED = `
  SELECT DISTINCT r.unit_id, i.id, i.due_date, i.created_at, i.state, i.field_slug, i.kind,
         i.level, i.commune_id, i.holder_unit_id, i.group_id
  FROM issues i CROSS JOIN LATERAL (
    SELECT i.holder_unit_id UNION ALL SELECT i.lead_unit_id
    UNION ALL SELECT i.answered_by_unit WHERE i.answered_by_unit IS NOT NULL
    UNION ALL SELECT s.unit_id FROM issue_supporting_units s WHERE s.issue_id = i.id) r (unit_id)`;
const ACTUAL = `SELECT unit_id, id, due_date, created_at, state, field_slug, kind, level,
  commune_id, holder_unit_id, group_id FROM issue_scope`;

/** Rows that differ between the copy and the issues (for one issue, or all). */
function drift(id) {
  const e = id ? `${EXPECTED} WHERE i.id = ${Number(id)}` : EXPECTED;
  const a = id ? `${ACTUAL} WHERE id = ${Number(id)}` : ACTUAL;
  return sql(`SELECT count(*) FROM ((${e} EXCEPT ${a}) UNION ALL (${a} EXCEPT ${e})) d`);
}

/** The departments whose copy lists the issue, sorted. */
function scopeUnits(id) {
  const out = sql(`SELECT string_agg(unit_id::text, ',' ORDER BY unit_id) FROM issue_scope WHERE id = ${Number(id)}`);
  return out ? out.split(',').map(Number) : [];
}

async function listedBy(caller, id) {
  return (await caller.listIds(`q=${TAG}&sort=due_asc`)).includes(id);
}

test('raise, support, stop supporting, reroute, answer: the copy follows every step and the lists with it', async () => {
  const issue = await u.commune.raise(TAG);
  assert.equal(drift(issue.id), '0');
  assert.deepEqual(scopeUnits(issue.id), [UNIT.sxd]);
  assert.ok(await listedBy(u.officer, issue.id), 'Sở Xây dựng lists what it holds');
  assert.ok(!(await listedBy(u.syt, issue.id)), 'Sở Y tế does not list what it has nothing to do with');

  const cur = await u.head.get(`/issues/${issue.id}`);
  const sup = await u.head.patch(`/issues/${issue.id}`, { supporting_unit_ids: [UNIT.syt] }, { 'If-Match': cur.headers.get('etag') });
  assert.equal(sup.status, 200, sup.text);
  assert.equal(drift(issue.id), '0');
  assert.deepEqual(scopeUnits(issue.id), [UNIT.sxd, UNIT.syt]);
  assert.ok(await listedBy(u.syt, issue.id), 'a supporting department lists it');

  const cur2 = await u.head.get(`/issues/${issue.id}`);
  const unsup = await u.head.patch(`/issues/${issue.id}`, { supporting_unit_ids: [] }, { 'If-Match': cur2.headers.get('etag') });
  assert.equal(unsup.status, 200, unsup.text);
  assert.equal(drift(issue.id), '0');
  assert.deepEqual(scopeUnits(issue.id), [UNIT.sxd]);
  assert.ok(!(await listedBy(u.syt, issue.id)), 'no longer supporting, no longer listed');

  await u.officer.must(issue.id, 'accept');
  const inProgress = (await u.officer.get(`/issues?q=${TAG}&state=in_progress&limit=200`)).body.items;
  assert.ok(inProgress.some((i) => i.id === issue.id && i.state === 'in_progress'), 'the state filter sees the new state');
  assert.equal(drift(issue.id), '0');

  await u.officer.must(issue.id, 'reroute', { unit_id: UNIT.syt, reason: 'Thuộc lĩnh vực y tế' });
  assert.equal(drift(issue.id), '0');
  assert.deepEqual(scopeUnits(issue.id), [UNIT.syt]);
  assert.ok(!(await listedBy(u.officer, issue.id)), 'the old department lost it');
  const forSyt = (await u.syt.get(`/issues?q=${TAG}&holder_unit_id=${UNIT.syt}&limit=200`)).body.items;
  assert.ok(forSyt.some((i) => i.id === issue.id && i.holder.id === UNIT.syt), 'the new one lists it as holder');

  await u.syt.must(issue.id, 'answer', { answer: 'Sở Y tế hướng dẫn như sau.' });
  assert.equal(drift(issue.id), '0');
  const answered = (await u.syt.get(`/issues?q=${TAG}&state=answered&limit=200`)).body.items;
  assert.ok(answered.some((i) => i.id === issue.id), 'listed among answered');
});

// The totals of lists filtered by state only come from issue_list_counts (migration 0010):
// deltas per (unit, state), unit 0 for every issue.
const COUNTED = `SELECT unit_id, state, sum(n) AS n FROM issue_list_counts GROUP BY unit_id, state
  HAVING sum(n) <> 0`;
const COUNTS = `SELECT unit_id, state, count(*) AS n FROM issue_scope GROUP BY unit_id, state
  UNION ALL SELECT 0, state, count(*) FROM issues GROUP BY state`;
const countDrift = () => sql(`WITH kept AS (${COUNTED}), counted AS (${COUNTS})
  SELECT count(*) FROM ((TABLE kept EXCEPT TABLE counted) UNION ALL (TABLE counted EXCEPT TABLE kept)) d`);

test('the whole copy matches the issues, whatever the other tests did', () => {
  assert.equal(drift(null), '0');
  assert.ok(Number(sql('SELECT count(*) FROM issue_scope')) > 0);
  assert.equal(countDrift(), '0', 'the kept totals match the issues per unit and state');
});

test('a list total is the same whether it is kept or counted, and folding the deltas keeps it', async () => {
  // from=2000-01-01 matches every issue but makes the list count instead of reading the kept total.
  const all = '2000-01-01';
  for (const [who, states] of [[u.officer, ''], [u.officer, '&state=submitted,in_progress'], [u.syt, '&state=answered']]) {
    const kept = await who.get(`/issues?limit=1${states}`);
    const counted = await who.get(`/issues?limit=1${states}&from=${all}`);
    assert.equal(kept.status, 200, kept.text);
    assert.equal(kept.body.total, counted.body.total, `${who.username}${states}`);
  }
  const raised = await u.commune.raise(TAG);
  const before = (await u.officer.get('/issues?limit=1')).body.total;
  const folded = Number(sql('SELECT issue_list_counts_fold()'));
  assert.ok(folded >= 0);
  assert.equal((await u.officer.get('/issues?limit=1')).body.total, before, 'folding changes no total');
  assert.equal(countDrift(), '0');
  await u.officer.must(raised.id, 'accept');
  assert.equal((await u.officer.get('/issues?limit=1&state=in_progress')).body.total,
    (await u.officer.get(`/issues?limit=1&state=in_progress&from=${all}`)).body.total);
});
