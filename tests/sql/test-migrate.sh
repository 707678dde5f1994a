#!/usr/bin/env bash
# tests/sql/test-migrate.sh — the migration runner, the seed and ops/pg against a throwaway
# PostgreSQL cluster (its own TS_VAR under mktemp, port TS_TEST_PG_PORT, default 55499).
# Prints "ok - ..." / "not ok - ..." per check and "N passed, M failed"; exit 1 on any failure.
# The cluster is stopped and deleted on exit, whatever happens.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
PG="$REPO/ops/pg"
MIGRATE="$REPO/ops/migrate"

unset PGHOST PGPORT PGDATABASE PGUSER PGSERVICE PGOPTIONS TS_SQL_DIR
TS_VAR="$(mktemp -d "${TMPDIR:-/tmp}/ts-sqltest.XXXXXX")"
TS_PG_PORT="${TS_TEST_PG_PORT:-55499}"
TS_DB_NAME=thongsuot_test
export TS_VAR TS_PG_PORT TS_DB_NAME
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ts-sqltest-work.XXXXXX")"

# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
    "$PG" stop >/dev/null 2>&1
    rm -rf "$TS_VAR" "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() {
    echo "not ok - $1"
    [[ -n "${2:-}" ]] && printf '%s\n' "$2" | sed 's/^/#   /'
    failed=$((failed + 1))
}
# check DESCRIPTION EXPECTED ACTUAL
check() {
    if [[ "$2" == "$3" ]]; then ok "$1"; else not_ok "$1" "expected: $2"$'\n'"got:      $3"; fi
}
q() { psql -X -q -t -A -v ON_ERROR_STOP=1 -c "$1" 2>&1; }
finish() {
    echo "$passed passed, $failed failed"
    (( failed == 0 )) || exit 1
    exit 0
}

# ---- cluster ----
if out="$("$PG" start 2>&1)" && "$PG" status >/dev/null; then
    ok "ops/pg start brings up a cluster in TS_VAR ($TS_VAR, port $TS_PG_PORT)"
else
    not_ok "ops/pg start brings up a cluster in TS_VAR" "$out"
    finish
fi
if out="$("$PG" start 2>&1)" && [[ "$out" == *"already running"* ]]; then
    ok "ops/pg start is idempotent"
else
    not_ok "ops/pg start is idempotent" "$out"
fi
eval "$("$PG" env)"
check "ops/pg env points at the throwaway database" \
    "$TS_DB_NAME|$TS_VAR/run/pg" "$(q "SELECT current_database() || '|' || current_setting('unix_socket_directories')")"
check "no TCP listener" "" "$(q "SHOW listen_addresses")"

# ---- first run ----
n_files=$(find "$REPO/sql/migrations" -maxdepth 1 -name '*.sql' | wc -l)
out="$("$MIGRATE" 2>&1)"; rc=$?
if (( rc == 0 )) && [[ "$out" == *"migrations: $n_files applied, 0 up to date; seed loaded"* ]]; then
    ok "first migrate applies all $n_files migration(s) and loads the seed"
else
    not_ok "first migrate applies all $n_files migration(s) and loads the seed" "rc=$rc"$'\n'"$out"
fi
values="$(cd "$REPO/sql/migrations" && for f in *.sql; do
              printf "('%s','%s')\n" "$f" "$(sha256sum "$f" | cut -d' ' -f1)"
          done | paste -sd,)"
check "schema_migrations records every file with its sha256" "$n_files" \
    "$(q "SELECT count(*) FROM schema_migrations JOIN (VALUES $values) AS f(filename, sha256) USING (filename, sha256)")"

check "166 communes: 147 xã, 19 phường" "166|147|19" \
    "$(q "SELECT count(*), count(*) FILTER (WHERE commune_type = 'xã'),
                 count(*) FILTER (WHERE commune_type = 'phường') FROM units WHERE kind = 'commune'")"
check "Phường Hạc Thành is id 14797, code '14797', first in official order, under UBND tỉnh" \
    "14797|14797|phường|21|1|t" \
    "$(q "SELECT id, code, commune_type, parent_id, position, merged_from LIKE '%Phường Ba Đình%'
          FROM units WHERE name = 'Phường Hạc Thành'")"
check "17 departments, ids 101..117 under UBND tỉnh (21)" "17|101|117|17" \
    "$(q "SELECT count(*), min(id), max(id), count(*) FILTER (WHERE parent_id = 21)
          FROM units WHERE kind = 'department'")"
