// For communes: which provincial department handles each field (lĩnh vực), with a filter
// that ignores diacritics ("dat dai" finds "Đất đai"). Built from GET /fields and the list of
// departments. The full list (over 40 rows) opens on request, so the page stays short.
import { useMemo, useState } from 'preact/hooks';
import { listFields, listUnits } from '../../api.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatNumber } from '../../format.js';
import { makeMatcher } from '../../text.js';
import { useResource } from '../../useResource.js';
import { Section } from './Section.jsx';

function load() {
  return Promise.all([listFields(), listUnits({ kind: 'department' })]).then(([fields, departments]) => {
    const names = new Map(departments.items.map((u) => [u.id, u.name]));
    return fields.items.map((f) => ({
      slug: f.slug,
      name: f.name,
      departments: (f.units || []).map((id) => names.get(id)).filter(Boolean),
    }));
  });
}

export function FieldDirectory() {
  const data = useResource(load, []);
  const [query, setQuery] = useState('');
  const [all, setAll] = useState(false);
  const rows = data.data || [];
  const visible = useMemo(() => {
    const match = makeMatcher(query);
    return rows.filter((r) => match(r.name, ...r.departments));
  }, [rows, query]);

  return (
    <Section id="field-directory" title="Sở, ngành phụ trách theo lĩnh vực">
      <p class="section-lead">Khi có khó khăn, vướng mắc, tra cứu lĩnh vực để biết sở, ngành nào giải quyết.</p>
      {data.error ? (
        <ErrorMessage title="Không tải được danh mục lĩnh vực." error={data.error} onRetry={data.retry} />
      ) : data.loading && rows.length === 0 ? (
        <Loading>Đang tải danh mục lĩnh vực…</Loading>
      ) : (
        <>
          <div class="filter">
            <label for="field-filter" class="filter-label">
              Tìm lĩnh vực hoặc sở, ngành
            </label>
            <input
              id="field-filter"
              class="filter-input"
              type="search"
              autocomplete="off"
              spellcheck={false}
              placeholder="Ví dụ: dat dai"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          </div>
          <p class="count" role="status">
            {query.trim()
              ? `Tìm thấy ${formatNumber(visible.length)} trong ${formatNumber(rows.length)} lĩnh vực`
              : `${formatNumber(rows.length)} lĩnh vực`}
          </p>
          {!query.trim() && !all ? (
            <button type="button" class="button button-secondary" aria-expanded="false" onClick={() => setAll(true)}>
              Xem tất cả {formatNumber(rows.length)} lĩnh vực
            </button>
          ) : visible.length > 0 ? (
            <ul class="directory" aria-label="Lĩnh vực và sở, ngành phụ trách">
              {visible.map((r) => (
                <li key={r.slug} class="directory-row">
                  <span class="directory-field">{r.name}</span>
                  <span class="directory-units">{r.departments.join('; ') || 'Chưa phân công'}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">Không có lĩnh vực nào khớp với “{query.trim()}”.</p>
          )}
        </>
      )}
    </Section>
  );
}
