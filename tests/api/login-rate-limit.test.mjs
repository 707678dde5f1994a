// nginx limits the login path per client address (docs/accounts.md: 429 too_many_requests).
// The test stack allows 127.0.0.1 a generous rate (tests/run: TS_LOGIN_RATE=600r/m,
// TS_LOGIN_BURST=200) so the other tests can sign in; the limit itself is tested from another
// loopback source address, 127.0.0.2, which no other test uses. The bodies are `{}`: the
// backend refuses them at once (400) without counting a failed login for any name.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { BASE, api } from './lib.mjs';

const url = new URL(BASE);

function request(method, pathname, { body, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: Number(url.port), method, path: pathname, localAddress,
      agent: false,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.setTimeout(10000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

test('a burst of logins from one address gets 429 too_many_requests JSON from nginx; other addresses and paths do not', async () => {
  const from2 = { localAddress: '127.0.0.2' };
  const probe = await request('GET', '/api/health', from2);
  assert.equal(probe.status, 200, '127.0.0.2 can reach the stack');

  const total = 300;
  const results = [];
  for (let i = 0; i < total; i += 30) {
    const batch = [];
    for (let j = i; j < Math.min(total, i + 30); j++) batch.push(request('POST', '/api/v1/auth/login', { ...from2, body: '{}' }));
    results.push(...await Promise.all(batch));
  }
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const limited = results.filter((r) => r.status === 429);
  const summary = JSON.stringify(statuses);
  assert.ok(limited.length >= 20, `some of ${total} rapid logins were limited: ${summary}`);
  assert.ok(results.every((r) => r.status === 400 || r.status === 429), `only 400 (bad body) or 429: ${summary}`);
  assert.ok(results.filter((r) => r.status === 400).length >= 150, `the burst allowance was honoured: ${summary}`);
  for (const r of limited) {
    assert.match(r.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(r.json?.error?.code, 'too_many_requests', r.text);
    assert.equal(typeof r.json.error.message, 'string');
    assert.ok(Number(r.headers['retry-after']) > 0, 'Retry-After tells when to try again');
  }
  const passed = results.find((r) => r.status === 400);
  assert.equal(passed.json.error.code, 'missing_field', 'the ones let through reached the backend');

  // Still limited from 127.0.0.2 right after (the allowance refills at 10 a second, so a
  // quick second burst is mostly refused), but not other paths, and not other addresses.
  const again = await Promise.all(Array.from({ length: 30 }, () => request('POST', '/api/v1/auth/login', { ...from2, body: '{}' })));
  assert.ok(again.filter((r) => r.status === 429).length >= 10, `a second burst is limited too: ${again.map((r) => r.status)}`);
  assert.equal((await request('GET', '/api/v1/units/14797', from2)).status, 200, 'only the login path is limited');
  const other = await api('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(other.status, 400, '127.0.0.1 has its own allowance');
});
