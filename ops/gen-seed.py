#!/usr/bin/env python3
"""Generate sql/seed/0001_reference.sql from the reference CSVs.

Usage: ops/gen-seed.py [DATA_DIR] [-o OUTPUT]

DATA_DIR defaults to ../shared/data relative to the repository root; OUTPUT
defaults to <repo>/sql/seed/0001_reference.sql ('-' writes to stdout).

The generated SQL is idempotent: units and fields are upserted by their fixed
ids/slugs, unit_fields rows are inserted with ON CONFLICT DO NOTHING and the
rows of the ministries and departments that the data no longer lists are
deleted. Loading it twice changes nothing. The output is deterministic (no
timestamps), so regenerating from unchanged data gives an identical file.

Python standard library only. Any data problem aborts with a message and
exit status 1; nothing is written in that case.
"""

import argparse
import csv
import hashlib
import os
import re
import sys
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FILES = {
    'fields': 'fields.csv',
    'ministries': 'central-ministries-2025.csv',
    'departments': 'thanh-hoa-departments-2025.csv',
    'communes': 'thanh-hoa-communes-2025.csv',
    'merged': 'thanh-hoa-communes-2025-merged-from.csv',
}
HEADERS = {
    'fields': ['slug', 'name'],
    'ministries': ['short_code', 'name', 'fields'],
    'departments': ['short_code', 'name', 'fields'],
    'communes': ['code', 'name', 'type'],
    'merged': ['code', 'name', 'merged_from'],
}

EXPECT_FIELDS = 43
EXPECT_MINISTRIES = 17
EXPECT_DEPARTMENTS = 17
EXPECT_COMMUNES = 166
EXPECT_XA = 147
EXPECT_PHUONG = 19

MINISTRY_ID_BASE = 1      # ids 1..17
DEPARTMENT_ID_BASE = 101  # ids 101..117
UBND_ID = 21
# Province bodies are not in any CSV: they are defined here.
# (id, code, name, parent_id)
PROVINCE_BODIES = [
    (20, 'TU', 'Tỉnh ủy Thanh Hóa', None),
    (21, 'UBND', 'Ủy ban nhân dân tỉnh Thanh Hóa', None),
    (22, 'DUUBND', 'Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh', 20),
]

UNIT_CODE_RE = re.compile(r'^[A-Z0-9-]{1,16}$')   # same as the CHECK in units.code
COMMUNE_CODE_RE = re.compile(r'^[0-9]{5}$')
SLUG_RE = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*$')  # same as the CHECK in fields.slug

errors = []


def fail(msg):
    errors.append(msg)


def check_text(where, value, maxlen):
    """Names must be non-empty, trimmed, single-line, NFC, within the DB length limit."""
    if value is None or value == '':
        fail(f'{where}: empty')
        return
    if value != value.strip():
        fail(f'{where}: leading/trailing whitespace in {value!r}')
    if any(c in value for c in '\r\n\t\0'):
        fail(f'{where}: control character in {value!r}')
    if not unicodedata.is_normalized('NFC', value):
        fail(f'{where}: not NFC-normalised: {value!r}')
    if len(value) > maxlen:
        fail(f'{where}: longer than {maxlen} characters')


def read_csv(data_dir, key):
    path = os.path.join(data_dir, FILES[key])
    try:
        with open(path, 'rb') as f:
            raw = f.read()
    except OSError as e:
        sys.exit(f'gen-seed: cannot read {path}: {e.strerror}')
    if raw.startswith(b'\xef\xbb\xbf'):
        raw = raw[3:]
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        sys.exit(f'gen-seed: {path}: not valid UTF-8 ({e})')
    reader = csv.reader(text.splitlines())
    rows = list(reader)
    if not rows or rows[0] != HEADERS[key]:
        sys.exit(f'gen-seed: {path}: header must be {",".join(HEADERS[key])}, '
                 f'got {",".join(rows[0]) if rows else "(empty file)"}')
    out = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != len(HEADERS[key]):
            fail(f'{FILES[key]}:{lineno}: expected {len(HEADERS[key])} columns, got {len(row)}')
            continue
        out.append((lineno, dict(zip(HEADERS[key], row))))
    digest = hashlib.sha256(raw).hexdigest()
    return out, digest


def q(value):
    """SQL literal (standard_conforming_strings = on): NULL, integer or quoted text."""
    if value is None:
        return 'NULL'
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"


