// A department's report from draft to frozen versions (docs/reporting.md, DESIGN §5): the
// department drafts its narrative, only its head submits, what was sent is a snapshot that
// later edits never change (the database itself refuses to alter it), Sở Nội vụ returns it
// with a reason, the corrected report is version 2, and every version stays readable. The
// leadership and the Party committee read the versions, never the draft; other departments
// read nothing.
import assert from 'node:assert/strict';
import { get as httpGet } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { before, test } from 'node:test';
import { BASE, assertError, sleep, sql } from './lib.mjs';
import {
  UNIT, addDays, createPeriod, download, futureWeek, parseCsv, runTag, signInAll, sqlError, vnAt,
} from './reporting-helpers.mjs';

const TAG = runTag('phienban');
let u;
let period;
let path;
const kept = {}; // what the tests read earlier, to compare with later

before(async () => {
  u = await signInAll({
    officer: 'sxd.chuyenvien', head: 'sxd.lanhdao', syt: 'syt.chuyenvien', snv: 'snv.tonghop',
    leader: 'lanhdao.tinh', party: 'tinhuy.theodoi', commune: 'xa.hacthanh', office: 'vpubnd.chuyenvien',
  });
  // A week far ahead: the trainings dated in it are this file's only.
  period = await createPeriod(u.snv, futureWeek());
  path = `/periods/${period.id}/reports/${UNIT.sxd}`;
});

const narrative = (n) => ({
  trainings: `Tổ chức hội nghị tập huấn cấp phép xây dựng (lần ${n}, ${TAG}).`,
  participants: `Cán bộ địa chính, xây dựng của các xã tham dự (lần ${n}).`,
  received: `Tiếp nhận các kiến nghị về thủ tục (lần ${n}).`,
  resolved: `Đã hướng dẫn theo thẩm quyền (lần ${n}).`,
  higher: `Không có (lần ${n}).`,
  other: `Đề nghị bổ sung biên chế cho bộ phận một cửa (lần ${n}).`,
});

async function training(who, n, attendance) {
  return who.must(201, 'POST', '/trainings', {
    title: `Tập huấn phiên bản ${TAG} số ${n}`, round: n, starts_at: vnAt(addDays(period.starts_on, n), '08:00'),
    format: 'in_person', attendance,
  });
}

test('the department drafts its narrative; only its head submits; the version freezes figures and narrative', async () => {
  kept.t1 = await training(u.officer, 1, [{ commune_id: UNIT.hacThanh, participants: 10 }, { commune_id: UNIT.quangPhu, participants: 5 }]);

  const empty = await u.officer.ok(path);
  assert.equal(empty.state, 'draft');
  assert.deepEqual(empty.versions, []);
  assert.deepEqual(empty.compiled.figures, { trainings: 1, participants: 15, communes_attended: 2, received: 0, resolved: 0, higher: 0 });

  const n1 = narrative(1);
  const saved = await u.officer.put(path, { narrative: { ...n1, other: 'bản nháp' } });
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.body.narrative.other, 'bản nháp');
  // Saving again with the version read; a stale version is refused.
  const v = saved.body.version;
  assertError(await u.officer.put(path, { narrative: n1 }, { 'If-Match': `"${v - 1}"` }), 412, 'stale_version');
  const again = await u.officer.put(path, { narrative: n1 }, { 'If-Match': `"${v}"` });
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.body.narrative, n1);
  assert.equal(again.body.state, 'draft');

  for (const [what, b] of [
    ['an unknown section', { narrative: { ...n1, khac: 'x' } }],
    ['a section that is not text', { narrative: { trainings: 3 } }],
    ['no narrative', {}],
    ['an unknown field', { narrative: n1, state: 'submitted' }],
  ]) {
    const res = await u.officer.put(path, b);
    assert.equal(res.status, 400, `${what}: ${res.text}`);
    assertError(res, 400);
  }

  // Who may not: the officer submits (403), another department reads or writes (403), a
  // commune and the province office read (403).
  assertError(await u.officer.post(`${path}/submit`), 403, 'forbidden');
  assertError(await u.syt.get(path), 403, 'forbidden');
  assertError(await u.syt.put(path, { narrative: narrative(9) }), 403, 'forbidden');
  assertError(await u.commune.get(path), 403, 'forbidden');
  assertError(await u.office.get(path), 403, 'forbidden');
  assert.deepEqual((await u.officer.ok(path)).narrative, n1, 'nothing of the refused requests was kept');

  const sent = await u.head.post(`${path}/submit`);
  assert.equal(sent.status, 200, sent.text);
  assert.equal(sent.body.state, 'submitted');
  assert.equal(sent.body.versions.length, 1);
  const v1 = sent.body.versions[0];
  assert.equal(v1.number, 1);
  assert.equal(v1.late_seconds, 0, 'the deadline is far ahead');
  assert.equal(v1.submitted_by, u.head.user.full_name);
  assert.equal(v1.returned_at, null);
  assert.equal(v1.return_reason, null);
  assert.ok(Math.abs(Date.parse(v1.submitted_at) - Date.now()) < 120000);
  assert.deepEqual(v1.snapshot.narrative, n1);
  assert.deepEqual(v1.snapshot.figures, empty.compiled.figures);
  assert.deepEqual(v1.snapshot.trainings.map((t) => t.id), [kept.t1.id]);
  assert.equal(v1.snapshot.unit.id, UNIT.sxd);
  assert.equal(v1.snapshot.period.id, period.id);
  kept.v1 = v1;

  assertError(await u.head.post(`${path}/submit`), 409, 'report_submitted');
  assert.equal((await u.head.ok(path)).versions.length, 1, 'submitting twice made no second version');
});

