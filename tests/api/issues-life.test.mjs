// The lives of issues from the users' side (docs/issues.md, DESIGN §3): raised by a commune,
// accepted, answered, confirmed; returned and resubmitted; rerouted; escalated to UBND tỉnh
// and on to a ministry; reopened; withdrawn; closed by itself; and the timeline that keeps
// every step with who did it.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from './lib.mjs';
import { UNIT, allowedFor, runTag, signInAll, vnToday, waitFor } from './issues-helpers.mjs';

const TAG = runTag('life');
let u; // callers by role
let ministry; // a central ministry from GET /units?kind=central

before(async () => {
  u = await signInAll({
    commune: 'xa.hacthanh', officer: 'sxd.chuyenvien', head: 'sxd.lanhdao',
    syt: 'syt.chuyenvien', office: 'vpubnd.chuyenvien', leader: 'lanhdao.tinh',
  });
  const res = await u.commune.get('/units?kind=central');
  assert.equal(res.status, 200);
  ministry = res.body.items.find((m) => m.code === 'BXD');
  assert.ok(ministry, 'Bộ Xây dựng is among the central units');
});

/** The actions and states of a timeline, in order. */
const steps = (events) => events.map((e) => [e.action, e.from_state, e.to_state]);

test('raise → accept → answer with legal basis → confirm: closed, every step on the timeline', async () => {
  const created = await u.commune.raise(TAG);
  assert.equal(created.state, 'submitted');
  assert.match(created.code, new RegExp(`^KN-${vnToday().slice(0, 4)}-\\d{6,}$`));
  assert.equal(created.holder.id, UNIT.sxd, 'the field xay-dung has one department: Sở Xây dựng');
  assert.equal(created.lead.id, UNIT.sxd);
  assert.equal(created.level, 'department');
  assert.equal(created.commune.id, UNIT.hacThanh);
  assert.equal(created.version, 1);
  assert.deepEqual(created.allowed_actions, ['withdraw']);

  const seen = await u.officer.issue(created.id);
  assert.deepEqual(seen.allowed_actions, ['accept', 'answer', 'propose_escalation', 'reroute', 'return']);
  const headSeen = await u.head.issue(created.id);
  assert.deepEqual(headSeen.allowed_actions, ['accept', 'answer', 'escalate', 'reroute', 'return']);

  const accepted = await u.officer.must(created.id, 'accept');
  assert.equal(accepted.state, 'in_progress');
  assert.equal(accepted.holder.id, UNIT.sxd);
  assert.equal(accepted.held_since, created.held_since, 'the holder did not change');
  assert.equal(accepted.due_date, created.due_date);
  assert.equal(accepted.version, 2);

  const answerText = `Đề nghị xã hướng dẫn người dân nộp hồ sơ cấp phép tại bộ phận một cửa (${TAG}).`;
  const answered = await u.officer.must(created.id, 'answer', {
    answer: answerText, legal_basis: 'Nghị định 175/2024/NĐ-CP, Điều 41',
  });
  assert.equal(answered.state, 'answered');
  assert.equal(answered.answer, answerText);
  assert.equal(answered.legal_basis, 'Nghị định 175/2024/NĐ-CP, Điều 41');
  assert.equal(answered.answered_by.id, UNIT.sxd);
  assert.ok(answered.answered_at);
  assert.equal(answered.holder.id, UNIT.hacThanh, 'the answer goes back to the commune');
  assert.equal(answered.level, 'commune');
  assert.deepEqual(answered.allowed_actions, [], 'the department has nothing left to do');

  const forCommune = await u.commune.issue(created.id);
  assert.deepEqual(forCommune.allowed_actions, ['confirm', 'reopen']);
  const closed = await u.commune.must(created.id, 'confirm');
  assert.equal(closed.state, 'closed');
  assert.ok(closed.closed_at);
  assert.deepEqual(closed.allowed_actions, ['reopen']);

  const events = await u.commune.events(created.id);
  assert.deepEqual(steps(events), [
    ['created', null, 'submitted'],
    ['accept', 'submitted', 'in_progress'],
    ['answer', 'in_progress', 'answered'],
    ['confirm', 'answered', 'closed'],
  ]);
  assert.deepEqual(events.map((e) => e.actor?.id), [
    u.commune.user.id, u.officer.user.id, u.officer.user.id, u.commune.user.id,
  ]);
  assert.deepEqual(events.map((e) => e.unit?.id), [UNIT.hacThanh, UNIT.sxd, UNIT.sxd, UNIT.hacThanh]);
  assert.equal(events[2].note, answerText);
  assert.equal(events[2].data.legal_basis, 'Nghị định 175/2024/NĐ-CP, Điều 41');
});

