// Attachments (docs/issues.md): PDF, DOCX, XLSX, JPG and PNG up to 10 MB, the type decided by
// the content and required to match the name; downloaded byte for byte as an attachment with
// its Vietnamese file name; nobody attaches to another commune's issue or to a closed one.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';
import { api, assertError } from './lib.mjs';
import { FILES, MIME, V1, runTag, signInAll, storedZip } from './issues-helpers.mjs';

const TAG = runTag('tep');
let u;
let issue;

before(async () => {
  u = await signInAll({
    commune: 'xa.hacthanh', other: 'xa.quangphu', officer: 'sxd.chuyenvien', syt: 'syt.chuyenvien',
    leader: 'lanhdao.tinh',
  });
  issue = await u.commune.raise(TAG);
});

const upload = (c, id, filename, bytes) => c.post(`/issues/${id}/attachments?filename=${encodeURIComponent(filename)}`, bytes);

/** The file name of a Content-Disposition, from its filename* (RFC 8187) part. */
function dispositionName(cd) {
  const m = /filename\*=UTF-8''([^;\s]+)/i.exec(cd ?? '');
  assert.ok(m, `Content-Disposition has filename*=UTF-8'': ${cd}`);
  return decodeURIComponent(m[1]);
}

/** Downloads an attachment as bytes. */
async function download(c, id) {
  const res = await fetch(`${process.env.TS_BASE_URL ?? 'http://127.0.0.1:18080'}${V1}/attachments/${id}`, {
    headers: { Authorization: `Bearer ${c.token}` },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const sha = (b) => createHash('sha256').update(b).digest('hex');

test('PDF, PNG, JPEG, DOCX and XLSX with Vietnamese names: stored, listed, downloaded identical', async () => {
  const files = [
    ['Công văn số 12-UBND.pdf', 'pdf'],
    ['Ảnh hiện trạng thửa đất.png', 'png'],
    ['ảnh chụp hồ sơ.jpg', 'jpeg'],
    ['Ảnh nhà văn hóa.JPEG', 'jpeg'],
    ['Báo cáo tình hình đất đai.docx', 'docx'],
    ['Bảng kê hộ dân.xlsx', 'xlsx'],
  ];
  const stored = [];
  for (const [name, type] of files) {
    const bytes = FILES[type]();
    const res = await upload(u.commune, issue.id, name, bytes);
    assert.equal(res.status, 201, `${name}: ${res.text.slice(0, 200)}`);
    assert.equal(res.body.filename, name);
    assert.equal(res.body.content_type, MIME[type]);
    assert.equal(res.body.size, bytes.length);
    stored.push({ ...res.body, bytes });
  }
  for (const s of stored) {
    const d = await download(u.officer, s.id);
    assert.equal(d.status, 200, s.filename);
    assert.equal(d.headers.get('content-type'), s.content_type);
    assert.equal(sha(d.bytes), sha(s.bytes), `${s.filename}: identical bytes`);
    const cd = d.headers.get('content-disposition');
    assert.match(cd, /^attachment;/);
    assert.equal(dispositionName(cd), s.filename);
  }
  const shown = await u.commune.issue(issue.id);
  for (const s of stored) {
    const a = shown.attachments.find((x) => x.id === s.id);
    assert.ok(a, `${s.filename} is listed on the issue`);
    assert.deepEqual([a.filename, a.content_type, a.size], [s.filename, s.content_type, s.size]);
  }
  // The department holding it attaches too.
  const dept = await upload(u.officer, issue.id, 'Hướng dẫn của Sở.pdf', FILES.pdf());
  assert.equal(dept.status, 201, dept.text);
});

test('a file whose content is not what its name says, or not an accepted type: 415', async () => {
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);
  const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
  const zipNoWord = storedZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' },
    { name: 'docProps/app.xml', data: '<Properties/>' },
  ]);
  const plainZip = storedZip([{ name: 'ho-so/danh-sach.txt', data: 'Nguyễn Văn A' }]);
  const cases = [
    ['chương trình.pdf', exe], ['trang web.pdf', html], ['ảnh.pdf', FILES.png()],
    ['tài liệu.docx', zipNoWord], ['bảng tính.xlsx', FILES.docx()], ['văn bản.docx', FILES.xlsx()],
    ['nén.docx', plainZip], ['ảnh.png', FILES.jpeg()], ['công văn.jpg', FILES.pdf()],
    ['virus.exe', exe], ['công văn.pdf.exe', FILES.pdf()], ['ghi chú.txt', Buffer.from('ghi chú')],
    ['không đuôi', FILES.pdf()],
  ];
  const before = (await u.commune.issue(issue.id)).attachments.length;
  const wrong = [];
  for (const [name, bytes] of cases) {
    const res = await upload(u.commune, issue.id, name, bytes);
    if (res.status !== 415) wrong.push(`${name}: expected 415, got ${res.status} ${res.text.slice(0, 120)}`);
    else assertError(res, 415);
  }
  assert.deepEqual(wrong, [], wrong.join('\n'));
  assert.equal((await u.commune.issue(issue.id)).attachments.length, before, 'nothing was stored');
});

