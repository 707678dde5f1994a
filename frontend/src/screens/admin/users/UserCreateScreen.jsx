// "Thêm người dùng": username, full name, role, unit, first password (generated or typed).
// After saving, a generated password is shown once to hand over; the user must change it at
// the first login.
import { useState } from 'preact/hooks';
import { createUser } from '../../../api.js';
import { TextField } from '../../../components/Field.jsx';
import { roleFitsUnit, roleLabel } from '../../../roles.js';
import { Link } from '../../../router.js';
import { useTitle } from '../../../title.js';
import { newPasswordProblem } from '../../password/passwordRules.js';
import { formErrors } from '../shared/errors.js';
import { generatePassword } from '../shared/generatePassword.js';
import { loadUnits } from '../shared/units.js';
import { PasswordSetter } from '../shared/PasswordSetter.jsx';
import { SecretReveal } from '../shared/SecretReveal.jsx';
import { RoleUnitFields } from './RoleUnitFields.jsx';
import { fullNameProblem, usernameProblem } from './userRules.js';

const FIELD_OF = { username: 'username', full_name: 'fullName', role: 'role', unit_id: 'unit', password: 'password' };
const ORDER = ['username', 'fullName', 'role', 'unit', 'password'];

export function UserCreateScreen() {
  useTitle('Thêm người dùng');
  const [created, setCreated] = useState(null);
  const [formKey, setFormKey] = useState(0);
  return (
    <section class="narrow" aria-labelledby="page-title">
      <p class="breadcrumb">
        <Link href="/quan-tri/nguoi-dung">Người dùng</Link> <span aria-hidden="true">›</span>
      </p>
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Thêm người dùng
      </h1>
      {created ? (
        <Created
          created={created}
          onAnother={() => {
            setCreated(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <UserCreateForm key={formKey} onCreated={setCreated} />
      )}
    </section>
  );
}

function Created({ created, onAnother }) {
  const { user, password } = created;
  return (
    <div class="card" role="status">
      <p class="notice notice-ok">
        Đã tạo tài khoản <strong>{user.username}</strong> ({user.full_name}, {roleLabel(user.role)}
        {user.unit && <> – {user.unit.name}</>}).
      </p>
      {password ? (
        <SecretReveal
          id="new-user-password"
          label="Mật khẩu ban đầu"
          value={password}
          warning="Mật khẩu này chỉ hiển thị một lần. Hãy chuyển cho người dùng qua kênh an toàn; họ phải đổi mật khẩu khi đăng nhập lần đầu."
        />
      ) : (
        <p>Người dùng đăng nhập bằng mật khẩu bạn đã nhập và phải đổi mật khẩu ở lần đăng nhập đầu.</p>
      )}
      <p class="actions">
        <Link href={`/quan-tri/nguoi-dung/${user.id}`} class="button button-secondary">
          Xem tài khoản
        </Link>
        <Link href="/quan-tri/nguoi-dung" class="button button-secondary">
          Về danh sách người dùng
        </Link>
        <button type="button" class="button" onClick={onAnother}>
          Thêm người dùng khác
        </button>
      </p>
    </div>
  );
}

function UserCreateForm({ onCreated }) {
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState('');
  const [unitId, setUnitId] = useState(null);
  const [mode, setMode] = useState('generate');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  // Editing a field takes its message away; the next submit checks again.
  const edited = (key, set) => (value) => {
    set(value);
    setErrors((e) => (e[key] ? { ...e, [key]: null } : e));
  };

  function focusFirst(found) {
    const ids = { username: 'new-username', fullName: 'new-fullname', role: 'new-role', unit: 'new-unit', password: 'new-password' };
    const first = ORDER.find((k) => found[k]);
    const el = first && document.getElementById(ids[first]);
    if (el) el.focus();
  }

  async function onRole(next) {
    setRole(next);
    setErrors((e) => ({ ...e, role: null, unit: null }));
    // Keep the unit only if it suits the new role.
    if (unitId && next) {
      const units = await loadUnits(['commune', 'department', 'province']).catch(() => []);
      const unit = units.find((u) => u.id === unitId);
      if (!unit || !roleFitsUnit(next, unit)) setUnitId(null);
    } else {
      setUnitId(null);
    }
  }

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    const found = {};
    const u = usernameProblem(username);
    if (u) found.username = u;
    const f = fullNameProblem(fullName);
    if (f) found.fullName = f;
    if (!role) found.role = 'Vui lòng chọn vai trò.';
    else if (!unitId) found.unit = 'Vui lòng chọn đơn vị.';
    const initial = mode === 'generate' ? generatePassword() : password;
    if (mode === 'manual') {
      const p = newPasswordProblem(password, username);
      if (p) found.password = p.replace('Mật khẩu mới', 'Mật khẩu').replace('mật khẩu mới', 'mật khẩu');
    }
    setErrors(found);
    if (Object.keys(found).length) return focusFirst(found);

    setBusy(true);
    try {
      const user = await createUser({ username, full_name: fullName.trim(), role, unit_id: unitId, password: initial });
      onCreated({ user, password: mode === 'generate' ? initial : null });
    } catch (err) {
      const e = formErrors(err, FIELD_OF);
      setErrors(e);
      setBusy(false);
      focusFirst(e);
    }
  }

  return (
    <form class="form card" onSubmit={submit} noValidate>
      {errors.form && (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <TextField
        id="new-username"
        label="Tên đăng nhập"
        hint="3–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang. Ví dụ: xa.hacthanh.nva"
        autocomplete="off"
        autocapitalize="none"
        spellcheck={false}
        maxLength={64}
        value={username}
        error={errors.username}
        onInput={(e) => edited('username', setUsername)(e.currentTarget.value.toLowerCase())}
      />
      <TextField
        id="new-fullname"
        label="Họ và tên"
        autocomplete="off"
        maxLength={200}
        value={fullName}
        error={errors.fullName}
        onInput={(e) => edited('fullName', setFullName)(e.currentTarget.value)}
      />
      <RoleUnitFields idPrefix="new" role={role} unitId={unitId} onRole={onRole} onUnit={edited('unit', setUnitId)} errors={errors} />
      <PasswordSetter
        idPrefix="new"
        mode={mode}
        onMode={setMode}
        password={password}
        onPassword={edited('password', setPassword)}
        error={errors.password}
      />
      <p class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Đang tạo…' : 'Tạo tài khoản'}
        </button>
        <Link href="/quan-tri/nguoi-dung" class="button button-secondary">
          Hủy
        </Link>
      </p>
    </form>
  );
}