test('return with a reason → the commune edits with If-Match → resubmits → the department answers', async () => {
  const issue = await u.commune.raise(TAG);
  const returned = await u.officer.must(issue.id, 'return', { reason: 'Đề nghị bổ sung sơ đồ vị trí thửa đất' });
  assert.equal(returned.state, 'returned');
  assert.equal(returned.holder.id, UNIT.hacThanh);
  assert.equal(returned.level, 'commune');
  assert.equal(returned.lead.id, UNIT.sxd);

  const mine = await u.commune.get(`/issues/${issue.id}`);
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.allowed_actions, ['resubmit', 'withdraw']);
  const newTitle = `Vướng mắc cấp phép xây dựng (đã bổ sung sơ đồ) ${TAG}`;
  const edited = await u.commune.patch(`/issues/${issue.id}`,
    { title: newTitle, description: 'Đã bổ sung sơ đồ vị trí.' }, { 'If-Match': mine.headers.get('etag') });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.title, newTitle);
  assert.equal(edited.body.description, 'Đã bổ sung sơ đồ vị trí.');
  assert.equal(edited.body.version, mine.body.version + 1);
  // nginx marks the ETag weak (W/) when it gzips the JSON; the version is what counts.
  assert.match(edited.headers.get('etag'), new RegExp(`^(W/)?"${mine.body.version + 1}"$`));

  const resubmitted = await u.commune.must(issue.id, 'resubmit');
  assert.equal(resubmitted.state, 'submitted');
  assert.equal(resubmitted.holder.id, UNIT.sxd);
  assert.equal(resubmitted.level, 'department');

  const answered = await u.officer.must(issue.id, 'answer', { answer: 'Hồ sơ đã đủ, đề nghị xã hướng dẫn người dân.' });
  assert.equal(answered.state, 'answered');
  assert.equal(answered.title, newTitle);

  const events = await u.officer.events(issue.id);
  assert.deepEqual(steps(events), [
    ['created', null, 'submitted'],
    ['return', 'submitted', 'returned'],
    ['edited', null, null],
    ['resubmit', 'returned', 'submitted'],
    ['answer', 'submitted', 'answered'],
  ]);
  assert.equal(events[1].note, 'Đề nghị bổ sung sơ đồ vị trí thửa đất');
  assert.equal(events[2].data.before.title, issue.title);
  assert.equal(events[2].data.after.title, newTitle);
});

