// The province overview against a running stack: the leadership (lanhdao.tinh) opens
// "Tổng quan" from the navigation, sees the range's figures, the charts drawn by uPlot (a
// canvas with something on it in each chart's section, as wide as the section, following the
// window when it narrows) whose "Xem số liệu" tables hold the figures the API gives, the 166
// communes as tiles with a legend whose counts add up, checks a wrong date is refused next to
// its field, opens a commune's page (its chart and table) and comes back; the home pages do
// not download the chart library. Screenshots at 360×740 and 1280×800 go to $TS_TEST_OUT (or
// tests/out). Run: TS_BASE_URL=http://127.0.0.1:8080 node --test tests/browser/overview.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { call, session } from '../api/lib.mjs';
import { BASE_URL, OUT_DIR, horizontalOverflow, launch, login, openPage, unexpected } from './browser.mjs';

const OUT = process.env.TS_TEST_OUT || OUT_DIR;
let browser;
let leader;
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
  // An answered one, so the time-to-answer chart has a point.
  const xa = await session('xa.hacthanh');
  const dept = await session('sxd.chuyenvien');
  const made = await call('POST', '/api/v1/issues', {
    token: xa.token,
    body: { title: 'Tổng quan: hồ sơ cấp phép sửa chữa nhà ở', description: 'Xin hướng dẫn thành phần hồ sơ.', field: 'xay-dung', kind: 'difficulty' },
  });
  assert.equal(made.status, 201, made.text);
  const accepted = await call('POST', `/api/v1/issues/${made.body.id}/transitions`, { token: dept.token, body: { action: 'accept' }, headers: { 'If-Match': `"${made.body.version}"` } });
  assert.equal(accepted.status, 200, accepted.text);
  const answered = await call('POST', `/api/v1/issues/${made.body.id}/transitions`, {
    token: dept.token,
    body: { action: 'answer', answer: 'Hồ sơ gồm đơn đề nghị và bản vẽ hiện trạng.' },
    headers: { 'If-Match': `"${accepted.body.version}"` },
  });
  assert.equal(answered.status, 200, answered.text);
  leader = await session('lanhdao.tinh');
});
after(async () => {
  if (browser) await browser.close();
});

const nav = (page) => page.getByRole('navigation', { name: 'Điều hướng chính' });

/** The API's answer for the leadership, parsed; fails the test on anything but 200. */
async function stats(path) {
  const res = await call('GET', `/api/v1/stats/${path}`, { token: leader.token });
  assert.equal(res.status, 200, `${path}: ${res.text.slice(0, 200)}`);
  return res.body;
}

const num = (text) => Number(text.replace(/\./g, '').replace(',', '.'));
const iso = (dmy) => dmy.split('/').reverse().join('-');
const dmy = (isoDate) => isoDate.split('-').reverse().join('/');
// A section by its heading's id: "by-field-title" on the overview, "commune-fields" on a commune's page.
const section = (page, id) => page.locator(`section[aria-labelledby="${id}-title"], section[aria-labelledby="${id}"]`);

/**
 * The chart of a section: its uPlot canvas, waited for, with its size on screen, whether it
 * stays within the section and how many of its pixels were painted.
 */
async function chart(page, id) {
  const box = section(page, id).locator('[role="img"]');
  await box.locator('canvas').first().waitFor();
  return box.evaluate((el) => {
    const canvas = el.querySelector('canvas');
    const r = canvas.getBoundingClientRect();
    const s = el.closest('section').getBoundingClientRect();
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted += 1;
    return { width: r.width, height: r.height, inside: r.left >= s.left && r.right <= s.right + 0.5, painted, label: el.getAttribute('aria-label') };
  });
}

