// "Người dùng": the accounts, searched on the server (diacritics ignored) and filtered by
// role, unit and status, 50 at a time with "Xem thêm". The filters live in the address, so
// coming back from a user's page finds the same list.
import { useEffect, useState } from 'preact/hooks';
import { listUsers } from '../../../api.js';
import { ErrorMessage } from '../../../components/ErrorMessage.jsx';
import { Loading } from '../../../components/Loading.jsx';
import { formatNumber } from '../../../format.js';
import { Link, navigate, useLocation } from '../../../router.js';
import { useTitle } from '../../../title.js';
import { UserFilters } from './UserFilters.jsx';
import { UserList } from './UserList.jsx';

const PAGE = 50;
const KEYS = ['q', 'role', 'unit', 'status'];

function readFilters(search) {
  const p = new URLSearchParams(search);
  return Object.fromEntries(KEYS.map((k) => [k, p.get(k) || '']));
}

function writeFilters(filters) {
  const p = new URLSearchParams();
  for (const k of KEYS) if (filters[k]) p.set(k, filters[k]);
  const s = p.toString();
  navigate(`/quan-tri/nguoi-dung${s ? `?${s}` : ''}`, { replace: true });
}

function query(filters, cursor, signal) {
  return listUsers({
    q: filters.q.trim(),
    role: filters.role,
    unitId: filters.unit,
    disabled: filters.status === 'disabled' ? 'true' : filters.status === 'active' ? 'false' : undefined,
    limit: PAGE,
    cursor,
    signal,
  });
}

export function UsersScreen() {
  useTitle('Người dùng');
  const { search } = useLocation();
  const filters = readFilters(search);
  const key = KEYS.map((k) => filters[k]).join('\u0001');
  const [page, setPage] = useState({ key: null, items: [], total: 0, next: null });
  const [state, setState] = useState({ loading: true, error: null, more: false });
  const [attempt, setAttempt] = useState(0);

  // The first page for the current filters.
  useEffect(() => {
    const controller = new AbortController();
    setState({ loading: true, error: null, more: false });
    query(filters, undefined, controller.signal).then(
      (body) => {
        setPage({ key, items: body.items, total: body.total, next: body.next_cursor });
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
      const body = await query(filters, page.next);
      setPage((p) => ({ ...p, items: [...p.items, ...body.items], total: body.total, next: body.next_cursor }));
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
          Người dùng
        </h1>
        <Link href="/quan-tri/nguoi-dung/moi" class="button">
          Thêm người dùng
        </Link>
      </div>
      <UserFilters filters={filters} onChange={(f) => writeFilters(f)} />
      {state.error && !state.more ? (
        <ErrorMessage title="Không tải được danh sách người dùng." error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : state.loading && !state.more && page.key !== key ? (
        <Loading>Đang tải danh sách người dùng…</Loading>
      ) : (
        <>
          <p class="count" role="status">
            {shown.total === 0
              ? 'Không có người dùng nào khớp với bộ lọc.'
              : `${formatNumber(shown.total)} người dùng${shown.items.length < shown.total ? `, đang hiện ${formatNumber(shown.items.length)}` : ''}`}
          </p>
          {shown.items.length > 0 && <UserList users={shown.items} />}
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
