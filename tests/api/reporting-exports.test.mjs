// Excel and CSV outputs of the frozen reports (docs/reporting.md, DESIGN §5 "Outputs"): the
// xlsx is a real workbook (a ZIP holding xl/workbook.xml with the Vietnamese sheets, numbers
// as numbers, dates as dates) with the same numbers as the API; the CSV opens in Excel (UTF-8
// with BOM), follows RFC 4180 (a title with a comma and a quote survives), shows dates as
// dd/mm/yyyy HH:MM in Vietnam time, and parses back to the rows the API lists. Sở Giáo dục và
// Đào tạo (110) reports here through a throwaway head, in a period of this file's own.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertError } from './lib.mjs';
import {
  UNIT, addDays, createPeriod, download, excelSerial, parseCsv, readWorkbook, runTag, sheetRows, signInAll,
  throwaway, vnAt, vnFormat, vnToday,
} from './reporting-helpers.mjs';

const TAG = runTag('xuat');
const FIGURES = ['trainings', 'participants', 'communes_attended', 'received', 'resolved', 'higher'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DATE = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;
let u;
let head;
let period;
let rpath; // the department report
let cpath; // the consolidated report
const made = {};

before(async () => {
  u = await signInAll({
    snv: 'snv.tonghop', admin: 'quantri', leader: 'lanhdao.tinh', syt: 'syt.chuyenvien', sxd: 'sxd.lanhdao',
    hacThanh: 'xa.hacthanh', quangPhu: 'xa.quangphu',
  });
  head = await throwaway(u.admin, 'department_head', UNIT.sgddt, 'bc.giaoduc');
  const today = vnToday();
  period = await createPeriod(u.snv, { starts_on: addDays(today, -1), ends_on: addDays(today, 1) });
  rpath = `/periods/${period.id}/reports/${UNIT.sgddt}`;
  made.third = (await u.snv.ok('/units?kind=commune')).items.find((c) => c.id !== UNIT.hacThanh && c.id !== UNIT.quangPhu);
  cpath = `/periods/${period.id}/consolidated`;
});

/** The numbers of a summary table (label, number), in order. */
const numbers = (rows) => rows.filter((r) => r && typeof r[1] === 'number').map((r) => r[1]);

async function fetchCsv(who, p) {
  const res = await download(who, p);
  assert.equal(res.status, 200, `${p}: ${res.text.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/i);
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="[^"]+\.csv"$/);
  assert.deepEqual([...res.buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
  const text = res.buf.subarray(3).toString('utf8');
  assert.ok(text.endsWith('\r\n'), 'records end with CRLF');
  return { text, rows: parseCsv(text) };
}

async function fetchXlsx(who, p) {
  const res = await download(who, p);
  assert.equal(res.status, 200, `${p}: ${res.text.slice(0, 300)}`);
  assert.equal(res.headers.get('content-type'), XLSX);
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="[^"]+\.xlsx"$/);
  assert.equal(res.buf.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a ZIP archive');
  return readWorkbook(res.buf);
}

test('before anything is sent there is nothing to export (404)', async () => {
  assertError(await u.snv.get(`${rpath}/export?format=xlsx`), 404, 'not_submitted');
  assertError(await u.snv.get(`${rpath}/export?format=csv&list=trainings`), 404, 'not_submitted');
  assertError(await u.snv.get(`${cpath}/export?format=xlsx`), 404, 'not_submitted');
  assertError(await u.snv.get(`/periods/${period.id}/reports/${UNIT.syt}/export?format=csv`), 404, 'not_submitted');
});

test('the department report is sent with trainings and issues whose texts hold commas, quotes and line breaks', async () => {
  const today = vnToday();
  // What is already in the period's days for the department (nothing on a fresh stack; an
  // earlier run of this file today on the same database leaves its data).
  made.base = (await head.ok(rpath)).compiled;
  made.t1 = await head.must(201, 'POST', '/trainings', {
    title: `Tập huấn "Trường học số", đợt 1 ${TAG}`, round: 1,
    // 00:30 in Thanh Hóa is still the day before in UTC.
    starts_at: vnAt(period.starts_on, '00:30'), format: 'online',
    attendance: [{ commune_id: UNIT.hacThanh, participants: 15 }, { commune_id: UNIT.quangPhu, participants: 10 }],
  });
  made.t2 = await head.must(201, 'POST', '/trainings', {
    title: `Tập huấn giáo viên mầm non ${TAG}`, round: 2, starts_at: vnAt(today, '13:45'), format: 'in_person',
    attendance: [{ commune_id: made.third.id, participants: 4 }],
  });
  made.i1 = await u.hacThanh.must(201, 'POST', '/issues', {
    title: `Thiếu phòng học, "điểm trường" lẻ cần hỗ trợ ${TAG}`, description: 'Xã đề nghị hỗ trợ.',
    field: 'giao-duc-dao-tao', kind: 'difficulty',
  });
  assert.equal(made.i1.lead.id, UNIT.sgddt);
  made.i2 = await u.quangPhu.must(201, 'POST', '/issues', {
    title: `Cơ chế tuyển dụng giáo viên hợp đồng ${TAG}`, description: 'Phường đề nghị cơ chế.',
    field: 'giao-duc-dao-tao', kind: 'proposal',
  });
  made.answer = `Sở đã bố trí kinh phí, "đợt 1" năm nay.\nĐề nghị xã lập hồ sơ, gửi trước ngày 15.`;
  await head.must(200, 'POST', `/issues/${made.i1.id}/transitions`, {
    action: 'answer', answer: made.answer, legal_basis: 'Quyết định 123/QĐ-UBND, Điều 2',
  });
  await head.must(200, 'POST', `/issues/${made.i2.id}/transitions`, { action: 'escalate', reason: 'Thuộc thẩm quyền UBND tỉnh.' });
  made.other = `Đề nghị UBND tỉnh cho phép "tuyển bổ sung", trong năm học ${TAG}.`;
  await head.must(200, 'PUT', rpath, { narrative: { trainings: 'Hai lớp.', other: made.other } });
  const sent = await head.must(200, 'POST', `${rpath}/submit`);
  made.snap = sent.versions[0].snapshot;
  const ids = (list) => list.map((x) => x.id).sort((a, b) => a - b);
  const plus = (list, more) => [...ids(list), ...more].sort((a, b) => a - b);
  assert.deepEqual(ids(made.snap.trainings), plus(made.base.trainings, [made.t1.id, made.t2.id]));
  assert.deepEqual(ids(made.snap.received), plus(made.base.received, [made.i1.id, made.i2.id]));
  assert.deepEqual(ids(made.snap.resolved), plus(made.base.resolved, [made.i1.id]));
  assert.deepEqual(ids(made.snap.higher), plus(made.base.higher, [made.i2.id]));
  const f = made.base.figures;
  assert.deepEqual(made.snap.figures, {
    trainings: f.trainings + 2, participants: f.participants + 29,
    // Three communes attended (on a fresh stack the department had no other training).
    communes_attended: f.trainings === 0 ? 3 : made.snap.figures.communes_attended,
    received: f.received + 2, resolved: f.resolved + 1, higher: f.higher + 1,
  });
});

test('xlsx of the department report: a workbook with the Vietnamese sheets and the numbers of the API', async () => {
  const snap = made.snap;
  assert.ok(snap, 'the report was sent by the test before');
  const wb = await fetchXlsx(u.leader, `${rpath}/export?format=xlsx`);
  const names = ['Tổng hợp', 'Lớp tập huấn', 'Kiến nghị tiếp nhận', 'Đã hướng dẫn, giải quyết', 'Thuộc thẩm quyền cấp trên'];
  assert.deepEqual(wb.sheets.map((s) => s.name), names);
  for (const n of names) assert.ok(wb.workbookXml.includes(`name="${n}"`), `xl/workbook.xml names the sheet ${n}`);

  const summary = sheetRows(wb.sheets[0].cells);
  assert.equal(summary[0][0], snap.unit.name, 'the title is the department');
  assert.equal(summary[1][0], period.name);
  assert.deepEqual(numbers(summary), FIGURES.map((k) => snap.figures[k]), 'the six figures, as numbers, in the order of the directive');
  assert.match(summary.find((r) => typeof r?.[1] === 'number')[0], /tập huấn/i, 'the first figure is the training classes');

  const trainings = sheetRows(wb.sheets[1].cells);
  assert.equal(trainings.length, 1 + snap.trainings.length, 'a header and one row per training');
  assert.ok(trainings[0].every((h) => typeof h === 'string' && h.length > 0), 'Vietnamese headers');
  assert.deepEqual(trainings.slice(1).map((r) => r[0]), snap.trainings.map((t) => t.title));
  const row = trainings.find((r) => r[0] === made.t1.title);
  assert.ok(row, 'the title with its comma and quotes is intact');
  assert.deepEqual(row.filter((v) => typeof v === 'number' && Number.isInteger(v)), [1, 2, 25], 'round, communes, participants as numbers');
  const serial = row.find((v) => typeof v === 'number' && !Number.isInteger(v));
  assert.ok(Math.abs(serial - excelSerial(made.t1.starts_at)) < 1 / 1440,
    `the start is a date (Excel serial ${serial}, Vietnam time ${vnFormat(made.t1.starts_at)})`);
  const styles = wb.files.get('xl/styles.xml').toString('utf8');
  assert.match(styles, /formatCode="dd\/mm\/yyyy hh:mm"/, 'shown as dd/mm/yyyy hh:mm');

  const text = (i) => sheetRows(wb.sheets[i].cells).slice(1);
  assert.equal(text(2).length, snap.received.length);
  assert.ok(text(2).some((r) => r.includes(made.i1.code) && r.includes(made.i1.title)));
  const resolved = text(3);
  assert.equal(resolved.length, snap.resolved.length);
  const answered = resolved.find((r) => r[0] === made.i1.code);
  assert.ok(answered.includes(made.answer), 'the answer keeps its line break');
  assert.ok(answered.includes('Quyết định 123/QĐ-UBND, Điều 2'));
  assert.equal(text(4).length, snap.higher.length);
  assert.ok(text(4).some((r) => r[0] === made.i2.code));
});

test('CSV of the department report: BOM, RFC 4180, Vietnam dates, the same rows as the API', async () => {
  const snap = made.snap;
  assert.ok(snap, 'the report was sent by the test before');
  const summary = await fetchCsv(u.snv, `${rpath}/export?format=csv`);
  assert.deepEqual(summary.rows[0], ['Chỉ tiêu', 'Số lượng']);
  assert.deepEqual(summary.rows.slice(1).map((r) => Number(r[1])), FIGURES.map((k) => snap.figures[k]));
  assert.ok(summary.rows.slice(1).every((r) => r.length === 2 && /^\d+$/.test(r[1])));
  assert.deepEqual((await fetchCsv(u.snv, `${rpath}/export?format=csv&list=summary`)).rows, summary.rows);

  const tr = await fetchCsv(u.snv, `${rpath}/export?format=csv&list=trainings`);
  assert.ok(tr.text.includes(`"Tập huấn ""Trường học số"", đợt 1 ${TAG}"`), 'the title is quoted, its quotes doubled');
  assert.equal(tr.rows[0].length, 6);
  assert.deepEqual(tr.rows.slice(1).map((r) => r[0]), snap.trainings.map((t) => t.title), 'the titles round-trip, in order');
  const r1 = tr.rows.find((r) => r[0] === made.t1.title);
  const r2 = tr.rows.find((r) => r[0] === made.t2.title);
  assert.deepEqual(r1, [made.t1.title, '1', vnFormat(made.t1.starts_at), 'Trực tuyến', '2', '25']);
  assert.equal(r1[2], `${period.starts_on.split('-').reverse().join('/')} 00:30`, 'dd/mm/yyyy HH:MM in Vietnam time');
  assert.deepEqual(r2, [made.t2.title, '2', vnFormat(made.t2.starts_at), 'Trực tiếp', '1', '4']);

  const rec = await fetchCsv(u.snv, `${rpath}/export?format=csv&list=received`);
  assert.deepEqual(rec.rows.slice(1).map((r) => [r[0], r[1]]), snap.received.map((i) => [i.code, i.title]));
  const i1 = rec.rows.find((r) => r[0] === made.i1.code);
  assert.equal(i1[1], made.i1.title);
  assert.equal(i1[2], made.i1.commune.name);
  assert.equal(i1[5], vnFormat(snap.received.find((i) => i.id === made.i1.id).created_at));
  for (const r of rec.rows.slice(1)) assert.match(r[5], DATE);

  const res = await fetchCsv(u.snv, `${rpath}/export?format=csv&list=resolved`);
  assert.deepEqual(res.rows.slice(1).map((r) => r[0]), snap.resolved.map((i) => i.code));
  const [code, title, commune, answer, basis, when] = res.rows.find((r) => r[0] === made.i1.code);
  assert.deepEqual([code, title, commune], [made.i1.code, made.i1.title, made.i1.commune.name]);
  assert.equal(answer, made.answer, 'a quoted field keeps its comma, quotes and line break');
  assert.equal(basis, 'Quyết định 123/QĐ-UBND, Điều 2');
  assert.equal(when, vnFormat(snap.resolved.find((i) => i.id === made.i1.id).answered_at));

  const hi = await fetchCsv(u.snv, `${rpath}/export?format=csv&list=higher`);
  assert.deepEqual(hi.rows.slice(1).map((r) => r[0]), snap.higher.map((i) => i.code));
  assert.equal(hi.rows.find((r) => r[0] === made.i2.code)[5], vnFormat(snap.higher.find((i) => i.id === made.i2.id).escalated_at));
});

test('the consolidated report as xlsx and CSV: its totals and lists', async () => {
  assert.ok(made.snap, 'the department report was sent');
  const sent = await u.snv.must(200, 'POST', `${cpath}/submit`);
  const snap = sent.versions[0].snapshot;
  const totals = [...FIGURES, 'departments_reported'].map((k) => snap.totals[k]);
  assert.deepEqual(totals, [...FIGURES.map((k) => made.snap.figures[k]), 1], 'one department sent its report in this period');

  const wb = await fetchXlsx(u.leader, `${cpath}/export?format=xlsx`);
  assert.deepEqual(wb.sheets.map((s) => s.name),
    ['Tổng hợp', 'Tình hình gửi báo cáo', 'Thuộc thẩm quyền cấp trên', 'Kiến nghị, đề xuất khác']);
  assert.deepEqual(numbers(sheetRows(wb.sheets[0].cells)), totals);
  const compliance = sheetRows(wb.sheets[1].cells).slice(1);
  assert.equal(compliance.length, snap.compliance.length, 'one row per department');
  assert.ok(compliance.some((r) => r[0] === made.snap.unit.name));

  const summary = await fetchCsv(u.leader, `${cpath}/export?format=csv`);
  assert.deepEqual(summary.rows.slice(1).map((r) => Number(r[1])), totals);
  const comp = await fetchCsv(u.snv, `${cpath}/export?format=csv&list=compliance`);
  assert.deepEqual(comp.rows.slice(1).map((r) => r[0]), snap.compliance.map((i) => i.unit.name));
  const mine = comp.rows.find((r) => r[0] === made.snap.unit.name);
  assert.equal(mine[1], 'Đúng hạn');
  assert.equal(mine[2], '1');
  assert.equal(mine[3], vnFormat(snap.compliance.find((i) => i.unit.id === UNIT.sgddt).submitted_at));
  const other = await fetchCsv(u.snv, `${cpath}/export?format=csv&list=other_proposals`);
  assert.deepEqual(other.rows.slice(1), [[made.snap.unit.name, made.other]], 'the proposal with its quotes and comma round-trips');
  const hi = await fetchCsv(u.snv, `${cpath}/export?format=csv&list=higher`);
  assert.deepEqual(hi.rows.slice(1).map((r) => r[0]), snap.higher.map((h) => h.code));
  assert.ok(hi.rows.some((r) => r[0] === made.i2.code));
});

test('bad format, list or version: 400; a version that does not exist: 404; others may not export', async () => {
  assert.ok(made.snap);
  const bad = [
    `${rpath}/export`, `${rpath}/export?format=pdf`, `${rpath}/export?format=xlsx&list=trainings`,
    `${rpath}/export?format=csv&list=khong-co`, `${rpath}/export?format=csv&version=abc`,
    `${rpath}/export?format=csv&version=0`, `${rpath}/export?format=csv&trang=1`,
    `${cpath}/export?format=csv&list=trainings`, `${cpath}/export?format=docx`,
  ];
  for (const p of bad) {
    const res = await u.snv.get(p);
    assert.equal(res.status, 400, `${p}: ${res.status} ${res.text}`);
    assertError(res, 400);
  }
  assertError(await u.snv.get(`${rpath}/export?format=csv&version=2`), 404);
  assertError(await u.snv.get(`${cpath}/export?format=xlsx&version=9`), 404);
  assertError(await u.syt.get(`${rpath}/export?format=csv`), 403, 'forbidden');
  assertError(await u.sxd.get(`${cpath}/export?format=csv`), 403, 'forbidden');
  assertError(await u.hacThanh.get(`${rpath}/export?format=xlsx`), 403, 'forbidden');
  // The department itself exports its own.
  const own = await download(head, `${rpath}/export?format=csv&version=1`);
  assert.equal(own.status, 200);
});
