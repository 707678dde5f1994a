// The reporting API's statistics: the figures equal what this test adds up from issues it
// creates itself (as differences from a baseline, so earlier tests' data does not matter),
// CSV parses back to the JSON rows, ETag/If-None-Match answers 304, an API token reads and
// is cut off with 429 and Retry-After after its per-minute limit.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { api, assertError } from './lib.mjs';
import { addDays, runTag, signIn, throwaway, vnAt, vnToday } from './reporting-helpers.mjs';

const COMMUNE = 16636; // a commune no other test file works in
const FIELD = 'tu-phap'; // led by Sở Tư pháp (103) alone
const DEPT = 103;
let admin;
let commune;
let officer;
let head;
let lead;
const today = vnToday();
const range = `from=${today}&to=${today}`;

before(async () => {
  admin = await signIn('quantri', 'ThanhHoa@2025');
  lead = await signIn('lanhdao.tinh', 'ThanhHoa@2025');
  commune = await throwaway(admin, 'commune_officer', COMMUNE, 'tk');
  officer = await throwaway(admin, 'department_officer', DEPT, 'tk');
  head = await throwaway(admin, 'department_head', DEPT, 'tk');
});

/** GET path as CSV: checks the BOM on the raw bytes and returns the text after it. */
async function getCsv(path, token) {
  const res = await fetch(`${process.env.TS_BASE_URL ?? 'http://127.0.0.1:18080'}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with the UTF-8 BOM');
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(3));
}

/** A small RFC 4180 reader: rows of fields. */
function parseCsv(s) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; i++;
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function overview(query) {
  return lead.ok(`/stats/overview?${range}&commune_id=${COMMUNE}${query ?? ''}`);
}

async function transition(who, id, body) {
  return who.must(200, 'POST', `/issues/${id}/transitions`, body);
}

test('the overview counts exactly what happened to the issues this test raised', async () => {
  const base = await overview();
  const tag = runTag('tk');
  const ids = [];
  for (let i = 0; i < 5; i++) {
    const issue = await commune.must(201, 'POST', '/issues', {
      title: `[${tag}] Vướng mắc hộ tịch số ${i}`, description: 'Đo thống kê.', field: FIELD,
      kind: i % 2 ? 'proposal' : 'difficulty',
    });
    ids.push(issue.id);
  }
  const [a, b, c, d] = ids; // the fifth stays submitted
  for (const id of [a, b, c, d]) await transition(officer, id, { action: 'accept' });
  for (const id of [a, b]) await transition(officer, id, { action: 'answer', answer: 'Hướng dẫn theo quy định.' });
  await transition(head, c, { action: 'escalate', reason: 'Vượt thẩm quyền' });
  await transition(commune, a, { action: 'confirm' });

  const now = await overview();
  const delta = (k) => now[k] - base[k];
  assert.equal(delta('raised'), 5);
  assert.equal(delta('answered'), 2);
  assert.equal(delta('escalated'), 1);
  assert.equal(delta('closed'), 1);
  assert.equal(delta('open'), 3, 'escalated, in progress and submitted are open');
  assert.equal(delta('overdue'), 0);
  assert.equal(typeof now.median_hours_to_answer, 'number');
  assert.ok(now.median_hours_to_answer >= 0 && now.median_hours_to_answer < 24 * 365);

  // The same counts by field, restricted to this commune: one row for the field.
  const by = await lead.ok(`/stats/breakdown?by=field&${range}&commune_id=${COMMUNE}`);
  const row = by.items.find((r) => r.key === FIELD);
  assert.ok(row, 'a row for the field');
  assert.ok(row.raised >= 5 && row.answered >= 2 && row.escalated >= 1 && row.closed >= 1);
  assert.equal(row.raised, now.raised, 'the field is this commune\'s only one today');

  // And by department: Sở Tư pháp leads them all.
  const byDept = await lead.ok(`/stats/breakdown?by=department&${range}&commune_id=${COMMUNE}`);
  assert.equal(byDept.items.find((r) => r.key === String(DEPT)).raised, now.raised);
});

test('trainings and participants follow a training\'s attendance as it is recorded and corrected', async () => {
  const figures = async () => {
    const all = await lead.ok(`/stats/overview?${range}&unit_id=${DEPT}`);
    const one = await lead.ok(`/stats/overview?${range}&unit_id=${DEPT}&commune_id=${COMMUNE}`);
    return { trainings: all.trainings, participants: all.participants, commune: one.participants };
  };
  const base = await figures();
  const other = 14797; // Phường Hạc Thành
  const created = await head.must(201, 'POST', '/trainings', {
    title: `Hội nghị tập huấn hộ tịch ${runTag('tk')}`, round: 1, starts_at: vnAt(today, '08:00'),
    format: 'online', link: 'https://hop.thanhhoa.gov.vn/ho-tich',
    contents: 'Hướng dẫn đăng ký khai sinh, khai tử trực tuyến.', fields: [FIELD],
    attendance: [{ commune_id: COMMUNE, participants: 12 }, { commune_id: other, participants: 30 }],
  });
  let now = await figures();
  assert.deepEqual(now, { trainings: base.trainings + 1, participants: base.participants + 42, commune: base.commune + 12 });

  // The attendance is corrected: the new list replaces the old, and the figures follow.
  const read = await head.get(`/trainings/${created.id}`);
  const res = await head.patch(`/trainings/${created.id}`,
    { attendance: [{ commune_id: COMMUNE, participants: 5 }] }, { 'If-Match': read.headers.get('etag') });
  assert.equal(res.status, 200, res.text);
  now = await figures();
  assert.deepEqual(now, { trainings: base.trainings + 1, participants: base.participants + 5, commune: base.commune + 5 });
});

test('the weekly series: periods counted back from `to`, each the same as the overview of its days', async () => {
  const from = addDays(today, -40);
  const series = await lead.ok(`/stats/weekly?from=${from}&to=${today}&weeks=2&commune_id=${COMMUNE}`);
  assert.equal(series.weeks, 2);
  // 41 days in periods of 14 counted back from today: 13, 14 and 14 days, oldest first.
  assert.deepEqual(series.items.map((p) => [p.from, p.to]), [
    [from, addDays(today, -28)], [addDays(today, -27), addDays(today, -14)], [addDays(today, -13), today],
  ]);
  for (const p of series.items) {
    const o = await lead.ok(`/stats/overview?from=${p.from}&to=${p.to}&commune_id=${COMMUNE}`);
    assert.equal(p.raised, o.raised, `raised ${p.from}–${p.to}`);
    assert.equal(p.answered, o.answered, `answered ${p.from}–${p.to}`);
    assert.equal(p.median_hours_to_answer, o.median_hours_to_answer, `median ${p.from}–${p.to}`);
  }
  const latest = series.items.at(-1);
  assert.ok(latest.raised >= 5 && latest.answered >= 2, 'this file\'s issues are in the latest period');
  const one = await lead.ok(`/stats/weekly?from=${today}&to=${today}`);
  assert.deepEqual(one.items.map((p) => [p.from, p.to]), [[today, today]], 'one day: one period, weeks defaults to 1');
  const auth = { headers: { Authorization: `Bearer ${lead.token}` } };
  for (const q of ['weeks=0', 'weeks=54', 'weeks=x', `weeks=1&from=${addDays(today, -7 * 120)}`, 'weeks=1&unit_id=abc']) {
    assertError(await api(`/api/v1/stats/weekly?${q}&to=${today}`, auth), 400, 'invalid_parameter');
  }
  assert.equal((await lead.ok(`/stats/weekly?from=${addDays(today, -7 * 119 * 3)}&to=${today}&weeks=3`)).items.length, 120);
});

test('breakdown CSV parses back to the same rows as the JSON', async () => {
  const json = await lead.ok(`/stats/breakdown?by=commune&${range}`);
  const rows = parseCsv(await getCsv(`/api/v1/stats/breakdown?by=commune&${range}&format=csv`, lead.token));
  assert.deepEqual(rows[0], ['key', 'name', 'raised', 'answered', 'escalated', 'closed', 'open', 'overdue']);
  assert.equal(rows.length - 1, json.items.length);
  json.items.forEach((item, i) => {
    assert.deepEqual(rows[i + 1], rows[0].map((k) => String(item[k])), `row ${i + 1}`);
  });
  assert.ok(json.items.some((r) => r.name === 'Xã Trường Lâm' || Number(r.key) === COMMUNE));
});

test('every CSV list has its header row: the JSON items\' members when there are rows, the same when there are none', async () => {
  const started = await lead.ok('/periods?started=true');
  const period = started.items[started.items.length - 1].id;
  const long = `from=${addDays(today, -365)}&to=${today}`;
  const empty = 'from=2000-01-03&to=2000-01-09'; // before any data
  const lists = [
    [`/stats/breakdown?by=field&${long}`, `/stats/breakdown?by=field&${empty}`],
    [`/stats/smooth?${long}`, null], // every week has a row, with data or not
    [`/stats/compliance?${long}`, `/stats/compliance?${empty}`],
    ['/periods', '/periods?from=2000-01-03&to=2000-01-09'],
    [`/periods/${period}/compliance`, null],
  ];
  for (const [full, none] of lists) {
    const json = await lead.ok(full);
    assert.ok(json.items.length > 0, `${full} has rows`);
    const rows = parseCsv(await getCsv(`/api/v1${full}${full.includes('?') ? '&' : '?'}format=csv`, lead.token));
    assert.deepEqual(rows[0], Object.keys(json.items[0]), `${full}: the header is the items' members`);
    assert.equal(rows.length - 1, json.items.length, `${full}: one row per item`);
    if (none) {
      assert.deepEqual((await lead.ok(none)).items, [], `${none} is empty`);
      const text = await getCsv(`/api/v1${none}&format=csv`, lead.token);
      assert.deepEqual(parseCsv(text), [rows[0]], `${none}: the header row alone`);
    }
  }
});

