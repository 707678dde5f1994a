// The life of an issue in the browser, against a running stack: a commune (Phường Hạc Thành)
// raises a difficulty in the field "xay-dung" — the form checks what is missing, keeps what was
// typed when the network fails and sends the same Idempotency-Key again — Sở Xây dựng finds it
// in its inbox, accepts it and answers with a legal basis, shared to the library; the commune
// reads the answer and confirms it; the timeline shows every step with who and which unit; the
// library finds it without diacritics; another commune (Phường Quảng Phú) sees none of it.
// Screenshots of the form, the inbox and the issue page at 360×740 and 1280×800.
// Run: TS_BASE_URL=http://127.0.0.1:8080 node --test tests/browser/issues.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, OUT_DIR, horizontalOverflow, launch, login, logout, openPage, unexpected } from './browser.mjs';

const OUT = process.env.TS_TEST_OUT || OUT_DIR;
const TIMEOUT = 30_000; // two cores shared with other test runs: be patient

let browser;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launch();
  browser.context.setDefaultTimeout(TIMEOUT);
});
after(async () => {
  if (browser) await browser.close();
});

// Unique per run, so the tests also work on a long-lived stack.
const stamp = Date.now().toString(36);
const title = `Vướng mắc cấp phép xây dựng nhà văn hóa thôn Đông – thử ${stamp}`;
const description = 'Thôn Đông đề nghị xây nhà văn hóa trên đất công ích. Phường chưa rõ công trình này có phải xin giấy phép xây dựng hay không.';
const answer = 'Nhà văn hóa thôn xây trên đất công ích, một tầng, thuộc diện miễn giấy phép xây dựng; phường hướng dẫn thôn lập hồ sơ thiết kế và thông báo khởi công.';
const legalBasis = 'Điểm b khoản 2 Điều 89 Luật Xây dựng số 50/2014/QH13';
const issue = { id: null, code: null };

// The browser logs these 4xx/failed loads as console errors; each is the app working as meant.
const EXPECTED = [
  /status of 401 .*\(\/api\/v1\/auth\/refresh\)$/, // start-up without a session
  /net::ERR_FAILED/, // the POST the test cuts off on purpose
  /status of 404 .*\(\/api\/v1\/issues\/\d+(\/events)?\)$/, // another commune's issue
];

const nav = (page) => page.getByRole('navigation', { name: 'Điều hướng chính' });
const timeline = (page) => page.getByRole('list', { name: 'Diễn biến xử lý' });
const issueCards = (page) => page.getByRole('list', { name: 'Danh sách kiến nghị' }).locator(':scope > li');

async function shoot(page, name, sizes = [[360, 740], [1280, 800]]) {
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150); // layout settles (filters fold, columns change)
    await page.screenshot({ path: join(OUT, `issues-${name}-${width}x${height}.png`), fullPage: true });
    if (width === 360) assert.ok((await horizontalOverflow(page)) <= 0, `${name}: no sideways scrolling at 360 px`);
  }
}

