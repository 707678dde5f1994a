// Every transition the table does not allow is refused with 422 transition_not_allowed and
// the actions the caller may take instead; a missing input is 400 missing_input naming the
// field; a refused request changes nothing (docs/issues.md, "Life of an issue").
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError, sql } from './lib.mjs';
import { TABLE, UNIT, allowedFor, runTag, signInAll, vnToday } from './issues-helpers.mjs';

const TAG = runTag('tuchoi');
let u;
let ministryId;
const at = {}; // state → an issue in that state

// Every input any action takes, valid, so that a refusal can only come from the table.
const ALL_INPUTS = () => ({
  answer: 'Nội dung trả lời', reason: 'Lý do', unit_id: UNIT.syt, ministry_id: ministryId,
  dispatch_no: '99/UBND-TH', dispatch_date: vnToday(),
});
const inputsFor = (action) => {
  const t = TABLE.find((r) => r.action === action);
  const all = ALL_INPUTS();
  return Object.fromEntries((t?.required ?? []).map((k) => [k, all[k]]));
};

before(async () => {
  u = await signInAll({
    commune: 'xa.hacthanh', officer: 'sxd.chuyenvien', head: 'sxd.lanhdao',
    office: 'vpubnd.chuyenvien', leader: 'lanhdao.tinh', affairs: 'snv.tonghop',
  });
  const central = await u.commune.get('/units?kind=central');
  ministryId = central.body.items.find((m) => m.code === 'BXD').id;
  const raise = () => u.commune.raise(TAG);
  at.submitted = await raise();
  at.in_progress = await raise();
  await u.officer.must(at.in_progress.id, 'accept');
  at.returned = await raise();
  await u.officer.must(at.returned.id, 'return', { reason: 'Thiếu hồ sơ' });
  at.answered = await raise();
  await u.officer.must(at.answered.id, 'answer', { answer: 'Đã trả lời' });
  at.closed = await raise();
  await u.officer.must(at.closed.id, 'answer', { answer: 'Đã trả lời' });
  await u.commune.must(at.closed.id, 'confirm');
  at.escalated_province = await raise();
  await u.head.must(at.escalated_province.id, 'escalate', { reason: 'Vượt thẩm quyền' });
  at.escalated_central = await raise();
  await u.head.must(at.escalated_central.id, 'escalate', { reason: 'Vượt thẩm quyền' });
  await u.office.must(at.escalated_central.id, 'forward_central', {
    ministry_id: ministryId, dispatch_no: '12/UBND-TH', dispatch_date: vnToday(),
  });
  at.reopened = await raise();
  await u.officer.must(at.reopened.id, 'answer', { answer: 'Đã trả lời' });
  await u.commune.must(at.reopened.id, 'reopen', { reason: 'Chưa rõ' });
  at.withdrawn = await raise();
  await u.commune.must(at.withdrawn.id, 'withdraw');
  for (const [state, issue] of Object.entries(at)) {
    at[state] = await u.commune.issue(issue.id);
    assert.equal(at[state].state, state, `setup: issue ${issue.id} is ${state}`);
  }
});

/** Asserts a 422 transition_not_allowed offering exactly `allowed`. */
function assertRefused(res, action, state, allowed) {
  const err = assertError(res, 422, 'transition_not_allowed');
  assert.deepEqual([...err.details.allowed_actions].sort(), [...allowed].sort(), `allowed_actions after ${action}`);
  assert.equal(err.details.state, state);
  assert.equal(err.details.action, action);
}

