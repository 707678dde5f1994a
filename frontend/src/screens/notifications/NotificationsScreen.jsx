// "Thông báo": what happened to the issues the user's unit deals with — new, answered,
// returned, escalated, comments, due soon, overdue — newest first, each linking to its issue.
// Mark one or all as read; opening an issue from here marks its notification read too.
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage.jsx';
import { Loading } from '../../components/Loading.jsx';
import { formatDateTime, formatNumber } from '../../format.js';
import { listNotifications, markNotificationsRead } from '../../issuesApi.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useTitle } from '../../title.js';
import { setUnread } from './unread.js';
import '../issues/issues.css';

const PAGE = 30;

const KINDS = {
  new_issue: { label: 'Kiến nghị mới', tone: 'new' },
  answered: { label: 'Đã trả lời', tone: 'ok' },
  returned: { label: 'Bị trả lại', tone: 'warn' },
  escalated: { label: 'Trình cấp trên', tone: 'up' },
  rerouted: { label: 'Được chuyển đến', tone: 'new' },
  reopened: { label: 'Mở lại', tone: 'warn' },
  comment: { label: 'Ý kiến mới', tone: 'work' },
  closed: { label: 'Đã kết thúc', tone: 'done' },
  due_soon: { label: 'Sắp đến hạn', tone: 'warn' },
  overdue: { label: 'Quá hạn', tone: 'bad' },
  ministry_reply: { label: 'Bộ, ngành trả lời', tone: 'ok' },
};

export function NotificationsScreen() {
  useTitle('Thông báo');
  const { search } = useLocation();
  const onlyUnread = new URLSearchParams(search).get('chua-doc') === '1';
  const [page, setPage] = useState({ key: null, items: [], next: null, unread: 0 });
  const [state, setState] = useState({ loading: true, error: null, more: false });
  const [attempt, setAttempt] = useState(0);
  const [marking, setMarking] = useState(null);
  const [markError, setMarkError] = useState(null);
  const key = onlyUnread ? 'unread' : 'all';
  const params = { unread: onlyUnread ? 'true' : undefined, limit: PAGE };

  useEffect(() => {
    const controller = new AbortController();
    setState({ loading: true, error: null, more: false });
    listNotifications(params, { signal: controller.signal }).then(
      (body) => {
        setPage({ key, items: body.items, next: body.next_before, unread: body.unread });
        setUnread(body.unread);
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
      const body = await listNotifications({ ...params, before: page.next });
      setPage((p) => ({ ...p, items: [...p.items, ...body.items], next: body.next_before, unread: body.unread }));
      setUnread(body.unread);
      setState({ loading: false, error: null, more: false });
    } catch (error) {
      setState({ loading: false, error, more: true });
    }
  }

  async function mark(which, id) {
    setMarking(id || 'all');
    setMarkError(null);
    try {
      const body = await markNotificationsRead(which);
      setUnread(body.unread);
      setPage((p) => ({
        ...p,
        unread: body.unread,
        items: p.items.map((n) => (which.all || which.ids.includes(n.id) ? { ...n, read: true } : n)),
      }));
    } catch (err) {
      setMarkError(err);
    }
    setMarking(null);
  }

  function open(event, n) {
    // Reading the issue is reading the notification; the mark is sent on the way.
    if (!n.read) markNotificationsRead({ ids: [n.id] }).then((body) => setUnread(body.unread), () => {});
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(`/kien-nghi/${n.issue.id}`);
  }

  const shown = page.key === key ? page : { items: [], next: null, unread: 0 };
  return (
    <>
      <div class="page-head page-head-actions">
        <h1 id="page-title" class="page-title" tabIndex={-1}>
          Thông báo
        </h1>
        {shown.unread > 0 && (
          <button type="button" class="button button-secondary" disabled={Boolean(marking)} onClick={() => mark({ all: true })}>
            {marking === 'all' ? 'Đang đánh dấu…' : 'Đánh dấu tất cả đã đọc'}
          </button>
        )}
      </div>
      <nav class="view-tabs" aria-label="Xem theo">
        <Link href="/thong-bao" class="view-tab" aria-current={!onlyUnread ? 'page' : undefined}>
          Tất cả
        </Link>
        <Link href="/thong-bao?chua-doc=1" class="view-tab" aria-current={onlyUnread ? 'page' : undefined}>
          Chưa đọc
        </Link>
      </nav>
      {markError && <ErrorMessage title="Chưa đánh dấu được." error={markError} />}
      {state.error && !state.more ? (
        <ErrorMessage title="Không tải được thông báo." error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : state.loading && !state.more && page.key !== key ? (
        <Loading>Đang tải thông báo…</Loading>
      ) : (
        <>
          <p class="count" role="status">
            {shown.items.length === 0
              ? onlyUnread
                ? 'Không có thông báo chưa đọc.'
                : 'Chưa có thông báo nào.'
              : shown.unread > 0
                ? `${formatNumber(shown.unread)} thông báo chưa đọc`
                : 'Đã đọc hết thông báo.'}
          </p>
          {shown.items.length > 0 && (
            <ul class="notes" aria-label="Danh sách thông báo">
              {shown.items.map((n) => {
                const kind = KINDS[n.kind] || { label: n.kind, tone: 'done' };
                return (
                  <li key={n.id} class={n.read ? 'note' : 'note is-unread'}>
                    <p class="note-head">
                      <span class={`badge state state-${kind.tone}`}>{kind.label}</span>
                      {!n.read && <span class="note-dot">Chưa đọc</span>}
                      <time class="note-time" dateTime={n.created_at}>
                        {formatDateTime(n.created_at)}
                      </time>
                    </p>
                    <p class="note-message">{n.message}</p>
                    {n.issue && (
                      <p class="note-issue">
                        <a href={`/kien-nghi/${n.issue.id}`} onClick={(e) => open(e, n)}>
                          {n.issue.code}: {n.issue.title}
                        </a>
                      </p>
                    )}
                    {!n.read && (
                      <p class="note-actions">
                        <button type="button" class="button button-small" disabled={marking === n.id} onClick={() => mark({ ids: [n.id] }, n.id)}>
                          {marking === n.id ? 'Đang đánh dấu…' : 'Đánh dấu đã đọc'}
                        </button>
                      </p>
                    )}
                  </li>
                );
              })}
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
