#!/usr/bin/env node
// Fault (c): fill the request queue. A transaction holds an exclusive lock on the issues table
// for a few seconds, so every worker blocks inside a request that needs it, and a burst of
// concurrent clients (reads of /issues and new issues) piles up behind them: in nginx, in the
// FastCGI listen queue (TS_BACKLOG) and beyond. Every client must get an answer within its
// (bounded) timeout: a success, or a 429 or 503 JSON error; never a hang, never another 5xx.
// Afterwards the service is back, and the writes are reconciled with the database as in the
// other fault scripts.
// Usage: node ops/faults/fill-queue.mjs   (TS_BASE_URL, TS_VAR of a running stack)
//   FAULT_BURST   concurrent clients [300]     FAULT_LOCK_S  seconds the lock is held [4]
import { spawn } from 'node:child_process';
import {
  COMMUNE, PGENV, badLogLines, childPids, deadline, issueBody, isJsonError, logSince, logSize,
  login, reconcile, req, sleep, statusCounts, verdict,
} from './common.mjs';

const NAME = 'fill-queue';
const BURST = Number(process.env.FAULT_BURST ?? 300);
const LOCK_S = Number(process.env.FAULT_LOCK_S ?? 4);
const CLIENT_TIMEOUT = 25000;
deadline(90, NAME);

const run = `FQ${Date.now().toString(36)}`;
const token = await login(COMMUNE);
const logAt = logSize();
const before = childPids();
const problems = [];

const locker = spawn('psql', ['-Xq', '-c', `BEGIN; LOCK TABLE issues IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(${LOCK_S}); COMMIT;`], { env: PGENV, stdio: 'ignore' });
const lockerDone = new Promise((r) => locker.on('exit', r));
await sleep(300);
const t0 = performance.now();
const writes = [];
const records = [];
const burst = Array.from({ length: BURST }, async (_, i) => {
  const s = performance.now();
  let r;
  if (i % 3 === 0) {
    const w = { n: i, key: `fault-${run}-${i}`, body: issueBody(run, i), first: null, final: null, attempts: 1 };
    writes.push(w);
    r = await req('POST', '/api/v1/issues', { token, body: w.body, headers: { 'Idempotency-Key': w.key }, timeout: CLIENT_TIMEOUT });
    w.first = r;
  } else {
    r = await req('GET', '/api/v1/issues?limit=1', { token, timeout: CLIENT_TIMEOUT });
  }
  records.push({ status: r.status, t0: s, t1: performance.now(), r });
});
await Promise.all(burst);
const allDone = Math.round(performance.now() - t0);
await lockerDone;

const byStatus = statusCounts(records);
const slowest = Math.round(Math.max(...records.map((x) => x.t1 - x.t0)));
const hung = records.filter((x) => x.status === 0);
if (hung.length) problems.push(`${hung.length} clients got no answer within ${CLIENT_TIMEOUT} ms (${hung[0].r.error})`);
const wrong = records.filter((x) => x.status !== 0 && !(x.status >= 200 && x.status < 300) && !((x.status === 429 || x.status === 503) && isJsonError(x.r)));
if (wrong.length) {
  const ex = wrong[0];
  problems.push(`${wrong.length} answers are neither a success nor a 429/503 JSON error (${statusCounts(wrong)}), e.g. ${ex.status} ${ex.r.contentType} ${ex.r.text.slice(0, 120)}`);
}
const refused = records.filter((x) => x.status === 429 || x.status === 503 || (x.status >= 500 && x.status !== 0));
if (refused.length === 0) problems.push(`the queue never filled: all ${BURST} clients were served (raise FAULT_BURST or lower TS_BACKLOG)`);

// The service is back once the lock is gone.
let ok = 0;
for (let i = 0; i < 20; i++) if ((await req('GET', '/api/v1/issues?limit=1', { token })).status === 200) ok += 1;
if (ok !== 20) problems.push(`${20 - ok} of 20 requests failed after the lock was released`);
const rec = await reconcile(token, run, writes);
problems.push(...rec.lines);
const after = childPids();
if (after.join() !== before.join()) problems.push(`children changed: ${before.join(',')} -> ${after.join(',')}`);
problems.push(...badLogLines(logSince(logAt)).slice(0, 5).map((l) => `log: ${l}`));

verdict(NAME, problems, {
  clients: BURST, lock_s: LOCK_S, statuses: `"${byStatus}"`, all_answered_ms: allDone,
  slowest_ms: slowest, ...rec.numbers,
});
