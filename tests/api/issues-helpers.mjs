// Helpers shared by the tests/api/issues-*.test.mjs files (docs/issues.md): signed-in
// callers, raising issues with unique titles, the transition table of the contract written
// out again here (not read from the database), and the working-day calendar computed in
// JavaScript from the seed file, so the tests check the backend instead of repeating it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, api, sleep } from './lib.mjs';

export const PASSWORD = 'ThanhHoa@2025';
export const V1 = '/api/v1';

/** A suffix no other run or file shares: makes titles unique and searchable. */
export function runTag(prefix) {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Demo units (docs/accounts.md) and the seeded ids the tests rely on. */
export const UNIT = {
  hacThanh: 14797, quangPhu: 16522, sxd: 107, syt: 111, snv: 102, vpubnd: 101,
  ubndTinh: 21, tinhUy: 20,
};

/** A signed-in user with small request helpers. */
export class Caller {
  constructor(username, token, user) {
    this.username = username;
    this.token = token;
    this.user = user;
    this.raised = 0;
  }

  call(method, p, body, headers = {}) {
    const h = { Authorization: `Bearer ${this.token}`, ...headers };
    const init = { method, headers: h };
    if (body !== undefined) {
      if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
        init.body = body;
        if (!h['Content-Type']) h['Content-Type'] = 'application/octet-stream';
      } else {
        h['Content-Type'] = 'application/json';
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
      }
    }
    return api(V1 + p, init);
  }

  get(p, headers) { return this.call('GET', p, undefined, headers); }

  post(p, body, headers) { return this.call('POST', p, body ?? {}, headers); }

  patch(p, body, headers) { return this.call('PATCH', p, body, headers); }

  /** POST /issues/{id}/transitions. */
  act(id, action, inputs = {}, headers = {}) {
    return this.post(`/issues/${id}/transitions`, { action, ...inputs }, headers);
  }

  /** Like act(), and fails unless it answered 200; returns the issue. */
  async must(id, action, inputs = {}) {
    const res = await this.act(id, action, inputs);
    assert.equal(res.status, 200, `${this.username}: ${action} on issue ${id}: ${res.text.slice(0, 300)}`);
    return res.body;
  }

  /** GET /issues/{id} that must succeed; returns the issue. */
  async issue(id) {
    const res = await this.get(`/issues/${id}`);
    assert.equal(res.status, 200, `${this.username}: GET issue ${id}: ${res.text.slice(0, 300)}`);
    return res.body;
  }

  async events(id) {
    const res = await this.get(`/issues/${id}/events`);
    assert.equal(res.status, 200, `${this.username}: events of ${id}: ${res.text.slice(0, 300)}`);
    return res.body.items;
  }

  /** Raises an issue (POST /issues) that must be created; returns the issue. */
  async raise(tag, fields = {}) {
    this.raised += 1;
    const body = {
      title: `Vướng mắc cấp phép xây dựng nhà ở ${tag} số ${this.raised}`,
      description: `Xã đề nghị hướng dẫn thủ tục (${tag}).`,
      field: 'xay-dung',
      kind: 'difficulty',
      ...fields,
    };
    const res = await this.post('/issues', body);
    assert.equal(res.status, 201, `${this.username}: raise ${body.title}: ${res.text.slice(0, 300)}`);
    return res.body;
  }

  /** Every item of a list, following next_cursor (query without cursor). */
  async listAll(query) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < 100; page += 1) {
      const q = cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query;
      const res = await this.get(`/issues?${q}`);
      assert.equal(res.status, 200, `${this.username}: list ${q}: ${res.text.slice(0, 300)}`);
      items.push(...res.body.items);
      cursor = res.body.next_cursor;
      if (!cursor) return items;
    }
    throw new Error('more than 100 pages');
  }

  /** The ids of GET /issues?query (first page of up to 200). */
  async listIds(query) {
    const res = await this.get(`/issues?${query}${query ? '&' : ''}limit=200`);
    assert.equal(res.status, 200, `${this.username}: list ${query}: ${res.text.slice(0, 300)}`);
    return res.body.items.map((i) => i.id);
  }
}