test('reroute to another department: holder and lead change, the new one has it in its inbox, the old one lost it', async () => {
  const issue = await u.commune.raise(TAG);
  const rerouted = await u.officer.must(issue.id, 'reroute', {
    unit_id: UNIT.syt, reason: 'Nội dung thuộc lĩnh vực y tế',
  });
  assert.equal(rerouted.state, 'submitted');
  assert.equal(rerouted.holder.id, UNIT.syt);
  assert.equal(rerouted.lead.id, UNIT.syt);
  assert.equal(rerouted.level, 'department');

  const inbox = await u.syt.listIds(`holder_unit_id=${UNIT.syt}&state=submitted&sort=due_asc`);
  assert.ok(inbox.includes(issue.id), 'Sở Y tế has it in its inbox');
  const forSyt = await u.syt.issue(issue.id);
  assert.deepEqual(forSyt.allowed_actions, ['accept', 'answer', 'propose_escalation', 'reroute', 'return']);

  const oldInbox = await u.officer.listIds('');
  assert.ok(!oldInbox.includes(issue.id), 'Sở Xây dựng no longer lists it');
  const old = await u.officer.get(`/issues/${issue.id}`);
  assert.equal(old.status, 404, 'Sở Xây dựng neither holds, leads, supports nor answered it any more');
  const act = await u.officer.act(issue.id, 'answer', { answer: 'Trả lời muộn' });
  assert.equal(act.status, 404);

  const answered = await u.syt.must(issue.id, 'answer', { answer: 'Sở Y tế hướng dẫn như sau.' });
  assert.equal(answered.answered_by.id, UNIT.syt);
  const events = await u.commune.events(issue.id);
  assert.deepEqual(steps(events).slice(1), [
    ['reroute', 'submitted', 'submitted'],
    ['answer', 'submitted', 'answered'],
  ]);
  assert.equal(events[1].data.unit_id, UNIT.syt);
  assert.equal(events[1].note, 'Nội dung thuộc lĩnh vực y tế');
});

test('the officer proposes escalation, the head escalates to UBND tỉnh, the province office resolves', async () => {
  const issue = await u.commune.raise(TAG);
  await u.officer.must(issue.id, 'accept');
  const proposed = await u.officer.must(issue.id, 'propose_escalation', { reason: 'Vượt thẩm quyền của Sở' });
  assert.equal(proposed.state, 'in_progress', 'a proposal changes nothing but the timeline');
  assert.equal(proposed.holder.id, UNIT.sxd);

  const escalated = await u.head.must(issue.id, 'escalate', { reason: 'Cần UBND tỉnh quyết định' });
  assert.equal(escalated.state, 'escalated_province');
  assert.equal(escalated.holder.id, UNIT.ubndTinh);
  assert.equal(escalated.holder.kind, 'province');
  assert.equal(escalated.level, 'province');
  assert.equal(escalated.lead.id, UNIT.sxd, 'the lead department stays');

  const forOffice = await u.office.issue(issue.id);
  assert.deepEqual(forOffice.allowed_actions, ['forward_central', 'resolve', 'send_back']);
  const forHead = await u.head.issue(issue.id);
  assert.deepEqual(forHead.allowed_actions, [], 'the department follows it but no longer acts');
  const officeInbox = await u.office.listIds(`level=province&state=escalated_province`);
  assert.ok(officeInbox.includes(issue.id));

  const resolved = await u.office.must(issue.id, 'resolve', { answer: 'UBND tỉnh giao UBND xã thực hiện theo quy định.' });
  assert.equal(resolved.state, 'answered');
  assert.equal(resolved.answer, 'UBND tỉnh giao UBND xã thực hiện theo quy định.');
  assert.equal(resolved.holder.id, UNIT.hacThanh);
  assert.deepEqual((await u.commune.issue(issue.id)).allowed_actions, ['confirm', 'reopen']);

  const events = await u.leader.events(issue.id);
  assert.deepEqual(steps(events), [
    ['created', null, 'submitted'],
    ['accept', 'submitted', 'in_progress'],
    ['propose_escalation', 'in_progress', 'in_progress'],
    ['escalate', 'in_progress', 'escalated_province'],
    ['resolve', 'escalated_province', 'answered'],
  ]);
  assert.equal(events[3].actor.id, u.head.user.id);
  assert.equal(events[4].unit.id, UNIT.vpubnd);
});

