// "Hội nghị tập huấn": the conferences held, newest first, filtered by period, organizing
// department, field and attending commune (the filters live in the address), 30 at a time with
// "Xem thêm". Departments record theirs from here.
import { useEffect, useState } from 'preact/hooks';
import { listPeriods, listTrainings } from '../../reportsApi.js';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { isoDate, today } from '../../dates.js';
import { formatDateTime, formatNumber } from '../../format.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { FORMATS } from '../reports/labels.js';
import { CommunePicker } from './CommunePicker.jsx';
import { loadRefs } from './refs.js';
import { weekday } from '../reports/time.js';

const PAGE = 30;
const KEYS = { ky: 'periodId', 'don-vi': 'unitId', 'linh-vuc': 'field', xa: 'communeId' };
const DEPARTMENT_ROLES = ['department_officer', 'department_head'];

function readFilters(search) {
  const p = new URLSearchParams(search);
  const out = {};
  for (const [k, name] of Object.entries(KEYS)) out[name] = p.get(k) || '';
  return out;
}

function writeFilters(filters) {
  const p = new URLSearchParams();
  for (const [k, name] of Object.entries(KEYS)) if (filters[name]) p.set(k, filters[name]);
  const s = p.toString();
  navigate(`/tap-huan${s ? `?${s}` : ''}`, { replace: true });
}

function Filters({ filters, refs, periods }) {
  const set = (name) => (value) => writeFilters({ ...filters, [name]: value ? String(value) : '' });
  const now = isoDate(today());
  const active = Object.values(filters).some(Boolean);
  return (
    <details class="filters-box" open={active || window.matchMedia('(min-width: 40rem)').matches}>
      <summary>Lọc theo kỳ, đơn vị tổ chức, lĩnh vực, xã, phường</summary>
      <div class="filters" role="search" aria-label="Lọc hội nghị tập huấn">
        <div class="field">
          <label for="tf-period" class="field-label">
            Kỳ báo cáo
          </label>
          <select id="tf-period" class="input select" value={filters.periodId} onChange={(e) => set('periodId')(e.currentTarget.value)}>
            <option value="">Tất cả các kỳ</option>
            {(periods || [])
              .filter((p) => p.starts_on <= now)
              .map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="tf-unit" class="field-label">
            Đơn vị tổ chức
          </label>
          <select id="tf-unit" class="input select" value={filters.unitId} onChange={(e) => set('unitId')(e.currentTarget.value)}>
            <option value="">Tất cả sở, ban, ngành</option>
            {refs.departments.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field filters-wide">
          <label for="tf-field" class="field-label">
            Lĩnh vực
          </label>
          <select id="tf-field" class="input select" value={filters.field} onChange={(e) => set('field')(e.currentTarget.value)}>
            <option value="">Tất cả lĩnh vực</option>
            {refs.fields.map((f) => (
              <option key={f.slug} value={f.slug}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div class="filters-wide">
          <CommunePicker
            id="tf-commune"
            label="Xã, phường tham dự"
            communes={refs.communes}
            emptyLabel="Tất cả xã, phường"
            value={filters.communeId ? Number(filters.communeId) : null}
            onChange={set('communeId')}
          />
        </div>
        {active && (
          <p class="filters-actions">
            <button type="button" class="button button-secondary" onClick={() => writeFilters({})}>
              Bỏ lọc
            </button>
          </p>
        )}
      </div>
    </details>
  );
}

/** One conference in a list. */
export function TrainingCard({ t }) {
  return (
    <li class="card-item training-card">
      <p class="card-item-title">
        <Link href={`/tap-huan/${t.id}`}>{t.title}</Link>
      </p>
      <p class="card-item-meta">
        Lần {t.round} · {t.organizer && t.organizer.name}
      </p>
      <p class="card-item-meta">
        {formatDateTime(t.starts_at)} ({weekday(t.starts_at)}) · {FORMATS[t.format] || t.format}
      </p>
      <p class="badges">
        <span class="badge">{formatNumber(t.communes_total)} xã, phường</span>
        <span class="badge">{formatNumber(t.participants_total)} người tham dự</span>
        {t.recommendations && t.recommendations.length > 0 && <span class="badge">{formatNumber(t.recommendations.length)} kiến nghị thu thập</span>}
      </p>
    </li>
  );
}

export function TrainingsScreen({ user }) {
  useTitle('Hội nghị tập huấn');
  const { search } = useLocation();
  const filters = readFilters(search);
  const key = Object.values(filters).join('\u0001');
  const refs = useResource(() => loadRefs(), []);
  const periods = useResource((signal) => listPeriods({ signal }), []);
  const [page, setPage] = useState({ key: null, items: [], total: 0, next: null });
  const [state, setState] = useState({ loading: true, error: null, more: false });
  const [attempt, setAttempt] = useState(0);

  const query = (before, signal) =>
    listTrainings({
      periodId: filters.periodId || undefined,
      unitId: filters.unitId || undefined,
      field: filters.field || undefined,
      communeId: filters.communeId || undefined,
      before,
      limit: PAGE,
      signal,
    });

  useEffect(() => {
    const controller = new AbortController();
    setState({ loading: true, error: null, more: false });
    query(undefined, controller.signal).then(
      (body) => {
        setPage({ key, items: body.items, total: body.total, next: body.next_before });
        setState({ loading: false, error: null, more: false });
      },
      (error) => {
        if (!controller.signal.aborted) setState({ loading: false, error, more: false });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  async function loadMore() {
    setState({ loading: true, error: null, more: true });
    try {
      const body = await query(page.next);
      setPage((p) => ({ ...p, items: [...p.items, ...body.items], total: body.total, next: body.next_before }));
      setState({ loading: false, error: null, more: false });
    } catch (error) {
      setState({ loading: false, error, more: true });
    }
  }

  const shown = page.key === key ? page : { items: [], total: 0, next: null };
  return (
    <>
      <div class="page-head page-head-actions">
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          Hội nghị tập huấn
        </h1>
        {DEPARTMENT_ROLES.includes(user.role) && (
          <Link href="/tap-huan/moi" class="button">
            Ghi nhận hội nghị
          </Link>
        )}
      </div>
      {refs.error ? (
        <ErrorMessage title="Không tải được danh mục lĩnh vực, đơn vị." error={refs.error} onRetry={refs.retry} />
      ) : refs.data ? (
        <Filters filters={filters} refs={refs.data} periods={periods.data && periods.data.items} />
      ) : null}
      {state.error && !state.more ? (
        <ErrorMessage title="Không tải được danh sách hội nghị." error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : state.loading && !state.more && page.key !== key ? (
        <Loading>Đang tải danh sách hội nghị…</Loading>
      ) : (
        <>
          <p class="count" role="status">
            {shown.total === 0
              ? 'Không có hội nghị nào khớp với bộ lọc.'
              : `${formatNumber(shown.total)} hội nghị${shown.items.length < shown.total ? `, đang hiện ${formatNumber(shown.items.length)}` : ''}`}
          </p>
          {shown.items.length > 0 && (
            <ul class="cards" aria-label="Danh sách hội nghị tập huấn">
              {shown.items.map((t) => (
                <TrainingCard key={t.id} t={t} />
              ))}
            </ul>
          )}
          {state.error && state.more && <ErrorMessage title="Không tải thêm được." error={state.error} onRetry={loadMore} />}
          {shown.next && !(state.error && state.more) && (
            <p class="more">
              <button type="button" class="button button-secondary" onClick={loadMore} disabled={state.loading}>
                {state.loading ? 'Đang tải…' : 'Xem thêm'}
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}
