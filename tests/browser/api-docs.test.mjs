// The API reference page ("Tài liệu API") and the analysts' guide, against a running stack:
// reached from the login page without signing in, rendered from /api/openapi.json (nothing
// from another site), searchable without diacritics, an operation opened to its parameters and
// fields; the guide with its curl examples and table; the navigation link for the leadership,
// the Party committee readers and administrators only. No console errors or CSP violations, no
// sideways scrolling on a phone.
// Run: TS_BASE_URL=http://127.0.0.1:8080 node --test tests/browser/api-docs.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, OUT_DIR, horizontalOverflow, launch, login, logout, openPage, unexpected } from './browser.mjs';

const DOC = JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/openapi.json', import.meta.url)), 'utf8'));
const OPERATIONS = Object.values(DOC.paths)
  .flatMap((item) => ['get', 'post', 'put', 'patch', 'delete'].filter((m) => item[m])).length;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

test('from the login page, anyone reads the reference rendered from /api/openapi.json', async () => {
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url())));
  await page.goto(`${BASE_URL}/dang-nhap`);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByRole('link', { name: 'Tài liệu API' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tài liệu API' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/tai-lieu-api');
  await page.getByText(`${OPERATIONS} thao tác`).waitFor();
  assert.equal(await page.title(), 'Tài liệu API — Thông suốt');
  assert.ok(requests.every((u) => u.origin === new URL(BASE_URL).origin), 'nothing from another site');
  assert.ok(requests.some((u) => u.pathname === '/api/openapi.json'), 'the document was fetched');

  // Diacritics-blind search: "thong ke" finds the five statistics endpoints.
  await page.getByLabel('Tìm đường dẫn, thao tác').fill('thong ke');
  await page.getByText('5 thao tác').waitFor();
  const op = page.locator('#op-stats_overview');
  await op.locator('summary').first().click();
  await op.getByRole('heading', { name: 'Tham số' }).waitFor();
  await op.getByRole('cell', { name: 'commune_id' }).waitFor();
  await op.getByText('Đọc được bằng mã truy cập API').waitFor();
  await op.getByText(/curl -s -H "Authorization: Bearer \$TS_TOKEN"/).waitFor();
  // A response opened to its fields.
  await op.locator('.api-response > summary', { hasText: /^200/ }).click();
  await op.getByText('median_hours_to_answer').waitFor();
  assert.ok((await horizontalOverflow(page)) <= 0, 'no sideways scrolling at 360 px');
  await page.screenshot({ path: join(OUT_DIR, 'api-docs-360x740.png'), fullPage: false });

  // The reporting API only.
  await page.getByLabel('Tìm đường dẫn, thao tác').fill('');
  await page.getByRole('button', { name: 'Chỉ xem API báo cáo (mã truy cập)' }).click();
  await page.getByRole('heading', { level: 2, name: /^API báo cáo/ }).waitFor();
  const reporting = Object.values(DOC.paths).flatMap((item) => Object.values(item))
    .filter((o) => o && o.tags && o.tags.some((t) => t.startsWith('API báo cáo'))).length;
  await page.getByText(`${reporting} thao tác`, { exact: false }).first().waitFor();
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('the guide for analysts: curl examples, CSV, rate limit, the error table', async () => {
  const { page, problems } = await openPage(browser.context, { width: 1280, height: 800 });
  await page.goto(`${BASE_URL}/tai-lieu-api`);
  await page.getByRole('link', { name: 'Hướng dẫn dùng API báo cáo' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Hướng dẫn dùng API báo cáo của hệ thống Thông suốt' }).waitFor();
  await page.getByRole('heading', { name: '1. Xin mã truy cập API' }).waitFor();
  await page.getByRole('heading', { name: '10. Giới hạn số lần gọi' }).waitFor();
  assert.ok((await page.locator('pre code', { hasText: 'curl -s -H "Authorization: Bearer $TS_TOKEN"' }).count()) >= 5);
  await page.getByRole('cell', { name: 'rate_limited' }).waitFor();
  await page.screenshot({ path: join(OUT_DIR, 'api-guide-1280x800.png') });
  await page.setViewportSize({ width: 360, height: 740 });
  assert.ok((await horizontalOverflow(page)) <= 0, 'no sideways scrolling at 360 px (code and tables scroll inside)');
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('the navigation links to it for the leadership, the Party committee and administrators only', async () => {
  const { page, problems } = await openPage(browser.context);
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  for (const [username, shown] of [['tinhuy.theodoi', true], ['xa.hacthanh', false], ['quantri', true]]) {
    await login(page, username);
    assert.equal(await nav.getByRole('link', { name: 'Tài liệu API' }).count(), shown ? 1 : 0, username);
    if (shown) {
      await nav.getByRole('link', { name: 'Tài liệu API' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tài liệu API' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Tài liệu API' }).getAttribute('aria-current'), 'page');
      // Signed out on a public page, the page stays; go home first to land on the login form.
      await nav.getByRole('link', { name: 'Trang chủ' }).click();
    }
    await logout(page);
  }
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});