test('later changes never alter what was sent; the database refuses to change a snapshot', async () => {
  assert.ok(kept.v1, 'the report was submitted by the test before');
  const t2 = await training(u.officer, 2, [{ commune_id: UNIT.quangPhu, participants: 7 }]);
  const t1 = await u.officer.ok(`/trainings/${kept.t1.id}`);
  const patched = await u.officer.patch(`/trainings/${t1.id}`, { attendance: [{ commune_id: UNIT.hacThanh, participants: 40 }] },
    { 'If-Match': `"${t1.version}"` });
  assert.equal(patched.status, 200, patched.text);

  const now = await u.officer.ok(path);
  assert.deepEqual(now.compiled.figures, { trainings: 2, participants: 47, communes_attended: 2, received: 0, resolved: 0, higher: 0 },
    'the live figures follow the data');
  assert.deepEqual(now.versions[0], kept.v1, 'the version sent is unchanged');
  assert.ok(now.compiled.trainings.some((t) => t.id === t2.id));

  assertError(await u.officer.put(path, { narrative: narrative(2) }), 409, 'report_submitted');
  assert.deepEqual((await u.officer.ok(path)).narrative, kept.v1.snapshot.narrative);

  const where = `report_id = (SELECT id FROM reports WHERE period_id = ${period.id} AND unit_id = ${UNIT.sxd}) AND number = 1`;
  const refused = (q) => assert.match(sqlError(q), /frozen/, `the database refuses, snapshots being frozen: ${q}`);
  refused(`UPDATE report_versions SET snapshot = '{}' WHERE ${where}`);
  refused(`UPDATE report_versions SET snapshot = jsonb_set(snapshot, '{figures,trainings}', '99') WHERE ${where}`);
  refused(`UPDATE report_versions SET submitted_at = submitted_at - interval '1 day' WHERE ${where}`);
  refused(`DELETE FROM report_versions WHERE ${where}`);
  const stored = JSON.parse(sql(`SELECT snapshot FROM report_versions WHERE ${where}`));
  assert.deepEqual(stored, kept.v1.snapshot);
  assert.deepEqual((await u.snv.ok(path)).versions[0], kept.v1);
});

