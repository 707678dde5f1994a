// Role, then unit: the unit list offers only the units the chosen role may belong to
// (a commune officer, a commune; Sở Nội vụ's aggregator, Sở Nội vụ; …).
import { useCallback } from 'preact/hooks';
import { SelectField } from '../../../components/Field.jsx';
import { ROLES, roleFitsUnit, unitKindsFor } from '../../../roles.js';
import { UnitPicker } from '../shared/UnitPicker.jsx';

export function RoleUnitFields({ idPrefix, role, unitId, onRole, onUnit, errors }) {
  const fits = useCallback((u) => roleFitsUnit(role, u), [role]);
  return (
    <>
      <SelectField
        id={`${idPrefix}-role`}
        label="Vai trò"
        error={errors.role}
        value={role}
        onChange={(e) => onRole(e.currentTarget.value)}
      >
        <option value="">— Chọn vai trò —</option>
        {ROLES.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </SelectField>
      {role ? (
        <UnitPicker
          id={`${idPrefix}-unit`}
          label="Đơn vị"
          hint="Chỉ hiện các đơn vị phù hợp với vai trò đã chọn."
          kinds={unitKindsFor(role)}
          fits={fits}
          value={unitId}
          error={errors.unit}
          onChange={onUnit}
        />
      ) : (
        <p class="field-hint">Chọn vai trò trước, danh sách đơn vị phù hợp sẽ hiện ra.</p>
      )}
    </>
  );
}
