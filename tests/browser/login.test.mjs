// Logging in and out, against a running stack: the login page (nothing else is reachable
// before it), Vietnamese messages for every way a login fails, a home page per role, the
// session kept across reloads from the HttpOnly cookie but ended for good by "Đăng xuất",
// and one refresh-and-retry when an access token stops working.
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
});
after(async () => {
  if (browser) await browser.close();
});

const WRONG_LOGIN = /status of 401 .*\(\/api\/v1\/auth\/(refresh|login)\)$/;

test('before login: only the login page, with the system status and no application data', async () => {
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  const apiCalls = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) apiCalls.push(path);
  });
  const response = await page.goto(`${BASE_URL}/don-vi`);
  assert.equal(response.status(), 200);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/dang-nhap', 'a page path without a session lands on the login page');
  await page.getByRole('heading', { level: 1, name: 'Thông suốt' }).waitFor();
  await page.getByText('Hệ thống hoạt động bình thường').waitFor();
  assert.equal(await page.title(), 'Đăng nhập — Thông suốt');
  assert.equal(await page.getByRole('navigation').count(), 0);
  assert.deepEqual(apiCalls.sort(), ['/api/health', '/api/v1/auth/refresh']);
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow <= 0, `login page is ${overflow}px wider than a ${width}px screen`);
    await page.screenshot({ path: join(OUT_DIR, `login-${width}x${height}.png`) });
  }

  const username = page.getByLabel('Tên đăng nhập');
  const password = page.getByLabel('Mật khẩu', { exact: true });
  assert.equal(await username.getAttribute('autocomplete'), 'username');
  assert.equal(await password.getAttribute('autocomplete'), 'current-password');
  assert.equal(await password.getAttribute('type'), 'password');

  // Empty fields: the message is next to the field and tied to it.
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByText('Vui lòng nhập tên đăng nhập.').waitFor();
  assert.equal(await username.getAttribute('aria-invalid'), 'true');
  assert.match(await username.getAttribute('aria-describedby'), /login-username-error/);
  assert.equal(await username.evaluate((el) => el === document.activeElement), true);

  // The show/hide toggle.
  await password.fill('abc');
  await page.getByRole('button', { name: 'Hiện mật khẩu' }).click();
  assert.equal(await password.getAttribute('type'), 'text');
  await page.getByRole('button', { name: 'Ẩn mật khẩu' }).click();
  assert.equal(await password.getAttribute('type'), 'password');
  await password.fill('');
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('a wrong password says so in Vietnamese and keeps what was typed', async () => {
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await submitLogin(page, 'xa.hacthanh', 'MatKhauSai@2025');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal((await alert.innerText()).trim(), 'Tên đăng nhập hoặc mật khẩu không đúng.');
  assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), 'xa.hacthanh');
  assert.equal(await page.getByLabel('Mật khẩu', { exact: true }).inputValue(), 'MatKhauSai@2025');
  assert.equal(await page.getByRole('button', { name: 'Đăng nhập', exact: true }).isEnabled(), true);
  await page.screenshot({ path: join(OUT_DIR, 'login-wrong-password-360x740.png') });
  assert.deepEqual(unexpected(problems, [WRONG_LOGIN]), []);
  await page.close();
});

test('five failures lock the name, and the message says for how long', async () => {
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  // A name that does not exist: it is locked all the same (the answer never tells).
  const name = `khong.co.${Date.now().toString(36)}`;
  const alert = page.getByRole('alert');
  for (let i = 0; i < 5; i++) {
    await submitLogin(page, name, `SaiMatKhau-${i}-2025`);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).and(page.locator(':enabled')).waitFor();
  }
  await alert.waitFor();
  const text = (await alert.innerText()).trim();
  assert.match(text, /^Tài khoản tạm khóa do đăng nhập sai nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/);
  await submitLogin(page, name, 'ThuLaiLanNua@2025');
  await page.waitForTimeout(300);
  assert.match((await alert.innerText()).trim(), /^Tài khoản tạm khóa/);
  assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), name);
  await page.screenshot({ path: join(OUT_DIR, 'login-locked-360x740.png') });
  assert.deepEqual(unexpected(problems, [WRONG_LOGIN, /status of 429 .*\(\/api\/v1\/auth\/login\)$/]), []);
  await page.close();
});

