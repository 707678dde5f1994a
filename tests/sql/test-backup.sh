#!/usr/bin/env bash
# Backup and restore: a dump of a database with data restores into a fresh cluster with
# every row of every table; retention keeps the newest dumps; restore refuses to overwrite.
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
A=$(mktemp -d /tmp/ts-backup-a.XXXXXX)
B=$(mktemp -d /tmp/ts-backup-b.XXXXXX)
chmod 0755 "$A" "$B"
PA=${TS_TEST_BACKUP_PORT_A:-55496}
PB=${TS_TEST_BACKUP_PORT_B:-55497}
passed=0
failed=0
check() { if eval "$2"; then echo "ok - $1"; passed=$((passed + 1)); else echo "not ok - $1"; failed=$((failed + 1)); fi; }
cleanup() {
	TS_VAR=$A TS_PG_PORT=$PA "$REPO/ops/pg" stop >/dev/null 2>&1
	TS_VAR=$B TS_PG_PORT=$PB "$REPO/ops/pg" stop >/dev/null 2>&1
	rm -rf "$A" "$B"
}
trap cleanup EXIT

envA() { TS_VAR=$A TS_PG_PORT=$PA "$REPO/ops/pg" env; }
envB() { TS_VAR=$B TS_PG_PORT=$PB "$REPO/ops/pg" env; }
TS_VAR=$A TS_PG_PORT=$PA "$REPO/ops/pg" start >/dev/null 2>&1
TS_VAR=$B TS_PG_PORT=$PB "$REPO/ops/pg" start >/dev/null 2>&1
(eval "$(envA)" && "$REPO/ops/migrate" >/dev/null && "$REPO/ops/seed-demo" >/dev/null)
# Some data in every kind of table: an issue with its event, a training, a report version.
(eval "$(envA)" && psql -XAtq -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT issue_create((SELECT id FROM users WHERE username = 'xa.hacthanh'), 14797,
    'Vướng mắc về đất đai', 'Mô tả', 'dat-dai', 'difficulty', 106, NULL);
SELECT training_save(NULL, (SELECT id FROM users WHERE username = 'sxd.chuyenvien'), 107, NULL,
    '{"title":"Tập huấn","round":1,"starts_at":"2025-09-01T08:00:00+07:00","format":"online",
      "attendance":[{"commune_id":14797,"participants":9}]}');
SELECT report_submit((SELECT id FROM periods WHERE code = '2025-W36'), 107,
    (SELECT id FROM users WHERE username = 'sxd.lanhdao'));
INSERT INTO audit_log (action, object_type) VALUES ('test.backup', 'test');
SQL
)
counts() {
	psql -XAtq -c "SELECT string_agg(t || '=' || n, ' ' ORDER BY t) FROM (
	  SELECT table_name AS t, (xpath('/row/c/text()', query_to_xml(
	    format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text AS n
	  FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE') x"
}
before=$(eval "$(envA)" && counts)
out=$(eval "$(envA)" && TS_VAR=$A TS_BACKUP_KEEP=2 "$REPO/ops/backup" 2>&1)
check "ops/backup writes a custom-format dump" "ls $A/backups/thongsuot-*.dump >/dev/null 2>&1"
sleep 1.1; (eval "$(envA)" && TS_VAR=$A TS_BACKUP_KEEP=2 "$REPO/ops/backup" >/dev/null)
sleep 1.1; (eval "$(envA)" && TS_VAR=$A TS_BACKUP_KEEP=2 "$REPO/ops/backup" >/dev/null)
check "retention keeps the newest 2 dumps" "[ \$(ls $A/backups/thongsuot-*.dump | wc -l) = 2 ]"
dump=$(ls -1 "$A"/backups/thongsuot-*.dump | sort | tail -1)
(eval "$(envB)" && psql -XAtq -d postgres -c "DROP DATABASE thongsuot" >/dev/null)
restore_out=$(eval "$(envB)" && "$REPO/ops/restore" "$dump" 2>&1)
check "ops/restore restores into a fresh cluster" "echo \"\$restore_out\" | grep -q 'restored into thongsuot'"
after=$(eval "$(envB)" && counts)
check "every table has the same number of rows after the restore" "[ -n \"\$before\" ] && [ \"\$before\" = \"\$after\" ]"
check "the data survived: the issue, the training, the frozen report" \
	"[ \"\$(eval \"\$(envB)\" && psql -XAtq -c \"SELECT (SELECT title FROM issues LIMIT 1) || '|' || (SELECT sum(participants) FROM training_attendance) || '|' || (SELECT count(*) FROM report_versions)\")\" = 'Vướng mắc về đất đai|9|1' ]"
check "the audit log is still append-only after the restore" \
	"! (eval \"\$(envB)\" && psql -XAtq -c 'DELETE FROM audit_log' >/dev/null 2>&1)"
check "restore refuses a database that has tables" "! (eval \"\$(envB)\" && \"$REPO/ops/restore\" \"$dump\" >/dev/null 2>&1)"
check "restore refuses a file that is not a dump" "! (eval \"\$(envB)\" && \"$REPO/ops/restore\" /etc/hostname other_db >/dev/null 2>&1)"
echo "[$before]" | head -c 200; echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
