// "Cấp mã mới": a name to recognise it by, the account it acts for (party_reader or
// leadership), and an expiry date typed dd/mm/yyyy or picked from presets, at most a year ahead.
import { useState } from 'preact/hooks';
import { createApiToken, listUsers } from '../../../api.js';
import { ErrorMessage } from '../../../components/ErrorMessage.jsx';
import { SelectField, TextField } from '../../../components/Field.jsx';
import { addDays, addMonths, compareDates, isoDate, parseDate, showDate, today } from '../../../dates.js';
import { roleLabel } from '../../../roles.js';
import { useResource } from '../../../useResource.js';

const HOLDER_ROLES = ['party_reader', 'leadership'];
const PRESETS = [
  { label: '30 ngày', at: (d) => addDays(d, 30) },
  { label: '3 tháng', at: (d) => addMonths(d, 3) },
  { label: '6 tháng', at: (d) => addMonths(d, 6) },
  { label: '1 năm', at: (d) => addMonths(d, 12) },
];

function loadHolders() {
  return Promise.all(HOLDER_ROLES.map((role) => listUsers({ role, disabled: 'false', limit: 200 }))).then((lists) =>
    lists.flatMap((l) => l.items),
  );
}

export function TokenCreateForm({ onCreated }) {
  const holders = useResource(loadHolders, []);
  const now = today();
  const latest = addMonths(now, 12);
  const [name, setName] = useState('');
  const [userId, setUserId] = useState('');
  const [expires, setExpires] = useState(showDate(addMonths(now, 6)));
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    const found = {};
    if (!name.trim()) found.name = 'Vui lòng đặt tên cho mã (ví dụ: Bảng số liệu Tỉnh ủy).';
    if (!userId) found.user = 'Vui lòng chọn tài khoản sử dụng mã.';
    const date = parseDate(expires);
    if (!date) found.expires = 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 31/12/2026.';
    else if (compareDates(date, now) <= 0) found.expires = 'Ngày hết hạn phải sau hôm nay.';
    else if (compareDates(date, latest) > 0) found.expires = `Hạn dùng tối đa 1 năm, tức là không quá ngày ${showDate(latest)}.`;
    setErrors(found);
    if (Object.keys(found).length) {
      const first = ['name', 'user', 'expires'].find((k) => found[k]);
      document.getElementById(`token-${first}`).focus();
      return;
    }
    setBusy(true);
    try {
      onCreated(await createApiToken({ name: name.trim(), user_id: Number(userId), expires_at: isoDate(date) }));
    } catch (err) {
      const field = err.details && (err.details.field || err.details.parameter);
      if (field === 'expires_at') setErrors({ expires: err.message });
      else if (field === 'user_id') setErrors({ user: err.message });
      else if (field === 'name') setErrors({ name: err.message });
      else setErrors({ form: err.message });
      setBusy(false);
    }
  }

  const people = holders.data || [];
  return (
    <form class="form card" onSubmit={submit} noValidate aria-labelledby="token-new-title">
      <h2 id="token-new-title" class="section-title">
        Cấp mã mới
      </h2>
      {errors.form && (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <TextField
        id="token-name"
        label="Tên gợi nhớ"
        hint="Để biết mã dùng ở đâu, ví dụ: Bảng số liệu Văn phòng Tỉnh ủy."
        autocomplete="off"
        maxLength={200}
        value={name}
        error={errors.name}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      {holders.error ? (
        <ErrorMessage title="Không tải được danh sách tài khoản." error={holders.error} onRetry={holders.retry} />
      ) : (
        <SelectField
          id="token-user"
          label="Tài khoản sử dụng mã"
          hint="Chỉ tài khoản Cán bộ Tỉnh ủy (theo dõi) và Lãnh đạo tỉnh đang hoạt động."
          error={errors.user}
          value={userId}
          disabled={holders.loading && !holders.data}
          onChange={(e) => setUserId(e.currentTarget.value)}
        >
          <option value="">{holders.loading && !holders.data ? 'Đang tải…' : '— Chọn tài khoản —'}</option>
          {people.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.full_name} ({u.username}) – {roleLabel(u.role)}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        id="token-expires"
        label="Hết hạn vào ngày"
        hint={`Dạng ngày/tháng/năm; muộn nhất ${showDate(latest)}.`}
        inputMode="numeric"
        autocomplete="off"
        placeholder="dd/mm/yyyy"
        maxLength={10}
        value={expires}
        error={errors.expires}
        onInput={(e) => setExpires(e.currentTarget.value)}
      />
      <div class="presets" role="group" aria-label="Chọn nhanh thời hạn">
        {PRESETS.map((p) => (
          <button key={p.label} type="button" class="button button-small" onClick={() => setExpires(showDate(p.at(now)))}>
            {p.label}
          </button>
        ))}
      </div>
      <p class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Đang cấp mã…' : 'Cấp mã'}
        </button>
      </p>
    </form>
  );
}
