// Shared setup for the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), a fresh profile per run, and collectors for console errors and CSP violations.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.TS_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url));
const CHROMIUM = process.env.TS_CHROMIUM || '/usr/bin/chromium';

/** Starts Chromium with a throwaway profile; close() also removes the profile. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'ts-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(10_000);
  mkdirSync(OUT_DIR, { recursive: true });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a new page that records console errors, uncaught exceptions and CSP violations
 * (the securitypolicyviolation listener is injected before any page script runs).
 */
export async function openPage(context, { width = 1280, height = 800 } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url } = msg.location();
    problems.push(`console: ${msg.text()}${url ? ` (${url.replace(BASE_URL, '')})` : ''}`);
  });
  page.on('pageerror', (err) => problems.push(`exception: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return { page, problems };
}

/** The demo accounts' password (docs/accounts.md). */
export const DEMO_PASSWORD = 'ThanhHoa@2025';

/**
 * The browser logs every 4xx answer as a console error. Some are the app working as meant —
 * the refresh at start-up without a session, a wrong password typed on purpose — and are
 * dropped here; anything else stays.
 */
export function unexpected(problems, allowed = [/status of 401 .*\(\/api\/v1\/auth\/refresh\)$/]) {
  return problems.filter((p) => !allowed.some((re) => re.test(p)));
}

/** Fills in and submits the login form (the page must show it). */
export async function submitLogin(page, username, password = DEMO_PASSWORD) {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/** Opens the site, logs in (out first if a session is still open) and waits for the home page. */
export async function login(page, username, password = DEMO_PASSWORD) {
  await page.goto(`${BASE_URL}/`);
  const form = page.getByRole('heading', { name: 'Đăng nhập' });
  const home = page.getByRole('heading', { level: 1, name: /^Trang chủ – |^Đổi mật khẩu/ });
  await form.or(home).first().waitFor();
  if (!(await form.isVisible())) await logout(page);
  await submitLogin(page, username, password);
  await page.getByRole('heading', { level: 1, name: /^Trang chủ – / }).waitFor();
}

/** Logs out from the account menu and waits for the login screen. */
export async function logout(page) {
  await page.getByRole('button', { name: 'Tài khoản', exact: true }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
}

/** Fails when the page is wider than the screen (sideways scrolling on a phone). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
