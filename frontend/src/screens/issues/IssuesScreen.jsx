// The issue list, one screen for every role that reads issues (views.js says what each sees):
// the commune's own issues, a department's inbox (overdue first, pick several to group them),
// the province office's escalated issues, the province-wide list for the leadership and Sở Nội
// vụ. The tab and the filters live in the address; 30 at a time with "Xem thêm".
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatNumber } from '../../format.js';
import { listIssues } from '../../issuesApi.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useTitle } from '../../title.js';
import { useResource } from '../../useResource.js';
import { GroupBar } from './GroupBar.jsx';
import { IssueFilters } from './IssueFilters.jsx';
import { IssueList } from './IssueList.jsx';
import { loadRefs } from './refs.js';
import { listSetup } from './views.js';
import './issues.css';

const PAGE = 30;
const KEYS = ['view', 'q', 'state', 'field', 'commune', 'overdue', 'from', 'to'];

function readFilters(search) {
  const p = new URLSearchParams(search);
  return Object.fromEntries(KEYS.map((k) => [k, p.get(k) || '']));
}

function href(filters) {
  const p = new URLSearchParams();
  for (const k of KEYS) if (filters[k]) p.set(k, filters[k]);
  const s = p.toString();
  return `/kien-nghi${s ? `?${s}` : ''}`;
}

// The API parameters of a view with the user's filters on top.
function apiParams(view, f) {
  const params = { ...view.params, sort: view.sort, limit: PAGE };
  if (f.q) params.q = f.q;
  if (f.state) params.state = f.state;
  if (f.field) params.field = f.field;
  if (f.commune) params.commune_id = f.commune;
  if (f.overdue) params.overdue = f.overdue;
  if (f.from) params.from = f.from;
  if (f.to) params.to = f.to;
  return params;
}

export function IssuesScreen({ user }) {
  const setup = listSetup(user);
  useTitle(setup.title);
  const { search } = useLocation();
  const filters = readFilters(search);
  const view = setup.views.find((v) => v.id === filters.view) || setup.views[0];
  const params = apiParams(view, filters);
  const key = JSON.stringify(params);
  const refs = useResource(() => loadRefs(), []);
  const [page, setPage] = useState({ key: null, items: [], total: 0, next: null });
  const [state, setState] = useState({ loading: true, error: null, more: false });
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState(() => new Map());

  useEffect(() => {
    const controller = new AbortController();
    setState({ loading: true, error: null, more: false });
    listIssues(params, { signal: controller.signal }).then(
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
      const body = await listIssues({ ...params, cursor: page.next });
      setPage((p) => ({ ...p, items: [...p.items, ...body.items], total: body.total, next: body.next_cursor }));
      setState({ loading: false, error: null, more: false });
    } catch (error) {
      setState({ loading: false, error, more: true });
    }
  }

  function toggle(issue) {
    setSelected((s) => {
      const next = new Map(s);
      if (next.has(issue.id)) next.delete(issue.id);
      else next.set(issue.id, issue);
      return next;
    });
  }

  const shown = page.key === key ? page : { items: [], total: 0, next: null };
  const filtered = KEYS.some((k) => k !== 'view' && filters[k]);
  return (
    <>
      <div class="page-head page-head-actions">
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          {setup.title}
        </h1>
        {setup.canRaise && (
          <Link href="/kien-nghi/gui" class="button">
            Gửi kiến nghị
          </Link>
        )}
        {setup.groups && (
          <Link href="/kien-nghi/nhom" class="button button-secondary">
            Nhóm kiến nghị
          </Link>
        )}
      </div>
      <p class="page-lead">{setup.lead}</p>
      {setup.views.length > 1 && (
        <nav class="view-tabs" aria-label="Xem theo">
          {setup.views.map((v) => (
            <Link key={v.id} href={href({ ...filters, view: v.id === setup.views[0].id ? '' : v.id, state: '' })} class="view-tab" aria-current={v.id === view.id ? 'page' : undefined}>
              {v.label}
            </Link>
          ))}
        </nav>
      )}
      <IssueFilters
        filters={filters}
        show={setup.filters.filter((f) => f !== 'state' || !view.params.state || view.states)}
        states={view.states}
        refs={refs.data}
        onApply={(f) => navigate(href({ ...f, view: filters.view }), { replace: true })}
      />
      {refs.error && <ErrorMessage title="Không tải được danh mục lĩnh vực, đơn vị." error={refs.error} onRetry={refs.retry} />}
      {state.error && !state.more ? (
        <ErrorMessage title="Không tải được danh sách kiến nghị." error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : state.loading && !state.more && page.key !== key ? (
        <Loading>Đang tải danh sách kiến nghị…</Loading>
      ) : (
        <>
          <p class="count" role="status">
            {shown.total === 0
              ? filtered
                ? 'Không có kiến nghị nào khớp với bộ lọc.'
                : 'Chưa có kiến nghị nào.'
              : `${formatNumber(shown.total)} kiến nghị${shown.items.length < shown.total ? `, đang hiện ${formatNumber(shown.items.length)}` : ''}`}
          </p>
          {shown.total === 0 && setup.canRaise && !filtered && (
            <p class="empty">
              Khi xã gặp khó khăn, vướng mắc cần sở, ngành hướng dẫn, bấm <Link href="/kien-nghi/gui">Gửi kiến nghị</Link>.
            </p>
          )}
          {shown.items.length > 0 && (
            <IssueList issues={shown.items} refs={refs.data} role={user.role} label="Danh sách kiến nghị" selectable={view.select} selected={selected} onToggle={toggle} />
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
      {view.select && <GroupBar selected={selected} onClear={() => setSelected(new Map())} />}
    </>
  );
}