// nginx's rate limit and a lost connection cannot be caused on demand without hurting other
// tests, so the browser answers the login request itself; the page and its code are real.
test("nginx's rate limit and a network failure get their own messages", async () => {
  const { page } = await openPage(browser.context, { width: 360, height: 740 });
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  const alert = page.getByRole('alert');

  await page.route('**/api/v1/auth/login', (route) =>
    route.fulfill({
      status: 429,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'too_many_requests', message: 'Quá nhiều lần thử, vui lòng đợi một phút rồi thử lại', details: null } }),
    }),
  );
  await submitLogin(page, 'xa.hacthanh', 'ThanhHoa@2025');
  await alert.waitFor();
  assert.equal((await alert.innerText()).trim(), 'Có quá nhiều lần đăng nhập từ thiết bị này. Vui lòng đợi một phút rồi thử lại.');

  await page.unroute('**/api/v1/auth/login');
  await page.route('**/api/v1/auth/login', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByText('Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.').waitFor();
  assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), 'xa.hacthanh');
  await page.close();
});

test('a database outage reported by /api/health is shown on the login page', async () => {
  const { page } = await openPage(browser.context);
  await page.route('**/api/health', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ status: 'unavailable', version: '0.1.0', time: '2026-11-28T07:40:00Z', database: { status: 'unavailable' } }),
    }),
  );
  await page.goto(`${BASE_URL}/`);
  await page.getByText('Cơ sở dữ liệu không truy cập được').waitFor();
  // 07:40 UTC is 14:40 in Thanh Hóa.
  await page.getByText('Kiểm tra lúc 14:40 28/11/2026').waitFor();
  await page.close();
});

async function homeScreenshots(page, name) {
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow <= 0, `${name} is ${overflow}px wider than a ${width}px screen`);
    await page.screenshot({ path: join(OUT_DIR, `${name}-${width}x${height}.png`) });
  }
}

