// The unit catalogue ("Danh mục đơn vị") as a signed-in official sees it, against a running
// stack: the 166 communes with their codes, the diacritics-blind filter, the kind tabs from
// the keyboard, error and retry, no console errors or CSP violations, screenshots at phone and
// desktop size. One login for the whole file; later pages restore the session from the cookie.
// Run: TS_BASE_URL=http://127.0.0.1:8080 node --test tests/browser/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, OUT_DIR, horizontalOverflow, launch, login, openPage, unexpected } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
  const { page } = await openPage(browser.context);
  await login(page, 'xa.hacthanh');
  await page.close();
});
after(async () => {
  if (browser) await browser.close();
});

const communeList = (page) => page.getByRole('list', { name: 'Danh sách xã, phường' });
const communeItems = (page) => communeList(page).locator(':scope > li');

/** Waits until `locator` matches exactly `n` elements; fails with the count it saw. */
async function waitForCount(locator, n, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let seen = -1;
  while (Date.now() < deadline) {
    seen = await locator.count();
    if (seen === n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(seen, n, `expected ${n} elements, saw ${seen}`);
}

test('the nav leads to Danh mục đơn vị: 166 communes, filtered without diacritics', async () => {
  const { page, problems } = await openPage(browser.context);
  const response = await page.goto(`${BASE_URL}/`);
  const csp = response.headers()['content-security-policy'] || '';
  assert.match(csp, /default-src 'self'/, 'the page must be served with the strict CSP');
  assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');

  // The session comes back from the refresh cookie: straight to the home page.
  await page.getByRole('heading', { level: 1, name: 'Trang chủ – Phường Hạc Thành' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await nav.getByRole('link', { name: 'Danh mục đơn vị' }).click();
  await page.getByRole('heading', { level: 1, name: 'Danh mục đơn vị' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/don-vi');
  assert.equal(await nav.getByRole('link', { name: 'Danh mục đơn vị' }).getAttribute('aria-current'), 'page');
  assert.equal(await page.title(), 'Danh mục đơn vị — Thông suốt');

  await waitForCount(communeItems(page), 166);
  await page.getByText('166 xã, phường', { exact: false }).first().waitFor();
  const hacThanh = communeItems(page).filter({ hasText: 'Phường Hạc Thành' });
  assert.equal(await hacThanh.count(), 1);
  assert.match(await hacThanh.innerText(), /14797/);

  await page.getByLabel('Tìm theo tên hoặc mã').fill('hac thanh');
  await waitForCount(communeItems(page), 1);
  const only = await communeItems(page).first().innerText();
  assert.match(only, /Phường Hạc Thành/);
  assert.match(only, /14797/);
  await page.getByText('Tìm thấy 1 trong 166 xã, phường').waitFor();

  // The official code finds it too.
  await page.getByLabel('Tìm theo tên hoặc mã').fill('14797');
  await waitForCount(communeItems(page), 1);
  assert.match(await communeItems(page).first().innerText(), /Phường Hạc Thành/);

  await page.screenshot({ path: join(OUT_DIR, 'units-filtered-1280x800.png') });

  // Back returns to the home page without a reload.
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Trang chủ – Phường Hạc Thành' }).waitFor();
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('the kind tabs switch to provincial departments and work from the keyboard', async () => {
  const { page, problems } = await openPage(browser.context);
  await page.goto(`${BASE_URL}/don-vi`);
  await waitForCount(communeItems(page), 166);

  const communeTab = page.getByRole('tab', { name: 'Xã, phường' });
  await communeTab.focus();
  await page.keyboard.press('ArrowRight');
  const departmentTab = page.getByRole('tab', { name: 'Sở, ban, ngành' });
  assert.equal(await departmentTab.getAttribute('aria-selected'), 'true');
  assert.equal(await departmentTab.evaluate((el) => el === document.activeElement), true);

  const departments = page.getByRole('list', { name: 'Danh sách sở, ban, ngành' }).locator(':scope > li');
  await departments.first().waitFor();
  assert.ok((await departments.count()) >= 10, 'the province has more than ten departments');
  assert.equal(await communeList(page).count(), 0, 'the commune list is gone');
  await page.getByText('Sở Xây dựng').first().waitFor();
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

for (const [width, height] of [[360, 740], [1280, 800]]) {
  test(`the home page and the catalogue fit a ${width}×${height} screen without sideways scrolling`, async () => {
    const { page, problems } = await openPage(browser.context, { width, height });
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('heading', { level: 1, name: 'Trang chủ – Phường Hạc Thành' }).waitFor();
    await page.getByRole('heading', { name: 'Thông tin phường' }).waitFor();
    let overflow = await horizontalOverflow(page);
    assert.ok(overflow <= 0, `home page is ${overflow}px wider than the screen`);
    await page.screenshot({ path: join(OUT_DIR, `home-commune-${width}x${height}.png`) });
    await page.screenshot({ path: join(OUT_DIR, `home-commune-${width}x${height}-full.png`), fullPage: true });

    await page.goto(`${BASE_URL}/don-vi`);
    await waitForCount(communeItems(page), 166);
    overflow = await horizontalOverflow(page);
    assert.ok(overflow <= 0, `catalogue is ${overflow}px wider than the screen`);
    await page.screenshot({ path: join(OUT_DIR, `units-${width}x${height}.png`) });
    assert.deepEqual(unexpected(problems), []);
    await page.close();
  });
}

// The failure paths cannot be caused on a healthy stack, so the browser answers these
// requests itself; the page, its scripts and its CSP are still the real ones.
test('a failed list load shows the reason and "Thử lại" loads it again', async () => {
  const { page } = await openPage(browser.context, { width: 360, height: 740 });
  let failures = 1;
  await page.route('**/api/v1/units?kind=commune', async (route) => {
    if (failures-- > 0) {
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'db_unavailable', message: 'Cơ sở dữ liệu không truy cập được', details: null } }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto(`${BASE_URL}/don-vi`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Không tải được danh sách xã, phường/);
  assert.match(await alert.innerText(), /Cơ sở dữ liệu không truy cập được/);
  await page.screenshot({ path: join(OUT_DIR, 'units-error-360x740.png') });
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await waitForCount(communeItems(page), 166);
  assert.equal(await page.getByRole('alert').count(), 0);
  await page.close();
});
