// The search box and filters above the user list. Typing searches after a short pause;
// the selects apply at once.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ROLES } from '../../../roles.js';
import { wideScreen } from '../shared/wideScreen.js';
import { UnitPicker } from '../shared/UnitPicker.jsx';

const ALL_KINDS = ['province', 'department', 'commune'];
const any = () => true;

export function UserFilters({ filters, onChange }) {
  const [q, setQ] = useState(filters.q);
  const timer = useRef(null);
  const latest = useRef(filters);
  latest.current = filters;

  useEffect(() => () => clearTimeout(timer.current), []);
  // Someone pressed Back: the box follows the address.
  useEffect(() => setQ(filters.q), [filters.q]);

  function onSearch(value) {
    setQ(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => onChange({ ...latest.current, q: value }), 300);
  }

  const set = (key) => (value) => onChange({ ...latest.current, q, [key]: value });

  const more = Boolean(filters.role || filters.status || filters.unit);
  return (
    <form
      class="user-filters"
      role="search"
      aria-label="Tìm người dùng"
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer.current);
        onChange({ ...latest.current, q });
      }}
    >
      <div class="field">
        <label for="user-q" class="field-label">
          Tìm theo họ tên hoặc tên đăng nhập
        </label>
        <input
          id="user-q"
          class="input"
          type="search"
          autocomplete="off"
          spellcheck={false}
          placeholder="Ví dụ: nguyen van an"
          value={q}
          onInput={(e) => onSearch(e.currentTarget.value)}
        />
      </div>
      <details class="filters-box" open={wideScreen() || more}>
        <summary>Lọc theo vai trò, trạng thái, đơn vị</summary>
        <div class="filters">
          <div class="field">
            <label for="user-role" class="field-label">
              Vai trò
            </label>
            <select id="user-role" class="input select" value={filters.role} onChange={(e) => set('role')(e.currentTarget.value)}>
              <option value="">Tất cả vai trò</option>
              {ROLES.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="user-status" class="field-label">
              Trạng thái
            </label>
            <select id="user-status" class="input select" value={filters.status} onChange={(e) => set('status')(e.currentTarget.value)}>
              <option value="">Tất cả</option>
              <option value="active">Đang hoạt động</option>
              <option value="disabled">Đã vô hiệu hóa</option>
            </select>
          </div>
          <div class="filters-unit">
            <UnitPicker
              id="user-unit"
              label="Đơn vị"
              kinds={ALL_KINDS}
              fits={any}
              autoPick={false}
              emptyLabel="Tất cả đơn vị"
              value={filters.unit}
              onChange={(id) => set('unit')(id ? String(id) : '')}
            />
          </div>
        </div>
      </details>
      <button type="submit" class="visually-hidden" tabIndex={-1}>
        Tìm
      </button>
    </form>
  );
}
