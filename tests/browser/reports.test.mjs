// Trainings and the weekly reporting cycle in the browser, against a running stack. A period of
// its own (created through the API by Sở Nội vụ, with its deadline days ahead) makes "on time"
// certain whatever the clock says. Sở Xây dựng's head records a conference (attendance total
// computed, an answered issue, a recommendation raised in one step), writes the report's
// narrative (saved as a draft while typing; a 412 keeps the text), submits it; Sở Nội vụ sees
// "Đúng hạn" on the board, prints the report (PDF checked with pdftotext, pages rendered with
// pdftoppm), compiles and submits the consolidated report, returns Sở Xây dựng's; the
// leadership reads the frozen versions. Screenshots at 360×740 and 1280×800.
// Run: TS_BASE_URL=http://127.0.0.1:8080 node --test tests/browser/reports.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, DEMO_PASSWORD, OUT_DIR as DEFAULT_OUT, horizontalOverflow, launch, login, logout, openPage, unexpected } from './browser.mjs';

const OUT = process.env.TS_TEST_OUT || DEFAULT_OUT;
mkdirSync(OUT, { recursive: true });
const API = `${BASE_URL}/api/v1`;
const suffix = Date.now().toString(36);
const TIMEOUT = 30_000;

// ---- the API, for setting up and checking ----