test('the province office sends an escalated issue back to the lead department', async () => {
  const issue = await u.commune.raise(TAG);
  await u.head.must(issue.id, 'escalate', { reason: 'Đề nghị UBND tỉnh cho ý kiến' });
  const back = await u.office.must(issue.id, 'send_back', { reason: 'Thuộc thẩm quyền của Sở, đề nghị Sở trả lời' });
  assert.equal(back.state, 'in_progress');
  assert.equal(back.holder.id, UNIT.sxd);
  assert.equal(back.level, 'department');
  assert.deepEqual((await u.officer.issue(issue.id)).allowed_actions,
    ['answer', 'propose_escalation', 'reroute', 'return']);
});

test('escalate → forward to a ministry with the dispatch → record its reply → the commune confirms', async () => {
  const issue = await u.commune.raise(TAG);
  await u.head.must(issue.id, 'escalate', { reason: 'Vượt thẩm quyền của tỉnh' });
  const today = vnToday();
  const forwarded = await u.office.must(issue.id, 'forward_central', {
    ministry_id: ministry.id, dispatch_no: '1234/UBND-CN', dispatch_date: today,
  });
  assert.equal(forwarded.state, 'escalated_central');
  assert.equal(forwarded.holder.id, ministry.id);
  assert.equal(forwarded.holder.kind, 'central');
  assert.equal(forwarded.level, 'central');
  assert.equal(forwarded.ministry.id, ministry.id);
  assert.equal(forwarded.dispatch_no, '1234/UBND-CN');
  assert.equal(forwarded.dispatch_date, today);

  const forOffice = await u.office.issue(issue.id);
  assert.deepEqual(forOffice.allowed_actions, ['record_reply'],
    'the province office records the ministry\'s reply while the ministry holds it');
  const reply = `Bộ Xây dựng trả lời tại Công văn 567/BXD-HĐXD (${TAG}).`;
  const answered = await u.office.must(issue.id, 'record_reply', { answer: reply });
  assert.equal(answered.state, 'answered');
  assert.equal(answered.ministry_reply, reply);
  assert.equal(answered.answer, reply);
  assert.equal(answered.holder.id, UNIT.hacThanh);

  const closed = await u.commune.must(issue.id, 'confirm');
  assert.equal(closed.state, 'closed');
  const events = await u.commune.events(issue.id);
  assert.deepEqual(steps(events), [
    ['created', null, 'submitted'],
    ['escalate', 'submitted', 'escalated_province'],
    ['forward_central', 'escalated_province', 'escalated_central'],
    ['record_reply', 'escalated_central', 'answered'],
    ['confirm', 'answered', 'closed'],
  ]);
  assert.equal(events[2].data.dispatch_no, '1234/UBND-CN');
  assert.equal(events[2].data.ministry_id, ministry.id);
});

test('reopen within the window: from answered and from closed, back to the lead department', async () => {
  const a = await u.commune.raise(TAG);
  await u.officer.must(a.id, 'answer', { answer: 'Trả lời lần 1' });
  const reopened = await u.commune.must(a.id, 'reopen', { reason: 'Câu trả lời chưa rõ về thời hạn' });
  assert.equal(reopened.state, 'reopened');
  assert.equal(reopened.holder.id, UNIT.sxd);
  assert.equal(reopened.level, 'department');
  assert.deepEqual((await u.officer.issue(a.id)).allowed_actions, ['accept', 'answer', 'propose_escalation']);
  const again = await u.officer.must(a.id, 'answer', { answer: 'Trả lời lần 2: thời hạn 20 ngày' });
  assert.equal(again.state, 'answered');
  assert.equal(again.answer, 'Trả lời lần 2: thời hạn 20 ngày');

  const b = await u.commune.raise(TAG);
  await u.officer.must(b.id, 'answer', { answer: 'Đã trả lời' });
  await u.commune.must(b.id, 'confirm');
  const fromClosed = await u.commune.must(b.id, 'reopen', { reason: 'Phát sinh vướng mắc mới' });
  assert.equal(fromClosed.state, 'reopened');
  assert.equal(fromClosed.closed_at, null);
  assert.equal(fromClosed.holder.id, UNIT.sxd);
  const events = await u.commune.events(b.id);
  assert.deepEqual(steps(events).slice(-1), [['reopen', 'closed', 'reopened']]);
  assert.equal(events.at(-1).note, 'Phát sinh vướng mắc mới');
});