test('confirm by the department, answer by the commune, escalate by an officer, resolve while not escalated', async () => {
  const s = at.submitted.id;
  assertRefused(await u.officer.act(s, 'confirm'), 'confirm', 'submitted',
    ['accept', 'answer', 'propose_escalation', 'reroute', 'return']);
  assertRefused(await u.commune.act(s, 'answer', { answer: 'Xã tự trả lời' }), 'answer', 'submitted', ['withdraw']);
  assertRefused(await u.officer.act(s, 'escalate', { reason: 'Vượt thẩm quyền' }), 'escalate', 'submitted',
    ['accept', 'answer', 'propose_escalation', 'reroute', 'return']);
  assertRefused(await u.head.act(s, 'propose_escalation', { reason: 'Đề xuất' }), 'propose_escalation', 'submitted',
    ['accept', 'answer', 'escalate', 'reroute', 'return']);
  assertRefused(await u.office.act(s, 'resolve', { answer: 'UBND tỉnh trả lời' }), 'resolve', 'submitted', []);
  assertRefused(await u.office.act(at.in_progress.id, 'forward_central', inputsFor('forward_central')),
    'forward_central', 'in_progress', []);
  assertRefused(await u.commune.act(at.answered.id, 'withdraw'), 'withdraw', 'answered', ['confirm', 'reopen']);
  assertRefused(await u.commune.act(s, 'confirm'), 'confirm', 'submitted', ['withdraw']);
  assertRefused(await u.commune.act(s, 'resubmit'), 'resubmit', 'submitted', ['withdraw']);
  assertRefused(await u.officer.act(at.answered.id, 'accept'), 'accept', 'answered', []);
  assertRefused(await u.office.act(at.escalated_province.id, 'record_reply', { answer: 'Bộ trả lời' }),
    'record_reply', 'escalated_province', ['forward_central', 'resolve', 'send_back']);
  assertRefused(await u.officer.act(s, 'auto_close'), 'auto_close', 'submitted',
    ['accept', 'answer', 'propose_escalation', 'reroute', 'return']);
  assertRefused(await u.officer.act(s, 'approve'), 'approve', 'submitted',
    ['accept', 'answer', 'propose_escalation', 'reroute', 'return']);
});

test('home affairs and leadership read and comment but take no transition (403)', async () => {
  for (const c of [u.leader, u.affairs]) {
    const res = await c.act(at.submitted.id, 'accept');
    assertError(res, 403, 'forbidden');
  }
});

// The whole matrix: every state × every acting caller × every action the table does not
// give that caller now → 422 with the caller's allowed actions, nothing changed.
const ACTIONS = [...TABLE.map((t) => t.action), 'auto_close'];
const STATES = ['submitted', 'in_progress', 'returned', 'answered', 'closed', 'escalated_province',
  'escalated_central', 'reopened', 'withdrawn'];

for (const state of STATES) {
  test(`every action not allowed on a ${state} issue is refused with what is allowed`, async () => {
    const issue = at[state];
    const failures = [];
    let tried = 0;
    for (const c of [u.commune, u.officer, u.head, u.office]) {
      const allowed = allowedFor(issue, c.user.role, c.user.unit.id);
      const shown = (await c.issue(issue.id)).allowed_actions;
      if (JSON.stringify([...shown].sort()) !== JSON.stringify(allowed)) {
        failures.push(`${c.username}: GET shows allowed_actions ${JSON.stringify(shown)}, the table gives ${JSON.stringify(allowed)}`);
      }
      for (const action of ACTIONS) {
        if (allowed.includes(action)) continue;
        tried += 1;
        const res = await c.act(issue.id, action, inputsFor(action));
        const d = res.body?.error?.details;
        if (res.status !== 422 || res.body?.error?.code !== 'transition_not_allowed'
            || JSON.stringify([...(d?.allowed_actions ?? [])].sort()) !== JSON.stringify(allowed)) {
          failures.push(`${c.username} ${action}: expected 422 transition_not_allowed ${JSON.stringify(allowed)}, got ${res.status} ${res.body?.error?.code ?? res.text.slice(0, 100)} ${JSON.stringify(d?.allowed_actions)}`);
        }
      }
    }
    assert.ok(tried >= 30, 'the matrix tried many refusals');
    const after = await u.commune.issue(issue.id);
    assert.equal(after.version, issue.version, 'refusals changed nothing');
    assert.equal(after.state, state);
    assert.deepEqual(failures, [], `${failures.length} wrong answers:\n${failures.join('\n')}`);
  });
}

