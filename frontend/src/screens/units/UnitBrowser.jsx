// The list of units by kind, with a filter that ignores diacritics.
import { useMemo, useState } from 'preact/hooks';
import { listFields, listUnits } from '../../api.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatNumber } from '../../format.js';
import { makeMatcher } from '../../text.js';
import { useResource } from '../../useResource.js';
import { KINDS } from './kinds.js';
import { KindTabs } from './KindTabs.jsx';
import { UnitList } from './UnitList.jsx';

const PANEL_ID = 'units-panel';

export function UnitBrowser() {
  const [kind, setKind] = useState('commune');
  const [query, setQuery] = useState('');
  // Tagged with its kind so a list never shows under another kind's tab while that one loads.
  const units = useResource(() => listUnits({ kind }).then((body) => ({ kind, body })), [kind]);
  // Field names are only shown for departments and ministries; communes don't need them.
  const needsFields = kind !== 'commune';
  const fields = useResource(() => (needsFields ? listFields() : Promise.resolve(null)), [needsFields]);

  const fieldNames = useMemo(() => {
    const names = new Map();
    for (const f of (fields.data && fields.data.items) || []) names.set(f.slug, f.name);
    return names;
  }, [fields.data]);

  const meta = KINDS.find((k) => k.id === kind);
  const data = units.data && units.data.kind === kind ? units.data.body : null;
  const items = (data && Array.isArray(data.items) && data.items) || [];
  const total = data && typeof data.total === 'number' ? data.total : items.length;

  const visible = useMemo(() => {
    const match = makeMatcher(query);
    return items.filter((u) => match(u.name, u.code));
  }, [items, query]);

  return (
    <section class="units" aria-label="Danh sách đơn vị">
      <KindTabs selected={kind} onSelect={setKind} panelId={PANEL_ID} />
      <div id={PANEL_ID} role="tabpanel" aria-labelledby={`tab-${kind}`} class="tab-panel">
        <div class="filter">
          <label for="unit-filter" class="filter-label">
            Tìm theo tên hoặc mã
          </label>
          <input
            id="unit-filter"
            class="filter-input"
            type="search"
            autocomplete="off"
            spellcheck={false}
            placeholder="Ví dụ: hac thanh"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>

        {units.error ? (
          <ErrorMessage title={`Không tải được danh sách ${meta.noun}.`} error={units.error} onRetry={units.retry} />
        ) : units.loading && items.length === 0 ? (
          <Loading>Đang tải danh sách {meta.noun}…</Loading>
        ) : (
          <>
            <p class="count" role="status">
              {query.trim()
                ? `Tìm thấy ${formatNumber(visible.length)} trong ${formatNumber(total)} ${meta.noun}`
                : `${formatNumber(total)} ${meta.noun}`}
              {!query.trim() && kind === 'commune' && <CommuneBreakdown items={items} />}
            </p>
            {visible.length > 0 ? (
              <UnitList units={visible} fieldNames={fieldNames} label={`Danh sách ${meta.noun}`} />
            ) : (
              <p class="empty">Không có đơn vị nào khớp với “{query.trim()}”.</p>
            )}
          </>
        )}
      </div>
    </section>
  );
}

// "(19 phường, 147 xã)" after the commune count.
function CommuneBreakdown({ items }) {
  let wards = 0;
  let communes = 0;
  for (const u of items) {
    if (u.commune_type === 'phường') wards += 1;
    else if (u.commune_type === 'xã') communes += 1;
  }
  if (wards + communes === 0) return null;
  return <span class="count-detail"> ({formatNumber(wards)} phường, {formatNumber(communes)} xã)</span>;
}
