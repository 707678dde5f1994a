// Administration against a running stack: an administrator creates an account, finds it by
// a search without diacritics, and the new user is forced to change the password before
// anything else; disabling the account stops its login; an API token is shown once, works,
// and stops working once revoked; the audit log shows it all in Vietnam time.
// Run: TS_BASE_URL=http://127.0.0.1:8080 node --test tests/browser/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  BASE_URL, OUT_DIR, horizontalOverflow, launch, login, logout, openPage, submitLogin, unexpected,
} from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
});
after(async () => {
  if (browser) await browser.close();
});

// One account for the whole file, unique per run so the tests also work on a long-lived stack.
const suffix = Date.now().toString(36);
const account = {
  username: `tn.${suffix}`,
  fullName: `Lê Thị Thử Nghiệm ${suffix}`,
  password: null, // the generated one, read from the screen
  newPassword: `Hạc-Thành-${suffix}-2026`,
};

const nav = (page) => page.getByRole('navigation', { name: 'Điều hướng chính' });
const usersList = (page) => page.getByRole('list', { name: 'Danh sách người dùng' });

// "14:40 28/11/2026" for now in Vietnam, give or take `minutes`.
function vnTimes(minutes = 2) {
  const out = [];
  for (let m = -minutes; m <= minutes; m++) {
    const d = new Date(Date.now() + m * 60_000 + 7 * 3600_000);
    const p = (n) => String(n).padStart(2, '0');
    out.push(`${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`);
  }
  return out;
}

