// GET /api/v1/units, /units/{id} and /fields answered from the seeded reference data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, assertError } from './lib.mjs';

test('all 166 communes and wards with their official codes, in official order', async () => {
  const res = await api('/api/v1/units?kind=commune');
  assert.equal(res.status, 200);
  assert.equal(res.body.total, 166);
  assert.equal(res.body.items.length, 166);
  const first = res.body.items[0];
  assert.deepEqual(
    { id: first.id, code: first.code, name: first.name, commune_type: first.commune_type },
    { id: 14797, code: '14797', name: 'Phường Hạc Thành', commune_type: 'phường' },
  );
  assert.equal(res.body.items.filter((u) => u.commune_type === 'phường').length, 19);
  assert.equal(res.body.items.filter((u) => u.commune_type === 'xã').length, 147);
  for (const u of res.body.items) assert.match(u.code, /^\d{5}$/);
  assert.equal(new Set(res.body.items.map((u) => u.code)).size, 166);
});

test('17 departments with the fields they handle', async () => {
  const res = await api('/api/v1/units?kind=department');
  assert.equal(res.body.total, 17);
  const sxd = res.body.items.find((u) => u.code === 'SXD');
  assert.equal(sxd.name, 'Sở Xây dựng');
  assert.ok(sxd.fields.includes('giao-thong-van-tai'));
  const snv = res.body.items.find((u) => u.code === 'SNV');
  assert.equal(snv.name, 'Sở Nội vụ');
});

test('17 central ministries and the provincial bodies', async () => {
  const central = await api('/api/v1/units?kind=central');
  assert.equal(central.body.total, 17);
  assert.ok(central.body.items.some((u) => u.name === 'Bộ Nông nghiệp và Môi trường'));
  const province = await api('/api/v1/units?kind=province');
  assert.deepEqual(province.body.items.map((u) => u.code).sort(), ['DUUBND', 'TU', 'UBND']);
});

test('all units together, and filtered by parent', async () => {
  const all = await api('/api/v1/units');
  assert.equal(all.body.total, 17 + 3 + 17 + 166);
  const under = await api('/api/v1/units?parent=21');
  assert.equal(under.body.total, 17 + 166);
  assert.ok(under.body.items.every((u) => u.parent_id === 21));
  const both = await api('/api/v1/units?kind=department&parent=21');
  assert.equal(both.body.total, 17);
  const none = await api('/api/v1/units?parent=999999');
  assert.equal(none.status, 200);
  assert.deepEqual(none.body, { items: [], total: 0 });
});

test('one unit with its parent and fields', async () => {
  const res = await api('/api/v1/units/14797');
  assert.equal(res.status, 200);
  assert.equal(res.body.name, 'Phường Hạc Thành');
  assert.equal(res.body.parent.name, 'Ủy ban nhân dân tỉnh Thanh Hóa');
  assert.match(res.body.merged_from, /Phường Lam Sơn/);
  const dept = await api('/api/v1/units/107');
  assert.equal(dept.body.code, 'SXD');
  assert.ok(dept.body.fields.some((f) => f.slug === 'xay-dung' && f.name.length > 0));
});

test('an unknown unit is 404 JSON', async () => {
  assertError(await api('/api/v1/units/999999'), 404, 'not_found');
  assertError(await api('/api/v1/units/9999999999'), 404, 'not_found');
  assertError(await api('/api/v1/units/abc'), 404, 'not_found');
});

test('bad filters are refused with 400 naming the parameter', async () => {
  let err = assertError(await api('/api/v1/units?kind=village'), 400, 'invalid_parameter');
  assert.equal(err.details.parameter, 'kind');
  err = assertError(await api('/api/v1/units?parent=-1'), 400, 'invalid_parameter');
  assert.equal(err.details.parameter, 'parent');
  assertError(await api('/api/v1/units?parent=1%27%20OR%201=1'), 400, 'invalid_parameter');
  err = assertError(await api('/api/v1/units?sort=name'), 400, 'unknown_parameter');
  assert.equal(err.details.parameter, 'sort');
  assertError(await api('/api/v1/units?kind=commune&kind=department'), 400, 'duplicate_parameter');
  assertError(await api('/api/v1/units?kind=%FF'), 400, 'bad_query');
  assertError(await api('/api/v1/units?kind=commune%00'), 400, 'bad_query');
});

test('43 fields, each with the units that handle it', async () => {
  const res = await api('/api/v1/fields');
  assert.equal(res.status, 200);
  assert.equal(res.body.total, 43);
  const food = res.body.items.find((f) => f.slug === 'an-toan-thuc-pham');
  assert.ok(food.name.length > 0);
  const depts = (await api('/api/v1/units?kind=department')).body.items;
  const handlers = depts.filter((d) => food.units.includes(d.id)).map((d) => d.code).sort();
  assert.deepEqual(handlers, ['SCT', 'SNNMT', 'SYT']);
  for (const f of res.body.items) assert.ok(f.units.length >= 1, `${f.slug} has a handler`);
});

test('HEAD answers like GET without a body', async () => {
  const res = await fetch(`${process.env.TS_BASE_URL ?? 'http://127.0.0.1:18080'}/api/v1/fields`, { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal((await res.text()).length, 0);
});