test('the share of communes running smoothly, week by week', async () => {
  const from = new Date(Date.now() - 35 * 86400e3 + 7 * 3600e3).toISOString().slice(0, 10);
  const s = await lead.ok(`/stats/smooth?from=${from}&to=${today}`);
  assert.equal(s.communes, 166);
  assert.ok(s.items.length >= 5);
  for (const w of s.items) {
    assert.ok(w.share >= 0 && w.share <= 1, `share ${w.share}`);
    assert.equal(w.smooth, Math.round(w.share * 166));
  }
  assert.equal(s.items.at(-1).date, today);
  const csv = parseCsv(await getCsv(`/api/v1/stats/smooth?from=${from}&to=${today}&format=csv`, lead.token));
  assert.deepEqual(csv[0], ['date', 'smooth', 'share']);
  assert.equal(csv.length - 1, s.items.length);
});

test('compliance history: one row per department and finished period', async () => {
  const c = await lead.ok('/stats/compliance?from=2025-08-01&to=2025-09-30');
  const periods = new Set(c.items.map((r) => r.period));
  assert.ok(periods.has('2025-R1'), 'round 1 is in the range');
  assert.equal(c.items.length, periods.size * 17);
  for (const r of c.items) assert.ok(['on_time', 'late', 'missing'].includes(r.status));
  assert.equal(c.rates.length, 17);
});