test('Sở Nội vụ returns it with a reason; the corrected report is version 2; both versions stay readable', async () => {
  assert.ok(kept.v1);
  assertError(await u.officer.post(`${path}/return`, { reason: 'Tự trả lại' }), 403, 'forbidden');
  assertError(await u.head.post(`${path}/return`, { reason: 'Tự trả lại' }), 403, 'forbidden');
  assertError(await u.snv.post(`${path}/return`, {}), 400, 'missing_field');
  assertError(await u.snv.post(`${path}/return`, { reason: '' }), 400);

  const reason = `Đề nghị bổ sung số liệu học viên theo từng xã (${TAG}).`;
  const returned = await u.snv.post(`${path}/return`, { reason });
  assert.equal(returned.status, 200, returned.text);
  assert.equal(returned.body.state, 'returned');
  assert.equal(returned.body.versions[0].return_reason, reason);
  assert.ok(returned.body.versions[0].returned_at);
  assert.deepEqual(returned.body.versions[0].snapshot, kept.v1.snapshot, 'returning does not touch what was sent');
  assertError(await u.snv.post(`${path}/return`, { reason }), 409, 'report_not_submitted');

  const board = await u.snv.ok(`/periods/${period.id}/compliance`);
  const row = board.items.find((i) => i.unit.id === UNIT.sxd);
  assert.equal(row.status, 'returned');
  assert.equal(row.return_reason, reason);

  const n2 = narrative(2);
  const fixed = await u.officer.put(path, { narrative: n2 });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.body.state, 'returned', 'still returned until it is sent again');
  const sent = await u.head.post(`${path}/submit`);
  assert.equal(sent.status, 200, sent.text);
  assert.equal(sent.body.state, 'submitted');
  assert.deepEqual(sent.body.versions.map((v) => v.number), [1, 2]);
  const [v1, v2] = sent.body.versions;
  assert.deepEqual(v1.snapshot, kept.v1.snapshot, 'version 1 is as it was sent');
  assert.equal(v1.return_reason, reason);
  assert.deepEqual(v2.snapshot.narrative, n2);
  assert.deepEqual(v2.snapshot.figures, { trainings: 2, participants: 47, communes_attended: 2, received: 0, resolved: 0, higher: 0 });
  assert.equal(v2.return_reason, null);
  assert.notDeepEqual(v1.snapshot, v2.snapshot);
  kept.v2 = v2;
  kept.reason = reason;

  const again = (await u.snv.ok(`/periods/${period.id}/compliance`)).items.find((i) => i.unit.id === UNIT.sxd);
  assert.equal(again.status, 'on_time');
  assert.equal(again.version, 2);

  // Each version can be exported: the summary of version 1 and of version 2 differ.
  const count = async (version) => {
    const res = await download(u.snv, `${path}/export?format=csv&version=${version}`);
    assert.equal(res.status, 200, res.text);
    const rows = parseCsv(res.text.replace(/^\uFEFF/, ''));
    return Number(rows.find((r) => r[0] === 'Số lớp tập huấn đã tổ chức')[1]);
  };
  assert.equal(await count(1), 1);
  assert.equal(await count(2), 2);
  assertError(await u.snv.get(`${path}/export?format=csv&version=3`), 404);
});

test('the leadership and the Party committee read every version, never the draft', async () => {
  assert.ok(kept.v2, 'version 2 was sent by the test before');
  for (const who of [u.leader, u.party]) {
    const r = await who.ok(path);
    assert.equal(r.state, 'submitted');
    assert.equal(r.narrative, null, `${who.username}: no draft narrative`);
    assert.equal(r.compiled, null, `${who.username}: no live figures`);
    assert.equal(r.versions.length, 2);
    assert.deepEqual(r.versions[0].snapshot, kept.v1.snapshot);
    assert.equal(r.versions[0].return_reason, kept.reason);
    assert.deepEqual(r.versions[1].snapshot, kept.v2.snapshot);
    assertError(await who.put(path, { narrative: narrative(3) }), 403, 'forbidden');
    assertError(await who.post(`${path}/submit`), 403, 'forbidden');
    assertError(await who.post(`${path}/return`, { reason: 'Không có quyền' }), 403, 'forbidden');
  }
  // Sở Nội vụ reads the draft and the live figures too.
  const snv = await u.snv.ok(path);
  assert.deepEqual(snv.narrative, narrative(2));
  assert.equal(typeof snv.compiled.figures.trainings, 'number');

  // A commune has no report; a period that does not exist has none either.
  assertError(await u.snv.get(`/periods/${period.id}/reports/${UNIT.hacThanh}`), 404);
  assertError(await u.snv.get(`/periods/999999999/reports/${UNIT.sxd}`), 404);
});