test('the administrator creates a user, who must change the password before anything else', async () => {
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await login(page, 'quantri');
  await page.locator('.role-badge', { hasText: 'Quản trị hệ thống' }).waitFor();
  // The links administration needs, in this order; other features may add their own links.
  const links = await nav(page).getByRole('link').allInnerTexts();
  const must = ['Trang chủ', 'Danh mục đơn vị', 'Người dùng', 'Mã truy cập API', 'Nhật ký'];
  assert.deepEqual(links.filter((l) => must.includes(l)), must, `navigation: ${links.join(', ')}`);
  for (const absent of ['Kiến nghị', 'Tổng quan']) assert.ok(!links.includes(absent), `no "${absent}" for administrators`);
  await nav(page).getByRole('link', { name: 'Người dùng' }).click();
  await page.getByRole('heading', { level: 1, name: 'Người dùng' }).waitFor();
  await usersList(page).waitFor();
  await page.screenshot({ path: join(OUT_DIR, 'admin-users-360x740.png') });

  await page.getByRole('link', { name: 'Thêm người dùng' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thêm người dùng' }).waitFor();
  // Mistakes are caught next to their fields before anything is sent.
  await page.getByLabel('Tên đăng nhập').fill('A b');
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.getByText('Chỉ dùng chữ thường không dấu (a–z), chữ số', { exact: false }).waitFor();
  await page.getByText('Vui lòng nhập họ và tên.').waitFor();
  await page.getByText('Vui lòng chọn vai trò.').waitFor();

  await page.getByLabel('Tên đăng nhập').fill(account.username);
  await page.getByLabel('Họ và tên').fill(account.fullName);
  await page.getByLabel('Vai trò').selectOption({ label: 'Cán bộ UBND xã/phường' });
  // The unit list offers communes only, and filters without diacritics.
  const unit = page.getByLabel('Đơn vị', { exact: true });
  await unit.waitFor();
  const offered = await unit.locator('option').allInnerTexts();
  assert.equal(offered.length, 167, 'the 166 communes and the empty choice');
  assert.ok(!offered.includes('Sở Xây dựng'));
  await page.getByLabel('Lọc danh sách đơn vị').fill('hac thanh');
  assert.deepEqual(await unit.locator('option').allInnerTexts(), ['— Chọn đơn vị — (1 khớp)', 'Phường Hạc Thành']);
  await unit.selectOption({ label: 'Phường Hạc Thành' });
  await page.screenshot({ path: join(OUT_DIR, 'admin-user-create-360x740.png'), fullPage: true });
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();

  await page.getByText(`Đã tạo tài khoản ${account.username}`).waitFor();
  const secret = page.getByLabel('Mật khẩu ban đầu');
  account.password = await secret.inputValue();
  assert.match(account.password, /^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
  await page.getByText('Mật khẩu này chỉ hiển thị một lần.', { exact: false }).waitFor();
  await page.screenshot({ path: join(OUT_DIR, 'admin-user-created-360x740.png'), fullPage: true });

  // In the list: found by a search typed without diacritics (the server folds them).
  await page.getByRole('link', { name: 'Về danh sách người dùng' }).click();
  await page.getByLabel('Tìm theo họ tên hoặc tên đăng nhập').fill(`le thi thu nghiem ${suffix}`);
  await page.getByText('1 người dùng', { exact: true }).waitFor();
  const card = usersList(page).locator(':scope > li');
  assert.equal(await card.count(), 1);
  const text = await card.innerText();
  assert.match(text, new RegExp(account.fullName));
  assert.match(text, /Cán bộ UBND xã\/phường · Phường Hạc Thành/);
  assert.match(text, /Chưa đổi mật khẩu ban đầu/);
  assert.match(new URL(page.url()).search, /q=le\+thi\+thu\+nghiem/, 'the search is kept in the address');
  await logout(page);

  // The new user: only the password change is reachable.
  await submitLogin(page, account.username, account.password);
  await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu trước khi sử dụng' }).waitFor();
  assert.equal(await nav(page).count(), 0, 'no navigation before the password is changed');
  await page.getByText('Từ 10 đến 128 ký tự').waitFor();
  await page.getByText('Không trùng tên đăng nhập').waitFor();
  await page.getByText('Không dùng mật khẩu phổ biến', { exact: false }).waitFor();
  await page.goto(`${BASE_URL}/don-vi`);
  await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu trước khi sử dụng' }).waitFor();

  // A common password is refused by the server, and the reason shown next to the field.
  await page.getByLabel('Mật khẩu hiện tại').fill(account.password);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('matkhau123');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('matkhau123');
  await page.getByRole('button', { name: 'Đổi mật khẩu và tiếp tục' }).click();
  await page.getByText('Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.').waitFor();
  assert.equal(await page.getByLabel('Mật khẩu mới', { exact: true }).getAttribute('aria-invalid'), 'true');
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    assert.ok((await horizontalOverflow(page)) <= 0);
    await page.screenshot({ path: join(OUT_DIR, `password-forced-${width}x${height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 740 });

  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(account.newPassword);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(account.newPassword);
  await page.getByRole('button', { name: 'Đổi mật khẩu và tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Trang chủ – Phường Hạc Thành' }).waitFor();
  await page.getByText('Đã đổi mật khẩu.', { exact: false }).waitFor();
  await page.locator('.role-badge', { hasText: 'Cán bộ UBND xã/phường' }).waitFor();
  assert.match(await page.getByRole('banner').innerText(), new RegExp(account.fullName));
  await page.screenshot({ path: join(OUT_DIR, 'home-after-first-password-360x740.png') });
  await logout(page);
  // The 400 is the common password refused on purpose.
  assert.deepEqual(unexpected(problems, [/status of 401 .*\(\/api\/v1\/auth\/refresh\)$/, /status of 400 .*\(\/api\/v1\/me\/password\)$/]), []);
  await page.close();
});

test('the administrator moves the user to a department and resets the password, shown once', async () => {
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await login(page, 'quantri');
  await page.goto(`${BASE_URL}/quan-tri/nguoi-dung?q=${encodeURIComponent(account.username)}`);
  await usersList(page).getByRole('link', { name: account.fullName }).click();
  await page.getByRole('heading', { level: 1, name: account.fullName }).waitFor();

  // A new role empties a unit that does not suit it; the list then offers departments only.
  await page.getByLabel('Vai trò').selectOption({ label: 'Chuyên viên sở, ngành' });
  const unit = page.getByLabel('Đơn vị', { exact: true });
  await unit.locator('option', { hasText: 'Sở Y tế' }).waitFor({ state: 'attached' });
  assert.equal(await unit.inputValue(), '');
  assert.equal(await unit.locator('option', { hasText: 'Phường Hạc Thành' }).count(), 0);
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Vui lòng chọn đơn vị phù hợp với vai trò mới.').waitFor();
  await unit.selectOption({ label: 'Sở Y tế' });
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Đã lưu thay đổi.').waitFor();
  assert.match(await page.locator('.page-meta').innerText(), /Chuyên viên sở, ngành · Sở Y tế/);

  // Reset with a generated password, shown once.
  await page.getByRole('button', { name: 'Cấp lại mật khẩu' }).click();
  const shown = page.getByLabel('Mật khẩu mới', { exact: true });
  await shown.waitFor();
  const reset = await shown.inputValue();
  assert.match(reset, /^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
  await page.screenshot({ path: join(OUT_DIR, 'admin-user-reset-360x740.png'), fullPage: true });
  await page.getByRole('button', { name: 'Xong' }).click();
  assert.equal(await page.getByLabel('Mật khẩu mới', { exact: true }).count(), 0, 'shown once only');
  await logout(page);

  // The user: the old password is gone, the new one must be changed first.
  await submitLogin(page, account.username, account.newPassword);
  await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
  await submitLogin(page, account.username, reset);
  await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu trước khi sử dụng' }).waitFor();
  assert.match(await page.getByRole('banner').innerText(), /Chuyên viên sở, ngành · Sở Y tế/);
  await page.getByLabel('Mật khẩu hiện tại').fill(reset);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(account.newPassword);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(account.newPassword);
  await page.getByRole('button', { name: 'Đổi mật khẩu và tiếp tục' }).click();
  await page.getByRole('heading', { level: 1, name: 'Trang chủ – Sở Y tế' }).waitFor();
  await logout(page);
  assert.deepEqual(unexpected(problems, [/status of 401 .*\(\/api\/v1\/auth\/(refresh|login)\)$/]), []);
  await page.close();
});

test('a disabled account cannot log in, and is told why', async () => {
  const { page, problems } = await openPage(browser.context, { width: 1280, height: 800 });
  await login(page, 'quantri');
  await nav(page).getByRole('link', { name: 'Người dùng' }).click();
  await usersList(page).waitFor();
  await page.screenshot({ path: join(OUT_DIR, 'admin-users-1280x800.png') });
  await page.goto(`${BASE_URL}/quan-tri/nguoi-dung?q=${encodeURIComponent(account.username)}`);
  await usersList(page).getByRole('link', { name: account.fullName }).click();
  await page.getByRole('heading', { level: 1, name: account.fullName }).waitFor();
  await page.getByRole('button', { name: 'Vô hiệu hóa tài khoản…' }).click();
  await page.getByText(`Vô hiệu hóa tài khoản ${account.username}?`).waitFor();
  await page.screenshot({ path: join(OUT_DIR, 'admin-user-disable-1280x800.png'), fullPage: true });
  await page.getByRole('button', { name: 'Vô hiệu hóa', exact: true }).click();
  await page.getByText('Đã vô hiệu hóa tài khoản.').waitFor();
  await page.locator('.badge', { hasText: 'Đã vô hiệu hóa' }).waitFor();
  await logout(page);

  await submitLogin(page, account.username, account.newPassword);
  await page.getByText('Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống của đơn vị.').waitFor();
  assert.deepEqual(unexpected(problems, [/status of 401 .*\(\/api\/v1\/auth\/refresh\)$/, /status of 403 .*\(\/api\/v1\/auth\/login\)$/]), []);
  await page.close();
});

test('an API token is shown once with a copy button, works, and stops working when revoked', async () => {
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await login(page, 'quantri');
  await nav(page).getByRole('link', { name: 'Mã truy cập API' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mã truy cập API' }).waitFor();
  const name = `Bảng số liệu thử ${suffix}`;
  await page.getByLabel('Tên gợi nhớ').fill(name);
  const holder = page.getByLabel('Tài khoản sử dụng mã');
  await holder.locator('option', { hasText: 'tinhuy.theodoi' }).waitFor({ state: 'attached' });
  // Only party readers and the province's leadership hold tokens.
  for (const label of await holder.locator('option').allInnerTexts()) {
    if (!label.startsWith('—')) assert.match(label, /Cán bộ Tỉnh ủy \(theo dõi\)|Lãnh đạo tỉnh$/);
  }
  await holder.selectOption({ label: await holder.locator('option', { hasText: 'tinhuy.theodoi' }).innerText() });
  // More than a year ahead is refused before sending.
  await page.getByLabel('Hết hạn vào ngày').fill('01/01/2099');
  await page.getByRole('button', { name: 'Cấp mã', exact: true }).click();
  await page.locator('#token-expires-error', { hasText: 'Hạn dùng tối đa 1 năm' }).waitFor();
  await page.getByRole('button', { name: '30 ngày' }).click();
  assert.match(await page.getByLabel('Hết hạn vào ngày').inputValue(), /^\d{2}\/\d{2}\/\d{4}$/);
  await page.getByRole('button', { name: 'Cấp mã', exact: true }).click();

  const value = page.getByLabel('Mã truy cập');
  await value.waitFor();
  const token = await value.inputValue();
  assert.match(token, /^tsk_/);
  await page.getByText('Mã chỉ hiển thị một lần', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Sao chép' }).click();
  await page.getByText('Đã sao chép.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
  await page.screenshot({ path: join(OUT_DIR, 'admin-token-created-360x740.png'), fullPage: true });

  // The token reads the API (and only reads).
  const me = await fetch(`${BASE_URL}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).username, 'tinhuy.theodoi');

  await page.getByRole('button', { name: 'Tôi đã lưu mã, đóng lại' }).click();
  assert.equal(await page.getByLabel('Mã truy cập').count(), 0, 'the token is not shown again');
  const item = page.getByRole('list', { name: 'Các mã đã cấp' }).locator(':scope > li', { hasText: name });
  await item.waitFor();
  assert.match(await item.innerText(), new RegExp(`${token.slice(0, 10)}…`));
  assert.match(await item.innerText(), /Đang hiệu lực/);
  assert.match(await item.innerText(), /Chưa dùng|\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);

  await item.getByRole('button', { name: 'Thu hồi…' }).click();
  await item.getByText(`Thu hồi mã “${name}”?`, { exact: false }).waitFor();
  await page.screenshot({ path: join(OUT_DIR, 'admin-token-revoke-360x740.png'), fullPage: true });
  await item.getByRole('button', { name: 'Thu hồi mã' }).click();
  await item.getByText(/^Đã thu hồi lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/).waitFor();
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.ok((await horizontalOverflow(page)) <= 0);
  await page.screenshot({ path: join(OUT_DIR, 'admin-tokens-1280x800.png'), fullPage: true });
  const after = await fetch(`${BASE_URL}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(after.status, 401);
  await after.arrayBuffer();
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('the audit log lists what happened, newest first, in Vietnam time', async () => {
  const { page, problems } = await openPage(browser.context, { width: 1280, height: 800 });
  await page.goto(`${BASE_URL}/quan-tri/nhat-ky`);
  await page.getByRole('heading', { level: 1, name: 'Nhật ký hệ thống' }).waitFor();
  await page.getByLabel('Thao tác').selectOption({ label: 'Tạo người dùng' });
  await page.getByLabel('Người thực hiện (tên đăng nhập)').fill('quantri');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  const entries = page.getByRole('list', { name: 'Các mục nhật ký' }).locator(':scope > li');
  // The unfiltered list shows until the filtered one arrives.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const texts = await entries.allInnerTexts();
    if (texts.length > 0 && texts.every((t) => t.includes('Tạo người dùng'))) break;
    await page.waitForTimeout(100);
  }
  for (const entry of await entries.all()) assert.match(await entry.innerText(), /Tạo người dùng[\s\S]*quantri|quantri[\s\S]*Tạo người dùng/);
  const first = await entries.first().innerText();
  assert.match(first, /Tạo người dùng/);
  const time = await entries.first().locator('time').innerText();
  assert.ok(vnTimes(3).includes(time), `${time} is not now in Vietnam`);
  await entries.first().getByText('Chi tiết thay đổi').click();
  assert.match(await entries.first().innerText(), new RegExp(account.username));
  await page.screenshot({ path: join(OUT_DIR, 'admin-audit-1280x800.png') });

  // A wrong date is explained next to its field.
  await page.getByLabel('Từ ngày').fill('31/02/2026');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await page.getByText('Nhập ngày dạng ngày/tháng/năm', { exact: false }).waitFor();
  await page.setViewportSize({ width: 360, height: 740 });
  assert.ok((await horizontalOverflow(page)) <= 0);
  await page.screenshot({ path: join(OUT_DIR, 'admin-audit-360x740.png') });
  await logout(page);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});
