// Choosing the field (lĩnh vực) of an issue: a search box that ignores diacritics ("xay dung"
// finds "xây dựng") over radio buttons, each naming the departments the field goes to. Radios
// keep it usable from the keyboard (arrows move, Space picks) and with a screen reader.
import { useMemo, useState } from 'preact/hooks';
import { formatNumber } from '../../format.js';
import { makeMatcher } from '../../text.js';

/** The departments (not ministries) a field goes to, as units, in the catalogue's order. */
export function fieldDepartments(refs, slug) {
  const field = slug && refs.fields.get(slug);
  if (!field) return [];
  return (field.units || []).filter((id) => refs.departmentIds.has(id)).map((id) => refs.departments.find((u) => u.id === id));
}

export function FieldPicker({ refs, value, onChange, error }) {
  const [query, setQuery] = useState('');
  const rows = useMemo(
    () =>
      refs.fieldList.map((f) => ({
        slug: f.slug,
        name: f.name,
        departments: fieldDepartments(refs, f.slug).map((u) => u.name),
      })),
    [refs],
  );
  const visible = useMemo(() => {
    const match = makeMatcher(query);
    return rows.filter((r) => match(r.name, ...r.departments));
  }, [rows, query]);
  const chosen = rows.find((r) => r.slug === value);

  return (
    <fieldset class="fieldset field-picker" aria-describedby={error ? 'issue-field-error' : undefined}>
      <legend class="field-label">Lĩnh vực</legend>
      <div class="field-hint" id="issue-field-hint">
        Gõ vài chữ (có dấu hoặc không dấu) để tìm, rồi chọn lĩnh vực. Kiến nghị được gửi đến sở, ngành phụ trách lĩnh vực đó.
      </div>
      <input
        id="issue-field-search"
        class="input"
        type="search"
        autocomplete="off"
        spellcheck={false}
        placeholder="Ví dụ: xay dung, dat dai, y te"
        aria-label="Tìm lĩnh vực"
        aria-describedby="issue-field-hint"
        aria-controls="issue-field-options"
        aria-invalid={error ? 'true' : undefined}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <p class="picker-count" role="status">
        {query.trim() ? `${formatNumber(visible.length)} lĩnh vực khớp` : `${formatNumber(rows.length)} lĩnh vực`}
      </p>
      <div id="issue-field-options" class="picker-options" role="radiogroup" aria-label="Các lĩnh vực">
        {visible.length === 0 && <p class="muted picker-empty">Không có lĩnh vực nào khớp với “{query.trim()}”.</p>}
        {visible.map((r) => (
          <label key={r.slug} class={r.slug === value ? 'picker-option is-chosen' : 'picker-option'}>
            <input type="radio" name="issue-field" value={r.slug} checked={r.slug === value} onChange={() => onChange(r.slug)} />
            <span class="picker-text">
              <span class="picker-name">{r.name}</span>
              <span class="picker-units">{r.departments.join('; ') || 'Chưa phân công sở, ngành'}</span>
            </span>
          </label>
        ))}
      </div>
      {chosen && !visible.includes(chosen) && (
        <p class="picker-chosen">
          Đã chọn: <strong>{chosen.name}</strong>
        </p>
      )}
      {error && (
        <p id="issue-field-error" class="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}