def split_fields(where, value, known):
    slugs = [s.strip() for s in value.split(';')] if value.strip() else []
    seen = []
    for s in slugs:
        if s == '':
            fail(f'{where}: empty slug in fields {value!r}')
        elif s not in known:
            fail(f'{where}: unknown field slug {s!r} (not in {FILES["fields"]})')
        elif s in seen:
            fail(f'{where}: field slug {s!r} listed twice')
        else:
            seen.append(s)
    if not slugs:
        fail(f'{where}: no fields listed')
    return seen


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('data_dir', nargs='?',
                    default=os.path.join(REPO, '..', 'shared', 'data'),
                    help='folder with the CSVs (default: ../shared/data from the repo root)')
    ap.add_argument('-o', '--output',
                    default=os.path.join(REPO, 'sql', 'seed', '0001_reference.sql'),
                    help="output file, '-' for stdout")
    args = ap.parse_args()
    data_dir = os.path.normpath(os.path.abspath(args.data_dir))

    data = {}
    digests = {}
    for key in FILES:
        data[key], digests[key] = read_csv(data_dir, key)

    # ---- fields ----
    fields = []
    slugs = set()
    for lineno, r in data['fields']:
        where = f'{FILES["fields"]}:{lineno}'
        if not SLUG_RE.match(r['slug']) or len(r['slug']) > 64:
            fail(f'{where}: invalid slug {r["slug"]!r}')
        if r['slug'] in slugs:
            fail(f'{where}: duplicate slug {r["slug"]!r}')
        slugs.add(r['slug'])
        check_text(f'{where} name', r['name'], 300)
        fields.append((r['slug'], r['name'], len(fields) + 1))
    if len(fields) != EXPECT_FIELDS:
        fail(f'{FILES["fields"]}: expected {EXPECT_FIELDS} fields, found {len(fields)}')

    # ---- units ----
    # (id, kind, code, name, commune_type, parent_id, merged_from, position)
    units = []
    unit_fields = []  # (unit_id, slug)
    codes = {}        # (kind, code) -> where

    def add_code(kind, code, where):
        if (kind, code) in codes:
            fail(f'{where}: duplicate {kind} code {code!r} (also {codes[(kind, code)]})')
        codes[(kind, code)] = where

    for pos, (uid, code, name, parent) in enumerate(PROVINCE_BODIES, start=1):
        check_text(f'province body {code}', name, 200)
        add_code('province', code, f'province body {uid}')
        units.append((uid, 'province', code, name, None, parent, None, pos))

    def agencies(key, kind, id_base, parent, expect):
        rows = data[key]
        if len(rows) != expect:
            fail(f'{FILES[key]}: expected {expect} rows, found {len(rows)}')
        for pos, (lineno, r) in enumerate(rows, start=1):
            where = f'{FILES[key]}:{lineno}'
            code = r['short_code']
            if not UNIT_CODE_RE.match(code):
                fail(f'{where}: invalid short_code {code!r}')
            add_code(kind, code, where)
            check_text(f'{where} name', r['name'], 200)
            uid = id_base + pos - 1
            units.append((uid, kind, code, r['name'], None, parent, None, pos))
            for s in split_fields(where, r['fields'], slugs):
                unit_fields.append((uid, s))

    agencies('ministries', 'central', MINISTRY_ID_BASE, None, EXPECT_MINISTRIES)
    agencies('departments', 'department', DEPARTMENT_ID_BASE, UBND_ID, EXPECT_DEPARTMENTS)

    merged = {}
    for lineno, r in data['merged']:
        where = f'{FILES["merged"]}:{lineno}'
        if r['code'] in merged:
            fail(f'{where}: duplicate code {r["code"]!r}')
        check_text(f'{where} merged_from', r['merged_from'], 2000)
        merged[r['code']] = (where, r['name'], r['merged_from'])

    n_type = {'xã': 0, 'phường': 0}
    commune_codes = set()
    for pos, (lineno, r) in enumerate(data['communes'], start=1):
        where = f'{FILES["communes"]}:{lineno}'
        code, name, ctype = r['code'], r['name'], r['type']
        if not COMMUNE_CODE_RE.match(code):
            fail(f'{where}: commune code must be 5 digits, got {code!r}')
            continue
        add_code('commune', code, where)
        commune_codes.add(code)
        check_text(f'{where} name', name, 200)
        if ctype not in n_type:
            fail(f'{where}: type must be xã or phường, got {ctype!r}')
            continue
        n_type[ctype] += 1
        prefix = 'Xã ' if ctype == 'xã' else 'Phường '
        if not name.startswith(prefix):
            fail(f'{where}: {ctype} name should start with {prefix!r}: {name!r}')
        mf = merged.get(code)
        if mf is None:
            fail(f'{where}: code {code} missing from {FILES["merged"]}')
            merged_from = None
        else:
            if mf[1] != name:
                fail(f'{mf[0]}: name {mf[1]!r} differs from {FILES["communes"]} ({name!r})')
            merged_from = mf[2]
        units.append((int(code), 'commune', code, name, ctype, UBND_ID, merged_from, pos))
    for code in sorted(set(merged) - commune_codes):
        fail(f'{merged[code][0]}: code {code} is not in {FILES["communes"]}')
    n_communes = sum(n_type.values())
    if (n_communes, n_type['xã'], n_type['phường']) != (EXPECT_COMMUNES, EXPECT_XA, EXPECT_PHUONG):
        fail(f'{FILES["communes"]}: expected {EXPECT_COMMUNES} communes '
             f'({EXPECT_XA} xã + {EXPECT_PHUONG} phường), found {n_communes} '
             f'({n_type["xã"]} xã + {n_type["phường"]} phường)')

    ids = [u[0] for u in units]
    dup_ids = sorted({i for i in ids if ids.count(i) > 1})
    if dup_ids:
        fail(f'duplicate unit ids: {dup_ids}')
    if any(i >= 100000 for i in ids):
        fail('a fixed unit id reaches the sequence range (>= 100000)')

    if errors:
        for e in errors:
            print(f'gen-seed: {e}', file=sys.stderr)
        sys.exit(f'gen-seed: {len(errors)} error(s); nothing written')

    sql = render(units, fields, unit_fields, digests)
    if args.output == '-':
        sys.stdout.write(sql)
    else:
        out = os.path.abspath(args.output)
        tmp = out + '.tmp'
        with open(tmp, 'w', encoding='utf-8', newline='\n') as f:
            f.write(sql)
        os.replace(tmp, out)
        print(f'gen-seed: wrote {os.path.relpath(out)}: {len(units)} units '
              f'({EXPECT_MINISTRIES} central, {len(PROVINCE_BODIES)} province, '
              f'{EXPECT_DEPARTMENTS} department, {n_communes} commune), '
              f'{len(fields)} fields, {len(unit_fields)} unit_fields', file=sys.stderr)


