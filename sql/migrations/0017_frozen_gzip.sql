-- Frozen report versions, compressed once. A submitted version never changes, yet each read of
-- a report by the leadership or the Party committee had nginx compress its snapshot again
-- (~40 KB of JSON at province size: 0.5 ms of CPU per read, more than the rest of the request).
-- The maintenance process now keeps each snapshot also as a raw deflate stream (level 9,
-- ended by a sync flush, never final) with its CRC-32 and length in bytes; the worker answers
-- a reader that accepts gzip with the parts below: the small JSON around the snapshots
-- compressed on the fly, the snapshots copied as stored, the CRCs combined.

ALTER TABLE report_versions
    ADD COLUMN snapshot_gz bytea,
    ADD COLUMN snapshot_crc bigint,
    ADD COLUMN snapshot_len integer,
    ADD CONSTRAINT report_versions_gz_whole
        CHECK ((snapshot_gz IS NULL) = (snapshot_crc IS NULL)
               AND (snapshot_gz IS NULL) = (snapshot_len IS NULL));
ALTER TABLE consolidated_versions
    ADD COLUMN snapshot_gz bytea,
    ADD COLUMN snapshot_crc bigint,
    ADD COLUMN snapshot_len integer,
    ADD CONSTRAINT consolidated_versions_gz_whole
        CHECK ((snapshot_gz IS NULL) = (snapshot_crc IS NULL)
               AND (snapshot_gz IS NULL) = (snapshot_len IS NULL));

-- What the maintenance process has yet to compress.
CREATE INDEX report_versions_gz_pending ON report_versions (id) WHERE snapshot_gz IS NULL;
CREATE INDEX consolidated_versions_gz_pending ON consolidated_versions (id)
    WHERE snapshot_gz IS NULL;

-- A snapshot is frozen; should one ever be rewritten, its compressed form goes with it.
CREATE FUNCTION frozen_gz_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.snapshot IS DISTINCT FROM OLD.snapshot THEN
        NEW.snapshot_gz := NULL;
        NEW.snapshot_crc := NULL;
        NEW.snapshot_len := NULL;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER report_versions_gz_forget BEFORE UPDATE OF snapshot ON report_versions
    FOR EACH ROW EXECUTE FUNCTION frozen_gz_forget();
CREATE TRIGGER consolidated_versions_gz_forget BEFORE UPDATE OF snapshot ON consolidated_versions
    FOR EACH ROW EXECUTE FUNCTION frozen_gz_forget();

-- The versions of a report as the answer's parts, in order (n): for each version the JSON
-- before its snapshot, the snapshot (compressed when p_gz and already compressed, else its
-- text), and the brace after it. Joined, the parts are the JSON of report_json(.., false) /
-- consolidated_json(.., false): the same members and values.
CREATE FUNCTION frozen_parts(p_head text, p_versions json[], p_text text[], p_gz bytea[],
                             p_crc bigint[], p_len integer[], p_use_gz boolean)
RETURNS TABLE (n integer, part text, gz bytea, crc bigint, len integer)
LANGUAGE sql IMMUTABLE AS $$
    SELECT 0, left(p_head, -1) || ', "versions" : ['
                 || CASE WHEN cardinality(p_versions) = 0 THEN ']}' ELSE '' END,
           NULL::bytea, NULL::bigint, NULL::integer
    UNION ALL
    SELECT 3 * i - 2, CASE WHEN i > 1 THEN ', ' ELSE '' END
                          || left(p_versions[i]::text, -1) || ', "snapshot" : ',
           NULL, NULL, NULL
    FROM generate_subscripts(p_versions, 1) i
    UNION ALL
    SELECT 3 * i - 1, CASE WHEN p_use_gz AND p_gz[i] IS NOT NULL THEN NULL ELSE p_text[i] END,
           CASE WHEN p_use_gz THEN p_gz[i] END, CASE WHEN p_use_gz THEN p_crc[i] END,
           CASE WHEN p_use_gz THEN p_len[i] END
    FROM generate_subscripts(p_versions, 1) i
    UNION ALL
    SELECT 3 * i, CASE WHEN i = cardinality(p_versions) THEN '}]}' ELSE '}' END, NULL, NULL, NULL
    FROM generate_subscripts(p_versions, 1) i
