// What nginx itself promises, checked over HTTP against the running stack: security headers on
// every kind of response, caching (immutable hashed assets, revalidated index.html), the SPA
// fallback that never hides a missing asset, gzip, request ids, JSON errors on /api/.
// Run: TS_BASE_URL=http://127.0.0.1:8080 node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from './browser.mjs';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function assertSecurityHeaders(res, what) {
  const h = res.headers;
  assert.equal(h.get('content-security-policy'), CSP, `${what}: CSP`);
  assert.equal(h.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(h.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.equal(h.get('referrer-policy'), 'no-referrer', `${what}: Referrer-Policy`);
  assert.equal(h.get('cross-origin-opener-policy'), 'same-origin', `${what}: COOP`);
  assert.ok(h.get('permissions-policy'), `${what}: Permissions-Policy`);
  assert.match(h.get('x-request-id') || '', /^[0-9a-f]{32}$/, `${what}: one X-Request-Id from nginx`);
  assert.equal(h.get('server'), 'nginx', `${what}: no version in Server`);
}

async function get(path, init) {
  return fetch(BASE_URL + path, { redirect: 'manual', ...init });
}

async function assetPaths() {
  const html = await (await get('/')).text();
  const paths = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  assert.ok(paths.some((p) => p.endsWith('.js')), 'index.html loads a hashed script from /assets/');
  return paths;
}

test('index.html: no inline script or style, revalidated on every visit', async () => {
  const res = await get('/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assertSecurityHeaders(res, '/');
  const html = await res.text();
  assert.match(html, /<html lang="vi">/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script>');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline styles');
  assert.doesNotMatch(html, /https?:\/\//, 'nothing loaded from another site');
});

test('hashed assets are cached for a year and sent gzipped', async () => {
  for (const path of await assetPaths()) {
    const res = await get(path, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
    assert.equal(res.headers.get('content-encoding'), 'gzip', path);
    assertSecurityHeaders(res, path);
    await res.arrayBuffer();
  }
});

test('page paths fall back to the SPA; a missing asset is a 404, not the SPA', async () => {
  const page = await get('/bao-cao/tuan/12?x=1');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.match(await page.text(), /<div id="app">/);

  for (const path of ['/assets/index-00000000.js', '/khong-co.css']) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.notEqual(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', path);
    assertSecurityHeaders(res, path);
    await res.arrayBuffer();
  }
});

test('/api/ answers JSON with the error shape and the same security headers', async () => {
  const res = await get('/api/v1/khong-co-duong-dan-nay');
  assert.ok(res.status >= 400, `status ${res.status}`);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assertSecurityHeaders(res, '/api/ error');
  const body = await res.json();
  assert.equal(typeof body.error.code, 'string');
  assert.equal(typeof body.error.message, 'string');
  assert.ok('details' in body.error);

  const health = await get('/api/health');
  assertSecurityHeaders(health, '/api/health');
  assert.notEqual(health.headers.get('cache-control'), 'no-cache', 'the API sets its own caching');
  await health.arrayBuffer();
});

// TS_BODY_LIMIT is the limit ops/nginx was started with (nginx size syntax, default 1m).
function bodyLimitBytes() {
  const m = /^(\d+)([kmg]?)$/i.exec(process.env.TS_BODY_LIMIT || '1m');
  assert.ok(m, 'TS_BODY_LIMIT must look like 1m or 512k');
  return Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()];
}

test("a body over the limit gets nginx's 413 as JSON", async () => {
  const res = await get('/api/v1/units', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.alloc(bodyLimitBytes() + 64 * 1024, 0x20),
  });
  assert.equal(res.status, 413);
  assertSecurityHeaders(res, '413');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = await res.json();
  assert.equal(body.error.code, 'payload_too_large');
  assert.equal(typeof body.error.message, 'string');
});