/** Opens a section's "Xem số liệu" from the keyboard and reads its table's rows as text. */
async function table(page, id) {
  const details = section(page, id).locator('details.chart-table');
  if (!(await details.evaluate((d) => d.open))) {
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
  }
  const rows = details.locator('tbody tr');
  await rows.first().waitFor();
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

/**
 * Other test files add issues while this one runs: compares what the page shows with the
 * API's figures, and when they differ loads the page again (its data may predate the API's).
 */
async function sameAsApi(page, read, expected, what) {
  for (let attempt = 1; ; attempt += 1) {
    const shown = await read();
    const want = await expected();
    if (attempt === 3 || JSON.stringify(shown) === JSON.stringify(want)) {
      assert.deepEqual(shown, want, what);
      return;
    }
    await page.reload();
  }
}

const LEVELS = { commune: 'Xã, phường', department: 'Sở, ngành', province: 'UBND tỉnh', central: 'Bộ, ngành Trung ương' };
const CHARTS = ['smooth', 'by-week', 'answer-time', 'by-state', 'by-level', 'by-department', 'by-field'];

/** Every chart of the overview drawn and its table the API's figures, for the range shown. */
async function checkCharts(page, width) {
  const from = iso(await page.getByLabel('Từ ngày').inputValue());
  const to = iso(await page.getByLabel('Đến ngày').inputValue());
  const range = `from=${from}&to=${to}`;
  for (const id of CHARTS) {
    const c = await chart(page, id);
    assert.ok(c.width > 200 && c.height > 40, `${id}: canvas ${c.width}×${c.height}`);
    assert.ok(c.width <= width, `${id}: wider than the window`);
    assert.ok(c.inside, `${id}: canvas outside its section`);
    assert.ok(c.painted > 500, `${id}: nothing drawn (${c.painted} pixels)`);
    assert.ok(c.label.length > 20, `${id}: aria-label ${c.label}`);
  }

  const rowsOf = (items, name) => items.map((r) => [name(r), r.raised, r.answered, r.open, r.overdue].map(String));
  const asNumbers = (rows) => rows.map(([name, ...cells]) => [name, ...cells.map((c) => String(num(c)))]);
  await sameAsApi(page, async () => asNumbers(await table(page, 'by-field')), async () => rowsOf((await stats(`breakdown?by=field&${range}`)).items, (r) => r.name), 'by field');
  await sameAsApi(page, async () => asNumbers(await table(page, 'by-department')), async () => rowsOf((await stats(`breakdown?by=department&${range}`)).items, (r) => r.name), 'by department');
  await sameAsApi(page, async () => asNumbers(await table(page, 'by-level')), async () => rowsOf((await stats(`breakdown?by=level&${range}`)).items, (r) => LEVELS[r.key]), 'by level');
  await sameAsApi(
    page,
    async () => (await table(page, 'by-state')).map(([name, n]) => [name, num(n)]),
    async () => {
      const levels = (await stats(`breakdown?by=level&${range}`)).items;
      const total = (k) => levels.reduce((n, r) => n + r[k], 0);
      return [
        ['Đang mở (chưa trả lời xong)', total('open')],
        ['Quá hạn (trong số đang mở)', total('overdue')],
        ['Đang trình UBND tỉnh, bộ, ngành Trung ương', total('escalated')],
        ['Đã được trả lời', total('answered')],
        ['Đã kết thúc', total('closed')],
      ];
    },
    'by state',
  );
  // The weekly share: one row per point, as the API counts them.
  await sameAsApi(
    page,
    async () => (await table(page, 'smooth')).map(([day, n]) => [day, num(n)]),
    async () => (await stats(`smooth?${range}`)).items.map((p) => [dmy(p.date), p.smooth]),
    'smooth communes',
  );
  // Week by week: the rows cover the range, end to end, and each week's figures are the API's.
  const weeks = await table(page, 'by-week');
  assert.equal(iso(weeks[0][0].split(' – ')[0]), from);
  assert.equal(iso(weeks.at(-1)[0].split(' – ')[1]), to);
  await sameAsApi(
    page,
    async () => (await table(page, 'by-week')).map(([w, raised, answered]) => [w, num(raised), num(answered)]),
    async () => Promise.all(weeks.map(async ([w]) => {
      const [a, b] = w.split(' – ').map(iso);
      const o = await stats(`overview?from=${a}&to=${b}`);
      return [w, o.raised, o.answered];
    })),
    'weekly raised and answered',
  );
  const times = await table(page, 'answer-time');
  assert.equal(times.length, weeks.length);
  assert.match(times.at(-1)[1], /phút|giờ/, 'the latest week has an answer (made by this test)');
}

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
    await page.getByRole('img', { name: /^Kiến nghị theo lĩnh vực: \d+ nhóm; nhiều nhất / }).waitFor();
    await checkCharts(page, width);

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
      for (const id of ['smooth', 'by-week', 'answer-time', 'by-state', 'by-field']) await section(page, id).screenshot({ path: join(OUT, `overview-chart-${id}-${width}x${height}.png`) });
    } else {
      // Narrower window, narrower charts: each follows its section's width.
      const wide = await chart(page, 'by-field');
      await page.setViewportSize({ width: 700, height });
      await page.waitForFunction((w) => {
        const c = document.querySelector('section[aria-labelledby="by-field-title"] canvas');
        return c && c.getBoundingClientRect().width < w && c.getBoundingClientRect().width <= 700;
      }, wide.width);
      const narrow = await chart(page, 'by-field');
      assert.ok(narrow.inside && narrow.painted > 500, `after resize: ${JSON.stringify(narrow)}`);
      await page.setViewportSize({ width, height });
      await page.waitForFunction((w) => document.querySelector('section[aria-labelledby="by-field-title"] canvas').getBoundingClientRect().width === w, wide.width);
      assert.ok(await horizontalOverflow(page) <= 0, 'no sideways scrolling after resizing');
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
    // Its issues by field: a chart, and a table with the API's figures since records began.
    const byField = await chart(page, 'commune-fields');
    assert.ok(byField.width > 200 && byField.height > 40 && byField.inside && byField.painted > 500, JSON.stringify(byField));
    assert.match(byField.label, /^Kiến nghị của Phường Quảng Phú theo lĩnh vực: \d+ nhóm; nhiều nhất /);
    const communeId = /\/tong-quan\/xa\/(\d+)/.exec(page.url())[1];
    await sameAsApi(
      page,
      async () => (await table(page, 'commune-fields')).map(([n, raised, answered, open, overdue]) => [n, num(raised), num(answered), num(open), num(overdue)]),
      async () => {
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
        const since = new Date(Date.parse(`${today}T00:00:00Z`) - 9 * 365 * 86_400_000).toISOString().slice(0, 10);
        const items = (await stats(`breakdown?by=field&from=${since}&to=${today}&commune_id=${communeId}`)).items;
        return items.map((r) => [r.name, r.raised, r.answered, r.open, r.overdue]);
      },
      'the commune by field',
    );
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
  // The chart library is fetched by the overview, not by a home page.
  const chartLib = [];
  page.on('request', (req) => {
    if (/\/assets\/uplot-[^/]*\.js$/.test(req.url())) chartLib.push(req.url());
  });
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
  assert.deepEqual(chartLib, [], 'a home page downloaded the chart library');
  await ov.getByRole('link', { name: /^Xem tổng quan/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Tổng quan toàn tỉnh' }).waitFor();
  await chart(page, 'smooth');
  assert.equal(chartLib.length, 1, chartLib.join(' '));
  const tiles = page.getByRole('list', { name: 'Các xã, phường' }).getByRole('link');
  await tiles.first().waitFor();
  assert.equal(await tiles.count(), 166);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});