check "17 central ministries, ids 1..17, BQP first" "17|1|17|BQP" \
    "$(q "SELECT count(*), min(id), max(id), (SELECT code FROM units WHERE id = 1)
          FROM units WHERE kind = 'central' AND parent_id IS NULL")"
check "3 province bodies: TU 20, UBND 21, DUUBND 22 under 20" "20:TU:,21:UBND:,22:DUUBND:20" \
    "$(q "SELECT string_agg(id || ':' || code || ':' || coalesce(parent_id::text, ''), ',' ORDER BY id)
          FROM units WHERE kind = 'province'")"
check "43 fields" "43" "$(q "SELECT count(*) FROM fields")"
check "Sở Xây dựng handles giao-thong-van-tai" "SXD" \
    "$(q "SELECT u.code FROM unit_fields uf JOIN units u ON u.id = uf.unit_id
          WHERE uf.field_slug = 'giao-thong-van-tai' AND u.kind = 'department'")"
check "an-toan-thuc-pham is handled by 3 departments" "SCT,SNNMT,SYT" \
    "$(q "SELECT string_agg(u.code, ',' ORDER BY u.code) FROM unit_fields uf JOIN units u ON u.id = uf.unit_id
          WHERE uf.field_slug = 'an-toan-thuc-pham' AND u.kind = 'department'")"
check "unaccent('đất đai') = 'dat dai'" "dat dai" "$(q "SELECT unaccent('đất đai')")"

# ---- second run ----
counts_sql="SELECT (SELECT count(*) FROM units) || '|' || (SELECT count(*) FROM fields) || '|' ||
                   (SELECT count(*) FROM unit_fields) || '|' || (SELECT count(*) FROM schema_migrations)"
before="$(q "$counts_sql")"
out="$("$MIGRATE" 2>&1)"; rc=$?
if (( rc == 0 )) && [[ "$out" == "migrations: 0 applied, $n_files up to date; seed loaded" ]]; then
    ok "second migrate applies 0 migrations"
else
    not_ok "second migrate applies 0 migrations" "rc=$rc"$'\n'"$out"
fi
check "row counts unchanged by the second run (no duplicates)" "$before" "$(q "$counts_sql")"

# ---- the seed repairs drift and leaves other data alone ----
q "UPDATE units SET name = 'tampered' WHERE id = 107;
   INSERT INTO unit_fields VALUES (107, 'y-te');
   INSERT INTO units (kind, code, name) VALUES ('department', 'TEST', 'Đơn vị thử');
   INSERT INTO unit_fields SELECT id, 'y-te' FROM units WHERE code = 'TEST';" >/dev/null
out="$("$MIGRATE" 2>&1)"; rc=$?
check "re-seeding restores names, drops stale unit_fields, keeps units added later" \
    "0|Sở Xây dựng|0|t|1" \
    "$rc|$(q "SELECT name FROM units WHERE id = 107")|$(q "SELECT count(*) FROM unit_fields WHERE unit_id = 107 AND field_slug = 'y-te'")|$(q "SELECT id >= 100000 FROM units WHERE code = 'TEST'")|$(q "SELECT count(*) FROM unit_fields uf JOIN units u ON u.id = uf.unit_id WHERE u.code = 'TEST'")"
q "DELETE FROM units WHERE code = 'TEST'" >/dev/null

# ---- TS_SQL_DIR: a changed applied migration stops everything ----
cp -r "$REPO/sql" "$WORK/changed"
first="$(LC_ALL=C find "$WORK/changed/migrations" -maxdepth 1 -name '*.sql' -printf '%f\n' | LC_ALL=C sort | head -n1)"
echo "-- edited after it was applied" >>"$WORK/changed/migrations/$first"
echo "CREATE TABLE must_not_exist (x int);" >"$WORK/changed/migrations/9990_test_new.sql"
out="$(TS_SQL_DIR="$WORK/changed" "$MIGRATE" 2>&1)"; rc=$?
if (( rc != 0 )) && [[ "$out" == *"$first"* ]] && [[ "$(q "SELECT to_regclass('must_not_exist') IS NULL")" == t ]]; then
    ok "modified applied migration: exit $rc, names $first, applies nothing"
else
    not_ok "modified applied migration: non-zero exit, names $first, applies nothing" "rc=$rc"$'\n'"$out"
fi