test('a missing or blank required input: 400 missing_input naming the field, nothing changed', async () => {
  const cases = [
    [u.officer, 'submitted', 'answer', {}, 'answer'],
    [u.officer, 'submitted', 'answer', { answer: '   ' }, 'answer'],
    [u.officer, 'submitted', 'return', {}, 'reason'],
    [u.officer, 'in_progress', 'reroute', { reason: 'Sai lĩnh vực' }, 'unit_id'],
    [u.officer, 'in_progress', 'reroute', { unit_id: UNIT.syt }, 'reason'],
    [u.officer, 'in_progress', 'propose_escalation', {}, 'reason'],
    [u.head, 'in_progress', 'escalate', {}, 'reason'],
    [u.office, 'escalated_province', 'resolve', {}, 'answer'],
    [u.office, 'escalated_province', 'forward_central', { dispatch_no: '1/UBND', dispatch_date: vnToday() }, 'ministry_id'],
    [u.office, 'escalated_province', 'forward_central', { ministry_id: ministryId, dispatch_date: vnToday() }, 'dispatch_no'],
    [u.office, 'escalated_province', 'forward_central', { ministry_id: ministryId, dispatch_no: '1/UBND' }, 'dispatch_date'],
    [u.office, 'escalated_province', 'send_back', {}, 'reason'],
    [u.commune, 'answered', 'reopen', {}, 'reason'],
    [u.commune, 'closed', 'reopen', { reason: '  ' }, 'reason'],
    [u.office, 'escalated_central', 'record_reply', {}, 'answer'],
  ];
  const failures = [];
  for (const [c, state, action, inputs, field] of cases) {
    const res = await c.act(at[state].id, action, inputs);
    if (res.status !== 400 || res.body?.error?.code !== 'missing_input' || res.body.error.details?.field !== field) {
      failures.push(`${c.username} ${action} on ${state} with ${JSON.stringify(inputs)}: expected 400 missing_input ${field}, got ${res.status} ${res.text.slice(0, 160)}`);
    }
  }
  // An empty string is refused before the table is consulted; it still names the field.
  const empty = assertError(await u.commune.act(at.closed.id, 'reopen', { reason: '' }), 400);
  assert.equal(empty.details.field, 'reason');
  for (const state of ['submitted', 'in_progress', 'escalated_province', 'answered', 'closed']) {
    const now = await u.commune.issue(at[state].id);
    assert.equal(now.version, at[state].version, `${state}: nothing changed`);
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('reopen after the 30-day window: 422, and reopen is no longer offered', async () => {
  const issue = await u.commune.raise(TAG);
  await u.officer.must(issue.id, 'answer', { answer: 'Đã trả lời' });
  await u.commune.must(issue.id, 'confirm');
  // Still inside the window one day before it ends.
  sql(`UPDATE issues SET answered_at = now() - interval '29 days', closed_at = now() - interval '29 days' WHERE id = ${issue.id}`);
  assert.deepEqual((await u.commune.issue(issue.id)).allowed_actions, ['reopen']);
  sql(`UPDATE issues SET answered_at = now() - interval '31 days', closed_at = now() - interval '31 days' WHERE id = ${issue.id}`);
  const closed = await u.commune.issue(issue.id);
  assert.deepEqual(closed.allowed_actions, []);
  assertRefused(await u.commune.act(issue.id, 'reopen', { reason: 'Mở lại quá hạn' }), 'reopen', 'closed', []);
  assert.equal((await u.commune.issue(issue.id)).state, 'closed');
});

test('a transition with an input it does not take, or of the wrong type: 400', async () => {
  const s = at.submitted.id;
  const unknown = assertError(await u.officer.act(s, 'answer', { answer: 'x', priority: 'cao' }), 400);
  assert.equal(unknown.details.field, 'priority');
  const badUnit = assertError(await u.officer.act(s, 'reroute', { unit_id: 'Sở Y tế', reason: 'x' }), 400);
  assert.equal(badUnit.details.field, 'unit_id');
  const badDate = assertError(await u.office.act(at.escalated_province.id, 'forward_central',
    { ministry_id: ministryId, dispatch_no: '1', dispatch_date: '21/08/2025' }), 400);
  assert.equal(badDate.details.field, 'dispatch_date');
  const noAction = assertError(await u.officer.post(`/issues/${s}/transitions`, { answer: 'x' }), 400);
  assert.equal(noAction.details.field, 'action');
  assert.equal((await u.officer.issue(s)).version, at.submitted.version);
});