test('bad ranges and groups are refused with 400', async () => {
  assertError(await api(`/api/v1/stats/overview?from=${today}&to=2020-01-01`, { headers: { Authorization: `Bearer ${lead.token}` } }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/stats/overview?from=28/11/2026', { headers: { Authorization: `Bearer ${lead.token}` } }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/stats/breakdown?by=province', { headers: { Authorization: `Bearer ${lead.token}` } }), 400, 'invalid_parameter');
  assertError(await api('/api/v1/stats/smooth?format=xml', { headers: { Authorization: `Bearer ${lead.token}` } }), 400, 'invalid_parameter');
});

test('ETag and If-None-Match: 304 without a body', async () => {
  const first = await api(`/api/v1/stats/overview?${range}`, { headers: { Authorization: `Bearer ${lead.token}` } });
  const etag = first.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(`${process.env.TS_BASE_URL ?? 'http://127.0.0.1:18080'}/api/v1/stats/overview?${range}`, {
    headers: { Authorization: `Bearer ${lead.token}`, 'If-None-Match': etag },
  });
  assert.equal(again.status, 304);
  assert.equal((await again.text()).length, 0);
});

test('an API token reads the statistics, then is limited per minute with 429 and Retry-After', async () => {
  const reader = await throwaway(admin, 'party_reader', 20, 'tk');
  const made = await admin.must(201, 'POST', '/api-tokens', {
    name: `Phân tích ${runTag('tk')}`, user_id: reader.id,
    expires_at: new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10),
  });
  const headers = { Authorization: `Bearer ${made.token}` };
  const ok = await api(`/api/v1/stats/overview?${range}`, { headers });
  assert.equal(ok.status, 200);
  assert.equal(typeof ok.body.raised, 'number');
  let limited = null;
  for (let i = 0; i < 200 && !limited; i++) {
    const res = await api('/api/v1/periods?started=true', { headers });
    if (res.status === 429) limited = res;
    else assert.equal(res.status, 200);
  }
  assert.ok(limited, 'the token is limited within 200 calls');
  const err = assertError(limited, 429, 'rate_limited');
  const retry = Number(limited.headers.get('retry-after'));
  assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
  assert.equal(err.details.retry_after_s, retry);
  // A login of the same person is not affected: the limit is per token.
  assert.equal((await reader.get('/periods?started=true')).status, 200);
});
