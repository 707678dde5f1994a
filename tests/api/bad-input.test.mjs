// Bad input gets a clear JSON error with the right status (DESIGN §7), from nginx or the backend.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, assertError, raw } from './lib.mjs';

// The login endpoint takes JSON and needs no token, so bodies are checked before anything else.
const post = (body, type = 'application/json') =>
  api('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': type }, body });

test('unknown API path: 404 JSON naming the path', async () => {
  const err = assertError(await api('/api/v1/nothing-here'), 404, 'not_found');
  assert.equal(err.details.path, '/api/v1/nothing-here');
  assertError(await api('/api/'), 404, 'not_found');
  assertError(await api('/api/v2/units'), 404, 'not_found');
});

test('wrong method: 405 with Allow', async () => {
  const res = await api('/api/v1/units', { method: 'DELETE' });
  assertError(res, 405, 'method_not_allowed');
  assert.equal(res.headers.get('allow'), 'GET, HEAD');
  const res2 = await api('/api/health', { method: 'PUT', body: '{}', headers: { 'Content-Type': 'application/json' } });
  assertError(res2, 405, 'method_not_allowed');
  assert.equal(res2.headers.get('allow'), 'GET, HEAD');
});

test('an unknown method on a known path: 405', async () => {
  const res = await raw('TRACE /api/v1/units HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.ok([405, 501].includes(res.status), `status ${res.status}`);
});

test('body over the backend limit: 413 JSON with the limit', async () => {
  const body = JSON.stringify({ text: 'x'.repeat(100 * 1024) });
  const err = assertError(await post(body), 413, 'body_too_large');
  assert.equal(err.details.limit_bytes, 64 * 1024);
});

test('body over the nginx limit: 413 JSON', async () => {
  const body = JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) });
  assertError(await post(body), 413);
});

test('invalid JSON: 400 naming the position', async () => {
  const err = assertError(await post('{"name": "Sở Xây dựng",\n "kind": tru}'), 400, 'invalid_json');
  assert.equal(err.details.line, 2);
  assert.equal(typeof err.details.position, 'number');
  assert.match(err.message, /dòng 2/);
});

test('truncated, trailing and duplicate-key JSON: 400', async () => {
  assertError(await post('{"a": 1'), 400, 'invalid_json');
  assertError(await post('{"a": 1} {"b": 2}'), 400, 'invalid_json');
  assertError(await post('{"a": 1, "a": 2}'), 400, 'invalid_json');
  assertError(await post('{"a": 1e999999}'), 400, 'invalid_json');
  assertError(await post('{"a": 123456789012345678901234567890}'), 400, 'invalid_json');
});

test('deep nesting: 400 before parsing', async () => {
  const err = assertError(await post('['.repeat(5000) + ']'.repeat(5000)), 400, 'invalid_json');
  assert.equal(err.details.max_depth, 32);
});

test('invalid UTF-8 in the body: 400', async () => {
  assertError(await post(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])), 400, 'invalid_utf8');
  assertError(await post(Buffer.from('{"a":"\xed\xa0\x80"}', 'latin1')), 400, 'invalid_utf8');
  assertError(await post(Buffer.from('{"a":"x\u0000"}')), 400, 'invalid_utf8');
});

test('a body that is not JSON: 415', async () => {
  assertError(await post('name=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
  assertError(await post('{}', 'text/plain'), 415, 'unsupported_media_type');
});

test('a body shorter than its Content-Length: 400, never a hang', async () => {
  const res = await raw('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
    + 'Content-Length: 100\r\nConnection: close\r\n\r\n{"a":1}', { halfClose: true });
  // nginx waits for the rest and gives up when the client closes; it must not pass it on.
  assert.ok(res.status === 400 || Number.isNaN(res.status), `status ${res.status}`);
});

test('control characters and encoded NUL in the path: 4xx', async () => {
  const res = await raw('GET /api/v1/units%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
  const res2 = await raw('GET /api/v1/../v1/units HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.ok(res2.status < 500, `status ${res2.status}`);
});

test('oversized headers: 4xx JSON-free of a crash, the server keeps answering', async () => {
  const res = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\nConnection: close\r\n\r\n`);
  assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
  assert.equal((await api('/api/health')).status, 200);
});
