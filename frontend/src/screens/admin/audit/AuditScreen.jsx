// "Nhật ký hệ thống": the append-only audit log, newest first, filtered by action, person,
// object and dates (dd/mm/yyyy, Vietnam time), 50 entries at a time.
import { useEffect, useState } from 'preact/hooks';
import { listAudit } from '../../../api.js';
import { ErrorMessage } from '../../../components/ErrorMessage.jsx';
import { Loading } from '../../../components/Loading.jsx';
import { useTitle } from '../../../title.js';
import { AuditFilters } from './AuditFilters.jsx';
import { AuditList } from './AuditList.jsx';

const PAGE = 50;

export function AuditScreen() {
  useTitle('Nhật ký hệ thống');
  // The query as sent: {action, actorId, objectType, objectId, from, to}.
  const [filters, setFilters] = useState({});
  const [items, setItems] = useState([]);
  const [next, setNext] = useState(null);
  const [state, setState] = useState({ loading: true, error: null, more: false });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ loading: true, error: null, more: false });
    listAudit({ ...filters, limit: PAGE, signal: controller.signal }).then(
      (body) => {
        setItems(body.items);
        setNext(body.next_before);
        setState({ loading: false, error: null, more: false });
      },
      (error) => {
        if (!controller.signal.aborted) setState({ loading: false, error, more: false });
      },
    );
    return () => controller.abort();
  }, [filters, attempt]);

  async function loadMore() {
    setState({ loading: true, error: null, more: true });
    try {
      const body = await listAudit({ ...filters, limit: PAGE, before: next });
      setItems((list) => [...list, ...body.items]);
      setNext(body.next_before);
      setState({ loading: false, error: null, more: false });
    } catch (error) {
      setState({ loading: false, error, more: true });
    }
  }

  return (
    <>
      <h1 id="page-title" class="page-title" tabIndex={-1}>
        Nhật ký hệ thống
      </h1>
      <p class="page-lead">Mọi thao tác quan trọng được ghi lại và không thể sửa, xóa. Giờ hiển thị theo giờ Việt Nam.</p>
      <AuditFilters onApply={setFilters} />
      {state.error && !state.more ? (
        <ErrorMessage title="Không tải được nhật ký." error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : state.loading && !state.more ? (
        <Loading>Đang tải nhật ký…</Loading>
      ) : (
        <>
          <p class="count" role="status">
            {items.length === 0 ? 'Không có mục nào khớp với bộ lọc.' : `Đang hiện ${items.length} mục mới nhất`}
          </p>
          {items.length > 0 && <AuditList entries={items} />}
          {state.error && state.more && <ErrorMessage title="Không tải thêm được." error={state.error} onRetry={loadMore} />}
          {next != null && !(state.error && state.more) && (
            <p class="more">
              <button type="button" class="button button-secondary" onClick={loadMore} disabled={state.loading}>
                {state.loading ? 'Đang tải…' : 'Xem các mục cũ hơn'}
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}