$$;

-- A department's report as those who read what was sent see it. No row: no such period, or
-- the unit is not a department.
CREATE FUNCTION report_read_parts(p_period integer, p_unit integer, p_use_gz boolean)
RETURNS TABLE (n integer, part text, gz bytea, crc bigint, len integer)
LANGUAGE sql STABLE AS $$
    SELECT f.*
    FROM periods p
    JOIN units u ON u.id = p_unit AND u.kind = 'department'
    LEFT JOIN reports r ON r.period_id = p.id AND r.unit_id = u.id
    CROSS JOIN LATERAL (
        SELECT array_agg(json_build_object('number', v.number,
                   'submitted_at', v.submitted_at, 'late_seconds', v.late_seconds,
                   'submitted_by', (SELECT full_name FROM users WHERE id = v.submitted_by),
                   'returned_at', v.returned_at, 'return_reason', v.return_reason)
                   ORDER BY v.number) AS meta,
               array_agg(v.snapshot_text ORDER BY v.number) AS txt,
               array_agg(v.snapshot_gz ORDER BY v.number) AS gz,
               array_agg(v.snapshot_crc ORDER BY v.number) AS crc,
               array_agg(v.snapshot_len ORDER BY v.number) AS len
        FROM report_versions v WHERE v.report_id = r.id) v
    CROSS JOIN LATERAL frozen_parts(
        json_build_object('period', period_json(p),
            'unit', json_build_object('id', u.id, 'code', u.code, 'name', u.name),
            'state', coalesce(r.state, 'draft'), 'version', coalesce(r.version, 0),
            'narrative', NULL, 'compiled', NULL, 'updated_at', r.updated_at)::text,
        coalesce(v.meta, '{}'), coalesce(v.txt, '{}'), coalesce(v.gz, '{}'),
        coalesce(v.crc, '{}'), coalesce(v.len, '{}'), p_use_gz) f
    WHERE p.id = p_period
$$;

-- The consolidated report as the leadership and the Party committee read it.
CREATE FUNCTION consolidated_read_parts(p_period integer, p_use_gz boolean)
RETURNS TABLE (n integer, part text, gz bytea, crc bigint, len integer)
LANGUAGE sql STABLE AS $$
    SELECT f.*
    FROM periods p
    LEFT JOIN consolidated_reports c ON c.period_id = p.id
    CROSS JOIN LATERAL (
        SELECT array_agg(json_build_object('number', v.number,
                   'submitted_at', v.submitted_at, 'late_seconds', v.late_seconds,
                   'submitted_by', (SELECT full_name FROM users WHERE id = v.submitted_by))
                   ORDER BY v.number) AS meta,
               array_agg(v.snapshot_text ORDER BY v.number) AS txt,
               array_agg(v.snapshot_gz ORDER BY v.number) AS gz,
               array_agg(v.snapshot_crc ORDER BY v.number) AS crc,
               array_agg(v.snapshot_len ORDER BY v.number) AS len
        FROM consolidated_versions v WHERE v.consolidated_id = c.id) v
    CROSS JOIN LATERAL frozen_parts(
        json_build_object('period', period_json(p), 'narrative', NULL,
            'version', coalesce(c.version, 0), 'compiled', NULL)::text,
        coalesce(v.meta, '{}'), coalesce(v.txt, '{}'), coalesce(v.gz, '{}'),
        coalesce(v.crc, '{}'), coalesce(v.len, '{}'), p_use_gz) f
    WHERE p.id = p_period
$$;