test('withdraw: from submitted and from in_progress; nobody can act on it afterwards', async () => {
  const a = await u.commune.raise(TAG);
  const w = await u.commune.must(a.id, 'withdraw');
  assert.equal(w.state, 'withdrawn');
  assert.deepEqual(w.allowed_actions, []);
  assert.deepEqual((await u.officer.issue(a.id)).allowed_actions, []);
  const late = await u.officer.act(a.id, 'answer', { answer: 'Trả lời' });
  assert.equal(late.status, 422);
  assert.equal(late.body.error.code, 'transition_not_allowed');

  const b = await u.commune.raise(TAG);
  await u.officer.must(b.id, 'accept');
  const w2 = await u.commune.must(b.id, 'withdraw');
  assert.equal(w2.state, 'withdrawn');
  const events = await u.commune.events(b.id);
  assert.deepEqual(steps(events).slice(-1), [['withdraw', 'in_progress', 'withdrawn']]);
});

test('an answered issue nobody reacts to closes by itself after 10 days', async () => {
  const issue = await u.commune.raise(TAG);
  await u.officer.must(issue.id, 'answer', { answer: 'Trả lời, chờ xã xác nhận' });
  sql(`UPDATE issues SET answered_at = now() - interval '11 days' WHERE id = ${issue.id}`);
  // The maintenance process runs every TS_MAINTENANCE_INTERVAL (2 s in tests/run).
  const closed = await waitFor(async () => {
    const i = await u.commune.issue(issue.id);
    return i.state === 'closed' ? i : null;
  }, { timeoutMs: 6500, what: `auto-close of issue ${issue.id}` });
  assert.ok(closed.closed_at);
  const events = await u.commune.events(issue.id);
  const last = events.at(-1);
  assert.equal(last.action, 'auto_close');
  assert.equal(last.from_state, 'answered');
  assert.equal(last.to_state, 'closed');
  assert.equal(last.actor, null, 'nobody did it: the system did');
  assert.equal(events.filter((e) => e.action === 'auto_close').length, 1);
});

test('comments from the commune, the department and the leadership appear on the timeline in order', async () => {
  const issue = await u.commune.raise(TAG);
  const c1 = await u.commune.post(`/issues/${issue.id}/comments`, { text: 'Xã gửi thêm thông tin về hiện trạng.' });
  assert.equal(c1.status, 201, c1.text);
  assert.equal(typeof c1.body.id, 'number');
  await u.officer.must(issue.id, 'accept');
  const c2 = await u.officer.post(`/issues/${issue.id}/comments`, { text: 'Sở đang xin ý kiến Sở Tài chính.' });
  assert.equal(c2.status, 201, c2.text);
  const c3 = await u.leader.post(`/issues/${issue.id}/comments`, { text: 'Đề nghị Sở sớm trả lời.' });
  assert.equal(c3.status, 201, c3.text);
  await u.officer.must(issue.id, 'answer', { answer: 'Trả lời sau khi có ý kiến.' });

  const events = await u.commune.events(issue.id);
  assert.deepEqual(events.map((e) => e.action), ['created', 'comment', 'accept', 'comment', 'comment', 'answer']);
  const comments = events.filter((e) => e.action === 'comment');
  assert.deepEqual(comments.map((e) => e.id), [c1.body.id, c2.body.id, c3.body.id]);
  assert.deepEqual(comments.map((e) => e.note), [
    'Xã gửi thêm thông tin về hiện trạng.', 'Sở đang xin ý kiến Sở Tài chính.', 'Đề nghị Sở sớm trả lời.',
  ]);
  assert.deepEqual(comments.map((e) => e.actor.full_name), [
    u.commune.user.full_name, u.officer.user.full_name, u.leader.user.full_name,
  ]);
  assert.deepEqual(comments.map((e) => e.unit.name), ['Phường Hạc Thành', 'Sở Xây dựng', 'Ủy ban nhân dân tỉnh Thanh Hóa']);
  assert.deepEqual(comments.map((e) => [e.from_state, e.to_state]), [[null, null], [null, null], [null, null]]);
  for (let i = 1; i < events.length; i += 1) {
    assert.ok(events[i].id > events[i - 1].id, 'events come in the order they happened');
    assert.ok(Date.parse(events[i].at) >= Date.parse(events[i - 1].at));
  }
  const empty = await u.commune.post(`/issues/${issue.id}/comments`, { text: '' });
  assert.equal(empty.status, 400);
});

