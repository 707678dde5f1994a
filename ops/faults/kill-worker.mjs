#!/usr/bin/env node
// Fault (a): SIGKILL a worker under load, four times: three at random moments, then once while
// every worker is known to be in the middle of a request (a table lock holds them). Each time
// the supervisor must replace it within a second; only the request in flight on the killed
// worker may fail (at most one per kill, and exactly one for the last kill); every write the
// client saw acknowledged is in the database exactly once, and every one it did not, retried
// with its Idempotency-Key, ends up there exactly once too.
// Usage: node ops/faults/kill-worker.mjs   (TS_BASE_URL, TS_VAR of a running stack)
import { spawn } from 'node:child_process';
import {
  COMMUNE, PGENV, badLogLines, childPids, deadline, logSince, logSize, login, maintenancePid,
  reconcile, req, sleep, startLoad, statusCounts, verdict, workerPids,
} from './common.mjs';

const NAME = 'kill-worker';
const KILLS = 4;
deadline(60, NAME);

const run = `KW${Date.now().toString(36)}`;
const token = await login(COMMUNE);
const logAt = logSize();
const before = childPids();
const problems = [];
const replaced = [];
const victims = [];

const load = startLoad({ token, run, clients: 4, writeEvery: 2 });
await sleep(1000);
async function killOne(k) {
  const workers = workerPids();
  // A different worker each time, never the maintenance process.
  const victim = workers[k % workers.length];
  victims.push(victim);
  process.kill(victim, 'SIGKILL');
  const t0 = performance.now();
  let pids = childPids();
  while (performance.now() - t0 < 3000 && (pids.includes(victim) || pids.length < before.length)) {
    await sleep(10);
    pids = childPids();
  }
  const took = Math.round(performance.now() - t0);
  replaced.push(took);
  if (pids.includes(victim) || pids.length < before.length) problems.push(`worker ${victim} was not replaced within 3 s`);
  else if (took > 1000) problems.push(`worker ${victim} replaced in ${took} ms (over a second)`);
}
for (let k = 0; k < KILLS - 1; k++) {
  await killOne(k);
  await sleep(1200);
}
// The last kill: a lock on unit_fields holds every worker inside a request (reads of /fields
// and new issues both need the table), so the victim certainly has one in flight.
const locker = spawn('psql', ['-Xq', '-c', 'BEGIN; LOCK TABLE unit_fields IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(2); COMMIT;'], { env: PGENV, stdio: 'ignore' });
const lockerDone = new Promise((r) => locker.on('exit', r));
await sleep(700);
const mark = load.records.length;
await killOne(KILLS - 1);
await lockerDone;
await sleep(1000);
await load.stop();
const inFlightFailed = load.records.slice(mark).filter((r) => r.status < 200 || r.status >= 300).length;
if (inFlightFailed !== 1) problems.push(`the kill of a busy worker failed ${inFlightFailed} requests (expected exactly the one in flight)`);

const failed = load.records.filter((r) => r.status < 200 || r.status >= 300);
// With fastcgi_keep_conn off, a worker holds one request at a time: one failure per kill at most.
if (failed.length > KILLS) problems.push(`${failed.length} requests failed for ${KILLS} kills: ${statusCounts(failed)}`);
for (const f of failed) {
  if (f.status !== 502 && f.status !== 503) problems.push(`a request failed with ${f.status || f.r.error} (expected 502/503 from the killed worker)`);
}
const rec = await reconcile(token, run, load.writes);
problems.push(...rec.lines);

// Afterwards: every worker answers, the maintenance process is untouched.
const after = childPids();
if (after.length !== before.length) problems.push(`${after.length} children after, ${before.length} before`);
if (!after.includes(maintenancePid())) problems.push('the maintenance process is gone');
let ok = 0;
for (let i = 0; i < 30; i++) if ((await req('GET', '/api/v1/fields', { token })).status === 200) ok += 1;
if (ok !== 30) problems.push(`${30 - ok} of 30 requests failed after the kills`);
const log = logSince(logAt);
for (const v of victims) if (!new RegExp(`pid ${v}\\) killed by signal 9`).test(log)) problems.push(`the log does not record the death of ${v}`);
problems.push(...badLogLines(log).slice(0, 5).map((l) => `log: ${l}`));

verdict(NAME, problems, {
  requests: load.records.length, failed: failed.length, statuses: `"${statusCounts(load.records)}"`,
  replaced_ms: replaced.join('/'), busy_kill_failed: inFlightFailed, ...rec.numbers,
});