def render(units, fields, unit_fields, digests):
    L = []
    L.append('-- GENERATED FILE - DO NOT EDIT BY HAND.')
    L.append('-- Generated by ops/gen-seed.py from these files of shared/data (sha256):')
    for key in ('fields', 'ministries', 'departments', 'communes', 'merged'):
        L.append(f'--   {FILES[key]:<42} {digests[key]}')
    L.append('-- To change the reference data, edit the CSVs and run: python3 ops/gen-seed.py [DATA_DIR]')
    L.append('--')
    L.append('-- Idempotent: loading it again changes nothing (upserts by fixed id / slug).')
    L.append('-- ops/migrate loads every sql/seed/*.sql in one transaction after the migrations.')
    L.append('-- Fixed unit ids: 1..17 central ministries, 20..22 province bodies,')
    L.append('-- 101..117 departments, communes = their official 5-digit code.')
    L.append('')
    L.append("SET client_encoding = 'UTF8';")
    L.append('')

    # fields
    L.append('-- Fields (lĩnh vực)')
    L.append('INSERT INTO fields (slug, name, position) VALUES')
    L.append(',\n'.join(f'    ({q(s)}, {q(n)}, {p})' for s, n, p in fields))
    L.append('ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position')
    L.append('WHERE (fields.name, fields.position) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.position);')
    L.append('')

    # units, grouped by kind; parents always precede children
    # (province bodies 20/21 before 22 and before departments/communes).
    titles = [
        ('province', 'Province bodies (defined in ops/gen-seed.py)'),
        ('central', 'Central ministries and ministry-level agencies'),
        ('department', 'Provincial departments (sở, ban, ngành)'),
        ('commune', 'Communes and wards (xã, phường), id = official code'),
    ]
    cols = 'id, kind, code, name, commune_type, parent_id, merged_from, position'
    set_cols = ['kind', 'code', 'name', 'commune_type', 'parent_id', 'merged_from', 'position']
    for kind, title in titles:
        rows = [u for u in units if u[1] == kind]
        L.append(f'-- {title}: {len(rows)}')
        L.append(f'INSERT INTO units ({cols}) VALUES')
        L.append(',\n'.join(
            '    (' + ', '.join([str(u[0]), q(u[1]) + '::unit_kind', q(u[2]), q(u[3]),
                                 q(u[4]), q(u[5]), q(u[6]), str(u[7])]) + ')'
            for u in rows))
        L.append('ON CONFLICT (id) DO UPDATE SET '
                 + ', '.join(f'{c} = EXCLUDED.{c}' for c in set_cols))
        L.append('WHERE (' + ', '.join(f'units.{c}' for c in set_cols)
                 + ') IS DISTINCT FROM (' + ', '.join(f'EXCLUDED.{c}' for c in set_cols) + ');')
        L.append('')

    # unit_fields
    agency_ids = sorted({u[0] for u in units if u[1] in ('central', 'department')})
    values = ',\n'.join(f'    ({uid}, {q(s)})' for uid, s in unit_fields)
    L.append('-- Fields each ministry / department handles. Rows of these units that the data')
    L.append('-- no longer lists are removed; other units are left alone.')
    L.append('DELETE FROM unit_fields uf')
    L.append('WHERE uf.unit_id IN (' + ', '.join(map(str, agency_ids)) + ')')
    L.append('  AND (uf.unit_id, uf.field_slug) NOT IN (VALUES')
    L.append(values)
    L.append('  );')
    L.append('')
    L.append('INSERT INTO unit_fields (unit_id, field_slug) VALUES')
    L.append(values)
    L.append('ON CONFLICT DO NOTHING;')
    L.append('')
    return '\n'.join(L)


if __name__ == '__main__':
    main()
