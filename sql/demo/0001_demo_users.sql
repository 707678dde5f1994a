-- Demo accounts for `make run` and the tests (never for a real deployment): one per role,
-- in real units. Run by ops/seed-demo with the variable `hash` = the Argon2id hash of the
-- demo password. Existing accounts are left as they are, so a second run changes nothing.
INSERT INTO users (username, full_name, role, unit_id, password_hash, must_change_password, demo)
VALUES
    ('xa.hacthanh', 'Nguyễn Thị Hoa', 'commune_officer', 14797, :'hash', true, true),
    ('xa.quangphu', 'Lê Văn Nam', 'commune_officer', 16522, :'hash', true, true),
    ('sxd.chuyenvien', 'Trần Minh Đức', 'department_officer', 107, :'hash', true, true),
    ('sxd.lanhdao', 'Phạm Quốc Hùng', 'department_head', 107, :'hash', true, true),
    ('syt.chuyenvien', 'Hoàng Thu Trang', 'department_officer', 111, :'hash', true, true),
    ('snv.tonghop', 'Đỗ Thị Lan', 'home_affairs', 102, :'hash', true, true),
    ('vpubnd.chuyenvien', 'Vũ Đình Khoa', 'province_office', 101, :'hash', true, true),
    ('lanhdao.tinh', 'Nguyễn Văn An', 'leadership', 21, :'hash', true, true),
    ('tinhuy.theodoi', 'Bùi Thị Mai', 'party_reader', 20, :'hash', true, true),
    ('quantri', 'Quản trị hệ thống', 'admin', 101, :'hash', true, true)
ON CONFLICT ((lower(username))) DO NOTHING;