// Raw bytes of a GET, as sent (fetch would decompress them).
function rawGet(who, p, acceptEncoding) {
  return new Promise((resolve, reject) => {
    httpGet(`${BASE}/api/v1${p}`, {
      headers: { Authorization: `Bearer ${who.token}`, 'Accept-Encoding': acceptEncoding },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, buf: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('what was sent goes out compressed once: the same JSON with gzip or without, stored streams or not', async () => {
  assert.ok(kept.v2, 'version 2 was sent by the tests before');
  const versions = `SELECT count(*) FROM report_versions v JOIN reports r ON r.id = v.report_id
    WHERE r.period_id = ${Number(period.id)} AND r.unit_id = ${UNIT.sxd}`;
  const plain = await rawGet(u.leader, path, 'identity');
  assert.equal(plain.status, 200, plain.buf.toString());
  assert.equal(plain.headers['content-encoding'], undefined);
  const expected = JSON.parse(plain.buf.toString('utf8'));
  assert.equal(expected.versions.length, 2);
  assert.deepEqual(expected.versions[1].snapshot, kept.v2.snapshot);

  // The maintenance process (every 2 s here) keeps each frozen snapshot compressed.
  let left = '2';
  for (let i = 0; i < 50 && left !== '0'; i++) {
    left = sql(`${versions} AND v.snapshot_gz IS NULL`);
    if (left !== '0') await sleep(200);
  }
  assert.equal(left, '0', 'both versions compressed by the maintenance process');
  const check = async (what) => {
    const gz = await rawGet(u.leader, path, 'gzip, deflate, br');
    assert.equal(gz.status, 200, what);
    assert.equal(gz.headers['content-encoding'], 'gzip', what);
    assert.match(gz.headers.vary ?? '', /Accept-Encoding/i, what);
    // gunzip checks the CRC-32 and the length the worker wrote.
    assert.deepEqual(JSON.parse(gunzipSync(gz.buf).toString('utf8')), expected, what);
    assert.ok(gz.buf.length < plain.buf.length, `${what}: ${gz.buf.length} bytes compressed of ${plain.buf.length}`);
    return gz;
  };
  await check('both snapshots stored compressed');
  // A snapshot not compressed yet is compressed with the rest on the fly.
  sql(`UPDATE report_versions v SET snapshot_gz = NULL, snapshot_crc = NULL, snapshot_len = NULL
    FROM reports r WHERE r.id = v.report_id AND r.period_id = ${Number(period.id)}
    AND r.unit_id = ${UNIT.sxd} AND v.number = 1`);
  await check('one snapshot stored, one not');
  // gzip refused by weight: plain JSON.
  const refused = await rawGet(u.party, path, 'gzip;q=0');
  assert.equal(refused.headers['content-encoding'], undefined);
  assert.deepEqual(JSON.parse(refused.buf.toString('utf8')), expected);

  // The consolidated report of this period, which has no version yet, the same way.
  const cplain = await rawGet(u.party, `/periods/${period.id}/consolidated`, 'identity');
  const cgz = await rawGet(u.party, `/periods/${period.id}/consolidated`, 'gzip');
  assert.equal(cplain.status, 200);
  assert.equal(cgz.status, 200);
  assert.deepEqual(JSON.parse(gunzipSync(cgz.buf).toString('utf8')), JSON.parse(cplain.buf.toString('utf8')));
  assert.deepEqual(JSON.parse(cplain.buf.toString('utf8')).versions, []);
  assert.equal((await rawGet(u.party, `/periods/999999999/consolidated`, 'gzip')).status, 404);
  assert.equal((await rawGet(u.leader, `/periods/${period.id}/reports/${UNIT.hacThanh}`, 'gzip')).status, 404);
});
