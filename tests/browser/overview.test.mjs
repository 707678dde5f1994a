// The province overview against a running stack: the leadership (lanhdao.tinh) opens
// "Tổng quan" from the navigation, sees the range's figures, the weekly line and the 166
// communes as tiles with a legend whose counts add up, checks a wrong date is refused next to
// its field, opens a commune's page and comes back. Screenshots at 360×740 and 1280×800 go to
// $TS_TEST_OUT (or tests/out). Run: TS_BASE_URL=http://127.0.0.1:8080 node --test tests/browser/overview.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { call, session } from '../api/lib.mjs';
import { OUT_DIR, horizontalOverflow, launch, login, openPage, unexpected } from './browser.mjs';

const OUT = process.env.TS_TEST_OUT || OUT_DIR;
let browser;
before(async () => {
  browser = await launch();
  browser.context.setDefaultTimeout(30_000);
  mkdirSync(OUT, { recursive: true });
  // An open issue of Phường Quảng Phú, so its tile is not green and its page lists something.
  const qp = await session('xa.quangphu');
  const res = await call('POST', '/api/v1/issues', {
    token: qp.token,
    body: { title: 'Tổng quan: chậm cấp giấy phép xây dựng', description: 'Hồ sơ nộp đã quá 15 ngày chưa có kết quả.', field: 'xay-dung', kind: 'difficulty' },
  });
  assert.equal(res.status, 201, res.text);
});
after(async () => {
  if (browser) await browser.close();
});

const nav = (page) => page.getByRole('navigation', { name: 'Điều hướng chính' });

for (const [width, height] of [[360, 740], [1280, 800]]) {
  test(`the leadership reads the province overview and opens a commune (${width}×${height})`, async () => {
    const { page, problems } = await openPage(browser.context, { width, height });
    await login(page, 'lanhdao.tinh');
    // The home page links to the overview; so does the navigation.
    await page.getByRole('link', { name: 'Tổng quan toàn tỉnh' }).first().waitFor();
    const menu = page.getByRole('button', { name: /Menu|Điều hướng/ });
    if (await menu.isVisible().catch(() => false)) await menu.click();
    await nav(page).getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tổng quan toàn tỉnh' }).waitFor();

    // The figures of the last 30 days, default range shown in dd/mm/yyyy.
    const figures = page.getByRole('list', { name: 'Số liệu trong khoảng' });
    await figures.waitFor();
    for (const label of ['kiến nghị được gửi', 'kiến nghị được trả lời', 'vấn đề trình UBND tỉnh', 'kiến nghị đang mở', 'kiến nghị quá hạn', 'hội nghị tập huấn', 'lượt học viên tham dự', 'thời gian trả lời (trung vị)']) {
      await figures.getByText(label, { exact: true }).waitFor();
    }
    assert.match(await page.getByLabel('Từ ngày').inputValue(), /^\d{2}\/\d{2}\/\d{4}$/);
    await page.getByRole('heading', { name: /^Số liệu từ \d{2}\/\d{2}\/\d{4} đến \d{2}\/\d{2}\/\d{4}$/ }).waitFor();
    await page.getByRole('img', { name: /^Tỷ lệ xã, phường thông suốt theo tuần/ }).waitFor();
    await page.getByRole('list', { name: 'Kiến nghị theo lĩnh vực' }).or(page.getByText('Không có kiến nghị nào trong khoảng này.').first()).first().waitFor();

    // 166 tiles; the legend's three counts add up to them.
    const tiles = page.getByRole('list', { name: 'Các xã, phường' }).getByRole('link');
    await tiles.first().waitFor();
    assert.equal(await tiles.count(), 166);
    const legend = await page.getByRole('list', { name: 'Chú giải' }).getByRole('listitem').allInnerTexts();
    assert.equal(legend.length, 3);
    const sum = legend.map((t) => Number(/(\d[\d.]*)\s*$/.exec(t)[1].replace(/\./g, ''))).reduce((a, b) => a + b, 0);
    assert.equal(sum, 166, legend.join(' | '));
    assert.ok(await horizontalOverflow(page) <= 0, 'no sideways scrolling');

    // Keyboard focus on a tile is visible (an outline).
    await tiles.first().focus();
    await page.keyboard.press('Tab');
    const outline = await tiles.nth(1).evaluate((el) => (el === document.activeElement ? getComputedStyle(el).outlineStyle : 'not focused'));
    assert.ok(!['none', 'not focused'].includes(outline), outline);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, `overview-${width}x${height}.png`), fullPage: width > 400 });
    if (width < 400) {
      await page.getByRole('heading', { name: 'Tỷ lệ xã, phường thông suốt theo tuần' }).evaluate((el) => el.scrollIntoView());
      await page.screenshot({ path: join(OUT, `overview-charts-${width}x${height}.png`) });
    }
    await page.getByRole('heading', { name: /xã, phường hôm nay$/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, `overview-tiles-${width}x${height}.png`) });

    // A date that does not exist is refused next to its field; nothing is lost.
    await page.getByLabel('Từ ngày').fill('31/02/2026');
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await page.getByText('Nhập ngày dạng dd/mm/yyyy', { exact: false }).first().waitFor();
    assert.equal(await page.getByLabel('Từ ngày').inputValue(), '31/02/2026');
    await page.getByLabel('Từ ngày').fill('01/01/2026');
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await page.getByRole('heading', { name: /^Số liệu từ 01\/01\/2026 đến / }).waitFor();

    // A commune's page: its figures and its issues.
    // The tiles filter without diacritics.
    await page.getByLabel('Tìm xã, phường').fill('quang phu');
    await page.getByText(/xã, phường khớp với “quang phu”/).waitFor();
    const tile = tiles.filter({ hasText: /^Quảng Phú/ }).first();
    assert.match(await tile.getAttribute('aria-label'), /^Phường Quảng Phú: \d+ kiến nghị đang mở/);
    assert.match(await tile.getAttribute('class'), /tile-(busy|late)/);
    const name = 'Phường Quảng Phú';
    await tile.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { name: 'Số liệu' }).waitFor();
    await page.getByRole('heading', { name: new RegExp(`^Kiến nghị của ${name}`) }).waitFor();
    await page.getByRole('link', { name: 'Tổng quan: chậm cấp giấy phép xây dựng' }).first().waitFor();
    assert.ok(await horizontalOverflow(page) <= 0, 'no sideways scrolling on the commune page');
    await page.screenshot({ path: join(OUT, `overview-commune-${width}x${height}.png`), fullPage: true });
    // Back: the range chosen is kept (it is in the address).
    await page.goBack();
    await page.getByRole('heading', { name: /^Số liệu từ 01\/01\/2026 đến / }).waitFor();
    assert.equal(await page.getByLabel('Từ ngày').inputValue(), '01/01/2026');
    await page.getByRole('link', { name: /^Phường Quảng Phú:/ }).first().click();
    await page.getByRole('link', { name: '← Tổng quan toàn tỉnh' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tổng quan toàn tỉnh' }).waitFor();

    assert.deepEqual(unexpected(problems), []);
    await page.close();
  });
}