test('no file name or an empty file: 400', async () => {
  const noName = await u.commune.post(`/issues/${issue.id}/attachments`, FILES.pdf());
  assert.equal(assertError(noName, 400).details.parameter, 'filename');
  const slash = await upload(u.commune, issue.id, '../../etc/passwd.pdf', FILES.pdf());
  assertError(slash, 400);
  const empty = await upload(u.commune, issue.id, 'rỗng.pdf', Buffer.alloc(0));
  assertError(empty, 400);
});

test('exactly 10 MB is accepted; 10 MB + 1 byte: 413 from the backend; 12 MB: 413 JSON from nginx', async () => {
  const tenMb = 10 * 1024 * 1024;
  const big = Buffer.alloc(tenMb, 0x20);
  FILES.pdf().copy(big);
  const ok = await upload(u.commune, issue.id, 'Hồ sơ quét 10MB.pdf', big);
  assert.equal(ok.status, 201, ok.text.slice(0, 200));
  assert.equal(ok.body.size, tenMb);
  const d = await download(u.commune, ok.body.id);
  assert.equal(d.bytes.length, tenMb);
  assert.equal(sha(d.bytes), sha(big));

  const over = Buffer.alloc(tenMb + 1, 0x20);
  FILES.pdf().copy(over);
  const r1 = await upload(u.commune, issue.id, 'quá lớn.pdf', over);
  assertError(r1, 413);
  assert.notEqual(r1.body.error.code, 'payload_too_large', 'the backend, not nginx, refused 10 MB + 1');

  const huge = Buffer.alloc(12 * 1024 * 1024, 0x20);
  FILES.pdf().copy(huge);
  const r2 = await upload(u.commune, issue.id, 'rất lớn.pdf', huge);
  assertError(r2, 413, 'payload_too_large');
  const count = (await u.commune.issue(issue.id)).attachments.filter((a) => a.size > tenMb).length;
  assert.equal(count, 0, 'nothing over 10 MB was stored');
});

test('another commune, an unrelated department or a reader cannot attach; nobody attaches to a closed issue', async () => {
  assertError(await upload(u.other, issue.id, 'của xã khác.pdf', FILES.pdf()), 404);
  assertError(await upload(u.syt, issue.id, 'của Sở Y tế.pdf', FILES.pdf()), 404);
  assertError(await upload(u.leader, issue.id, 'của lãnh đạo.pdf', FILES.pdf()), 403, 'forbidden');
  assertError(await upload(u.commune, 2000000000, 'không có.pdf', FILES.pdf()), 404);

  const closed = await u.commune.raise(TAG);
  await u.officer.must(closed.id, 'answer', { answer: 'Đã trả lời' });
  await u.commune.must(closed.id, 'confirm');
  assertError(await upload(u.commune, closed.id, 'bổ sung sau khi đóng.pdf', FILES.pdf()), 404);
  const withdrawn = await u.commune.raise(TAG);
  await u.commune.must(withdrawn.id, 'withdraw');
  assertError(await upload(u.commune, withdrawn.id, 'sau khi rút.pdf', FILES.pdf()), 404);
  assert.equal((await u.commune.issue(closed.id)).attachments.length, 0);

  const res = await api(`${V1}/attachments/999999999`, { headers: { Authorization: `Bearer ${u.commune.token}` } });
  assertError(res, 404);
});
