// Choosing a commune out of 166 on a phone: a filter box that ignores diacritics ("hac thanh"
// finds Phường Hạc Thành) above the phone's own picker, which lists only the matches; with one
// match it is chosen at once.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { makeMatcher } from '../../text.js';

export function CommunePicker({ id, label, communes, value, onChange, exclude, error, emptyLabel = '— Chọn xã, phường —' }) {
  const [query, setQuery] = useState('');
  const visible = useMemo(() => {
    const match = makeMatcher(query);
    return communes.filter((c) => (!exclude || !exclude.has(c.id) || c.id === value) && (match(c.name, c.code) || c.id === value));
  }, [communes, query, exclude, value]);

  useEffect(() => {
    if (query.trim() && visible.length === 1 && visible[0].id !== value) onChange(visible[0].id);
  }, [visible, query]);

  const describedBy = error ? `${id}-error` : undefined;
  return (
    <div class="field commune-picker">
      <label for={id} class="field-label">
        {label}
      </label>
      <input
        id={`${id}-filter`}
        class="input"
        type="search"
        aria-label={`Lọc danh sách: ${label.toLowerCase()}`}
        aria-controls={id}
        autocomplete="off"
        spellcheck={false}
        placeholder="Gõ vài chữ trong tên, không cần dấu"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <select
        id={id}
        class="input select"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        value={value == null ? '' : String(value)}
        onChange={(e) => onChange(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
      >
        <option value="">{query.trim() ? `${emptyLabel} (${visible.length} khớp)` : emptyLabel}</option>
        {visible.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {c.name}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} class="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}