test('home pages: the department sees its weekly report and countdown, Sở Nội vụ the board and consolidated report, the leadership the overview', async () => {
  const { page, problems } = await openPage(browser.context, { width: 360, height: 740 });
  await login(page, 'sxd.lanhdao');
  const dept = page.getByRole('region', { name: 'Báo cáo tuần này' });
  await dept.getByText(/^Hạn gửi:/).waitFor();
  await dept.getByText(/thứ Năm|09:00/).first().waitFor();
  assert.ok(await horizontalOverflow(page) <= 0);
  await dept.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'home-department-360x740.png') });

  await login(page, 'snv.tonghop');
  const snv = page.getByRole('region', { name: 'Báo cáo tuần của các sở, ngành' });
  await snv.getByRole('list', { name: 'Tình hình gửi báo cáo' }).waitFor();
  await snv.getByText(/^Hạn tổng hợp:/).waitFor();
  await snv.getByText(/17:00/).first().waitFor();
  assert.ok(await horizontalOverflow(page) <= 0);
  await snv.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'home-home-affairs-360x740.png') });

  await login(page, 'tinhuy.theodoi');
  const ov = page.getByRole('region', { name: 'Tổng quan toàn tỉnh – 30 ngày qua' });
  await ov.getByRole('list', { name: 'Số liệu trong khoảng' }).waitFor();
  assert.ok(await horizontalOverflow(page) <= 0);
  await page.screenshot({ path: join(OUT, 'home-party-reader-360x740.png'), fullPage: true });
  await ov.getByRole('link', { name: /^Xem tổng quan/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Tổng quan toàn tỉnh' }).waitFor();
  const tiles = page.getByRole('list', { name: 'Các xã, phường' }).getByRole('link');
  await tiles.first().waitFor();
  assert.equal(await tiles.count(), 166);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});