/** Signs a demo account in (once per file: Argon2id is slow on purpose). */
export async function signIn(username, password = PASSWORD) {
  const res = await api(`${V1}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, `login of ${username}: ${res.text.slice(0, 200)}`);
  return new Caller(username, res.body.access_token, res.body.user);
}

/** Signs several accounts in, in parallel: {name: Caller}. */
export async function signInAll(map) {
  const entries = await Promise.all(Object.entries(map).map(async ([k, u]) => [k, await signIn(u)]));
  return Object.fromEntries(entries);
}

/** Polls fn until it returns a truthy value, or fails after timeoutMs. */
export async function waitFor(fn, { timeoutMs = 7000, every = 250, what = 'condition' } = {}) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await sleep(every);
  }
  assert.fail(`${what} did not happen within ${timeoutMs} ms`);
  return last;
}

// ---- The transition table of docs/issues.md, written out again ----
//
// relation: 'holder' (the department holding it), 'commune' (the commune that raised it),
// 'province' (the province office while UBND tỉnh holds it).
const DEPT = ['department_officer', 'department_head'];
export const TABLE = [
  { action: 'accept', from: ['submitted', 'reopened'], roles: DEPT, rel: 'holder' },
  { action: 'answer', from: ['submitted', 'in_progress', 'reopened'], roles: DEPT, rel: 'holder', required: ['answer'] },
  { action: 'return', from: ['submitted', 'in_progress'], roles: DEPT, rel: 'holder', required: ['reason'] },
  { action: 'reroute', from: ['submitted', 'in_progress'], roles: DEPT, rel: 'holder', required: ['unit_id', 'reason'] },
  { action: 'propose_escalation', from: ['submitted', 'in_progress', 'reopened'], roles: ['department_officer'], rel: 'holder', required: ['reason'] },
  { action: 'escalate', from: ['submitted', 'in_progress', 'reopened'], roles: ['department_head'], rel: 'holder', required: ['reason'] },
  { action: 'resolve', from: ['escalated_province'], roles: ['province_office'], rel: 'province', required: ['answer'] },
  { action: 'forward_central', from: ['escalated_province'], roles: ['province_office'], rel: 'province', required: ['ministry_id', 'dispatch_no', 'dispatch_date'] },
  { action: 'send_back', from: ['escalated_province'], roles: ['province_office'], rel: 'province', required: ['reason'] },
  { action: 'record_reply', from: ['escalated_central'], roles: ['province_office'], rel: 'province', required: ['answer'] },
  { action: 'resubmit', from: ['returned'], roles: ['commune_officer'], rel: 'commune' },
  { action: 'confirm', from: ['answered'], roles: ['commune_officer'], rel: 'commune' },
  { action: 'reopen', from: ['answered', 'closed'], roles: ['commune_officer'], rel: 'commune', required: ['reason'] },
  { action: 'withdraw', from: ['submitted', 'returned', 'in_progress'], roles: ['commune_officer'], rel: 'commune' },
];

/** What the contract lets this caller do on this issue now (reopen window not modelled:
 * pass reopenOpen=false once it has passed). The province office acts while UBND tỉnh or,
 * after forwarding, the ministry holds the issue on the province's behalf. */
export function allowedFor(issue, role, unitId, { reopenOpen = true } = {}) {
  const out = [];
  for (const t of TABLE) {
    if (!t.from.includes(issue.state) || !t.roles.includes(role)) continue;
    if (t.rel === 'holder' && issue.holder.id !== unitId) continue;
    if (t.rel === 'commune' && issue.commune.id !== unitId) continue;
    if (t.rel === 'province' && role !== 'province_office') continue;
    if (t.action === 'reopen' && !reopenOpen) continue;
    out.push(t.action);
  }
  return out.sort();
}

// ---- Working days (Asia/Ho_Chi_Minh), from sql/seed/0002_calendar.sql ----

function loadCalendar() {
  const text = readFileSync(path.join(REPO, 'sql/seed/0002_calendar.sql'), 'utf8');
  const days = new Map();
  for (const m of text.matchAll(/\(\s*'(\d{4}-\d{2}-\d{2})'\s*,\s*'(holiday|workday)'/g)) {
    days.set(m[1], m[2]);
  }
  return days;
}
export const CALENDAR = loadCalendar();

/** Today's date in Vietnam (UTC+7, no daylight saving), as YYYY-MM-DD. */
export function vnToday() {
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

export function addDays(ymd, n) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(ymd) {
  const kind = CALENDAR.get(ymd);
  if (kind === 'workday') return true;
  if (kind === 'holiday') return false;
  const dow = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The date n working days after ymd (ymd itself not counted). */
export function addWorkingDays(ymd, n) {
  let cur = ymd;
  let left = n;
  while (left > 0) {
    cur = addDays(cur, 1);
    if (isWorkingDay(cur)) left -= 1;
  }
  return cur;
}

/** Working days allowed per level (docs/issues.md). */
export const DUE_DAYS = { commune: 5, department: 10, province: 15, central: 30 };

// ---- Small files of each accepted type, built by hand ----

const crcTable = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP archive with stored (uncompressed) entries: [{name, data}]. */
export function storedZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CT = (parts) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${parts}</Types>`;

export const FILES = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n'
    + '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
    + '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n'
    + 'trailer<</Root 1 0 R>>\n%%EOF\n', 'latin1'),
  png: () => {
    const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const ihdrData = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    const chunk = (type, data) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(td));
      return Buffer.concat([len, td, crc]);
    };
    return Buffer.concat([sig, chunk('IHDR', ihdrData), chunk('IEND', Buffer.alloc(0))]);
  },
  jpeg: () => Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]),
  ]),
  docx: () => storedZip([
    { name: '[Content_Types].xml', data: CT('<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>') },
    { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
    { name: 'word/document.xml', data: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p></w:body></w:document>' },
  ]),
  xlsx: () => storedZip([
    { name: '[Content_Types].xml', data: CT('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>') },
    { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
    { name: 'xl/workbook.xml', data: '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>' },
  ]),
};

export const MIME = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
