// Shared by the fault scripts in ops/faults/: requests with bounded timeouts, the stack's
// processes and database, a load of reads and acknowledged writes (issues with unique titles
// and an Idempotency-Key each), and the check that compares what the client saw acknowledged
// with what the database holds. Traffic goes to 127.0.0.1 only.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BASE = process.env.TS_BASE_URL ?? 'http://127.0.0.1:19180';
export const VAR = process.env.TS_VAR ?? path.join(REPO, 'var/faults');
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(BASE)) {
  console.error(`faults: TS_BASE_URL must be http://127.0.0.1:PORT, got ${BASE}`);
  process.exit(2);
}
export const PASSWORD = 'ThanhHoa@2025';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const now = () => performance.now();

/** One request with a hard timeout; never throws. {status (0 = no answer), ms, body, text,
 * contentType, replayed, error}. */
export async function req(method, pathname, { token, body, headers = {}, timeout = 15000 } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const t0 = now();
  try {
    const res = await fetch(BASE + pathname, {
      method, headers: h, body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    let json = null;
    if (contentType.startsWith('application/json')) { try { json = JSON.parse(text); } catch { /* kept as text */ } }
    return { status: res.status, ms: now() - t0, body: json, text, contentType, replayed: res.headers.get('idempotent-replayed') === 'true' };
  } catch (e) {
    return { status: 0, ms: now() - t0, body: null, text: '', contentType: '', error: e.name === 'TimeoutError' ? 'timeout' : String(e.cause?.code ?? e.message) };
  }
}

/** True when r is an error in the one shape: {"error":{"code","message","details"}}. */
export function isJsonError(r) {
  return r.contentType.startsWith('application/json') && r.body && typeof r.body.error === 'object'
    && typeof r.body.error.code === 'string' && typeof r.body.error.message === 'string'
    && r.body.error.message.length > 0 && 'details' in r.body.error;
}

export async function login(username) {
  for (let i = 0; i < 20; i++) {
    const r = await req('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } });
    if (r.status === 200) return r.body.access_token;
    await sleep(250);
  }
  throw new Error(`cannot sign in as ${username}`);
}

// ---- The stack ----

function pgEnv() {
  const env = { ...process.env };
  for (const kv of execFileSync(path.join(REPO, 'ops/pg'), ['env'], { env }).toString().split(/\s+/)) {
    const m = kv.match(/^(PG[A-Z]+)=(.*)$/);
    if (m) env[m[1]] = m[2];
  }
  return env;
}
export const PGENV = pgEnv();

export function sql(query) {
  return execFileSync('psql', ['-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', query], { env: PGENV, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString().trim();
}

export function pg(cmd) {
  execFileSync(path.join(REPO, 'ops/pg'), [cmd], { stdio: 'pipe' });
}

export const LOG = path.join(VAR, 'log/api.log');
export const logSize = () => { try { return statSync(LOG).size; } catch { return 0; } };
export const logSince = (offset) => readFileSync(LOG).subarray(offset).toString('utf8');

export function supervisorPid() {
  return Number(readFileSync(path.join(VAR, 'run/api.pid'), 'utf8').trim());
}
/** The supervisor's children: the workers and the maintenance process. */
export function childPids() {
  try {
    return execFileSync('pgrep', ['-P', String(supervisorPid())]).toString().trim().split('\n').map(Number).sort((a, b) => a - b);
  } catch {
    return [];
  }
}
/** The maintenance process, from its own log line (it is a child like the workers). */
export function maintenancePid() {
  const m = [...readFileSync(LOG, 'utf8').matchAll(/maintenance\[(\d+)\] info started/g)];
  return m.length ? Number(m.at(-1)[1]) : 0;
}
export const workerPids = () => childPids().filter((p) => p !== maintenancePid());

/** Lines of the backend log that must never appear. */
export function badLogLines(text) {
  return text.split('\n').filter((l) => /AddressSanitizer|LeakSanitizer|runtime error|UndefinedBehaviorSanitizer/.test(l));
}

// ---- Load: reads and acknowledged writes ----

export const COMMUNE = 'xa.hacthanh';

/** The body of issue n of a run: a title nobody else uses. */
export const issueBody = (run, n) => ({
  title: `Sự cố ${run} kiến nghị số ${n}`,
  description: `Ghi trong lúc thử sự cố ${run}.`,
  field: 'xay-dung',
  kind: 'difficulty',
});

/** Runs `clients` loops until stop() is called: each alternates a read and, every `writeEvery`
 * requests, a new issue. Every request is recorded with when it started and ended. */
export function startLoad({ token, run, clients = 4, writeEvery = 3, timeout = 15000, pauseMs = 0 }) {
  const records = [];
  const writes = [];
  let stopped = false;
  let n = 0;
  const loop = async (c) => {
    let i = 0;
    while (!stopped) {
      i += 1;
      const t0 = now();
      if (i % writeEvery === 0) {
        n += 1;
        const w = { n, key: `fault-${run}-${n}`, body: issueBody(run, n), first: null, final: null, attempts: 0 };
        writes.push(w);
        const r = await req('POST', '/api/v1/issues', { token, body: w.body, headers: { 'Idempotency-Key': w.key }, timeout });
        w.first = r;
        w.attempts = 1;
        records.push({ kind: 'write', client: c, t0, t1: now(), status: r.status, r });
      } else {
        const r = await req('GET', i % 2 ? '/api/v1/fields' : '/api/v1/issues?limit=5', { token, timeout });
        records.push({ kind: 'read', client: c, t0, t1: now(), status: r.status, r });
      }
      if (pauseMs) await sleep(pauseMs);
    }
  };
  const running = Array.from({ length: clients }, (_, c) => loop(c));
  return {
    records,
    writes,
    async stop() { stopped = true; await Promise.all(running); },
  };
}

/** Retries every write the client did not see acknowledged, with the same Idempotency-Key and
 * body, then compares with the database: every acknowledged write exactly once, every retried
 * one exactly once, nothing else. Returns {ok, lines, numbers}. */
export async function reconcile(token, run, writes) {
  const unacked = writes.filter((w) => w.first.status !== 201);
  let replayed = 0;
  for (const w of unacked) {
    for (let a = 0; a < 20 && (w.final?.status ?? 0) !== 201; a++) {
      if (a) await sleep(250);
      w.final = await req('POST', '/api/v1/issues', { token, body: w.body, headers: { 'Idempotency-Key': w.key } });
      w.attempts += 1;
    }
    if (w.final.replayed) replayed += 1;
  }
  // Acknowledged writes replayed once more must come back as the same issue, not a new one.
  let replayMismatch = 0;
  for (const w of writes.filter((x) => x.first.status === 201).slice(0, 5)) {
    const again = await req('POST', '/api/v1/issues', { token, body: w.body, headers: { 'Idempotency-Key': w.key } });
    if (again.status !== 201 || !again.replayed || again.body?.id !== w.first.body?.id) replayMismatch += 1;
  }
  const rows = sql(`SELECT title, count(*) FROM issues WHERE title LIKE 'Sự cố ${run} %' GROUP BY title`);
  const inDb = new Map(rows ? rows.split('\n').map((l) => { const i = l.lastIndexOf('|'); return [l.slice(0, i), Number(l.slice(i + 1))]; }) : []);
  const acked = writes.filter((w) => w.first.status === 201);
  const retriedOk = unacked.filter((w) => w.final?.status === 201);
  const missing = acked.filter((w) => !inDb.has(w.body.title)).map((w) => w.n);
  const duplicated = [...inDb].filter(([, c]) => c > 1).map(([t]) => t);
  const sent = new Set(writes.map((w) => w.body.title));
  const unknown = [...inDb.keys()].filter((t) => !sent.has(t));
  const lostRetries = unacked.filter((w) => w.final?.status !== 201).map((w) => `${w.n}:${w.final?.status}`);
  const retriedMissing = retriedOk.filter((w) => !inDb.has(w.body.title)).map((w) => w.n);
  const numbers = {
    writes: writes.length, acknowledged: acked.length, failed_first: unacked.length,
    retried_ok: retriedOk.length, replayed_on_retry: replayed, rows: [...inDb.values()].reduce((a, b) => a + b, 0),
  };
  const lines = [];
  if (missing.length) lines.push(`acknowledged but missing in the database: ${missing.join(', ')}`);
  if (duplicated.length) lines.push(`duplicated in the database: ${duplicated.slice(0, 5).join(' | ')}`);
  if (unknown.length) lines.push(`in the database but never sent: ${unknown.slice(0, 5).join(' | ')}`);
  if (lostRetries.length) lines.push(`retries that never succeeded: ${lostRetries.join(', ')}`);
  if (retriedMissing.length) lines.push(`retried (201) but missing: ${retriedMissing.join(', ')}`);
  if (replayMismatch) lines.push(`${replayMismatch} acknowledged writes did not replay as the same issue`);
  if (numbers.rows !== writes.length) lines.push(`${numbers.rows} rows for ${writes.length} writes`);
  return { ok: lines.length === 0, lines, numbers };
}

/** Prints the verdict: one line starting with PASS or FAIL, then the reasons; exits. */
export function verdict(name, problems, numbers) {
  const n = Object.entries(numbers).map(([k, v]) => `${k}=${v}`).join(' ');
  if (problems.length === 0) {
    console.log(`PASS ${name}: ${n}`);
    process.exit(0);
  }
  console.log(`FAIL ${name}: ${n}`);
  for (const p of problems) console.log(`  - ${p}`);
  process.exit(1);
}

/** Counts of statuses, e.g. "200:120 201:30 502:1". */
export function statusCounts(records) {
  const c = {};
  for (const r of records) c[r.status] = (c[r.status] ?? 0) + 1;
  return Object.entries(c).sort().map(([s, k]) => `${s}:${k}`).join(' ');
}

/** A safety net: the script ends on its own even if something hangs. */
export function deadline(seconds, name) {
  setTimeout(() => {
    console.log(`FAIL ${name}: did not finish within ${seconds} s`);
    process.exit(1);
  }, seconds * 1000).unref();
}