test('a commune raises an issue: checks, a lost answer retried with the same key, the issue page', async () => {
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await login(page, 'xa.hacthanh');
  await nav(page).getByRole('link', { name: 'Kiến nghị' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kiến nghị của phường' }).waitFor();
  await page.getByRole('link', { name: 'Gửi kiến nghị' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Gửi kiến nghị' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/kien-nghi/gui');

  // Sending an empty form: messages next to the fields, the focus on the first one.
  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await page.getByText('Nhập tiêu đề, ít nhất 3 ký tự.').waitFor();
  await page.getByText('Nhập nội dung cụ thể của khó khăn').waitFor();
  await page.getByText('Chọn lĩnh vực của kiến nghị.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'issue-title');

  await page.getByLabel('Khó khăn, vướng mắc').check();
  await page.getByLabel('Tiêu đề').fill(title);
  await page.getByLabel('Nội dung').fill(description);
  // The field picker ignores diacritics and says where the issue will go.
  await page.getByLabel('Tìm lĩnh vực').fill('xay dung cap phep');
  const field = page.getByRole('radio', { name: /^Hoạt động xây dựng, cấp phép xây dựng/ });
  await field.check();
  await page.getByText('Kiến nghị sẽ gửi đến: Sở Xây dựng (sở chủ trì)').waitFor();
  await shoot(page, 'form');
  await page.setViewportSize({ width: 360, height: 740 });

  // The first attempt never reaches the server: the form keeps everything, the retry sends the
  // same Idempotency-Key.
  const keys = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/issues') keys.push(r.headers()['idempotency-key']);
  });
  let cut = true;
  await page.route('**/api/v1/issues', (route) => {
    if (cut && route.request().method() === 'POST') {
      cut = false;
      return route.abort('failed');
    }
    return route.continue();
  });
  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await page.getByText('Không kết nối được máy chủ. Nội dung bạn nhập vẫn còn').waitFor();
  assert.equal(await page.getByLabel('Tiêu đề').inputValue(), title);
  assert.equal(await page.getByLabel('Nội dung').inputValue(), description);
  assert.ok(await field.isChecked(), 'the chosen field stays chosen');

  await page.getByRole('button', { name: 'Gửi kiến nghị' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.unroute('**/api/v1/issues');
  assert.equal(keys.length, 2, 'one failed attempt and one retry');
  assert.match(keys[0], /^[0-9a-f]{32}$/);
  assert.equal(keys[1], keys[0], 'the retry reuses the Idempotency-Key');

  const path = new URL(page.url()).pathname;
  assert.match(path, /^\/kien-nghi\/\d+$/);
  issue.id = path.split('/').pop();
  const head = page.locator('.issue-head');
  issue.code = (await head.locator('.issue-code').innerText()).trim();
  assert.match(issue.code, /^KN-\d{4}-\d{6,}$/);
  await page.getByText(`Đã gửi kiến nghị ${issue.code} đến Sở Xây dựng.`).waitFor();
  await head.getByText('Mới gửi').waitFor();
  const facts = await page.locator('.issue-facts').innerText();
  assert.match(facts, /Sở chủ trì\s+Sở Xây dựng/);
  assert.match(facts, /Đang ở\s+Sở Xây dựng/);
  assert.match(facts, /Hạn xử lý\s+\d{2}\/\d{2}\/\d{4}/);
  await timeline(page).getByText('Gửi kiến nghị').waitFor();
  // While it waits for the department the commune may only withdraw or edit it.
  await page.getByRole('button', { name: 'Rút kiến nghị' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Xác nhận đã giải quyết' }).count(), 0);

  assert.deepEqual(unexpected(problems, EXPECTED), []);
  await page.close();
});

test('Sở Xây dựng finds it in its inbox, accepts it and answers with a legal basis', async () => {
  assert.ok(issue.id, 'needs the issue raised above');
  const { page, problems } = await openPage(browser.context, { width: 1280, height: 800 });
  await login(page, 'sxd.chuyenvien');
  // The home page counts the inbox; the bell counts the unread notifications.
  await page.getByRole('heading', { name: 'Hộp kiến nghị' }).waitFor();
  await page.getByRole('link', { name: /^Thông báo: \d+ chưa đọc$/ }).waitFor();

  await nav(page).getByRole('link', { name: 'Kiến nghị' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hộp kiến nghị' }).waitFor();
  await page.getByRole('link', { name: 'Cần xử lý' }).waitFor();
  const card = issueCards(page).filter({ hasText: title });
  await card.waitFor();
  assert.match(await card.innerText(), /Phường Hạc Thành/);
  assert.match(await card.innerText(), /Mới gửi/);
  await page.getByText(/^\d+ kiến nghị/).first().waitFor();
  await shoot(page, 'inbox', [[1280, 800], [360, 740]]);

  await card.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  // Only what allowed_actions says: an officer proposes escalation, only the head escalates.
  for (const name of ['Tiếp nhận', 'Trả lời', 'Trả lại xã', 'Chuyển sở, ngành khác', 'Đề xuất trình UBND tỉnh']) {
    await page.getByRole('button', { name, exact: true }).waitFor();
  }
  assert.equal(await page.getByRole('button', { name: 'Trình UBND tỉnh', exact: true }).count(), 0);

  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await page.getByText('Đã tiếp nhận kiến nghị').waitFor();
  await page.locator('.issue-head').getByText('Đang xử lý').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).count(), 0);

  await page.getByRole('button', { name: 'Trả lời', exact: true }).click();
  await page.getByRole('button', { name: 'Gửi trả lời' }).click();
  await page.getByText('Nhập nội dung trả lời.').waitFor();
  await page.getByLabel('Nội dung trả lời, hướng dẫn').fill(answer);
  await page.getByLabel('Căn cứ / văn bản số… (không bắt buộc)').fill(legalBasis);
  await page.getByLabel(/Chia sẻ vào thư viện hỏi đáp/).check();
  await page.getByRole('button', { name: 'Gửi trả lời' }).click();
  await page.getByText('Đã gửi câu trả lời cho xã, phường.').waitFor();
  await page.locator('.issue-head').getByText('Đã trả lời').waitFor();
  const answered = await page.locator('.answer').innerText();
  assert.ok(answered.includes(answer));
  assert.ok(answered.includes(`Căn cứ: ${legalBasis}`));
  await timeline(page).getByText('Trả lời', { exact: true }).waitFor();

  assert.deepEqual(unexpected(problems, EXPECTED), []);
  await page.close();
});

test('the commune reads the answer and confirms it; the timeline shows every step', async () => {
  assert.ok(issue.id, 'needs the issue raised above');
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await login(page, 'xa.hacthanh');
  await page.getByRole('link', { name: /câu trả lời chờ phường xác nhận/ }).waitFor();
  await nav(page).getByRole('link', { name: 'Kiến nghị' }).click();
  await page.getByRole('link', { name: 'Chờ xác nhận' }).click();
  const card = issueCards(page).filter({ hasText: title });
  await card.waitFor();
  assert.match(await card.innerText(), /Đã trả lời/);
  await card.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();

  const answered = await page.locator('.answer').innerText();
  assert.ok(answered.includes(answer), 'the commune sees the answer');
  assert.ok(answered.includes(legalBasis), 'and its legal basis');
  assert.match(answered, /Sở Xây dựng/);

  await page.getByRole('button', { name: 'Xác nhận đã giải quyết' }).click();
  await page.getByText('Đã xác nhận: kiến nghị đã kết thúc.').waitFor();
  await page.locator('.issue-head').getByText('Đã kết thúc').waitFor();
  await page.getByRole('button', { name: 'Mở lại' }).waitFor();

  // Every step, in order, with who did it and for which unit.
  await timeline(page).getByText('Xác nhận đã giải quyết').waitFor();
  const steps = await timeline(page).locator(':scope > li').allInnerTexts();
  const order = ['Gửi kiến nghị', 'Tiếp nhận', 'Trả lời', 'Xác nhận đã giải quyết'].map((name) => steps.findIndex((s) => s.startsWith(name)));
  assert.ok(order.every((i) => i >= 0), `every step is on the timeline: ${JSON.stringify(steps)}`);
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'in the order they happened');
  const step = (name) => steps.find((s) => s.startsWith(name));
  assert.match(step('Gửi kiến nghị'), /Phường Hạc Thành/);
  assert.match(step('Tiếp nhận'), /Sở Xây dựng/);
  assert.match(step('Trả lời'), /Sở Xây dựng/);
  assert.ok(step('Trả lời').includes(`Căn cứ: ${legalBasis}`));
  assert.match(step('Xác nhận đã giải quyết'), /Phường Hạc Thành/);
  for (const s of steps) assert.match(s, /\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/, 'each step has its time');
  await shoot(page, 'detail');

  // Shared to the library: found by words typed without diacritics.
  await page.setViewportSize({ width: 360, height: 740 });
  await nav(page).getByRole('link', { name: 'Hỏi đáp' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hỏi đáp – cầm tay chỉ việc' }).waitFor();
  await page.getByLabel('Tìm câu hỏi, câu trả lời').fill(`nha van hoa thu ${stamp}`);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  const qa = page.getByRole('list', { name: 'Câu hỏi và câu trả lời' }).locator(':scope > li');
  const found = qa.filter({ hasText: title });
  await found.waitFor();
  assert.ok((await found.innerText()).includes(legalBasis));

  assert.deepEqual(unexpected(problems, EXPECTED), []);
  await page.close();
});

test('another commune (Phường Quảng Phú) does not see it', async () => {
  assert.ok(issue.id, 'needs the issue raised above');
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await login(page, 'xa.quangphu');
  await nav(page).getByRole('link', { name: 'Kiến nghị' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kiến nghị của phường' }).waitFor();
  await page.getByRole('status').filter({ hasText: /kiến nghị/ }).first().waitFor();
  assert.equal(await page.getByText(title).count(), 0);
  // Searching for its words finds nothing of another commune.
  await page.getByLabel('Tìm theo mã, tiêu đề, nội dung').fill(`nha van hoa thon dong thu ${stamp}`);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.waitForURL(/[?&]q=/);
  await page.getByRole('status').filter({ hasText: /kiến nghị/ }).first().waitFor();
  assert.equal(await page.getByText(title).count(), 0);

  await page.goto(`${BASE_URL}/kien-nghi/${issue.id}`);
  await page.getByRole('heading', { level: 1, name: 'Không tìm thấy kiến nghị' }).waitFor();
  assert.equal(await page.getByText(title).count(), 0);
  assert.deepEqual(unexpected(problems, EXPECTED), []);
  await logout(page);
  await page.close();
});
