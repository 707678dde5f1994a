// Helpers shared by the tests/api/reporting-*.test.mjs files (docs/reporting.md): signed-in
// callers, periods of the tests' own with codes nobody else uses, Vietnam-time dates computed
// in JavaScript (not asked of the backend), and readers for what the exports produce: ZIP
// archives (xlsx), the workbook's sheets and cells, and RFC 4180 CSV.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { BASE, REPO, api, createUser, session } from './lib.mjs';

export const V1 = '/api/v1';

/** Demo and seeded units the tests rely on (docs/accounts.md, the units seed). */
export const UNIT = {
  hacThanh: 14797, quangPhu: 16522, vpubnd: 101, snv: 102, stp: 103, sxd: 107, skhcn: 108,
  svhttdl: 109, sgddt: 110, syt: 111, ttt: 112, sdttg: 113, sngv: 114, cat: 116,
  ubndTinh: 21, tinhUy: 20,
};

/** A suffix no other run or file shares: makes titles unique and searchable. */
export function runTag(prefix) {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A signed-in user with small request helpers (paths relative to /api/v1). */
export class Who {
  constructor(username, token, user) {
    this.username = username;
    this.token = token;
    this.user = user;
    this.id = user.id;
    this.unit = user.unit.id;
  }

  call(method, p, body, headers = {}) {
    const h = { Authorization: `Bearer ${this.token}`, ...headers };
    const init = { method, headers: h };
    if (body !== undefined) {
      h['Content-Type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    return api(V1 + p, init);
  }

  get(p, headers) { return this.call('GET', p, undefined, headers); }

  post(p, body, headers) { return this.call('POST', p, body, headers); }

  put(p, body, headers) { return this.call('PUT', p, body, headers); }

  patch(p, body, headers) { return this.call('PATCH', p, body, headers); }

  /** GET that must answer 200; returns the body. */
  async ok(p) {
    const res = await this.get(p);
    assert.equal(res.status, 200, `${this.username}: GET ${p}: ${String(res.text).slice(0, 300)}`);
    return res.body;
  }

  /** A request that must answer `status`; returns the body. */
  async must(status, method, p, body, headers) {
    const res = await this.call(method, p, body, headers);
    assert.equal(res.status, status, `${this.username}: ${method} ${p}: ${String(res.text).slice(0, 400)}`);
    return res.body;
  }
}

/** Signs one account in (once per file: Argon2id is slow on purpose). */
export async function signIn(username, password) {
  const s = await session(username, password);
  return new Who(username, s.token, s.user);
}

/** Signs several demo accounts in, in parallel: {name: Who}. */
export async function signInAll(map) {
  const entries = await Promise.all(Object.entries(map).map(async ([k, u]) => [k, await signIn(u)]));
  return Object.fromEntries(entries);
}

/** A throwaway working account (created by admin, first password changed) of role in unit,
 * signed in. */
export async function throwaway(admin, role, unit, prefix = 'bc') {
  const u = await createUser(admin.token, { role, unit_id: unit, prefix, ready: true });
  return signIn(u.username, u.password);
}

/** Runs SQL that the database should refuse; returns its error text ('' if it ran). The
 * error is captured, not printed among the test results. */
export function sqlError(query) {
  const env = { ...process.env };
  for (const line of execFileSync(path.join(REPO, 'ops/pg'), ['env'], { env }).toString().split(/\s+/)) {
    const m = line.match(/^(PG[A-Z]+)=(.*)$/);
    if (m) env[m[1]] = m[2];
  }
  const r = spawnSync('psql', ['-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', query], { env, encoding: 'utf8' });
  return r.status === 0 ? '' : (r.stderr || `psql exited with ${r.status}`);
}

// ---- Vietnam time (UTC+7, no daylight saving) ----

const H7 = 7 * 3600 * 1000;

/** Today's date in Thanh Hóa, as YYYY-MM-DD. */
export function vnToday() {
  return new Date(Date.now() + H7).toISOString().slice(0, 10);
}

export function addDays(ymd, n) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The moment ymd hh:mm in Vietnam, ISO 8601 with its +07:00 offset. */
export function vnAt(ymd, hhmm) {
  return `${ymd}T${hhmm}:00+07:00`;
}

/** dd/mm/yyyy HH:MM in Vietnam time of an instant (ISO string with any offset). */
export function vnFormat(iso) {
  const d = new Date(Date.parse(iso) + H7);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** The Excel serial date of an instant shown in Vietnam time (days since 1899-12-30). */
export function excelSerial(iso) {
  return (Date.parse(iso) + H7) / 86400000 + 25569;
}

/** Same instant? (the backend may answer with another offset than the one sent) */
export function sameInstant(a, b, what = 'instant') {
  assert.ok(typeof a === 'string' && typeof b === 'string', `${what}: ${a} / ${b}`);
  assert.equal(new Date(a).toISOString(), new Date(b).toISOString(), `${what}: ${a} vs ${b}`);
}

/** A random week far in the future (2040–2099): trainings dated in it belong to one test. */
export function futureWeek() {
  const start = Date.UTC(2040, 0, 1) + Math.floor(Math.random() * 59 * 365) * 86400000;
  const starts = new Date(start).toISOString().slice(0, 10);
  return { starts_on: starts, ends_on: addDays(starts, 6) };
}

/** Creates a period as Sở Nội vụ with a code nobody else uses (a year beyond the seeded
 * ones); fields default to a week around today with deadlines far ahead (so it never becomes
 * the "current" period of other tests). */
export async function createPeriod(snv, fields = {}) {
  const today = vnToday();
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const year = 3000 + Math.floor(Math.random() * 7000);
    const week = String(1 + Math.floor(Math.random() * 53)).padStart(2, '0');
    const body = {
      code: `${year}-W${week}`,
      name: `Kỳ thử ${year}-W${week}`,
      starts_on: addDays(today, -3),
      ends_on: addDays(today, 3),
      report_deadline: '2099-12-31T09:00:00+07:00',
      consolidation_deadline: '2099-12-31T17:00:00+07:00',
      ...fields,
    };
    const res = await snv.post('/periods', body);
    if (res.status === 409) continue; // that code was taken: draw another
    assert.equal(res.status, 201, `create period ${body.code}: ${String(res.text).slice(0, 300)}`);
    return res.body;
  }
  throw new Error('no free period code after 8 attempts');
}

// ---- ZIP (xlsx) ----

/** The entries of a ZIP archive read from its central directory: Map name → Buffer. */
export function unzip(buf) {
  assert.ok(buf.length > 22, 'archive is not empty');
  assert.equal(buf.readUInt32LE(0), 0x04034b50, 'starts with the local file header signature PK\\x03\\x04');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i -= 1) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'has an end of central directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let n = 0; n < count; n += 1) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, `central directory entry ${n}`);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nlen = buf.readUInt16LE(p + 28);
    const xlen = buf.readUInt16LE(p + 30);
    const clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString('utf8');
    assert.equal(buf.readUInt32LE(local), 0x04034b50, `local header of ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    let data;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else assert.fail(`${name}: compression method ${method}`);
    assert.equal(data.length, usize, `${name}: size`);
    out.set(name, data);
    p += 46 + nlen + xlen + clen;
  }
  return out;
}

function xmlText(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** A workbook read from an xlsx: its sheets in order, each with its cells (A1 → value: a
 * number for numeric cells, a string otherwise). */
export function readWorkbook(buf) {
  const files = unzip(buf);
  const get = (name) => {
    assert.ok(files.has(name), `the archive holds ${name} (has ${[...files.keys()].join(', ')})`);
    return files.get(name).toString('utf8');
  };
  const wb = get('xl/workbook.xml');
  const rels = get('xl/_rels/workbook.xml.rels');
  const target = {};
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = m[0].match(/\bId="([^"]+)"/)[1];
    target[id] = m[0].match(/\bTarget="([^"]+)"/)[1];
  }
  const shared = [];
  if (files.has('xl/sharedStrings.xml')) {
    for (const si of get('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)) {
      shared.push([...si[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1])).join(''));
    }
  }
  const sheets = [];
  for (const m of wb.matchAll(/<sheet\b[^>]*\/>/g)) {
    const name = xmlText(m[0].match(/\bname="([^"]*)"/)[1]);
    const rid = m[0].match(/\br:id="([^"]+)"/)[1];
    const t = target[rid].replace(/^\/?(xl\/)?/, '');
    const xml = get(`xl/${t}`);
    const cells = {};
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = c[1].match(/\br="([A-Z]+[0-9]+)"/)[1];
      const type = c[1].match(/\bt="([^"]+)"/)?.[1];
      const v = c[2]?.match(/<v>([\s\S]*?)<\/v>/)?.[1];
      if (type === 's') cells[ref] = shared[Number(v)];
      else if (type === 'inlineStr') cells[ref] = xmlText(c[2].match(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/)[1]);
      else if (type === 'str') cells[ref] = xmlText(v ?? '');
      else if (v !== undefined) cells[ref] = Number(v);
    }
    sheets.push({ name, cells, xml });
  }
  return { files, workbookXml: wb, sheets };
}

/** The rows of a sheet's cells as arrays (row 1 first), columns A… in order. */
export function sheetRows(cells) {
  const rows = [];
  for (const [ref, v] of Object.entries(cells)) {
    const [, col, row] = ref.match(/^([A-Z]+)([0-9]+)$/);
    const c = [...col].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const r = Number(row) - 1;
    rows[r] ??= [];
    rows[r][c] = v;
  }
  return rows;
}

// ---- CSV (RFC 4180) ----

/** Parses RFC 4180 text strictly: CRLF between records, fields with a comma, quote or line
 * break quoted, quotes doubled inside. Returns the records as arrays of strings. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let quoted = false;
  let fieldStart = true;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false;
        i += 1;
        assert.ok(i === n || text[i] === ',' || text[i] === '\r', `a closing quote is followed by a separator (at ${i})`);
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      assert.ok(fieldStart, `a quote inside an unquoted field (at ${i}: ${JSON.stringify(text.slice(i - 20, i + 20))})`);
      quoted = true;
      fieldStart = false;
      i += 1;
      continue;
    }
    if (ch === ',') { row.push(field); field = ''; fieldStart = true; i += 1; continue; }
    if (ch === '\r') {
      assert.equal(text[i + 1], '\n', `CR is followed by LF (at ${i})`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStart = true;
      i += 2;
      continue;
    }
    assert.notEqual(ch, '\n', `a bare LF outside quotes (at ${i})`);
    field += ch;
    fieldStart = false;
    i += 1;
  }
  assert.ok(!quoted, 'no quoted field is left open');
  if (!fieldStart || field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Fetches an export as bytes: {status, headers, buf, text}. */
export async function download(who, p) {
  const res = await fetch(`${BASE}${V1}${p}`, {
    headers: { Authorization: `Bearer ${who.token}` },
  });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, buf, text: buf.toString('utf8') };
}
