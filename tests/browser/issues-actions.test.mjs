// The other paths of an issue in the browser, against a running stack (issues are set up
// through the API to keep the run short): returned → edited and resubmitted, with an edit
// made elsewhere meanwhile (412: the page reloads and keeps what was typed); attachments up
// and down; grouping two communes' issues and answering the group once; the department head
// escalating to UBND tỉnh and the province office forwarding it to a ministry and recording the
// reply; notifications marked read; the leadership reading and commenting only.
// Run: TS_BASE_URL=http://127.0.0.1:8080 node --test tests/browser/issues-actions.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE_URL, DEMO_PASSWORD, launch, login, openPage, unexpected } from './browser.mjs';

const TIMEOUT = 30_000;

let browser;
before(async () => {
  browser = await launch();
  browser.context.setDefaultTimeout(TIMEOUT);
});
after(async () => {
  if (browser) await browser.close();
});

const stamp = Date.now().toString(36);
const EXPECTED = [/status of 401 .*\(\/api\/v1\/auth\/refresh\)$/];

// ---- The API, for setting up and checking ----

const tokens = new Map();
async function token(username) {
  if (!tokens.has(username)) {
    const r = await fetch(`${BASE_URL}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    assert.equal(r.status, 200, `login ${username}`);
    tokens.set(username, (await r.json()).access_token);
  }
  return tokens.get(username);
}

async function api(username, method, path, body, headers = {}) {
  const r = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${await token(username)}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await r.json();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${JSON.stringify(data)}`);
  return data;
}

function raise(username, title, field = 'xay-dung') {
  return api(username, 'POST', '/issues', { title, description: `Nội dung ${title}.`, field, kind: 'difficulty' });
}

const act = (username, id, action, inputs = {}) => api(username, 'POST', `/issues/${id}/transitions`, { action, ...inputs });

const head = (page) => page.locator('.issue-head');
const timeline = (page) => page.getByRole('list', { name: 'Diễn biến xử lý' });

async function openIssue(page, id, title) {
  await page.goto(`${BASE_URL}/kien-nghi/${id}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

test('returned: the commune edits and resubmits; an edit made elsewhere meanwhile is not overwritten blindly', async () => {
  const title = `Thiếu hồ sơ thẩm định thiết kế – thử ${stamp}`;
  const issue = await raise('xa.hacthanh', title);
  await act('sxd.chuyenvien', issue.id, 'return', { reason: 'Đề nghị bổ sung bản vẽ mặt bằng.' });

  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await login(page, 'xa.hacthanh');
  await openIssue(page, issue.id, title);
  await head(page).getByText('Bị trả lại').waitFor();
  await timeline(page).getByText('Đề nghị bổ sung bản vẽ mặt bằng.').waitFor();

  await page.getByRole('button', { name: 'Sửa và gửi lại' }).click();
  const text = 'Phường gửi kèm bản vẽ mặt bằng tỷ lệ 1/500 theo đề nghị của Sở.';
  await page.getByRole('textbox', { name: 'Nội dung' }).fill(text);

  // Someone else in the commune changes the title meanwhile.
  const other = `${title} (đã sửa)`;
  await api('xa.hacthanh', 'PATCH', `/issues/${issue.id}`, { title: other }, { 'If-Match': `"${issue.version + 1}"` });

  await page.getByRole('button', { name: 'Lưu và gửi lại' }).click();
  await page.getByText('Kiến nghị vừa được người khác thay đổi.').waitFor();
  await page.getByRole('heading', { level: 1, name: other }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Nội dung' }).inputValue(), text, 'what was typed stays');

  await page.getByRole('button', { name: 'Lưu và gửi lại' }).click();
  await page.getByText('Đã lưu và gửi lại kiến nghị cho sở chủ trì.').waitFor();
  await head(page).getByText('Mới gửi').waitFor();
  await timeline(page).getByText('Gửi lại', { exact: true }).waitFor();
  assert.equal(await timeline(page).getByText('Sửa nội dung').count(), 2);
  const now = await api('xa.hacthanh', 'GET', `/issues/${issue.id}`);
  assert.equal(now.description, text);
  assert.equal(now.state, 'submitted');

  assert.deepEqual(unexpected(problems, [...EXPECTED, /status of 412/]), []);
  await page.close();
});

test('attachments: a PDF goes up and comes back down; other types are refused before sending', async () => {
  const title = `Hồ sơ kèm văn bản – thử ${stamp}`;
  const issue = await raise('xa.hacthanh', title);
  const { page, problems } = await openPage(browser.context, { width: 1280, height: 800 });
  await login(page, 'xa.hacthanh');
  await openIssue(page, issue.id, title);

  await page.getByLabel('Đính kèm tệp').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('xin chào') });
  await page.getByText('Chỉ nhận tệp PDF, DOCX, XLSX, JPG hoặc PNG.').waitFor();

  const pdf = Buffer.from('%PDF-1.4\n% Thông suốt\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  await page.getByLabel('Đính kèm tệp').setInputFiles({ name: 'Tờ trình số 12.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByText('Tờ trình số 12.pdf (1 KB)').waitFor();
  await page.getByRole('button', { name: 'Tải lên' }).click();
  await page.getByText('Đã đính kèm “Tờ trình số 12.pdf”.').waitFor();
  const files = page.locator('.files');
  await files.getByText('Tờ trình số 12.pdf').waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải về Tờ trình số 12.pdf' }).click()]);
  assert.equal(download.suggestedFilename(), 'Tờ trình số 12.pdf');
  assert.deepEqual(readFileSync(await download.path()), pdf);
  assert.deepEqual(unexpected(problems, EXPECTED), []);
  await page.close();
});

test('a department groups the same question from two communes and answers it once', async () => {
  const a = await raise('xa.hacthanh', `Hạn mức công trình miễn phép – Hạc Thành ${stamp}`);
  const b = await raise('xa.quangphu', `Hạn mức công trình miễn phép – Quảng Phú ${stamp}`);
  const { page, problems } = await openPage(browser.context, { width: 1280, height: 800 });
  await login(page, 'sxd.chuyenvien');
  await page.goto(`${BASE_URL}/kien-nghi?q=${encodeURIComponent(`han muc cong trinh mien phep ${stamp}`)}`);
  await page.getByRole('heading', { level: 1, name: 'Hộp kiến nghị' }).waitFor();
  await page.getByLabel(`Chọn ${a.code} để gộp nhóm`).check();
  await page.getByText('chọn ít nhất 2 để gộp nhóm').waitFor();
  await page.getByLabel(`Chọn ${b.code} để gộp nhóm`).check();
  await page.getByRole('button', { name: 'Gộp nhóm' }).click();
  const groupTitle = `Hạn mức công trình được miễn giấy phép ${stamp}`;
  await page.getByLabel('Tên nhóm (câu hỏi chung)').fill(groupTitle);
  await page.getByRole('button', { name: 'Tạo nhóm 2 kiến nghị' }).click();

  await page.getByRole('heading', { level: 1, name: groupTitle }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/kien-nghi\/nhom\/\d+$/);
  await page.getByText(`Đã gộp 2 kiến nghị thành nhóm “${groupTitle}”.`).waitFor();
  const members = page.getByRole('list', { name: 'Kiến nghị trong nhóm' });
  await members.getByText(a.code).waitFor();
  await members.getByText(b.code).waitFor();

  await page.getByLabel('Nội dung trả lời, hướng dẫn').fill('Công trình dưới 7 tầng trong khu đã có quy hoạch chi tiết 1/500 được miễn giấy phép.');
  await page.getByLabel('Căn cứ / văn bản số… (không bắt buộc)').fill('Khoản 2 Điều 89 Luật Xây dựng');
  await page.getByRole('button', { name: 'Gửi trả lời cho 2 kiến nghị' }).click();
  await page.getByText('Đã trả lời 2 kiến nghị của nhóm').waitFor();
  await page.getByText('Tất cả kiến nghị trong nhóm đã được trả lời.').waitFor();
  for (const [who, id] of [['xa.hacthanh', a.id], ['xa.quangphu', b.id]]) {
    const now = await api(who, 'GET', `/issues/${id}`);
    assert.equal(now.state, 'answered');
    assert.equal(now.legal_basis, 'Khoản 2 Điều 89 Luật Xây dựng');
  }
  assert.deepEqual(unexpected(problems, EXPECTED), []);
  await page.close();
});

test('the head escalates to UBND tỉnh; the province office forwards it to a ministry and records the reply', async () => {
  const title = `Điều chỉnh quy hoạch chung đô thị – thử ${stamp}`;
  const issue = await raise('xa.quangphu', title, 'quy-hoach-do-thi');
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await login(page, 'sxd.lanhdao');
  await openIssue(page, issue.id, title);
  assert.equal(await page.getByRole('button', { name: 'Đề xuất trình UBND tỉnh' }).count(), 0, 'the head escalates instead');
  await page.getByRole('button', { name: 'Trình UBND tỉnh', exact: true }).click();
  await page.getByRole('button', { name: 'Trình UBND tỉnh', exact: true }).click();
  await page.getByText('Nhập lý do.').waitFor();
  await page.getByLabel('Lý do trình UBND tỉnh').fill('Điều chỉnh quy hoạch chung thuộc thẩm quyền UBND tỉnh.');
  await page.getByRole('button', { name: 'Trình UBND tỉnh', exact: true }).click();
  await page.getByText('Đã trình UBND tỉnh.').waitFor();
  await head(page).getByText('Đã trình UBND tỉnh').waitFor();

  await login(page, 'vpubnd.chuyenvien');
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kiến nghị' }).click();
  await page.getByRole('heading', { level: 1, name: 'Vấn đề trình UBND tỉnh' }).waitFor();
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  for (const name of ['Giải quyết', 'Kiến nghị Bộ, ngành Trung ương', 'Chuyển lại sở chủ trì']) await page.getByRole('button', { name, exact: true }).waitFor();

  await page.getByRole('button', { name: 'Kiến nghị Bộ, ngành Trung ương' }).click();
  await page.getByLabel('Bộ, ngành Trung ương', { exact: true }).selectOption({ label: 'Bộ Xây dựng' });
  await page.getByLabel('Số công văn').fill(`1234/UBND-CN-${stamp}`);
  await page.getByLabel('Ngày công văn').fill('31/12/2099');
  await page.getByRole('button', { name: 'Ghi nhận đã gửi Bộ, ngành' }).click();
  await page.getByText('Ngày công văn không được sau hôm nay.').waitFor();
  await page.getByLabel('Ngày công văn').fill('01/12/2025');
  await page.getByRole('button', { name: 'Ghi nhận đã gửi Bộ, ngành' }).click();
  await page.getByText('Đã ghi nhận kiến nghị gửi Bộ, ngành Trung ương.').waitFor();
  await head(page).getByText('Đã kiến nghị Trung ương').waitFor();
  const central = await page.locator('.answer').innerText();
  assert.match(central, /Bộ Xây dựng/);
  assert.ok(central.includes(`1234/UBND-CN-${stamp}`));
  assert.match(central, /01\/12\/2025/);

  await page.getByRole('button', { name: 'Ghi nhận trả lời của Bộ, ngành' }).click();
  await page.getByLabel('Nội dung trả lời của Bộ, ngành').fill('Bộ Xây dựng đồng ý chủ trương điều chỉnh cục bộ.');
  await page.getByRole('button', { name: 'Ghi nhận và gửi cho xã' }).click();
  await page.getByText('Đã ghi nhận trả lời của Bộ, ngành').waitFor();
  await head(page).getByText('Đã trả lời').waitFor();
  await page.getByRole('heading', { name: 'Trả lời của Bộ, ngành' }).waitFor();
  for (const step of ['Trình UBND tỉnh', 'Kiến nghị Bộ, ngành Trung ương', 'Ghi nhận trả lời của Bộ, ngành']) {
    await timeline(page).getByText(step, { exact: true }).waitFor();
  }
  assert.deepEqual(unexpected(problems, EXPECTED), []);
  await page.close();
});

test('notifications: the bell counts, the page marks all as read and links to the issue', async () => {
  const title = `Thông báo mới – thử ${stamp}`;
  const issue = await raise('xa.hacthanh', title);
  await act('sxd.chuyenvien', issue.id, 'answer', { answer: 'Đã có hướng dẫn.' });
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await login(page, 'xa.hacthanh');
  const bell = page.getByRole('link', { name: /^Thông báo/ });
  await page.getByRole('link', { name: /^Thông báo: \d+ chưa đọc$/ }).waitFor();
  await bell.click();
  await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
  const note = page.getByRole('list', { name: 'Danh sách thông báo' }).locator(':scope > li').filter({ hasText: issue.code }).first();
  await note.getByText('Chưa đọc').waitFor();
  await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
  await page.getByText('Đã đọc hết thông báo.').waitFor();
  await page.getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
  assert.equal((await api('xa.hacthanh', 'GET', '/notifications?unread=true&limit=1')).unread, 0);
  await note.getByRole('link', { name: new RegExp(issue.code) }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  assert.deepEqual(unexpected(problems, EXPECTED), []);
  await page.close();
});

test('the leadership reads every issue and may comment, nothing else', async () => {
  const title = `Lãnh đạo theo dõi – thử ${stamp}`;
  const issue = await raise('xa.quangphu', title);
  const { page, problems } = await openPage(browser.context, { width: 1280, height: 800 });
  await login(page, 'lanhdao.tinh');
  await page.getByRole('heading', { name: 'Kiến nghị toàn tỉnh' }).waitFor();
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kiến nghị' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kiến nghị toàn tỉnh' }).waitFor();
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Xử lý kiến nghị' }).count(), 0, 'no actions');
  assert.equal(await page.getByLabel('Đính kèm tệp').count(), 0, 'no uploads');
  await page.getByLabel('Thêm ý kiến').fill('Đề nghị Sở Xây dựng trả lời trước ngày 15/12.');
  await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
  const comment = timeline(page).locator(':scope > li').filter({ hasText: 'Đề nghị Sở Xây dựng trả lời trước ngày 15/12.' });
  await comment.waitFor();
  assert.match(await comment.innerText(), /Ý kiến[\s\S]*Nguyễn Văn An/);
  assert.equal(await page.getByLabel('Thêm ý kiến').inputValue(), '');
  assert.deepEqual(unexpected(problems, EXPECTED), []);
  await page.close();
});