# ---- a failing new migration is rolled back and not recorded ----
cp -r "$REPO/sql" "$WORK/bad"
printf 'CREATE TABLE half_done (x int);\nSELECT no_such_function();\n' >"$WORK/bad/migrations/9991_test_bad.sql"
out="$(TS_SQL_DIR="$WORK/bad" "$MIGRATE" 2>&1)"; rc=$?
if (( rc != 0 )) && [[ "$(q "SELECT to_regclass('half_done') IS NULL AND NOT EXISTS (SELECT 1 FROM schema_migrations WHERE filename = '9991_test_bad.sql')")" == t ]]; then
    ok "failing migration: exit $rc, rolled back, not recorded"
else
    not_ok "failing migration: non-zero exit, rolled back, not recorded" "rc=$rc"$'\n'"$out"
fi

# ---- a valid new migration is applied once ----
cp -r "$REPO/sql" "$WORK/new"
echo "CREATE TABLE added_later (x int);" >"$WORK/new/migrations/9992_test_ok.sql"
out1="$(cd "$WORK" && TS_SQL_DIR=new "$MIGRATE" 2>&1)"; rc1=$?
out2="$(TS_SQL_DIR="$WORK/new" "$MIGRATE" 2>&1)"; rc2=$?
if (( rc1 == 0 && rc2 == 0 )) && [[ "$out1" == *"applied 9992_test_ok.sql"* && "$out1" == *"1 applied"* && "$out2" == *" 0 applied"* ]] \
   && [[ "$(q "SELECT to_regclass('added_later') IS NOT NULL")" == t ]]; then
    ok "new migration (relative TS_SQL_DIR) applied once, then up to date"
else
    not_ok "new migration applied once, then up to date" "rc=$rc1/$rc2"$'\n'"$out1"$'\n'"$out2"
fi

# ---- the committed seed is what the generator produces ----
DATA="$REPO/../shared/data"
if [[ -f "$DATA/fields.csv" ]]; then
    if python3 "$REPO/ops/gen-seed.py" "$DATA" -o "$WORK/seed.sql" 2>"$WORK/gen.err" \
       && cmp -s "$WORK/seed.sql" "$REPO/sql/seed/0001_reference.sql"; then
        ok "sql/seed/0001_reference.sql is up to date with shared/data"
    else
        not_ok "sql/seed/0001_reference.sql is up to date with shared/data (run ops/gen-seed.py)" "$(cat "$WORK/gen.err")"
    fi
    mkdir "$WORK/baddata"
    cp "$DATA"/*.csv "$WORK/baddata/"
    chmod u+w "$WORK/baddata"/*.csv
    sed -i 's/^SXD,Sở Xây dựng,/SXD,Sở Xây dựng,no-such-field;/' "$WORK/baddata/thanh-hoa-departments-2025.csv"
    out="$(python3 "$REPO/ops/gen-seed.py" "$WORK/baddata" -o "$WORK/bad.sql" 2>&1)"; rc=$?
    if (( rc != 0 )) && [[ "$out" == *"no-such-field"* && ! -e "$WORK/bad.sql" ]]; then
        ok "gen-seed.py refuses an unknown field slug"
    else
        not_ok "gen-seed.py refuses an unknown field slug" "rc=$rc"$'\n'"$out"
    fi
else
    ok "seed freshness and generator checks # SKIP no $DATA"
fi

# ---- issue codes past 999,999 (migration 0011) ----
q "SELECT setval('issue_code_seq', 999998)" >/dev/null
check "issue codes keep six digits, then grow a seventh (no repeat after 999,999)" \
    "KN-2026-999999,KN-2026-1000000,true" \
    "$(q "SELECT string_agg(c, ',' ORDER BY c DESC) || ',' || bool_and(c ~ '^KN-[0-9]{4}-[0-9]{6,12}$')
          FROM (SELECT issue_code_next('2026-05-01') AS c FROM generate_series(1, 2)) x")"

# ---- stop ----
out="$("$PG" stop 2>&1)"; rc=$?
"$PG" status >/dev/null 2>&1; st=$?
out2="$("$PG" stop 2>&1)"; rc2=$?
if (( rc == 0 && st != 0 && rc2 == 0 )); then
    ok "ops/pg stop stops the server (and is idempotent)"
else
    not_ok "ops/pg stop stops the server (and is idempotent)" "$out"$'\n'"$out2"
fi

finish