test('a description and an answer written in several paragraphs keep their line breaks', async () => {
  const description = 'Hiện trạng:\n- Thửa đất số 12, tờ bản đồ 5.\n\nĐề nghị:\nHướng dẫn thủ tục cấp phép.';
  const res = await u.commune.post('/issues', {
    title: `Vướng mắc nhiều đoạn ${TAG}`, description, field: 'xay-dung', kind: 'proposal',
  });
  assert.equal(res.status, 201, `multi-line description refused: ${res.text.slice(0, 200)}`);
  assert.equal(res.body.description, description);
  const answer = 'Trả lời:\n1. Nộp hồ sơ tại bộ phận một cửa.\n2. Thời hạn 20 ngày.';
  const answered = await u.officer.act(res.body.id, 'answer', { answer });
  assert.equal(answered.status, 200, `multi-line answer refused: ${answered.text.slice(0, 200)}`);
  assert.equal(answered.body.answer, answer);
});

test('allowed_actions on every issue matches the transition table for each caller', async () => {
  const issue = await u.commune.raise(TAG);
  await u.officer.must(issue.id, 'accept');
  for (const c of [u.commune, u.officer, u.head, u.office, u.leader]) {
    const i = await c.issue(issue.id);
    assert.deepEqual(i.allowed_actions, allowedFor(i, c.user.role, c.user.unit.id), c.username);
  }
});

test('raising: the one department of the field leads; a field of several needs lead_unit_id', async () => {
  const body = { title: `Vướng mắc an toàn thực phẩm bếp ăn trường học ${TAG}`, description: 'Đề nghị hướng dẫn.', field: 'an-toan-thuc-pham', kind: 'difficulty' };
  const res = await u.commune.post('/issues', body);
  assert.equal(res.status, 422, res.text);
  assert.equal(res.body.error.code, 'lead_required');
  assert.deepEqual([...res.body.error.details.candidates].sort(), [105, 106, 111]);
  const chosen = await u.commune.post('/issues', { ...body, lead_unit_id: UNIT.syt, supporting_unit_ids: [106] });
  assert.equal(chosen.status, 201, chosen.text);
  assert.equal(chosen.body.lead.id, UNIT.syt);
  assert.equal(chosen.body.holder.id, UNIT.syt);
  assert.deepEqual(chosen.body.supporting.map((s) => s.id), [106]);
  const wrong = await u.commune.post('/issues', { ...body, lead_unit_id: UNIT.sxd });
  assert.equal(wrong.status, 422, 'Sở Xây dựng does not handle food safety');
  const short = await u.commune.post('/issues', { ...body, title: 'ab', lead_unit_id: UNIT.syt });
  assert.equal(short.status, 400);
  assert.equal(short.body.error.details.field, 'title');
  const noKind = await u.commune.post('/issues', { title: body.title, description: 'x', field: 'xay-dung' });
  assert.equal(noKind.status, 400);
  assert.equal(noKind.body.error.details.field, 'kind');
  const badKind = await u.commune.post('/issues', { ...body, field: 'xay-dung', kind: 'complaint' });
  assert.equal(badKind.status, 400);
  const dept = await u.officer.post('/issues', { ...body, field: 'xay-dung' });
  assert.equal(dept.status, 403, 'only communes raise issues');
});
