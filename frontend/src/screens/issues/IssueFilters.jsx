// The search box and filters above an issue list: words (diacritics ignored by the server),
// state, field, commune, overdue, and a date range typed as dd/mm/yyyy. They apply together
// with "Lọc" (or Enter) and live in the address; on phones they start folded.
import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../../components/Field.jsx';
import { compareDates, isoDate, parseDate, showDate } from '../../dates.js';
import { STATE_ORDER, stateLabel } from './labels.js';

const EMPTY = { q: '', state: '', field: '', commune: '', overdue: '', from: '', to: '' };

// "2026-11-28" → "28/11/2026" for the box; anything else is shown as it is.
function shown(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m ? showDate({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }) : iso || '';
}

function fromFilters(filters) {
  return { ...EMPTY, ...filters, from: shown(filters.from), to: shown(filters.to) };
}

function wide() {
  return typeof window !== 'undefined' && window.matchMedia('(min-width: 40rem)').matches;
}

export function IssueFilters({ filters, onApply, show, states = STATE_ORDER, refs }) {
  const [form, setForm] = useState(() => fromFilters(filters));
  const [errors, setErrors] = useState({});
  const key = JSON.stringify(filters);
  // Back/forward: the boxes follow the address.
  useEffect(() => setForm(fromFilters(filters)), [key]);

  const set = (name) => (e) => {
    setForm({ ...form, [name]: e.currentTarget.value });
    if (errors[name]) setErrors({ ...errors, [name]: null });
  };
  const has = (name) => show.includes(name);

  function submit(event) {
    event.preventDefault();
    const found = {};
    const from = form.from.trim() ? parseDate(form.from) : null;
    const to = form.to.trim() ? parseDate(form.to) : null;
    if (form.from.trim() && !from) found.from = 'Nhập ngày dạng ngày/tháng/năm, ví dụ 01/11/2026.';
    if (form.to.trim() && !to) found.to = 'Nhập ngày dạng ngày/tháng/năm, ví dụ 30/11/2026.';
    if (from && to && compareDates(from, to) > 0) found.to = '“Đến ngày” phải sau hoặc bằng “Từ ngày”.';
    setErrors(found);
    if (Object.keys(found).length) {
      const el = document.getElementById(found.from ? 'issue-from' : 'issue-to');
      if (el) el.focus();
      return;
    }
    onApply({ ...form, q: form.q.trim(), from: from ? isoDate(from) : '', to: to ? isoDate(to) : '' });
  }

  function clear() {
    setForm(EMPTY);
    setErrors({});
    onApply(EMPTY);
  }

  const active = ['state', 'field', 'commune', 'overdue', 'from', 'to'].filter((k) => filters[k]).length;
  const fields = refs ? refs.fieldList : [];
  const communes = refs ? refs.communes : [];
  return (
    <form class="issue-filters" role="search" aria-label="Tìm và lọc kiến nghị" onSubmit={submit} noValidate>
      <div class="issue-search">
        <div class="field">
          <label for="issue-q" class="field-label">
            Tìm theo mã, tiêu đề, nội dung
          </label>
          <input id="issue-q" class="input" type="search" autocomplete="off" spellcheck={false} placeholder="Ví dụ: dat dai" maxLength={200} value={form.q} onInput={set('q')} />
        </div>
        <button type="submit" class="button">
          Tìm
        </button>
      </div>
      <details class="filters-box" open={wide() || active > 0}>
        <summary>Bộ lọc{active > 0 && ` (đang áp dụng ${active})`}</summary>
        <div class="filters card">
          {has('state') && (
            <div class="field">
              <label for="issue-state" class="field-label">
                Trạng thái
              </label>
              <select id="issue-state" class="input select" value={form.state} onChange={set('state')}>
                <option value="">Tất cả</option>
                {states.map((s) => (
                  <option key={s} value={s}>
                    {stateLabel(s)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {has('field') && (
            <div class="field">
              <label for="issue-field" class="field-label">
                Lĩnh vực
              </label>
              <select id="issue-field" class="input select" value={form.field} onChange={set('field')}>
                <option value="">Tất cả lĩnh vực</option>
                {fields.map((f) => (
                  <option key={f.slug} value={f.slug}>
                    {f.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {has('commune') && (
            <div class="field">
              <label for="issue-commune" class="field-label">
                Xã, phường
              </label>
              <select id="issue-commune" class="input select" value={form.commune} onChange={set('commune')}>
                <option value="">Tất cả xã, phường</option>
                {communes.map((u) => (
                  <option key={u.id} value={String(u.id)}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {has('overdue') && (
            <div class="field">
              <label for="issue-overdue" class="field-label">
                Hạn xử lý
              </label>
              <select id="issue-overdue" class="input select" value={form.overdue} onChange={set('overdue')}>
                <option value="">Tất cả</option>
                <option value="true">Chỉ kiến nghị quá hạn</option>
                <option value="false">Chưa quá hạn</option>
              </select>
            </div>
          )}
          {has('from') && (
            <TextField id="issue-from" label="Gửi từ ngày" placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} autocomplete="off" value={form.from} error={errors.from} onInput={set('from')} />
          )}
          {has('to') && (
            <TextField id="issue-to" label="Đến ngày" placeholder="dd/mm/yyyy" inputMode="numeric" maxLength={10} autocomplete="off" value={form.to} error={errors.to} onInput={set('to')} />
          )}
          <p class="actions filters-actions">
            <button type="submit" class="button">
              Lọc
            </button>
            <button type="button" class="button button-secondary" onClick={clear}>
              Xóa bộ lọc
            </button>
          </p>
        </div>
      </details>
    </form>
  );
}
