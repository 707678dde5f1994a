// One card per account: name (a link to edit it), username, role, unit, and what needs
// attention (disabled, must change its password).
import { roleLabel } from '../../../roles.js';
import { Link } from '../../../router.js';

export function UserList({ users }) {
  return (
    <ul class="cards" aria-label="Danh sách người dùng">
      {users.map((u) => (
        <li key={u.id} class={u.disabled ? 'card-item is-disabled' : 'card-item'}>
          <div class="card-item-head">
            <Link href={`/quan-tri/nguoi-dung/${u.id}`} class="card-item-title">
              {u.full_name}
            </Link>
            <span class="mono">{u.username}</span>
          </div>
          <p class="card-item-meta">
            {roleLabel(u.role)}
            {u.unit && <> · {u.unit.name}</>}
          </p>
          {(u.disabled || u.must_change_password) && (
            <p class="badges">
              {u.disabled && <span class="badge badge-bad">Đã vô hiệu hóa</span>}
              {u.must_change_password && <span class="badge">Chưa đổi mật khẩu ban đầu</span>}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
