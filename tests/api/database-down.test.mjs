// While PostgreSQL is down: 503 JSON; bad input is still refused without the database; after a
// restart every worker recovers on its own.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, test } from 'node:test';
import { REPO, api, assertError, sleep } from './lib.mjs';

const pg = (cmd) => execFileSync(`${REPO}/ops/pg`, [cmd], { stdio: 'pipe' });

after(() => pg('start'));

test('database down: 503 JSON, bad input still refused, recovery after restart', async () => {
  assert.equal((await api('/api/health')).status, 200);
  pg('stop');

  const health = await api('/api/health');
  assert.equal(health.status, 503);
  assert.equal(health.body.status, 'unavailable');
  assert.equal(health.body.database.status, 'unavailable');
  for (let i = 0; i < 6; i++) {
    assertError(await api('/api/v1/units'), 503, 'database_unavailable');
  }
  // None of these needs the database, so none of them reaches it.
  assertError(await api('/api/v1/nothing'), 404, 'not_found');
  assertError(await api('/api/v1/units', { method: 'DELETE' }), 405, 'method_not_allowed');
  assertError(await api('/api/v1/units?kind=village'), 400, 'invalid_parameter');
  assertError(await api('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' }), 400, 'invalid_json');
  assertError(await api('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(70000) }), 413, 'body_too_large');
  assertError(await api('/api/v1/me'), 401, 'unauthenticated');

  pg('start');
  const t0 = Date.now();
  // Every worker must come back: ask more times than there are workers.
  let ok = 0;
  while (Date.now() - t0 < 5000 && ok < 12) {
    const res = await api('/api/v1/units?kind=department');
    ok = res.status === 200 ? ok + 1 : 0;
    if (res.status !== 200) await sleep(100);
  }
  assert.equal(ok, 12, 'twelve answers in a row after the restart');
  assert.ok(Date.now() - t0 < 5000, `recovered in ${Date.now() - t0} ms`);
  assert.equal((await api('/api/health')).body.database.status, 'ok');
});
