// Helpers for the API tests: the base URL of the throwaway stack, JSON requests, raw HTTP
// for requests fetch() will not send, and access to the stack's processes and database.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BASE = process.env.TS_BASE_URL ?? 'http://127.0.0.1:18080';
export const VAR = process.env.TS_VAR ?? path.join(REPO, 'var/test');
const url = new URL(BASE);

/** fetch() relative to the stack; returns {status, headers, body (parsed JSON or text)}. */
export async function api(pathname, init = {}) {
  const res = await fetch(BASE + pathname, init);
  const text = await res.text();
  let body = text;
  if ((res.headers.get('content-type') ?? '').startsWith('application/json') && text !== '') {
    body = JSON.parse(text);
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** Asserts the one error shape of DESIGN §7 and returns the error object. */
export function assertError(res, status, code) {
  assert.equal(res.status, status, `status of ${JSON.stringify(res.body).slice(0, 200)}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(typeof res.body, 'object');
  assert.ok(res.body.error, 'body has "error"');
  assert.equal(typeof res.body.error.message, 'string');
  assert.ok(res.body.error.message.length > 0, 'error message is not empty');
  assert.ok('details' in res.body.error, 'error has details');
  if (code) assert.equal(res.body.error.code, code);
  return res.body.error;
}

/** Sends raw bytes over TCP and returns {status, headers, body} of the response. With
 * halfClose the client also ends its side, as a client that gives up would. */
export function raw(request, { halfClose = false } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(url.port), url.hostname);
    const chunks = [];
    sock.setTimeout(10000, () => { sock.destroy(); reject(new Error('timeout')); });
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const lines = head.split('\r\n');
      const status = Number(lines[0].split(' ')[1]);
      const headers = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status, headers, body: rest.join('\r\n') });
    });
    if (halfClose) sock.end(request);
    else sock.write(request);
  });
}

/** Runs SQL against the test database with psql and returns the output rows. */
export function sql(query) {
  const env = { ...process.env };
  for (const line of execFileSync(path.join(REPO, 'ops/pg'), ['env'], { env }).toString().split(/\s+/)) {
    const m = line.match(/^(PG[A-Z]+)=(.*)$/);
    if (m) env[m[1]] = m[2];
  }
  return execFileSync('psql', ['-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', query], { env })
    .toString().trim();
}

/** Pid of the backend supervisor and of its workers. */
export function supervisorPid() {
  return Number(readFileSync(path.join(VAR, 'run/api.pid'), 'utf8').trim());
}
export function workerPids() {
  try {
    return execFileSync('pgrep', ['-P', String(supervisorPid())]).toString().trim().split('\n').map(Number);
  } catch {
    return [];
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
