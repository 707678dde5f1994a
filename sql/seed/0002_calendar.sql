-- Vietnamese public holidays and make-up working days for 2025–2026 (Bộ Luật Lao động 2019
-- Điều 112 and the yearly announcements on days off for cán bộ, công chức, viên chức). Dates
-- are days off unless kind = 'workday' (a Saturday worked in exchange for a bridge day).
-- Idempotent: a later announcement changes a row by re-running the seed.
INSERT INTO calendar_days (day, kind, name) VALUES
    ('2025-01-01', 'holiday', 'Tết Dương lịch'),
    ('2025-01-27', 'holiday', 'Tết Nguyên đán (nghỉ hoán đổi, làm bù 08/02/2025)'),
    ('2025-01-28', 'holiday', 'Tết Nguyên đán'),
    ('2025-01-29', 'holiday', 'Tết Nguyên đán'),
    ('2025-01-30', 'holiday', 'Tết Nguyên đán'),
    ('2025-01-31', 'holiday', 'Tết Nguyên đán'),
    ('2025-02-08', 'workday', 'Làm bù cho ngày 27/01/2025'),
    ('2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
    ('2025-04-26', 'workday', 'Làm bù cho ngày 02/05/2025'),
    ('2025-04-30', 'holiday', 'Ngày Chiến thắng'),
    ('2025-05-01', 'holiday', 'Ngày Quốc tế Lao động'),
    ('2025-05-02', 'holiday', 'Nghỉ hoán đổi (làm bù 26/04/2025)'),
    ('2025-09-01', 'holiday', 'Quốc khánh'),
    ('2025-09-02', 'holiday', 'Quốc khánh'),
    ('2026-01-01', 'holiday', 'Tết Dương lịch'),
    ('2026-02-16', 'holiday', 'Tết Nguyên đán'),
    ('2026-02-17', 'holiday', 'Tết Nguyên đán'),
    ('2026-02-18', 'holiday', 'Tết Nguyên đán'),
    ('2026-02-19', 'holiday', 'Tết Nguyên đán'),
    ('2026-02-20', 'holiday', 'Tết Nguyên đán'),
    ('2026-04-27', 'holiday', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026 là Chủ nhật)'),
    ('2026-04-30', 'holiday', 'Ngày Chiến thắng'),
    ('2026-05-01', 'holiday', 'Ngày Quốc tế Lao động'),
    ('2026-09-01', 'holiday', 'Quốc khánh'),
    ('2026-09-02', 'holiday', 'Quốc khánh')
ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name
    WHERE (calendar_days.kind, calendar_days.name) IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name);