async function token(username) {
  const r = await fetch(`${API}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(r.status, 200, `login ${username}`);
  return (await r.json()).access_token;
}

async function call(tok, method, path, body, headers = {}) {
  const r = await fetch(`${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

const pad = (n) => String(n).padStart(2, '0');
// Vietnam's calendar and clock for a moment: {date: "dd/mm/yyyy", iso: "yyyy-mm-dd", hm}.
function vn(ms) {
  const d = new Date(ms + 7 * 3600_000);
  return {
    date: `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    iso: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    hm: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

const DAY = 86_400_000;
const setup = {}; // period, issues, tokens
let browser;

before(async () => {
  setup.snv = await token('snv.tonghop');
  setup.head = await token('sxd.lanhdao');
  setup.commune = await token('xa.hacthanh');
  setup.officer = await token('sxd.chuyenvien');
  const now = Date.now();
  const deadline = vn(now + 6 * DAY);
  const period = await call(setup.snv, 'POST', '/periods', {
    code: `2026-R${(now % 1e7).toString().padStart(7, '0')}`,
    name: `Đợt kiểm thử ${suffix}`,
    starts_on: vn(now - DAY).iso,
    ends_on: vn(now + DAY).iso,
    report_deadline: `${deadline.iso}T09:00:00+07:00`,
    consolidation_deadline: `${deadline.iso}T17:00:00+07:00`,
  });
  assert.equal(period.status, 201, JSON.stringify(period.body));
  setup.period = period.body;

  // Two issues for Sở Xây dựng: one it answers, one its head escalates to UBND tỉnh.
  const raise = async (title, field) => {
    const r = await call(setup.commune, 'POST', '/issues', { title, description: `Mô tả: ${title}`, field, kind: 'difficulty' }, { 'Idempotency-Key': `${suffix}-raise-${field}` });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  setup.answered = await raise(`Hồ sơ cấp phép xây dựng nhà ở riêng lẻ ${suffix}`, 'xay-dung');
  setup.escalated = await raise(`Điều chỉnh quy hoạch chi tiết khu dân cư ${suffix}`, 'quy-hoach-do-thi');
  const act = async (issue, action, inputs) => {
    const r = await call(setup.head, 'POST', `/issues/${issue.id}/transitions`, { action, ...inputs }, { 'Idempotency-Key': `${suffix}-${action}-${issue.id}` });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };
  await act(setup.answered, 'answer', { answer: 'Hồ sơ gồm đơn đề nghị, bản vẽ thiết kế và giấy tờ về quyền sử dụng đất.' });
  await act(setup.escalated, 'escalate', { reason: 'Vượt thẩm quyền của sở, cần UBND tỉnh quyết định.' });

  for (const f of readdirSync(OUT)) if (f.startsWith('FAILED-reports-')) rmSync(join(OUT, f));
  browser = await launch();
  browser.context.setDefaultTimeout(TIMEOUT);
});

after(async () => {
  if (browser) await browser.close();
});

// A test on a fresh page; when it fails, a screenshot of where it stopped (FAILED-testN.png).
function pageTest(title, name, size, fn) {
  test(title, async () => {
    const { page, problems } = await openPage(browser.context, size);
    try {
      await fn(page, problems);
    } catch (err) {
      await page.screenshot({ path: join(OUT, `FAILED-reports-${name}.png`), fullPage: true }).catch(() => {});
      if (problems.length) console.log(`browser problems in "${title}":\n${problems.join('\n')}`);
      throw err;
    } finally {
      await page.close();
    }
  });
}

/** Waits until `check()` resolves truthy (the screen updates after a render or a request). */
async function until(check, what, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The text of every page stays inside Nghị định 30's margins: left 30 mm, right 15 mm, top and
// bottom 20 mm (A4 is 595 × 842 pt; 1 mm ≈ 2.835 pt; glyph boxes may reach a little past the
// line box, hence the small tolerance).
function checkMargins(pdfPath) {
  const words = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('<word'));
  const box = { xMin: Infinity, yMin: Infinity, xMax: 0, yMax: 0 };
  for (const w of words) {
    const m = /xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</.exec(w);
    // Page numbers sit in the top margin on purpose (from page 2).
    if (!m || /^\d+$/.test(m[5]) && Number(m[2]) < 56) continue;
    box.xMin = Math.min(box.xMin, Number(m[1]));
    box.yMin = Math.min(box.yMin, Number(m[2]));
    box.xMax = Math.max(box.xMax, Number(m[3]));
    box.yMax = Math.max(box.yMax, Number(m[4]));
  }
  const mm = (pt) => (pt / 2.835).toFixed(1);
  const at = `text box ${mm(box.xMin)}–${mm(box.xMax)} mm across, ${mm(box.yMin)}–${mm(box.yMax)} mm down`;
  assert.ok(box.xMin >= 83 && box.xMin <= 90, `left margin 30 mm: ${at}`);
  assert.ok(box.xMax <= 554 && box.xMax >= 540, `right margin 15 mm: ${at}`);
  assert.ok(box.yMin >= 50, `top margin 20 mm: ${at}`);
  assert.ok(box.yMax <= 787, `bottom margin 20 mm: ${at}`);
}

async function shoot(page, name, sizes = [[360, 740], [1280, 800]]) {
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    assert.ok((await horizontalOverflow(page)) <= 0, `${name} at ${width} px scrolls sideways`);
    await page.screenshot({ path: join(OUT, `${name}-${width}x${height}.png`), fullPage: true });
  }
}

const today = vn(Date.now());
const trainingTitle = `Hướng dẫn cấp giấy phép xây dựng cho xã, phường ${suffix}`;

pageTest('a department head records a training conference: totals computed, an answered issue, a recommendation raised', 'test1', { width: 360, height: 740 }, async (page, problems) => {
  await login(page, 'sxd.lanhdao');
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await nav.getByRole('link', { name: 'Tập huấn' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hội nghị tập huấn' }).waitFor();
  await page.getByRole('link', { name: 'Ghi nhận hội nghị' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ghi nhận hội nghị tập huấn' }).waitFor();
  await page.getByText('Đơn vị tổ chức:').waitFor();

  // Mistakes are shown next to their fields, and nothing is sent.
  await page.getByLabel('Tên hội nghị').fill('ab');
  await page.getByLabel('Ngày (dd/mm/yyyy)').fill('31/02/2026');
  await page.getByRole('button', { name: 'Lưu hội nghị' }).click();
  await page.getByText('Tên hội nghị từ 3 đến 300 ký tự.').waitFor();
  await page.getByText('Nhập ngày dạng dd/mm/yyyy và giờ dạng HH:mm', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Tên hội nghị').getAttribute('aria-invalid'), 'true');

  await page.getByLabel('Tên hội nghị').fill(trainingTitle);
  await page.getByLabel('Lần tổ chức').fill('2');
  await page.getByLabel('Ngày (dd/mm/yyyy)').fill(today.date);
  await page.getByLabel('Giờ (HH:mm)').fill('08:30');
  await page.getByLabel('Đường dẫn phòng họp trực tuyến').fill('https://hop.thanhhoa.gov.vn/sxd-tap-huan');
  await page.getByLabel('Hoạt động xây dựng, cấp phép xây dựng', { exact: false }).check();
  await page.getByLabel('Nội dung hướng dẫn').fill('Thành phần hồ sơ cấp phép xây dựng; trình tự thẩm định; các lỗi thường gặp.');

  // Attendance: communes found without diacritics; the total is computed, never typed.
  const filter = page.getByLabel('Lọc danh sách: xã, phường tham dự');
  await filter.fill('hac thanh');
  // One match: chosen at once.
  await until(async () => (await page.getByLabel('Xã, phường tham dự', { exact: true }).inputValue()) === '14797', 'Phường Hạc Thành chosen');
  await page.getByLabel('Số người tham dự', { exact: true }).fill('25');
  await page.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  // Added: the filter is empty again and has the focus, ready for the next commune.
  await until(async () => (await filter.inputValue()) === '' && (await filter.evaluate((el) => el === document.activeElement)), 'the filter emptied and focused');
  await page.keyboard.type('quang phu');
  await page.getByLabel('Xã, phường tham dự', { exact: true }).selectOption({ label: 'Phường Quảng Phú' });
  await page.getByLabel('Số người tham dự', { exact: true }).fill('18');
  await page.getByLabel('Số người tham dự', { exact: true }).press('Enter');
  const total = page.locator('.attendance-total');
  await total.getByText('43', { exact: true }).waitFor();
  assert.match(await total.innerText(), /Tổng cộng: 2 xã, phường · 43 người tham dự/);
  await page.getByLabel('Số người tham dự – Phường Quảng Phú').fill('20');
  assert.match(await total.innerText(), /2 xã, phường · 45 người tham dự/);

  // The issue answered in the session, from the department's own issues.
  await page.getByLabel(setup.answered.code, { exact: false }).check();
  await page.getByRole('list', { name: 'Kiến nghị đã chọn' }).getByText(setup.answered.code).waitFor();

  // A recommendation collected there becomes an issue of its commune.
  await page.getByRole('button', { name: 'Thêm kiến nghị' }).click();
  await page.getByLabel('Xã, phường nêu kiến nghị').selectOption({ label: 'Phường Hạc Thành' });
  await page.getByLabel('Nội dung tóm tắt').fill(`Đề nghị hướng dẫn cấp phép công trình tạm ${suffix}`);
  await page.getByLabel('Mô tả chi tiết').fill('Phường chưa rõ điều kiện cấp phép xây dựng có thời hạn.');
  await page.getByLabel('Biên bản hội nghị').fill('Hội nghị bắt đầu 08:30, kết thúc 11:00.\nCác xã, phường đã trao đổi về hồ sơ cấp phép.');
  await shoot(page, 'training-form', [[360, 740]]);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole('button', { name: 'Lưu hội nghị' }).click();

  await page.getByRole('heading', { level: 1, name: trainingTitle }).waitFor();
  await page.getByText('Đã ghi nhận hội nghị tập huấn. Đã tạo 1 kiến nghị thu thập tại hội nghị.').waitFor();
  const stats = page.getByRole('list', { name: 'Số liệu tham dự' });
  assert.match(await stats.innerText(), /2\s+Xã, phường tham dự\s+45\s+Người tham dự\s+1\s+Kiến nghị đã giải đáp\s+1\s+Kiến nghị thu thập/);
  await page.getByText(`Đề nghị hướng dẫn cấp phép công trình tạm ${suffix}`).waitFor();
  await page.getByText(setup.answered.title).waitFor();
  await shoot(page, 'training-detail');
  setup.trainingId = Number(new URL(page.url()).pathname.split('/').pop());

  // Edit: the form comes back as saved; a change by someone else meanwhile gets a 412 and
  // what was typed here stays, to be saved over it on purpose.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole('link', { name: 'Sửa hội nghị' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sửa hội nghị tập huấn' }).waitFor();
  assert.equal(await page.getByLabel('Tên hội nghị').inputValue(), trainingTitle);
  assert.equal(await page.getByLabel('Giờ (HH:mm)').inputValue(), '08:30');
  assert.equal(await page.getByLabel('Số người tham dự – Phường Quảng Phú').inputValue(), '20');
  await page.getByLabel('Số người tham dự – Phường Quảng Phú').fill('22');
  assert.match(await page.locator('.attendance-total').innerText(), /2 xã, phường · 47 người tham dự/);
  const before = await call(setup.head, 'GET', `/trainings/${setup.trainingId}`);
  const other = await call(setup.head, 'PATCH', `/trainings/${setup.trainingId}`, { minutes: 'Bổ sung biên bản từ máy khác.' }, { 'If-Match': `"${before.body.version}"` });
  assert.equal(other.status, 200);
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Hội nghị này vừa được người khác sửa.', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Số người tham dự – Phường Quảng Phú').inputValue(), '22');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Đã lưu thay đổi của hội nghị.').waitFor();
  assert.match(await page.getByRole('list', { name: 'Số liệu tham dự' }).innerText(), /2\s+Xã, phường tham dự\s+47\s+Người tham dự/);

  // In the list, filtered by the attending commune (typed without diacritics).
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('link', { name: 'Hội nghị tập huấn' }).first().click();
  await page.getByLabel('Lọc danh sách: xã, phường tham dự').fill('quang phu');
  await page.getByLabel('Xã, phường tham dự', { exact: true }).selectOption({ label: 'Phường Quảng Phú' });
  await until(() => /xa=16522/.test(page.url()), 'the commune filter in the address');
  await page.getByRole('link', { name: trainingTitle }).waitFor();
  await shoot(page, 'trainings-list');
  assert.deepEqual(unexpected(problems, [/status of 401 .*\(\/api\/v1\/auth\/refresh\)$/, /status of 412 /]), []);
});

pageTest('the department writes the report (drafts saved, a 412 keeps the text) and its head submits it on time', 'test2', { width: 360, height: 740 }, async (page, problems) => {
  const pid = setup.period.id;
  await page.goto(`${BASE_URL}/bao-cao?ky=${pid}`);
  await page.getByRole('heading', { level: 1, name: 'Báo cáo tuần – Sở Xây dựng' }).waitFor();
  const figures = page.getByRole('list', { name: 'Số liệu tổng hợp' }).first();
  await figures.waitFor();
  // The figures are the API's compilation of the period (other runs on a long-lived stack may
  // add to them); this run added 1 conference, 47 people (after the edit) from 2 communes, 3 issues received
  // (two raised, one collected at the conference), 1 answered, 1 escalated.
  const compiled = (await call(setup.head, 'GET', `/periods/${pid}/reports/${setup.answered.lead.id}`)).body.compiled;
  setup.figures = compiled.figures;
  const f = compiled.figures;
  assert.ok(f.trainings >= 1 && f.participants >= 47 && f.communes_attended >= 2 && f.received >= 3 && f.resolved >= 1 && f.higher >= 1, JSON.stringify(f));
  assert.ok(compiled.trainings.some((t) => t.title === trainingTitle && t.participants === 47 && t.communes === 2));
  const shown = await figures.innerText();
  const expect = `${f.trainings}\nHội nghị tập huấn\n${f.participants}\nHọc viên tham gia\n${f.communes_attended}\nXã, phường tham dự\n${f.received}\nKiến nghị tiếp nhận\n${f.resolved}\nĐã hướng dẫn, giải quyết\n${f.higher}\nTrình cấp trên`;
  assert.equal(shown.replace(/\s*\n\s*/g, '\n').trim(), expect);
  // Long lists show their first items; the rest is one button away.
  const more = page.getByRole('button', { name: /^Hiện tất cả \d+ mục$/ });
  while ((await more.count()) > 0) await more.first().click();
  await page.getByText(setup.answered.title).first().waitFor();
  await page.getByText(setup.escalated.title).first().waitFor();
  await page.getByText('trước 09:00', { exact: false }).first().waitFor();

  const first = page.getByLabel('Thuyết minh – Lớp tập huấn đã tổ chức');
  await first.fill('Sở đã tổ chức hội nghị trực tuyến hướng dẫn cấp giấy phép xây dựng.');
  await page.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();
  await page.getByLabel('Thuyết minh – Kiến nghị, đề xuất khác (nếu có)').fill('Đề nghị UBND tỉnh ban hành quy định phân cấp cấp phép xây dựng cho xã.');
  await page.getByText('Có thay đổi chưa lưu…').or(page.getByText('Đang lưu…')).first().waitFor();
  await page.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();

  // Someone else saves meanwhile: the next save gets 412; the text typed here stays.
  const current = await call(setup.officer, 'GET', `/periods/${pid}/reports/${setup.answered.lead.id}`);
  const theirs = { ...current.body.narrative, participants: 'Chuyên viên bổ sung: 45 người tham dự.' };
  const put = await call(setup.officer, 'PUT', `/periods/${pid}/reports/${setup.answered.lead.id}`, { narrative: theirs }, { 'If-Match': `"${current.body.version}"` });
  assert.equal(put.status, 200);
  await first.fill('Sở đã tổ chức 01 hội nghị trực tuyến hướng dẫn cấp giấy phép xây dựng cho 02 phường.');
  await page.getByText('người khác vừa sửa báo cáo này', { exact: false }).waitFor();
  assert.equal(await first.inputValue(), 'Sở đã tổ chức 01 hội nghị trực tuyến hướng dẫn cấp giấy phép xây dựng cho 02 phường.');
  await page.getByText('Chuyên viên bổ sung: 45 người tham dự.').waitFor();
  await shoot(page, 'report-conflict', [[360, 740]]);
  await page.getByRole('button', { name: 'Dùng nội dung này cho mục Số lượng học viên tham gia' }).click();
  assert.equal(await page.getByLabel('Thuyết minh – Số lượng học viên tham gia').inputValue(), 'Chuyên viên bổ sung: 45 người tham dự.');
  await page.getByRole('button', { name: 'Lưu nội dung của tôi' }).click();
  await page.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();

  // The draft survives a reload.
  await page.reload();
  await first.waitFor();
  assert.equal(await first.inputValue(), 'Sở đã tổ chức 01 hội nghị trực tuyến hướng dẫn cấp giấy phép xây dựng cho 02 phường.');
  assert.equal(await page.getByLabel('Thuyết minh – Số lượng học viên tham gia').inputValue(), 'Chuyên viên bổ sung: 45 người tham dự.');
  await shoot(page, 'report-draft');

  // Submitting asks first, in a dialog that names the deadline.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gửi báo cáo?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Hạn gửi báo cáo: trước 09:00 /);
  await page.screenshot({ path: join(OUT, 'report-submit-dialog-360x740.png') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await dialog.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByText(/Đã gửi báo cáo \(phiên bản 1\) lúc \d\d:\d\d – đúng hạn\./).waitFor();
  await page.locator('.report-state .badge', { hasText: 'Đã gửi' }).waitFor();
  assert.equal(await page.getByLabel('Thuyết minh – Lớp tập huấn đã tổ chức').count(), 0, 'no more editing once sent');
  await page.getByRole('heading', { name: 'Phiên bản 1' }).waitFor();
  await shoot(page, 'report-submitted');
  assert.deepEqual(unexpected(problems, [/status of 401 .*\(\/api\/v1\/auth\/refresh\)$/, /status of 412 /]), []);
  await logout(page);
});

let pdfText = '';

pageTest('Sở Nội vụ sees Sở Xây dựng on time on the board and prints the report on A4', 'test3', { width: 1280, height: 800 }, async (page, problems) => {
  await login(page, 'snv.tonghop');
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Theo dõi báo cáo' }).waitFor();
  await page.getByLabel('Kỳ báo cáo').selectOption(String(setup.period.id));
  await page.waitForURL(new RegExp(`ky=${setup.period.id}`));
  const row = page.getByRole('row', { name: /Sở Xây dựng/ });
  await row.getByText('Đúng hạn').waitFor();
  await page.getByText('Sở, ngành gửi báo cáo:').waitFor();
  await page.getByText('Sở Nội vụ tổng hợp:').waitFor();
  assert.match(await page.locator('.deadlines').innerText(), /trước 09:00 .* — còn \d+ ngày/);
  await page.getByText(/Cập nhật lúc \d\d:\d\d/).waitFor();
  await shoot(page, 'board');

  await page.setViewportSize({ width: 1280, height: 800 });
  await row.getByRole('link', { name: 'Sở Xây dựng' }).click();
  await page.getByRole('heading', { level: 1, name: 'Báo cáo tuần – Sở Xây dựng' }).waitFor();
  assert.equal(await page.locator('textarea').count(), 0, 'Sở Nội vụ reads, it does not write a department report');

  // The Excel and CSV of the frozen version.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Excel (.xlsx)' }).click()]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  const xlsxPath = join(OUT, 'report-download.xlsx');
  await xlsx.saveAs(xlsxPath);
  assert.equal(readFileSync(xlsxPath).subarray(0, 2).toString(), 'PK');
  await page.getByLabel('Danh sách xuất CSV').selectOption('trainings');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
  const csvPath = join(OUT, 'report-download.csv');
  await csv.saveAs(csvPath);
  const csvText = readFileSync(csvPath, 'utf8');
  assert.equal(csvText.charCodeAt(0), 0xfeff, 'CSV starts with a BOM');
  assert.ok(csvText.includes(trainingTitle));

  await page.getByRole('link', { name: 'Bản in' }).click();
  const paper = page.locator('article.paper');
  await paper.waitFor();
  assert.match(await paper.innerText(), /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  await shoot(page, 'print-report');

  // Print to PDF as Chromium does for "Lưu dưới dạng PDF": the app's chrome is gone.
  const pdfPath = join(OUT, 'report-print.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  for (const want of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'UBND TỈNH THANH HÓA',
    'SỞ XÂY DỰNG',
    '/BC-SXD',
    'BÁO CÁO',
    'Nơi nhận:',
    'GIÁM ĐỐC',
    'Phạm Quốc Hùng',
    `Số hội nghị tập huấn đã tổ chức trong kỳ: ${setup.figures.trainings}.`,
    `Tổng số học viên tham gia: ${setup.figures.participants} người, từ ${setup.figures.communes_attended} xã, phường.`,
    `Số kiến nghị, đề xuất đã tiếp nhận: ${setup.figures.received}.`,
    suffix, // in the training's title (a table cell may wrap the rest)
    setup.answered.code,
    setup.escalated.code,
  ]) {
    assert.ok(pdfText.includes(want), `the PDF says "${want}"`);
  }
  assert.match(pdfText, /Thanh Hóa, ngày \d\d tháng (0[12]|[3-9]|1[012]) năm 20\d\d/);
  assert.ok(!pdfText.includes('Điều hướng chính') && !pdfText.includes('Hệ thống Thông suốt ·'), 'no app chrome on paper');
  // A4 pages (595 × 842 points).
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  checkMargins(pdfPath);
  const pngBase = join(OUT, 'report-print-page');
  for (const f of readdirSync(OUT)) if (f.startsWith('report-print-page')) rmSync(join(OUT, f));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, pngBase]);
  assert.deepEqual(unexpected(problems), []);
});

pageTest('Sở Nội vụ compiles and submits the consolidated report, prints it, and returns Sở Xây dựng\'s report with a reason', 'test4', { width: 1280, height: 800 }, async (page, problems) => {
  const pid = setup.period.id;
  await page.goto(`${BASE_URL}/bao-cao/tong-hop?ky=${pid}`);
  await page.getByRole('heading', { level: 1, name: 'Báo cáo tổng hợp' }).waitFor();
  const totals = page.getByRole('list', { name: 'Số liệu tổng hợp' }).first();
  await totals.waitFor();
  const live = (await call(setup.snv, 'GET', `/periods/${pid}/consolidated`)).body.compiled.totals;
  assert.ok(live.departments_reported >= 1 && live.participants >= 45, JSON.stringify(live));
  assert.match(await totals.innerText(), new RegExp(`^${live.departments_reported}\\s+Sở, ngành đã gửi báo cáo \\(trên \\d+\\)\\s+${live.trainings}\\s+Hội nghị tập huấn\\s+${live.participants}\\s+Học viên tham gia`));
  setup.totals = live;
  await page.getByText('Điều chỉnh quy hoạch chi tiết khu dân cư', { exact: false }).first().waitFor();
  await page.getByText('Đề nghị UBND tỉnh ban hành quy định phân cấp cấp phép xây dựng cho xã.').first().waitFor();
  await page.getByLabel('Nhận xét, đánh giá của Sở Nội vụ – Lớp tập huấn đã tổ chức').fill('Các sở, ngành đã chủ động tổ chức tập huấn trực tuyến cho xã, phường.');
  await page.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();
  await shoot(page, 'consolidated');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Gửi báo cáo tổng hợp' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gửi báo cáo tổng hợp?' });
  await dialog.getByRole('button', { name: 'Gửi báo cáo tổng hợp' }).click();
  await page.getByText(/Đã gửi báo cáo tổng hợp \(phiên bản 1\) lúc \d\d:\d\d – đúng hạn\./).waitFor();

  await page.getByRole('link', { name: 'Bản in' }).click();
  await page.locator('article.paper').waitFor();
  await shoot(page, 'print-consolidated');
  const pdfPath = join(OUT, 'consolidated-print.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  for (const want of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SỞ NỘI VỤ', '/BC-SNV', 'I. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO', `Tổng số ${setup.totals.participants} học viên`, setup.escalated.code, 'Nơi nhận:']) {
    assert.ok(text.includes(want), `the consolidated PDF says "${want}"`);
  }
  checkMargins(pdfPath);
  for (const f of readdirSync(OUT)) if (f.startsWith('consolidated-print-page')) rmSync(join(OUT, f));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(OUT, 'consolidated-print-page')]);

  // Return Sở Xây dựng's report: the reason is required and shown next to the field.
  await page.goto(`${BASE_URL}/bao-cao/don-vi/${setup.answered.lead.id}?ky=${pid}`);
  await page.getByRole('button', { name: 'Trả lại để chỉnh sửa' }).click();
  await page.getByRole('button', { name: 'Trả lại báo cáo' }).click();
  await page.getByText('Vui lòng nêu lý do trả lại', { exact: false }).waitFor();
  await page.getByLabel('Lý do trả lại').fill('Đề nghị bổ sung số liệu học viên theo từng phường.');
  await page.getByRole('button', { name: 'Trả lại báo cáo' }).click();
  await page.getByText('Đã trả lại báo cáo cho sở, ngành.').waitFor();
  await page.locator('.report-state .badge', { hasText: 'Bị trả lại' }).waitFor();
  await page.goto(`${BASE_URL}/bao-cao?ky=${pid}`);
  await page.getByRole('row', { name: /Sở Xây dựng/ }).getByText('Bị trả lại').waitFor();
  assert.deepEqual(unexpected(problems), []);
  await logout(page);
});

pageTest('the returned report shows the reason; the head corrects and sends version 2', 'test5', { width: 360, height: 740 }, async (page, problems) => {
  await login(page, 'sxd.lanhdao');
  await page.goto(`${BASE_URL}/bao-cao?ky=${setup.period.id}`);
  await page.getByText('Lý do: Đề nghị bổ sung số liệu học viên theo từng phường.').first().waitFor();
  await page.locator('.report-state .badge', { hasText: 'Bị trả lại' }).waitFor();
  await page.getByLabel('Thuyết minh – Số lượng học viên tham gia').fill('Phường Hạc Thành 25 người, Phường Quảng Phú 20 người.');
  await page.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();
  await shoot(page, 'report-returned', [[360, 740]]);
  await page.getByRole('button', { name: 'Gửi lại báo cáo' }).click();
  await page.getByRole('dialog', { name: 'Gửi lại báo cáo?' }).getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByText(/Đã gửi báo cáo \(phiên bản 2\)/).waitFor();
  // Both versions stay readable; the first one still has its old text.
  await page.getByRole('heading', { name: 'Phiên bản 2' }).waitFor();
  const v1 = page.locator('.version', { has: page.getByRole('heading', { name: 'Phiên bản 1' }) });
  await v1.getByRole('button', { name: 'Xem nội dung đã gửi' }).click();
  await v1.getByText('Chuyên viên bổ sung: 45 người tham dự.').waitFor();
  await v1.getByText('Lý do: Đề nghị bổ sung số liệu học viên theo từng phường.').waitFor();
  assert.deepEqual(unexpected(problems), []);
  await logout(page);
});

pageTest('the leadership reads the frozen versions and the board, without editing', 'test6', { width: 360, height: 740 }, async (page, problems) => {
  await login(page, 'lanhdao.tinh');
  await page.goto(`${BASE_URL}/bao-cao?ky=${setup.period.id}`);
  await page.getByRole('row', { name: /Sở Xây dựng/ }).getByText('Đúng hạn').waitFor();
  await page.getByRole('link', { name: 'Báo cáo tổng hợp' }).click();
  await page.getByRole('heading', { level: 1, name: 'Báo cáo tổng hợp' }).waitFor();
  await page.getByRole('heading', { name: 'Phiên bản 1' }).waitFor();
  // The latest version is open; its narrative is text, not a box.
  await page.getByText('Các sở, ngành đã chủ động tổ chức tập huấn trực tuyến cho xã, phường.').waitFor();
  assert.equal(await page.locator('textarea').count(), 0);
  await shoot(page, 'consolidated-leadership');
  await page.goto(`${BASE_URL}/bao-cao/don-vi/${setup.answered.lead.id}?ky=${setup.period.id}`);
  await page.getByRole('heading', { name: 'Phiên bản 2' }).waitFor();
  await page.getByText('Phường Hạc Thành 25 người, Phường Quảng Phú 20 người.').waitFor();
  assert.equal(await page.locator('textarea').count(), 0);
  assert.deepEqual(unexpected(problems), []);
  await logout(page);
});

pageTest('Sở Nội vụ adds a period and moves its deadline; a concurrent change gets a 412 and the input stays', 'test7', { width: 360, height: 740 }, async (page, problems) => {
  await login(page, 'snv.tonghop');
  await page.goto(`${BASE_URL}/bao-cao/ky-bao-cao`);
  await page.getByRole('heading', { level: 1, name: 'Kỳ báo cáo' }).waitFor();
  await page.getByRole('button', { name: 'Thêm kỳ báo cáo' }).click();
  // Mistakes next to their fields.
  await page.getByLabel('Mã kỳ', { exact: true }).fill('tuan 5');
  await page.getByRole('button', { name: 'Thêm kỳ' }).click();
  await page.getByText('Mã kỳ dạng 2026-W05 (tuần) hoặc 2026-R2 (đợt).').waitFor();
  await page.getByText('Vui lòng nhập tên kỳ', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Mã kỳ', { exact: true }).getAttribute('aria-invalid'), 'true');

  const code = `2026-R${(Date.now() % 1e7).toString().padStart(7, '0')}9`;
  const name = `Đợt bổ sung ${suffix}`;
  const start = vn(Date.now() + 2 * DAY);
  const end = vn(Date.now() + 8 * DAY);
  const due = vn(Date.now() + 9 * DAY);
  await page.getByLabel('Mã kỳ', { exact: true }).fill(code);
  await page.getByLabel('Tên kỳ', { exact: true }).fill(name);
  await page.getByLabel('Từ ngày (dd/mm/yyyy)').fill(start.date);
  await page.getByLabel('Đến ngày (dd/mm/yyyy)').fill(end.date);
  const report = page.getByRole('group', { name: 'Hạn sở, ngành gửi báo cáo (trước)' });
  await report.getByLabel('Ngày (dd/mm/yyyy)').fill(due.date);
  const cons = page.getByRole('group', { name: 'Hạn Sở Nội vụ tổng hợp (trước)' });
  await cons.getByLabel('Ngày (dd/mm/yyyy)').fill(due.date);
  await cons.getByLabel('Giờ (HH:mm)').fill('08:00');
  await page.getByRole('button', { name: 'Thêm kỳ' }).click();
  await page.getByText('Hạn tổng hợp không được trước hạn sở, ngành gửi báo cáo.').waitFor();
  await cons.getByLabel('Giờ (HH:mm)').fill('17:00');
  await page.getByRole('button', { name: 'Thêm kỳ' }).click();
  await page.getByText(`Đã thêm kỳ ${name}.`).waitFor();

  const card = page.locator('.period-item', { hasText: name });
  await card.waitFor();
  assert.match(await card.innerText(), new RegExp(`Sở, ngành gửi: trước 09:00 .*, ${due.date.replace(/\//g, '\\/')}`));
  await card.getByRole('button', { name: /^Dời hạn hoặc đổi tên kỳ/ }).click();
  const form = card.getByRole('form', { name: `Sửa kỳ ${name}` });
  await form.getByRole('group', { name: 'Hạn sở, ngành gửi báo cáo (trước)' }).getByLabel('Giờ (HH:mm)').fill('10:30');
  // Someone else renames it meanwhile.
  const list = await call(setup.snv, 'GET', '/periods');
  const created = list.body.items.find((p) => p.code === code);
  assert.equal((await call(setup.snv, 'PATCH', `/periods/${created.id}`, { name: `${name} (sửa)` }, { 'If-Match': `"${created.version}"` })).status, 200);
  await form.getByRole('button', { name: 'Lưu' }).click();
  await form.getByText('Kỳ này vừa được người khác cập nhật.', { exact: false }).waitFor();
  assert.equal(await form.getByRole('group', { name: 'Hạn sở, ngành gửi báo cáo (trước)' }).getByLabel('Giờ (HH:mm)').inputValue(), '10:30');
  await shoot(page, 'periods', [[360, 740]]);
  await form.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText(`Đã cập nhật kỳ ${name}.`).waitFor();
  const after = (await call(setup.snv, 'GET', '/periods')).body.items.find((p) => p.code === code);
  assert.equal(after.report_deadline, new Date(`${due.iso}T10:30:00+07:00`).toISOString().replace('.000Z', '+00:00'));
  await shoot(page, 'periods');
  assert.deepEqual(unexpected(problems, [/status of 401 .*\(\/api\/v1\/auth\/refresh\)$/, /status of 412 /]), []);
  await logout(page);
});

pageTest('after the deadline the dialog says the report will be late, and the board says by how much', 'test8', { width: 360, height: 740 }, async (page, problems) => {
  // A period whose department deadline passed two hours ago.
  const now = Date.now();
  const due = new Date(now - 2 * 3600_000 - 5 * 60_000);
  const dueVn = vn(due.getTime());
  const later = vn(now + 3 * 3600_000);
  const r = await call(setup.snv, 'POST', '/periods', {
    code: `2026-R${(now % 1e7).toString().padStart(7, '0')}7`,
    name: `Đợt quá hạn ${suffix}`,
    starts_on: vn(now - 3 * DAY).iso,
    ends_on: vn(now - DAY).iso,
    report_deadline: `${dueVn.iso}T${dueVn.hm}:00+07:00`,
    consolidation_deadline: `${later.iso}T${later.hm}:00+07:00`,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const pid = r.body.id;
  await login(page, 'sxd.lanhdao');
  await page.goto(`${BASE_URL}/bao-cao?ky=${pid}`);
  await page.getByRole('heading', { level: 1, name: 'Báo cáo tuần – Sở Xây dựng' }).waitFor();
  await page.getByText(/— đã quá hạn 2 giờ \d+ phút/).waitFor();
  await page.getByLabel('Thuyết minh – Kiến nghị, đề xuất khác (nếu có)').fill('Gửi muộn do mất điện.');
  await page.getByText(/^Đã lưu lúc \d\d:\d\d$/).waitFor();
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gửi báo cáo?' });
  await dialog.getByText('báo cáo sẽ được ghi nhận là trễ hạn', { exact: false }).waitFor();
  await page.screenshot({ path: join(OUT, 'report-submit-late-360x740.png') });
  await dialog.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByText(/Đã gửi báo cáo \(phiên bản 1\) lúc \d\d:\d\d – trễ hạn 2 giờ \d+ phút\./).waitFor();
  await logout(page);

  // The Party committee reader sees it late on the board, and reads the frozen version only.
  await login(page, 'tinhuy.theodoi');
  await page.goto(`${BASE_URL}/bao-cao?ky=${pid}`);
  const row = page.getByRole('row', { name: /Sở Xây dựng/ });
  await row.getByText(/^Trễ hạn 2 giờ \d+ phút$/).waitFor();
  assert.match(await page.locator('.status-counts').innerText(), /1 Trễ hạn/);
  await page.locator('.status-counts').getByText(/Chưa gửi/).waitFor();
  await row.getByRole('link', { name: 'Sở Xây dựng' }).click();
  await page.getByRole('heading', { name: 'Phiên bản 1' }).waitFor();
  await page.getByText('Gửi muộn do mất điện.').waitFor();
  assert.equal(await page.locator('textarea').count(), 0);
  await shoot(page, 'report-party-reader', [[360, 740]]);
  assert.deepEqual(unexpected(problems), []);
  await logout(page);
});
