// Choosing a unit from a long list on a phone: a native <select> (the phone's own picker),
// with a diacritics-blind filter above it when the list is long (166 communes). Only units
// that `fits` accepts are offered; when exactly one does, it is chosen for the user.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorMessage } from '../../../components/ErrorMessage.jsx';
import { Loading } from '../../../components/Loading.jsx';
import { Field } from '../../../components/Field.jsx';
import { makeMatcher } from '../../../text.js';
import { useResource } from '../../../useResource.js';
import { KIND_GROUPS, loadUnits } from './units.js';

const FILTER_FROM = 12;

export function UnitPicker({ id, label, kinds, fits, value, onChange, error, hint, emptyLabel = '— Chọn đơn vị —', autoPick = true }) {
  const all = useResource(() => loadUnits(kinds), [kinds.join(',')]);
  const [query, setQuery] = useState('');
  const units = useMemo(() => (all.data || []).filter(fits), [all.data, fits]);

  useEffect(() => {
    if (autoPick && units.length === 1 && String(value) !== String(units[0].id)) onChange(units[0].id);
  }, [units, value, autoPick]);

  const visible = useMemo(() => {
    const match = makeMatcher(query);
    // The chosen unit stays in the list even when the filter would hide it.
    return units.filter((u) => match(u.name, u.code) || String(u.id) === String(value));
  }, [units, query, value]);

  if (all.error) return <ErrorMessage title="Không tải được danh sách đơn vị." error={all.error} onRetry={all.retry} />;
  if (all.loading && !all.data) return <Loading>Đang tải danh sách đơn vị…</Loading>;

  const groups = KIND_GROUPS.map((g) => ({ ...g, units: visible.filter((u) => u.kind === g.kind) })).filter((g) => g.units.length);
  const options = (list) =>
    list.map((u) => (
      <option key={u.id} value={String(u.id)}>
        {u.name}
      </option>
    ));
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <div class="unit-picker">
          {units.length >= FILTER_FROM && (
            <input
              class="input unit-picker-filter"
              type="search"
              aria-label={`Lọc danh sách ${label.toLowerCase()}`}
              aria-controls={id}
              autocomplete="off"
              spellcheck={false}
              placeholder="Lọc: gõ vài chữ trong tên, không cần dấu"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          )}
          <select
            class="input select"
            {...aria}
            value={value == null ? '' : String(value)}
            onChange={(e) => onChange(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
          >
            <option value="">{query.trim() ? `${emptyLabel} (${visible.length} khớp)` : emptyLabel}</option>
            {groups.length === 1
              ? options(groups[0].units)
              : groups.map((g) => (
                  <optgroup key={g.kind} label={g.label}>
                    {options(g.units)}
                  </optgroup>
                ))}
          </select>
        </div>
      )}
    </Field>
  );
}