test('a commune officer and a department head get different home pages', async () => {
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  const assets = [];
  page.on('request', (r) => {
    if (r.url().includes('/assets/')) assets.push(new URL(r.url()).pathname);
  });

  await login(page, 'xa.hacthanh');
  const header = page.getByRole('banner');
  await page.getByRole('heading', { level: 1, name: 'Trang chủ – Phường Hạc Thành' }).waitFor();
  await page.locator('.role-badge', { hasText: 'Cán bộ UBND xã/phường' }).waitFor();
  assert.match(await header.innerText(), /Nguyễn Thị Hoa/);
  assert.match(await header.innerText(), /Cán bộ UBND xã\/phường · Phường Hạc Thành/);
  await page.getByRole('heading', { name: 'Thông tin phường' }).waitFor();
  await page.getByRole('heading', { name: 'Sở, ngành phụ trách theo lĩnh vực' }).waitFor();
  await page.getByText('14797').first().waitFor();
  // Where to send a land question: the directory finds it without diacritics.
  await page.getByLabel('Tìm lĩnh vực hoặc sở, ngành').fill('dat dai');
  const rows = page.getByRole('list', { name: 'Lĩnh vực và sở, ngành phụ trách' }).locator(':scope > li');
  await rows.first().waitFor();
  assert.match(await rows.first().innerText(), /Sở Nông nghiệp và Môi trường/);
  await page.getByLabel('Tìm lĩnh vực hoặc sở, ngành').fill('');
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  // The commune's own screens are there (other screens may follow); administration is not.
  const links = await nav.getByRole('link').allInnerTexts();
  for (const l of ['Trang chủ', 'Kiến nghị', 'Hỏi đáp', 'Danh mục đơn vị']) assert.ok(links.includes(l), `nav has ${l}: ${links}`);
  assert.equal(links[0], 'Trang chủ');
  assert.ok(!links.includes('Người dùng') && !links.includes('Nhật ký'), `no administration in ${links}`);
  await homeScreenshots(page, 'home-commune-officer');
  // An administration path is refused by the app (the API refuses it as well).
  await page.goto(`${BASE_URL}/quan-tri/nguoi-dung`);
  await page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();
  assert.ok(!assets.some((a) => a.includes('/admin-')), 'the administration code is not downloaded');
  await logout(page);

  await page.setViewportSize({ width: 360, height: 740 });
  await login(page, 'sxd.lanhdao');
  await page.getByRole('heading', { level: 1, name: 'Trang chủ – Sở Xây dựng' }).waitFor();
  await page.locator('.role-badge', { hasText: 'Lãnh đạo sở, ngành' }).waitFor();
  assert.match(await header.innerText(), /Lãnh đạo sở, ngành · Sở Xây dựng/);
  await page.getByRole('heading', { name: 'Lĩnh vực phụ trách' }).waitFor();
  const fields = await page.getByRole('list', { name: 'Lĩnh vực phụ trách' }).innerText();
  assert.match(fields, /Quy hoạch đô thị/);
  assert.equal(await page.getByRole('heading', { name: 'Thông tin phường' }).count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Sở, ngành phụ trách theo lĩnh vực' }).count(), 0);
  await homeScreenshots(page, 'home-department-head');
  await logout(page);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('a reload keeps the session; logging out ends it, and a reload does not bring it back', async () => {
  const { page, problems } = await openPage(browser.context, { width: 1280, height: 800 });
  await login(page, 'sxd.chuyenvien');
  await page.getByRole('heading', { level: 1, name: 'Trang chủ – Sở Xây dựng' }).waitFor();
  await page.locator('.role-badge', { hasText: 'Chuyên viên sở, ngành' }).waitFor();
  // The access token is in memory only.
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
  assert.doesNotMatch(await page.evaluate(() => document.cookie), /ts_refresh/, 'the refresh cookie is HttpOnly');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Trang chủ – Sở Xây dựng' }).waitFor();

  // The keyboard reaches the account menu; Escape closes it.
  const menuButton = page.getByRole('button', { name: 'Tài khoản', exact: true });
  await menuButton.focus();
  await page.keyboard.press('Enter');
  assert.equal(await menuButton.getAttribute('aria-expanded'), 'true');
  await page.screenshot({ path: join(OUT_DIR, 'account-menu-1280x800.png') });
  await page.keyboard.press('Escape');
  assert.equal(await menuButton.getAttribute('aria-expanded'), 'false');

  await logout(page);
  await page.getByText('Bạn đã đăng xuất.').waitFor();
  assert.equal(new URL(page.url()).pathname, '/dang-nhap');
  await page.reload();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.goto(`${BASE_URL}/don-vi`);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1, name: /Trang chủ/ }).count(), 0);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('a refused access token is refreshed once and the request retried', async () => {
  const { page, problems } = await openPage(browser.context);
  await login(page, 'syt.chuyenvien');
  await page.getByRole('heading', { level: 1, name: 'Trang chủ – Sở Y tế' }).waitFor();

  // The next unit request answers as if the access token had expired.
  let refused = 0;
  let refreshes = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/auth/refresh')) refreshes += 1;
  });
  await page.route('**/api/v1/units?kind=commune', async (route) => {
    if (refused++ === 0) {
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unauthenticated', message: 'Phiên làm việc đã hết hạn.', details: null } }),
      });
    } else {
      await route.continue();
    }
  });
  await page.getByRole('navigation').getByRole('link', { name: 'Danh mục đơn vị' }).click();
  await page.getByRole('list', { name: 'Danh sách xã, phường' }).waitFor();
  assert.equal(refused, 2, 'the request was sent again after the refusal');
  assert.equal(refreshes, 1, 'exactly one refresh');
  await page.getByRole('heading', { level: 1, name: 'Danh mục đơn vị' }).waitFor();
  await logout(page);
  assert.deepEqual(unexpected(problems, [/status of 401 /]), []);
  await page.close();
});
