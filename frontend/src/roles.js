// The eight roles (DESIGN §2) with their Vietnamese names, and which units each may belong to
// (docs/accounts.md; the database checks the same rule in role_fits_unit()).

const isDepartment = (u) => u.kind === 'department';

export const ROLES = [
  { id: 'commune_officer', label: 'Cán bộ UBND xã/phường', fits: (u) => u.kind === 'commune' },
  { id: 'department_officer', label: 'Chuyên viên sở, ngành', fits: isDepartment },
  { id: 'department_head', label: 'Lãnh đạo sở, ngành', fits: isDepartment },
  { id: 'home_affairs', label: 'Sở Nội vụ (tổng hợp)', fits: (u) => isDepartment(u) && u.code === 'SNV' },
  { id: 'province_office', label: 'Văn phòng UBND tỉnh', fits: (u) => isDepartment(u) && u.code === 'VPUBND' },
  { id: 'leadership', label: 'Lãnh đạo tỉnh', fits: (u) => u.kind === 'province' && (u.code === 'UBND' || u.code === 'DUUBND') },
  { id: 'party_reader', label: 'Cán bộ Tỉnh ủy (theo dõi)', fits: (u) => u.kind === 'province' && u.code === 'TU' },
  { id: 'admin', label: 'Quản trị hệ thống', fits: (u) => isDepartment(u) || u.kind === 'province' },
];

const byId = new Map(ROLES.map((r) => [r.id, r]));

/** "Lãnh đạo sở, ngành" for "department_head"; the raw id for a role this build does not know. */
export function roleLabel(role) {
  const r = byId.get(role);
  return r ? r.label : role;
}

/** True when a user with `role` may belong to `unit` ({kind, code}). */
export function roleFitsUnit(role, unit) {
  const r = byId.get(role);
  return Boolean(r && unit && r.fits(unit));
}

/** The unit kinds a role's units come from, to load only those lists. */
export function unitKindsFor(role) {
  switch (role) {
    case 'commune_officer':
      return ['commune'];
    case 'leadership':
    case 'party_reader':
      return ['province'];
    case 'admin':
      return ['department', 'province'];
    default:
      return ['department'];
  }
}
