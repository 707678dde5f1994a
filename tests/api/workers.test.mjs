// The supervisor replaces a worker killed with SIGKILL within a second while requests keep
// being answered, and on SIGTERM lets a request in flight finish.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO, VAR, api, sleep, supervisorPid, workerPids } from './lib.mjs';

test('the configured number of workers run, as an unprivileged user', () => {
  const pids = workerPids();
  // The workers and one maintenance process.
  assert.equal(pids.length, Number(process.env.TS_WORKERS ?? 3) + 1);
  if (process.getuid() === 0) {
    const user = execFileSync('ps', ['-o', 'user=', '-p', String(pids[0])]).toString().trim();
    assert.notEqual(user, 'root');
  }
});

test('the FastCGI socket admits only its owner and nginx', () => {
  const out = execFileSync('stat', ['-c', '%a %U %G', path.join(VAR, 'run/api/api.sock')]).toString().trim();
  const [mode, , group] = out.split(' ');
  assert.equal(mode, '660');
  if (process.getuid() === 0) {
    assert.equal(group, 'www-data');
    // Any other local user is refused.
    assert.throws(() => execFileSync('runuser', ['-u', 'nobody', '--', 'cgi-fcgi', '-bind', '-connect',
      path.join(VAR, 'run/api/api.sock')], { stdio: 'pipe', env: { REQUEST_METHOD: 'GET', REQUEST_URI: '/api/health' } }));
  }
});

test('a worker killed with SIGKILL is replaced within a second; requests keep being answered', async () => {
  const before = workerPids();
  let stop = false;
  const statuses = [];
  const load = (async () => {
    while (!stop) statuses.push((await api('/api/v1/fields')).status);
  })();
  await sleep(200);
  const victim = before[0];
  process.kill(victim, 'SIGKILL');
  const t0 = Date.now();
  let now = workerPids();
  while (Date.now() - t0 < 2000 && (now.includes(victim) || now.length < before.length)) {
    await sleep(20);
    now = workerPids();
  }
  const took = Date.now() - t0;
  // Keep asking a little after the replacement (longer on a busy machine: at least 20 answers).
  await sleep(300);
  for (const until = Date.now() + 5000; statuses.length <= 20 && Date.now() < until;) await sleep(50);
  stop = true;
  await load;
  assert.ok(!now.includes(victim), 'the killed worker is gone');
  assert.equal(now.length, before.length, 'a new worker took its place');
  assert.ok(took < 1000, `replaced in ${took} ms`);
  const failed = statuses.filter((s) => s !== 200).length;
  assert.ok(statuses.length > 20, `requests were answered during the kill (${statuses.length})`);
  assert.ok(failed <= 1, `at most the one request in flight on the killed worker failed (${failed})`);
  const log = readFileSync(path.join(VAR, 'log/api.log'), 'utf8');
  assert.match(log, new RegExp(`pid ${victim}\\) killed by signal 9`));
});

test('SIGTERM: the request in flight finishes, then the supervisor exits', async () => {
  const env = { ...process.env };
  for (const kv of execFileSync(`${REPO}/ops/pg`, ['env']).toString().split(/\s+/)) {
    const m = kv.match(/^(PG[A-Z]+)=(.*)$/);
    if (m) env[m[1]] = m[2];
  }
  // Hold a lock so that the request below is still running when SIGTERM arrives.
  const locker = spawn('psql', ['-Xq', '-c', 'BEGIN; LOCK TABLE units IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(1.5); COMMIT;'], { env, stdio: 'ignore' });
  const lockerDone = new Promise((r) => locker.on('exit', r));
  await sleep(300);
  const sup = supervisorPid();
  const inFlight = api('/api/v1/units?kind=central');
  await sleep(300);
  process.kill(sup, 'SIGTERM');
  try {
    const res = await inFlight;
    assert.equal(res.status, 200, 'the request in flight was answered');
    assert.equal(res.body.total, 17);
    await lockerDone;
    const t0 = Date.now();
    let alive = true;
    while (alive && Date.now() - t0 < 5000) {
      try { process.kill(sup, 0); await sleep(50); } catch { alive = false; }
    }
    assert.equal(alive, false, 'the supervisor exited');
    assert.equal((await api('/api/health')).status >= 500, true, 'nothing answers once stopped');
  } finally {
    await lockerDone;
    execFileSync(`${REPO}/ops/stack`, ['restart-api'], { stdio: 'pipe' });
  }
  assert.equal((await api('/api/health')).status, 200, 'started again');
});
