// Filters of the audit log. The person is typed as a username and looked up (the API filters
// by user id); dates are whole days in Vietnam time, "đến ngày" included.
import { useState } from 'preact/hooks';
import { listUsers } from '../../../api.js';
import { TextField } from '../../../components/Field.jsx';
import { compareDates, isoDate, parseDate } from '../../../dates.js';
import { wideScreen } from '../shared/wideScreen.js';
import { ACTIONS, OBJECT_TYPES } from './labels.js';

const EMPTY = { action: '', actor: '', objectType: '', objectId: '', from: '', to: '' };

async function resolveActor(username) {
  const body = await listUsers({ q: username, limit: 20 });
  const hit = body.items.find((u) => u.username.toLowerCase() === username.toLowerCase());
  return hit ? hit.id : null;
}

export function AuditFilters({ onApply }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState(EMPTY);
  const set = (key) => (e) => setForm({ ...form, [key]: e.currentTarget.value });

  async function submit(event) {
    event.preventDefault();
    const found = {};
    const from = form.from.trim() ? parseDate(form.from) : null;
    const to = form.to.trim() ? parseDate(form.to) : null;
    if (form.from.trim() && !from) found.from = 'Nhập ngày dạng ngày/tháng/năm, ví dụ 01/11/2026.';
    if (form.to.trim() && !to) found.to = 'Nhập ngày dạng ngày/tháng/năm, ví dụ 30/11/2026.';
    if (from && to && compareDates(from, to) > 0) found.to = '“Đến ngày” phải sau hoặc bằng “Từ ngày”.';
    let actorId;
    if (!Object.keys(found).length && form.actor.trim()) {
      setBusy(true);
      try {
        actorId = await resolveActor(form.actor.trim());
        if (actorId == null) found.actor = 'Không có người dùng với tên đăng nhập này.';
      } catch (err) {
        found.actor = err.message;
      }
      setBusy(false);
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setApplied(form);
    onApply({
      action: form.action || undefined,
      actorId,
      objectType: form.objectType || undefined,
      objectId: form.objectId.trim() || undefined,
      // Whole days in Vietnam time; the server includes the "to" day.
      from: from ? isoDate(from) : undefined,
      to: to ? isoDate(to) : undefined,
    });
  }

  const active = Object.values(applied).filter(Boolean).length;
  return (
    <details class="filters-box" open={wideScreen()}>
      <summary>Bộ lọc{active > 0 && ` (đang áp dụng ${active})`}</summary>
      <form class="filters filters-3 card" role="search" aria-label="Lọc nhật ký" onSubmit={submit} noValidate>
      <div class="field">
        <label for="audit-action" class="field-label">
          Thao tác
        </label>
        <select id="audit-action" class="input select" value={form.action} onChange={set('action')}>
          <option value="">Tất cả</option>
          {Object.entries(ACTIONS).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <TextField id="audit-actor" label="Người thực hiện (tên đăng nhập)" autocomplete="off" autocapitalize="none" spellcheck={false} value={form.actor} error={errors.actor} onInput={set('actor')} />
      <div class="field">
        <label for="audit-object-type" class="field-label">
          Loại đối tượng
        </label>
        <select id="audit-object-type" class="input select" value={form.objectType} onChange={set('objectType')}>
          <option value="">Tất cả</option>
          {Object.entries(OBJECT_TYPES).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <TextField id="audit-object-id" label="Mã đối tượng" autocomplete="off" spellcheck={false} value={form.objectId} onInput={set('objectId')} />
      <TextField id="audit-from" label="Từ ngày" placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} autocomplete="off" value={form.from} error={errors.from} onInput={set('from')} />
      <TextField id="audit-to" label="Đến ngày" placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} autocomplete="off" value={form.to} error={errors.to} onInput={set('to')} />
      <p class="actions filters-actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Đang tìm…' : 'Lọc'}
        </button>
        <button
          type="button"
          class="button button-secondary"
          onClick={() => {
            setForm(EMPTY);
            setApplied(EMPTY);
            setErrors({});
            onApply({});
          }}
        >
          Xóa bộ lọc
        </button>
      </p>
      </form>
    </details>
  );
}
