-- Reporting periods (DESIGN §5): round 1 of the directive of 21/8/2025 (department reports
-- before 17:00 on 21/8, consolidated before 10:00 on 22/8), then weekly periods from Thursday
-- to Wednesday with department reports before 09:00 on the Thursday after and the consolidated
-- report before 17:00 that Thursday, through 2026 (the first week starts the day after
-- round 1). Existing periods are kept as they are:
-- Sở Nội vụ may have moved one.
INSERT INTO periods (code, name, starts_on, ends_on, report_deadline, consolidation_deadline)
VALUES ('2025-R1', 'Lần 1 (đến 21/08/2025)', '2025-07-01', '2025-08-21',
        '2025-08-21 17:00:00+07', '2025-08-22 10:00:00+07')
ON CONFLICT (code) DO NOTHING;

INSERT INTO periods (code, name, starts_on, ends_on, report_deadline, consolidation_deadline)
SELECT to_char(thu, 'IYYY') || '-W' || to_char(thu, 'IW'),
       'Tuần ' || to_char(greatest(thu - 7, date '2025-08-22'), 'DD/MM') || ' – '
           || to_char(thu - 1, 'DD/MM/YYYY'),
       greatest(thu - 7, date '2025-08-22')::date, (thu - 1)::date,
       (thu + time '09:00')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh',
       (thu + time '17:00')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM (SELECT d::date AS thu
      FROM generate_series(date '2025-08-28', date '2026-12-31', interval '7 days') AS d) w
ON CONFLICT (code) DO NOTHING;
