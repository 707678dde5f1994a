// Full name, role and unit of an existing account; only what changed is sent (PATCH).
import { useState } from 'preact/hooks';
import { updateUser } from '../../../api.js';
import { TextField } from '../../../components/Field.jsx';
import { Notice } from '../../../components/Notice.jsx';
import { roleFitsUnit } from '../../../roles.js';
import { formErrors } from '../shared/errors.js';
import { loadUnits } from '../shared/units.js';
import { RoleUnitFields } from './RoleUnitFields.jsx';
import { fullNameProblem } from './userRules.js';

const FIELD_OF = { full_name: 'fullName', role: 'role', unit_id: 'unit' };

export function UserDetailsForm({ user, onSaved }) {
  const [fullName, setFullName] = useState(user.full_name);
  const [role, setRole] = useState(user.role);
  const [unitId, setUnitId] = useState(user.unit ? user.unit.id : null);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function onRole(next) {
    setRole(next);
    setDone(false);
    setErrors((e) => ({ ...e, role: null, unit: null }));
    const units = await loadUnits(['commune', 'department', 'province']).catch(() => []);
    const unit = units.find((u) => u.id === unitId);
    if (!next || !unit || !roleFitsUnit(next, unit)) setUnitId(null);
  }

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    const found = {};
    const f = fullNameProblem(fullName);
    if (f) found.fullName = f;
    if (!role) found.role = 'Vui lòng chọn vai trò.';
    else if (!unitId) found.unit = 'Vui lòng chọn đơn vị phù hợp với vai trò mới.';
    setErrors(found);
    setDone(false);
    if (Object.keys(found).length) return;

    const changes = {};
    if (fullName.trim() !== user.full_name) changes.full_name = fullName.trim();
    if (role !== user.role) changes.role = role;
    if (!user.unit || unitId !== user.unit.id) changes.unit_id = unitId;
    if (Object.keys(changes).length === 0) {
      setErrors({ form: 'Chưa có gì thay đổi.' });
      return;
    }
    setBusy(true);
    try {
      const next = await updateUser(user.id, changes);
      setDone(true);
      onSaved(next);
    } catch (err) {
      setErrors(formErrors(err, FIELD_OF));
    }
    setBusy(false);
  }

  return (
    <form class="form card" onSubmit={submit} noValidate aria-labelledby="details-title">
      <h2 id="details-title" class="section-title">
        Thông tin tài khoản
      </h2>
      {errors.form && (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <TextField
        id="edit-fullname"
        label="Họ và tên"
        autocomplete="off"
        maxLength={200}
        value={fullName}
        error={errors.fullName}
        onInput={(e) => {
          setFullName(e.currentTarget.value);
          setDone(false);
        }}
      />
      <RoleUnitFields
        idPrefix="edit"
        role={role}
        unitId={unitId}
        onRole={onRole}
        onUnit={(id) => {
          setUnitId(id);
          setDone(false);
        }}
        errors={errors}
      />
      <p class="field-hint">Đổi vai trò hoặc đơn vị sẽ đăng xuất người dùng khỏi mọi thiết bị.</p>
      <Notice>{done && 'Đã lưu thay đổi.'}</Notice>
      <p class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Lưu thay đổi'}
        </button>
      </p>
    </form>
  );
}
