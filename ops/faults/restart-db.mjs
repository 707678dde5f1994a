#!/usr/bin/env node
// Fault (b): stop PostgreSQL under load for about two seconds and start it again. While it is
// down every answer is a 503 JSON error (never a 500, a 502 or a hang); after the start every
// worker answers again within 5 seconds (each worker proves it in the log) and none is left
// broken; every acknowledged write is in the database exactly once, and every write that failed,
// retried with its Idempotency-Key, exactly once too.
// Usage: node ops/faults/restart-db.mjs   (TS_BASE_URL, TS_VAR, TS_PG_PORT of a running stack)
import {
  COMMUNE, badLogLines, childPids, deadline, isJsonError, logSince, logSize, login, pg,
  reconcile, req, sleep, startLoad, statusCounts, verdict, workerPids,
} from './common.mjs';

const NAME = 'restart-db';
const DOWN_MS = 2000;
deadline(90, NAME);

const run = `DB${Date.now().toString(36)}`;
const token = await login(COMMUNE);
const logAt = logSize();
const before = childPids();
const problems = [];

const load = startLoad({ token, run, clients: 4, writeEvery: 2, pauseMs: 20 });
await sleep(1000);
const tStop0 = performance.now();
pg('stop');
const tDown = performance.now();
await sleep(DOWN_MS);
const tStart0 = performance.now();
pg('start');
const tUp = performance.now();

// Recovery: from the moment PostgreSQL accepts connections again, until every worker has
// answered a request with 200 and 20 requests in a row succeeded.
const workers = workerPids();
let streak = 0;
let recoveredAt = 0;
const seenOk = new Set();
const recoveryLogAt = logSize();
while (performance.now() - tUp < 10000) {
  const r = await req('GET', '/api/v1/units?kind=department', { timeout: 5000 });
  streak = r.status === 200 ? streak + 1 : 0;
  for (const m of logSince(recoveryLogAt).matchAll(/worker-\d+\[(\d+)\] info rid=\S+ GET \/api\/v1\/units 200/g)) seenOk.add(Number(m[1]));
  if (streak >= 20 && workers.every((w) => seenOk.has(w))) { recoveredAt = performance.now(); break; }
  if (r.status !== 200) await sleep(50);
}
await sleep(500);
await load.stop();

const recoveryMs = recoveredAt ? Math.round(recoveredAt - tUp) : -1;
if (!recoveredAt) problems.push(`not recovered 10 s after the start (workers seen answering: ${[...seenOk].join(',')} of ${workers.join(',')})`);
else if (recoveryMs > 5000) problems.push(`recovered in ${recoveryMs} ms (over 5 s)`);

// Every failure of the load is a 503 JSON error, and only around the outage.
const failed = load.records.filter((r) => r.status < 200 || r.status >= 300);
for (const f of failed) {
  if (f.status !== 503 || !isJsonError(f.r)) {
    problems.push(`a failure that is not a 503 JSON error: ${f.status || f.r.error} ${f.r.text.slice(0, 120)}`);
    break;
  }
  if (f.t1 < tStop0 - 100 || f.t0 > tUp + 5000) problems.push(`a 503 outside the outage (${Math.round(f.t0 - tStop0)} ms after the stop)`);
}
const during = load.records.filter((r) => r.t0 >= tDown && r.t1 <= tStart0);
const duringOk = during.filter((r) => r.status >= 200 && r.status < 300).length;
if (during.length < 10) problems.push(`only ${during.length} requests while the database was down`);
if (duringOk > 0) problems.push(`${duringOk} requests succeeded while the database was down`);
const slowest = Math.round(Math.max(0, ...load.records.map((r) => r.t1 - r.t0)));

const rec = await reconcile(token, run, load.writes);
problems.push(...rec.lines);

// No worker left broken: the same processes, and 30 more requests all succeed.
const after = childPids();
if (after.join() !== before.join()) problems.push(`children changed: ${before.join(',')} -> ${after.join(',')}`);
let ok = 0;
for (let i = 0; i < 30; i++) if ((await req('GET', '/api/v1/issues?limit=1', { token })).status === 200) ok += 1;
if (ok !== 30) problems.push(`${30 - ok} of 30 requests failed after recovery`);
problems.push(...badLogLines(logSince(logAt)).slice(0, 5).map((l) => `log: ${l}`));

verdict(NAME, problems, {
  requests: load.records.length, while_down: during.length, failed: failed.length,
  statuses: `"${statusCounts(load.records)}"`, stop_ms: Math.round(tDown - tStop0),
  start_ms: Math.round(tUp - tStart0), recovery_ms: recoveryMs, slowest_ms: slowest, ...rec.numbers,
});
