// GET /api/health through nginx: process and database status, headers every response carries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api } from './lib.mjs';

test('health answers 200 with the database status', async () => {
  const res = await api('/api/health');
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'ok');
  assert.equal(res.body.database.status, 'ok');
  assert.equal(typeof res.body.database.latency_ms, 'number');
  assert.ok(res.body.worker.pid > 1);
  assert.match(res.body.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('API responses carry a request id, no caching and security headers', async () => {
  const res = await api('/api/health');
  assert.match(res.headers.get('x-request-id'), /^[0-9a-f]{32}$/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(res.headers.get('server'), 'nginx', 'nginx hides its version');
});

test('each request gets its own request id', async () => {
  const a = await api('/api/health');
  const b = await api('/api/health');
  assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
});

test('a client cannot choose the request id', async () => {
  const res = await api('/api/health', { headers: { 'X-Request-Id': 'forged-by-client' } });
  assert.notEqual(res.headers.get('x-request-id'), 'forged-by-client');
});

test('JSON responses are gzipped for clients that accept it', async () => {
  const res = await fetch(`${process.env.TS_BASE_URL ?? 'http://127.0.0.1:18080'}/api/v1/units`, {
    headers: { 'Accept-Encoding': 'gzip' },
  });
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  const body = await res.json();
  assert.equal(body.total, 203);
});
